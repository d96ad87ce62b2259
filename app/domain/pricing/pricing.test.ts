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
    expect(totals).toEqual({ subtotal: 16000, discountTotal: 1600, shippingTotal: 1800, taxTotal: 1044, total: 17244, taxRate: 725 });
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
