import { describe, expect, it } from "vitest";
import {
  formatMoney,
  formatShortMoney,
  formatWholeShillings,
  isAmountShaped,
  minorDigits,
  minorToInput,
  parseMoneyInput,
  toMoneyV2,
} from "./money";

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

describe("short money for SMS, USSD and payout messages (one formatter)", () => {
  it("writes whole shillings without decimals and keeps cents when there are some", () => {
    expect(formatShortMoney(125_000)).toBe("KES 1,250");
    expect(formatShortMoney(125_050)).toBe("KES 1,250.50");
    expect(formatShortMoney(150_000, "KES")).toBe("KES 1,500");
    expect(formatShortMoney(5)).toBe("KES 0.05");
    expect(formatShortMoney(0)).toBe("KES 0");
  });
  it("rounds to whole shillings for charts that say KES once", () => {
    expect(formatWholeShillings(125_049)).toBe("1,250");
    expect(formatWholeShillings(125_050)).toBe("1,251");
    expect(formatWholeShillings(0)).toBe("0");
  });
});

describe("parseMoneyInput: every amount a person types (refunds, prices, piece rates, the register, baselines)", () => {
  it.each([
    ["5", "USD", 500],
    ["5.5", "USD", 550],
    ["5.25", "USD", 525],
    ["0.01", "USD", 1],
    ["0.29", "USD", 29],
    ["48.5", "USD", 4850],
    ["$12.00", "USD", 1200],
    ["$ 12", "USD", 1200],
    ["$12.5", "USD", 1250],
    ["$1,250.05", "USD", 125005],
    ["US$ 20", "USD", 2000],
    ["usd 20", "USD", 2000],
    ["1,050.75", "USD", 105075],
    ["1,200.05", "USD", 120005],
    ["  34  ", "USD", 3400],
    ["007", "USD", 700],
    ["KES 350", "KES", 35000],
    ["KSh 1,200", "KES", 120000],
    ["ksh350", "KES", 35000],
    ["4,500", "KES", 450000],
    ["12.5", "KES", 1250],
    ["1200", "JPY", 1200],
    ["0", "USD", 0],
    ["0.00", "USD", 0],
  ])("%j in %s → %i", (input, currency, minor) => {
    expect(parseMoneyInput(input, currency)).toBe(minor);
  });

  it.each([
    "",
    "abc",
    "forty",
    "-5",
    "-3",
    "5.001",
    "1.234",
    "12.345",
    "5.",
    ".5",
    "1,05",
    "1,25",
    "12,3456",
    "1,2,3",
    "5 dollars",
    "1e3",
    "12e3",
    "Infinity",
    "99999999999",
  ])("refuses %j", (input) => {
    expect(parseMoneyInput(input, "USD")).toBeNull();
  });

  it("refuses null and undefined (an empty field)", () => {
    expect(parseMoneyInput(null, "USD")).toBeNull();
    expect(parseMoneyInput(undefined, "USD")).toBeNull();
  });

  it("takes only the currency's own mark: shillings typed into a dollar price are refused, and dollars into shillings", () => {
    expect(parseMoneyInput("KES 350", "USD")).toBeNull();
    expect(parseMoneyInput("$350", "KES")).toBeNull();
  });

  it("uses the currency's decimal places", () => {
    expect(parseMoneyInput("12.5", "JPY")).toBeNull();
    expect(parseMoneyInput("12.50", "KES")).toBe(1250);
  });

  it("refuses amounts that don't fit the integer column", () => {
    expect(parseMoneyInput("21474836.47", "USD")).toBe(2_147_483_647);
    expect(parseMoneyInput("21474836.48", "USD")).toBeNull();
  });

  it("knows an amount's shape before its currency is known", () => {
    for (const ok of ["5", "$1,050.75", "1.005", "KES 350"]) expect(isAmountShaped(ok), ok).toBe(true);
    for (const bad of ["", "-5", "five", "1,05", "5 dollars"]) expect(isAmountShaped(bad), bad).toBe(false);
  });

  it("writes minor units back for a form", () => {
    expect(minorToInput(125005)).toBe("1250.05");
    expect(minorToInput(35000, "KES")).toBe("350.00");
    expect(minorToInput(1200, "JPY")).toBe("1200");
    expect(minorToInput(null)).toBe("");
  });
});
