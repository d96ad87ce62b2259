import { describe, expect, it } from "vitest";
import { countryFromLanguages } from "./countries";

describe("countryFromLanguages", () => {
  it("takes the first region we ship to, by the browser's preference", () => {
    expect(countryFromLanguages("en-GB,en;q=0.9")).toBe("GB");
    expect(countryFromLanguages("fr;q=0.5, en-AU;q=0.8, de-DE;q=0.7")).toBe("AU");
    expect(countryFromLanguages("zh-Hant-HK, en;q=0.8")).toBe("HK");
    expect(countryFromLanguages("en-us")).toBe("US");
  });

  it("is the US with no region, a region we don't ship to, or nonsense", () => {
    expect(countryFromLanguages(null)).toBe("US");
    expect(countryFromLanguages("")).toBe("US");
    expect(countryFromLanguages("en")).toBe("US");
    expect(countryFromLanguages("ru-RU, en-GB;q=0")).toBe("US");
    expect(countryFromLanguages("sw-KE")).toBe("KE");
    expect(countryFromLanguages("xx-__, ;q=abc, en-ZZ")).toBe("US");
  });
});
