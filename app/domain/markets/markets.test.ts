import { describe, expect, it } from "vitest";
import {
  dateLocaleOfCountry,
  MARKETS,
  MARKET_PREFIXES,
  alternateLinks,
  chosenMarket,
  convertPrice,
  includedRateFor,
  includedTax,
  includedTaxOfOrder,
  includedTaxName,
  toSettlement,
  languageRegion,
  marketFromPath,
  marketPath,
  resolveMarket,
  roundPrice,
  switchTarget,
} from "./markets";

describe("rounding a generated price", () => {
  it("rounds to whole units, half up", () => {
    expect(roundPrice(3792, { ending: 0 })).toBe(3800);
    expect(roundPrice(3749, { ending: 0 })).toBe(3700);
    expect(roundPrice(3750, { ending: 0 })).toBe(3800);
  });

  it("rounds to the nearest .95 ending, either way", () => {
    expect(roundPrice(6576, { ending: 95 })).toBe(6595);
    expect(roundPrice(6540, { ending: 95 })).toBe(6495);
    expect(roundPrice(6545, { ending: 95 })).toBe(6595);
    expect(roundPrice(6595, { ending: 95 })).toBe(6595);
  });

  it("never rounds a price down to nothing", () => {
    expect(roundPrice(10, { ending: 0 })).toBe(100);
    expect(roundPrice(10, { ending: 95 })).toBe(95);
  });

  it("converts with an integer rate in parts per million, then rounds", () => {
    // $48.00 at 0.88 = £42.24 → £42; at 1.40 = C$67.20 → C$66.95; at 1.70 = A$81.60 → A$81.95.
    expect(convertPrice(4800, 880_000, { ending: 0 })).toBe(4200);
    expect(convertPrice(4800, 1_400_000, { ending: 95 })).toBe(6695);
    expect(convertPrice(4800, 1_700_000, { ending: 95 })).toBe(8195);
  });
});

describe("the duties notice", () => {
  it("never tells a shopper the carrier collects tax the price or the checkout already took", () => {
    for (const market of Object.values(MARKETS)) {
      expect(market.duties, market.code).not.toMatch(/tax(es)? (may be|are|is) collected/i);
      // Included tax is named as paid by us; tax added at checkout is said to be charged there.
      if (market.tax.mode === "included") expect(market.duties, market.code).toContain(`${market.tax.name} and duties are paid by us`);
    }
    expect(MARKETS.ca.duties).toBe(
      "GST/HST is charged at checkout, so no tax is due on delivery; any Canadian import duty is collected by the carrier.",
    );
  });
});

describe("tax inside an included price", () => {
  it("takes the VAT part out of a VAT-included amount", () => {
    expect(includedTax(12000, 2000)).toBe(2000);
    expect(includedTax(4200, 2000)).toBe(700);
    expect(includedTax(4200, 0)).toBe(0);
  });

  it("takes an order's VAT/GST out where its market's prices include it, and none where tax is added", () => {
    expect(includedTaxOfOrder("gb", "GB", 4500)).toBe(750);
    expect(includedTaxOfOrder("eu", "DE", 11900)).toBe(1900);
    expect(includedTaxOfOrder("au", "AU", 11000)).toBe(1000);
    expect(includedTaxOfOrder("us", "US", 4500)).toBe(0);
    expect(includedTaxOfOrder(null, "GB", 4500)).toBe(0);
  });

  it("uses the destination's rate inside one EU price", () => {
    expect(includedRateFor("eu", "DE")).toBe(1900);
    expect(includedRateFor("eu", "ie")).toBe(2300);
    expect(includedRateFor("gb", "GB")).toBe(2000);
    expect(includedRateFor("us", "US")).toBe(0);
  });
});

describe("market URLs", () => {
  it("reads the prefix off a path", () => {
    expect(marketFromPath("/en-gb/products/x")).toEqual({ market: "gb", rest: "/products/x", prefixed: true });
    expect(marketFromPath("/en-gb")).toEqual({ market: "gb", rest: "/", prefixed: true });
    expect(marketFromPath("/products/x")).toEqual({ market: "us", rest: "/products/x", prefixed: false });
    expect(marketFromPath("/en-gbx/products").prefixed).toBe(false);
  });

  it("builds the market's URL of a path", () => {
    expect(marketPath("gb", "/products/x")).toBe("/en-gb/products/x");
    expect(marketPath("gb", "/")).toBe("/en-gb");
    expect(marketPath("eu", "/?page=2")).toBe("/en-eu?page=2");
    expect(marketPath("us", "/search?q=ring")).toBe("/search?q=ring");
  });

  it("lists every market's page and x-default as alternates", () => {
    const links = alternateLinks("https://soko.example/", "/products/x");
    expect(links).toContainEqual({ hreflang: "en-GB", href: "https://soko.example/en-gb/products/x" });
    expect(links).toContainEqual({ hreflang: "en-DE", href: "https://soko.example/en-eu/products/x" });
    expect(links).toContainEqual({ hreflang: "x-default", href: "https://soko.example/products/x" });
    expect(links).toContainEqual({ hreflang: "en-US", href: "https://soko.example/products/x" });
  });

  it("has the prefixes remix.config.js routes", async () => {
    const config = (await import("../../../remix.config.js")) as { MARKET_ROUTE_PREFIXES: string[] };
    expect([...config.MARKET_ROUTE_PREFIXES].sort()).toEqual([...MARKET_PREFIXES].sort());
  });
});

describe("which market a visitor gets", () => {
  it("follows a market URL above everything", () => {
    expect(resolveMarket({ pathname: "/en-gb/products/x", cookie: "soko_market=us", acceptLanguage: "en-US" })).toEqual({
      market: "gb",
      source: "path",
    });
  });

  it("takes the shopper's choice before any hint", () => {
    expect(resolveMarket({ pathname: "/", cookie: "a=1; soko_market=ca", country: "GB", acceptLanguage: "en-GB" })).toEqual({
      market: "ca",
      source: "cookie",
    });
  });

  it("then the CDN's country, then the language's region, then the US", () => {
    expect(resolveMarket({ pathname: "/", country: "DE", acceptLanguage: "en-GB" }).market).toBe("eu");
    expect(resolveMarket({ pathname: "/", country: "KE", acceptLanguage: "en-GB,en;q=0.9" })).toEqual({ market: "gb", source: "language" });
    expect(resolveMarket({ pathname: "/", acceptLanguage: "fr-CH, en;q=0.5" })).toEqual({ market: "us", source: "default" });
    expect(resolveMarket({ pathname: "/" })).toEqual({ market: "us", source: "default" });
  });

  it("ignores a cookie that names no market", () => {
    expect(chosenMarket("soko_market=xx")).toBeNull();
    expect(chosenMarket("other_soko_market=gb")).toBeNull();
    expect(chosenMarket("x=1; soko_market=au")).toBe("au");
  });

  it("reads each header on its own, however many came before (the pattern is made once)", () => {
    const headers = ["soko_market=gb; a=1", "a=1; soko_market=ca", "a=1; soko_market=ca", "soko_market=xx; b=2", "b=2;soko_market=eu"];
    expect(headers.map((header) => chosenMarket(header))).toEqual(["gb", "ca", "ca", null, "eu"]);
  });

  it("reads the most preferred region of Accept-Language", () => {
    expect(languageRegion("en-GB,en;q=0.9")).toBe("GB");
    expect(languageRegion("en;q=0.9, de-AT;q=0.8, en-AU")).toBe("AU");
    expect(languageRegion("fr")).toBeNull();
    expect(languageRegion("en-GB;q=0")).toBeNull();
  });
});

describe("the switcher's way back", () => {
  it("returns to the same page in the chosen market", () => {
    expect(switchTarget("gb", "/products/x?variant=3")).toBe("/en-gb/products/x?variant=3");
    expect(switchTarget("us", "/products/x")).toBe("/products/x");
    expect(switchTarget("au", "/en-gb/collections/rings")).toBe("/en-au/collections/rings");
    expect(switchTarget("gb", "/cart")).toBe("/cart");
  });

  it("never leaves the site", () => {
    expect(switchTarget("gb", "//evil.example/x")).toBe("/en-gb");
    expect(switchTarget("gb", "https://evil.example/")).toBe("/en-gb");
    expect(switchTarget("us", "/\\evil.example")).toBe("/");
    expect(switchTarget("us", null)).toBe("/");
    // A market prefix in front of another origin: taking the prefix off must not leave "//evil".
    expect(switchTarget("us", "/en-gb//evil.example")).toBe("/");
    expect(switchTarget("gb", "/en-au//evil.example/x?y=1")).toBe("/en-gb");
    expect(switchTarget("us", "/en-gb/\\evil.example")).toBe("/");
    expect(switchTarget("us", "/en-gb/x\\y")).toBe("/");
  });
});

describe("settlement in US dollars", () => {
  it("divides by the market's rate, half up", () => {
    expect(toSettlement(8800, 880_000)).toBe(10000);
    expect(toSettlement(9200, 880_000)).toBe(10455); // 10454.54… cents → $104.55
    expect(toSettlement(1, 1_700_000)).toBe(1);
    expect(toSettlement(12345, 1_000_000)).toBe(12345);
  });
  it("refuses a rate that is not a positive integer", () => {
    expect(() => toSettlement(100, 0)).toThrow(RangeError);
  });
  it("names the tax inside the prices of the markets that include it", () => {
    expect([includedTaxName("gb"), includedTaxName("eu"), includedTaxName("au")]).toEqual(["VAT", "VAT", "GST"]);
    expect([includedTaxName("us"), includedTaxName("ca"), includedTaxName(null), includedTaxName("xx")]).toEqual([null, null, null, null]);
  });
});

describe("how a business in a country reads dates", () => {
  it("takes its market's locale, and US English for a country outside every market", () => {
    expect(dateLocaleOfCountry("GB")).toBe("en-GB");
    expect(dateLocaleOfCountry("de")).toBe("en-IE");
    expect(dateLocaleOfCountry("AU")).toBe("en-AU");
    expect(dateLocaleOfCountry("US")).toBe("en-US");
    expect(dateLocaleOfCountry("KE")).toBe("en-US");
    expect(dateLocaleOfCountry(null)).toBe("en-US");
  });
});
