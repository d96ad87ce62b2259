import { describe, expect, it } from "vitest";
import { DICTIONARIES, formatDay, languageForRequest, languageFromAcceptLanguage, t } from "./i18n";

describe("artisan dictionaries", () => {
  it("Swahili and English hold the same keys, none empty, with the same placeholders", () => {
    expect(Object.keys(DICTIONARIES.sw).sort()).toEqual(Object.keys(DICTIONARIES.en).sort());
    for (const [key, english] of Object.entries(DICTIONARIES.en)) {
      const swahili = DICTIONARIES.sw[key as keyof typeof DICTIONARIES.sw];
      expect(swahili.trim(), key).not.toBe("");
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(vars(swahili), key).toEqual(vars(english));
    }
  });

  it("speaks natural Swahili on the words artisans see most", () => {
    expect(t("sw", "offers.title")).toBe("Kazi mpya");
    expect(t("sw", "offers.accept")).toBe("Kubali");
    expect(t("sw", "offers.decline")).toBe("Kataa");
    expect(t("sw", "work.ready")).toBe("Tayari kuchukuliwa");
    expect(t("sw", "nav.earnings")).toBe("Mapato");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(t("en", "work.made", { made: 2, total: 5 })).toBe("2 of 5 made");
    expect(t("sw", "work.made", { made: 2, total: 5 })).toBe("2 kati ya 5 vimetengenezwa");
    expect(t("en", "work.made", { made: 2 })).toBe("2 of {total} made");
  });

  it("formats dates in the artisan's language", () => {
    expect(formatDay("sw", "2030-01-15")).toMatch(/15 Januari 2030/);
    expect(formatDay("en", "2030-01-15")).toMatch(/15 January 2030/);
  });
});

describe("the phone's language", () => {
  it.each([
    ["sw-KE,sw;q=0.9,en;q=0.8", "sw"],
    ["sw", "sw"],
    ["en-KE,en;q=0.9,sw;q=0.8", "en"],
    ["en-US", "en"],
    ["fr-FR,en;q=0.5,sw;q=0.7", "sw"],
    ["de-DE", "sw"],
    ["", "sw"],
    ["sw;q=0, en", "en"],
  ])("%s → %s", (header, lang) => {
    expect(languageFromAcceptLanguage(header)).toBe(lang);
  });

  it("the saved language wins, then ?lang=, then the header", () => {
    const request = new Request("http://x/artisan?lang=en", { headers: { "Accept-Language": "sw-KE" } });
    expect(languageForRequest(request)).toBe("en");
    expect(languageForRequest(request, "sw")).toBe("sw");
    expect(languageForRequest(new Request("http://x/artisan?lang=xx", { headers: { "Accept-Language": "sw-KE" } }))).toBe("sw");
  });
});
