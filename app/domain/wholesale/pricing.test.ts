import { describe, expect, it } from "vitest";
import { baseWholesalePrice, bestBreak, priceSteps, quoteWholesale, type PriceList } from "./pricing";

const variant = { id: 7, price: 4800, wholesalePrice: 2400 };
const list = (over: Partial<PriceList> = {}): PriceList => ({ tierPercent: null, overrides: new Map(), breaks: [], ...over });

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
});
