import { describe, expect, it } from "vitest";
import { evaluateDiscount, parseTaxRates, priceCheckout, shippingOptions, taxRateFor, type DiscountRule } from "./pricing";

const now = new Date("2026-11-25T12:00:00Z");
const rule = (over: Partial<DiscountRule> = {}): DiscountRule => ({
  code: "WELCOME10",
  kind: "percent",
  value: 10,
  currency: "USD",
  minSubtotal: 5000,
  startsAt: null,
  expiresAt: null,
  usageLimit: null,
  usedCount: 0,
  ...over,
});

describe("shipping", () => {
  it("is free in the US from $75 and charged below", () => {
    expect(shippingOptions({ country: "US" }, 7500)[0].amount).toBe(0);
    expect(shippingOptions({ country: "US" }, 7499)[0].amount).toBe(600);
  });
  it("charges international rates abroad", () => {
    expect(shippingOptions({ country: "GB" }, 100000).map((o) => o.amount)).toEqual([1800, 3800]);
  });
});

describe("tax by destination", () => {
  const rates = parseTaxRates("US-CA=725,US=0,GB=2000,*=100");
  it("prefers the region, then the country, then the default", () => {
    expect(taxRateFor({ country: "US", region: "CA" }, rates)).toBe(725);
    expect(taxRateFor({ country: "US", region: "OR" }, rates)).toBe(0);
    expect(taxRateFor({ country: "GB" }, rates)).toBe(2000);
    expect(taxRateFor({ country: "KE" }, rates)).toBe(100);
  });
  it("ignores malformed entries and falls back to defaults when nothing parses", () => {
    expect(parseTaxRates("US=abc,GB=-5,XX=999999")).toEqual(parseTaxRates(undefined));
  });
});

describe("discount codes", () => {
  it("applies a percent code above the minimum", () => {
    expect(evaluateDiscount(rule(), 10000, "USD", now)).toEqual({ ok: true, amount: 1000, code: "WELCOME10" });
  });
  it("says why it does not apply", () => {
    expect(evaluateDiscount(null, 10000, "USD", now)).toMatchObject({ ok: false, reason: expect.stringContaining("recognise") });
    expect(evaluateDiscount(rule(), 4999, "USD", now)).toMatchObject({ ok: false, reason: expect.stringContaining("at least $50.00") });
    expect(evaluateDiscount(rule({ expiresAt: new Date("2026-11-01") }), 10000, "USD", now)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("expired"),
    });
    expect(evaluateDiscount(rule({ startsAt: new Date("2026-12-01") }), 10000, "USD", now)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("isn't active yet"),
    });
    expect(evaluateDiscount(rule({ usageLimit: 5, usedCount: 5 }), 10000, "USD", now)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("fully redeemed"),
    });
  });
  it("never discounts more than the subtotal", () => {
    expect(evaluateDiscount(rule({ kind: "fixed", value: 20000, minSubtotal: 0 }), 5000, "USD", now)).toEqual({
      ok: true,
      amount: 5000,
      code: "WELCOME10",
    });
  });
});

describe("priceCheckout", () => {
  it("adds shipping and tax on the discounted goods", () => {
    const totals = priceCheckout({
      lines: [
        { variantId: 1, quantity: 2, unitPrice: 4800 },
        { variantId: 2, quantity: 1, unitPrice: 6400 },
      ],
      destination: { country: "US", region: "CA" },
      shipping: "express",
      discount: { ok: true, amount: 1600, code: "X" },
      taxRates: parseTaxRates("US-CA=725"),
    });
    expect(totals).toEqual({
      subtotal: 16000,
      discountTotal: 1600,
      shippingTotal: 1800,
      taxTotal: 1044,
      total: 17244,
      taxIncluded: 0,
      taxRate: 725,
    });
  });
  it("has no shipping or tax before an address is known", () => {
    const totals = priceCheckout({
      lines: [{ variantId: 1, quantity: 1, unitPrice: 3000 }],
      destination: null,
      shipping: null,
      discount: null,
      taxRates: {},
    });
    expect(totals.total).toBe(3000);
  });
});

describe("markets (docs/decisions/0021)", () => {
  const lines = [{ variantId: 1, quantity: 2, unitPrice: 4200 }];
  it("ships at the market's own rates, free from its threshold", () => {
    expect(shippingOptions({ country: "GB" }, 7499, "gb").map((o) => o.amount)).toEqual([800, 2500]);
    expect(shippingOptions({ country: "GB" }, 7500, "gb").map((o) => o.amount)).toEqual([0, 2500]);
    expect(shippingOptions({ country: "AU" }, 0, "au").map((o) => o.amount)).toEqual([1400, 4500]);
  });
  it("includes VAT in a GB total: the total is what was shown, the VAT the part of it that is tax", () => {
    const totals = priceCheckout({
      lines,
      destination: { country: "GB" },
      shipping: "express",
      discount: null,
      taxRates: {},
      market: "gb",
    });
    // £84 of goods + £25 express = £109, of which VAT at 20% is 109/6 = £18.166… → £18.17 (half up).
    expect(totals).toEqual({
      subtotal: 8400,
      discountTotal: 0,
      shippingTotal: 2500,
      taxTotal: 0,
      taxIncluded: 1817,
      total: 10900,
      taxRate: 2000,
    });
  });
  it("takes the VAT inside an EU price at the destination country's rate", () => {
    const eu = (country: string) =>
      priceCheckout({ lines, destination: { country }, shipping: "express", discount: null, taxRates: {}, market: "eu" });
    expect(eu("DE").total).toBe(eu("FI").total);
    expect(eu("DE")).toMatchObject({ total: 11400, taxRate: 1900, taxIncluded: 1820 });
    expect(eu("FI")).toMatchObject({ total: 11400, taxRate: 2550, taxIncluded: 2316 });
  });
  it("rounds the included tax half up after a percent discount", () => {
    const totals = priceCheckout({
      lines: [{ variantId: 1, quantity: 1, unitPrice: 5795 }],
      destination: { country: "AU" },
      shipping: "standard",
      discount: { ok: true, amount: 580, code: "WELCOME10" },
      taxRates: {},
      market: "au",
    });
    // A$57.95 − A$5.80 + A$14.00 = A$66.15; GST at 10% inside it: 6615/11 = 601.36 → A$6.01.
    expect(totals).toMatchObject({ total: 6615, taxTotal: 0, taxIncluded: 601 });
  });
  it("adds Canada's GST/HST by province", () => {
    const ca = (region: string) =>
      priceCheckout({
        lines,
        destination: { country: "CA", region },
        shipping: "standard",
        discount: null,
        taxRates: parseTaxRates(undefined),
        market: "ca",
      });
    expect(ca("ON")).toMatchObject({ taxTotal: 1092, taxIncluded: 0, total: 8400 + 1200 + 1092 });
    expect(ca("AB")).toMatchObject({ taxTotal: 420, total: 8400 + 1200 + 420 });
  });
  it("refuses a fixed USD code in another currency, saying why", () => {
    const result = evaluateDiscount(rule({ kind: "fixed", value: 1000, minSubtotal: 0 }), 9000, "GBP", now, 880_000);
    expect(result).toEqual({
      ok: false,
      reason: "WELCOME10 is worth $10.00 and can only be used when paying in USD. Your bag is in GBP.",
    });
  });
  it("applies a percent code in another currency, holding its USD minimum at the market's rate", () => {
    // $50 minimum at 0.88 → £44.
    expect(evaluateDiscount(rule(), 4399, "GBP", now, 880_000)).toEqual({
      ok: false,
      reason: "WELCOME10 needs a subtotal of at least £44.00.",
    });
    expect(evaluateDiscount(rule(), 4400, "GBP", now, 880_000)).toEqual({ ok: true, amount: 440, code: "WELCOME10" });
    expect(evaluateDiscount(rule(), 4400, "GBP", now, null)).toMatchObject({ ok: false });
  });
});
