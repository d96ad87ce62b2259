import { describe, expect, it } from "vitest";
import {
  DICTIONARIES,
  formatDay,
  languageForRequest,
  languageFromAcceptLanguage,
  pluralCategory,
  selectForm,
  SKILL_NAMES_SW,
  skillName,
  t,
  translator,
  type Message,
} from "./i18n";

/** The forms of a message for the categories English and Swahili use. */
const forms = (message: Message) =>
  typeof message === "string" ? { one: message, other: message } : { one: message.one ?? message.other, other: message.other };
const placeholders = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort();

describe("artisan dictionaries", () => {
  it("Swahili and English hold the same keys, none empty, with the same placeholders in each plural form", () => {
    expect(Object.keys(DICTIONARIES.sw).sort()).toEqual(Object.keys(DICTIONARIES.en).sort());
    for (const [key, english] of Object.entries(DICTIONARIES.en)) {
      const swahili = DICTIONARIES.sw[key as keyof typeof DICTIONARIES.sw];
      // A number-bearing message is plural in both languages, counted by the same variable.
      expect(typeof swahili, key).toBe(typeof english);
      if (typeof english !== "string" && typeof swahili !== "string") {
        expect(swahili.by ?? "count", key).toBe(english.by ?? "count");
        expect(placeholders(english.other), `${key} counts with {${english.by ?? "count"}}`).toContain(`{${english.by ?? "count"}}`);
      }
      for (const category of ["one", "other"] as const) {
        const sw = forms(swahili)[category];
        const en = forms(english)[category];
        expect(sw.trim(), `${key} (${category})`).not.toBe("");
        expect(placeholders(sw), `${key} (${category})`).toEqual(placeholders(en));
      }
    }
  });

  it("every message that shows a count is a plural message", () => {
    // "{count} pieces" as a plain string would read "1 pieces": any {count} must choose a form.
    for (const lang of ["en", "sw"] as const) {
      for (const [key, message] of Object.entries(DICTIONARIES[lang])) {
        if (typeof message === "string") expect(message, `${lang} ${key}`).not.toMatch(/\{(count|made)\}/);
      }
    }
  });

  it("speaks natural Swahili on the words artisans see most", () => {
    expect(t("sw", "offers.title")).toBe("Kazi mpya");
    expect(t("sw", "offers.accept", { count: 1 })).toBe("Kubali");
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

describe("plurals", () => {
  it.each([
    [0, "other"],
    [1, "one"],
    [2, "other"],
    [5, "other"],
    [11, "other"],
    [21, "other"],
    [101, "other"],
    [1.5, "other"],
  ] as const)("%s is %s in English and Swahili", (n, category) => {
    expect(pluralCategory("en", n)).toBe(category);
    expect(pluralCategory("sw", n)).toBe(category);
  });

  it("chooses the form by count, or by the variable the message names", () => {
    const pieces = { one: "{count} piece", other: "{count} pieces" };
    expect(selectForm("en", pieces, { count: 1 })).toBe("{count} piece");
    expect(selectForm("en", pieces, { count: 2 })).toBe("{count} pieces");
    expect(selectForm("en", pieces, { count: "1" })).toBe("{count} piece");
    expect(selectForm("en", { by: "made", one: "one made", other: "many made" }, { made: 1, count: 7 })).toBe("one made");
    // No number to count by: the general form, never a crash.
    expect(selectForm("en", pieces)).toBe("{count} pieces");
    expect(selectForm("en", pieces, { count: "" })).toBe("{count} pieces");
    expect(selectForm("en", pieces, { count: "abc" })).toBe("{count} pieces");
    expect(selectForm("sw", { other: "only other" }, { count: 1 })).toBe("only other");
  });

  it("pieces: one piece, many pieces, in both languages", () => {
    expect(t("en", "offers.pieces", { count: 1 })).toBe("1 piece");
    expect(t("en", "offers.pieces", { count: 2 })).toBe("2 pieces");
    expect(t("en", "offers.pieces", { count: 0 })).toBe("0 pieces");
    expect(t("sw", "offers.pieces", { count: 1 })).toBe("Kipande 1");
    expect(t("sw", "offers.pieces", { count: 12 })).toBe("Vipande 12");
    expect(translator("sw")("offers.pieces", { count: 1 })).toBe("Kipande 1");
  });

  it("the accept button: 'Accept' for one piece, 'Accept all N' for more", () => {
    expect(t("en", "offers.accept", { count: 1 })).toBe("Accept");
    expect(t("en", "offers.accept", { count: 3 })).toBe("Accept all 3");
    expect(t("sw", "offers.accept", { count: 1 })).toBe("Kubali");
    expect(t("sw", "offers.accept", { count: 3 })).toBe("Kubali vyote 3");
  });

  it("part acceptance, work made and tries left agree with their number", () => {
    expect(t("en", "offers.acceptedPart", { count: 1 })).toBe("You accepted 1 piece. The rest will go to another artisan.");
    expect(t("en", "offers.acceptedPart", { count: 4 })).toBe("You accepted 4 pieces. The rest will go to another artisan.");
    expect(t("sw", "offers.acceptedPart", { count: 1 })).toBe("Umekubali kipande 1. Kazi iliyobaki itapewa fundi mwingine.");
    expect(t("sw", "offers.acceptedPart", { count: 4 })).toBe("Umekubali vipande 4. Kazi iliyobaki itapewa fundi mwingine.");
    expect(t("sw", "work.made", { made: 1, total: 3 })).toBe("1 kati ya 3 kimetengenezwa");
    expect(t("sw", "work.made", { made: 0, total: 3 })).toBe("0 kati ya 3 vimetengenezwa");
    expect(t("sw", "work.updated", { made: 1, total: 1 })).toBe("Imehifadhiwa: 1 kati ya 1 kimetengenezwa.");
    expect(t("sw", "work.updated", { made: 2, total: 3 })).toBe("Imehifadhiwa: 2 kati ya 3 vimetengenezwa.");
    expect(t("en", "work.updated", { made: 1, total: 3 })).toBe("Saved: 1 of 3 made.");
    expect(t("en", "login.attemptsLeft", { count: 1 })).toBe("1 try left before your account is locked for 15 minutes.");
    expect(t("en", "login.attemptsLeft", { count: 2 })).toBe("2 tries left before your account is locked for 15 minutes.");
    expect(t("sw", "login.attemptsLeft", { count: 1 })).toBe("Umebaki na jaribio 1 kabla akaunti yako kufungwa kwa dakika 15.");
    expect(t("sw", "login.attemptsLeft", { count: 3 })).toBe("Umebaki na majaribio 3 kabla akaunti yako kufungwa kwa dakika 15.");
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

describe("our words, in both languages", () => {
  it("skills are ours: Swahili names for every seeded skill, the stored name in English or for one not yet named", () => {
    expect(skillName("sw", { slug: "horn-carving", name: "Horn carving" })).toBe("Kuchonga pembe");
    expect(skillName("en", { slug: "horn-carving", name: "Horn carving" })).toBe("Horn carving");
    expect(skillName("sw", { slug: "enamel", name: "Enamel" })).toBe("Enamel");
    expect(Object.keys(SKILL_NAMES_SW).sort()).toEqual(
      ["beadwork", "bone-carving", "brass-casting", "glass-recycling", "horn-carving", "polishing", "wire-wrapping"].sort(),
    );
  });

  it("bottom tab labels fit a 60 px tab at 360 px: no word longer than 8 letters (a longer one would break mid-word)", () => {
    for (const lang of ["sw", "en"] as const) {
      for (const tab of ["offers", "work", "deliveries", "stock", "earnings", "profile"] as const) {
        const label = t(lang, `nav.${tab}`);
        for (const word of label.split(" ")) expect(word.length, `${lang} nav.${tab}: ${label}`).toBeLessThanOrEqual(8);
      }
    }
  });

  it("ready's refusal says how many are recorded, with the verb agreeing", () => {
    expect(t("sw", "work.notAllMade", { made: 1, total: 6 })).toContain("(1 kati ya 6 kimerekodiwa)");
    expect(t("sw", "work.notAllMade", { made: 4, total: 6 })).toContain("(4 kati ya 6 vimerekodiwa)");
    expect(t("en", "work.allMade", { total: 1 })).toBe("The 1 piece is made");
    expect(t("sw", "work.allMade", { total: 6 })).toBe("Vipande vyote 6 vimetengenezwa");
  });
});
