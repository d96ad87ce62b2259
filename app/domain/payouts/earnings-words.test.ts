import { describe, expect, it } from "vitest";
import { ARTISAN_LANGUAGES, DICTIONARIES, t } from "~/domain/artisans";
import { earningsWord, PAYOUT_STATUS_KEY } from "./earnings-words";
import { PAYOUT_STATUSES } from "./forms";

describe("payout statuses on /artisan/earnings", () => {
  it("every status has its own words in Swahili and English", () => {
    for (const lang of ARTISAN_LANGUAGES) {
      const words = PAYOUT_STATUSES.map((status) => t(lang, PAYOUT_STATUS_KEY[status]));
      for (const status of PAYOUT_STATUSES) expect(DICTIONARIES[lang][PAYOUT_STATUS_KEY[status]], `${lang} ${status}`).toBeTruthy();
      expect(new Set(words).size).toBe(PAYOUT_STATUSES.length);
    }
  });

  it("a payout being checked with M-Pesa says so, and never that the money is back", () => {
    expect(t("en", PAYOUT_STATUS_KEY.reconciling)).toBe("Being checked with M-Pesa");
    expect(t("sw", PAYOUT_STATUS_KEY.reconciling)).toBe("Inahakikiwa na M-Pesa");
    for (const lang of ARTISAN_LANGUAGES) {
      expect(t(lang, PAYOUT_STATUS_KEY.reconciling)).not.toMatch(/balance|salio/i);
      expect(earningsWord(lang, "checking").length).toBeGreaterThan(40);
    }
  });
});
