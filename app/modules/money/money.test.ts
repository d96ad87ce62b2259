import { describe, expect, it } from "vitest";
import { formatMoney, minorDigits, toMoneyV2 } from "./money";

describe("money", () => {
  it("converts minor units to hydrogen's MoneyV2 decimal strings", () => {
    expect(toMoneyV2({ amount: 4800, currency: "USD" })).toEqual({ amount: "48.00", currencyCode: "USD" });
    expect(toMoneyV2({ amount: 5, currency: "USD" })).toEqual({ amount: "0.05", currencyCode: "USD" });
    expect(toMoneyV2({ amount: 35000, currency: "KES" })).toEqual({ amount: "350.00", currencyCode: "KES" });
    expect(toMoneyV2({ amount: 1200, currency: "JPY" })).toEqual({ amount: "1200", currencyCode: "JPY" });
  });
  it("knows each currency's minor digits", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
  });
  it("formats for people", () => {
    expect(formatMoney({ amount: 123456, currency: "USD" })).toBe("$1,234.56");
  });
});
