import { describe, expect, it } from "vitest";
import {
  baseWholesalePrice,
  bestBreak,
  priceSteps,
  quoteWholesale,
  retailPrice,
  UnpricedVariantError,
  wholesalePriceOf,
  type PriceList,
} from "./pricing";

const variant = { id: 7, price: 4800, wholesalePrice: 2400 };
const list = (over: Partial<PriceList> = {}): PriceList => ({
  currency: "USD",
  tierPercent: null,
  overrides: new Map(),
  breaks: [],
  ...over,
});

describe("wholesale pricing", () => {
  it("falls back to the variant's own wholesale price (half of retail by default)", () => {
    expect(quoteWholesale(variant, list())).toEqual({ base: 2400, unit: 2400, source: "default", appliedBreak: null });
  });

  it("uses the tier's share of retail, rounded to the cent", () => {
    expect(baseWholesalePrice(variant, list({ tierPercent: 4500 }))).toEqual({ base: 2160, source: "tier" });
    expect(baseWholesalePrice({ id: 1, price: 3333, wholesalePrice: 1667 }, list({ tierPercent: 4000 }))).toEqual({
      base: 1333,
      source: "tier",
    });
  });

  it("prefers the retailer's negotiated price over its tier, for that variant only", () => {
    const l = list({ tierPercent: 4000, overrides: new Map([[7, 1999]]) });
    expect(quoteWholesale(variant, l)).toMatchObject({ base: 1999, unit: 1999, source: "override" });
    expect(quoteWholesale({ ...variant, id: 8 }, l)).toMatchObject({ base: 1920, source: "tier" });
  });

  it("ignores a tier share outside 0–100%", () => {
    expect(baseWholesalePrice(variant, list({ tierPercent: 0 })).source).toBe("default");
    expect(baseWholesalePrice(variant, list({ tierPercent: 12_000 })).source).toBe("default");
  });

  it("applies the best volume break the line quantity reaches, global or the variant's own", () => {
    const breaks = [
      { variantId: null, minQty: 24, percentOff: 500 },
      { variantId: null, minQty: 100, percentOff: 1000 },
      { variantId: 7, minQty: 48, percentOff: 800 },
      { variantId: 9, minQty: 2, percentOff: 5000 },
    ];
    const l = list({ breaks });
    expect(quoteWholesale(variant, l, 23).unit).toBe(2400);
    expect(quoteWholesale(variant, l, 24)).toMatchObject({ unit: 2280, appliedBreak: { minQty: 24 } });
    expect(quoteWholesale(variant, l, 60)).toMatchObject({ unit: 2208, appliedBreak: { variantId: 7 } });
    expect(quoteWholesale(variant, l, 100).unit).toBe(2160);
    expect(bestBreak(7, 5, breaks)).toBeNull();
  });

  it("takes breaks off a negotiated price too", () => {
    const l = list({ overrides: new Map([[7, 2000]]), breaks: [{ variantId: null, minQty: 10, percentOff: 250 }] });
    expect(quoteWholesale(variant, l, 10)).toMatchObject({ base: 2000, unit: 1950, source: "override" });
  });

  it("lists the price steps a buyer can reach, cheaper at each step", () => {
    const l = list({
      breaks: [
        { variantId: null, minQty: 24, percentOff: 500 },
        { variantId: 7, minQty: 24, percentOff: 700 },
        { variantId: null, minQty: 50, percentOff: 600 },
        { variantId: null, minQty: 100, percentOff: 1000 },
      ],
    });
    expect(priceSteps(variant, l)).toEqual([
      { minQty: 24, unit: 2232, percentOff: 700 },
      { minQty: 100, unit: 2160, percentOff: 1000 },
    ]);
  });

  describe("in the retailer's currency (docs/decisions/0025)", () => {
    const gbp = (over: Partial<PriceList> = {}) =>
      list({ currency: "GBP", inCurrency: { retail: new Map([[7, 4200]]), wholesale: new Map([[7, 1900]]) }, ...over });

    it("reads the stored GBP wholesale price, never the USD one", () => {
      expect(quoteWholesale(variant, gbp())).toMatchObject({ base: 1900, unit: 1900, source: "default" });
    });

    it("takes a tier's share of the GBP retail price and shows that as the MSRP", () => {
      expect(baseWholesalePrice(variant, gbp({ tierPercent: 4500 }))).toEqual({ base: 1890, source: "tier" });
      expect(retailPrice(variant, gbp())).toBe(4200);
      expect(retailPrice(variant, list())).toBe(4800);
    });

    it("takes a tier's share of the retail price without the VAT inside it, so the margin is the same as in dollars", () => {
      // £42.00 including 20% VAT is £35.00 of takings: 45% of it is £15.75, not 45% of £42.00 (£18.90).
      expect(baseWholesalePrice(variant, gbp({ tierPercent: 4500, retailTaxBp: 2000 }))).toEqual({ base: 1575, source: "tier" });
      expect(retailPrice(variant, gbp({ retailTaxBp: 2000 }))).toBe(4200);
      // A negotiated price and the list's own wholesale price are what they say, tax or not.
      expect(baseWholesalePrice(variant, gbp({ retailTaxBp: 2000 }))).toEqual({ base: 1900, source: "default" });
      expect(baseWholesalePrice(variant, gbp({ tierPercent: 4500, retailTaxBp: 2000, overrides: new Map([[7, 1750]]) }))).toEqual({
        base: 1750,
        source: "override",
      });
    });

    it("applies a negotiated price and volume breaks to the GBP amounts", () => {
      const l = gbp({ overrides: new Map([[7, 1750]]), breaks: [{ variantId: null, minQty: 24, percentOff: 1000 }] });
      expect(quoteWholesale(variant, l, 24)).toMatchObject({ base: 1750, unit: 1575, source: "override" });
    });

    it("refuses to price a variant its list has no stored price for, rather than convert it", () => {
      expect(() => quoteWholesale({ ...variant, id: 99 }, gbp())).toThrow(UnpricedVariantError);
    });
  });

  describe("generating a list from the USD prices", () => {
    it("converts at the rate and rounds to the nearest step, half up", () => {
      expect(wholesalePriceOf(2400, 790_000, 50)).toBe(1900); // £18.96 → £19.00
      expect(wholesalePriceOf(2000, 790_000, 50)).toBe(1600); // £15.80 → £16.00
      expect(wholesalePriceOf(2025, 790_000, 50)).toBe(1600); // 1599.75p → 1600p, already on a step
      expect(wholesalePriceOf(2215, 1_000_000, 50)).toBe(2200); // 22.15 → 22.00
      expect(wholesalePriceOf(2225, 1_000_000, 50)).toBe(2250); // exactly half a step: up
      expect(wholesalePriceOf(2224, 1_000_000, 1)).toBe(2224); // step 1: to the cent
      expect(wholesalePriceOf(3333, 1_360_000, 25)).toBe(4525); // 4532.88 → 4533 → 4525
    });

    it("never goes below one step", () => {
      expect(wholesalePriceOf(1, 790_000, 50)).toBe(50);
      expect(wholesalePriceOf(10, 920_000, 100)).toBe(100);
    });

    it("refuses nonsense", () => {
      expect(() => wholesalePriceOf(100, 0, 50)).toThrow(RangeError);
      expect(() => wholesalePriceOf(100, 790_000, 0)).toThrow(RangeError);
      expect(() => wholesalePriceOf(1.5, 790_000, 50)).toThrow(RangeError);
    });
  });
});
