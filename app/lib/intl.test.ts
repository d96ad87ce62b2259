import { describe, expect, it } from "vitest";
import { dateTimeFormat, formatDate, formatLongDay, numberFormat } from "./intl";

describe("kept Intl formatters", () => {
  it("answer as a new formatter (or toLocaleDateString) would", () => {
    const options: Intl.DateTimeFormatOptions = { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" };
    const at = "2026-03-12T23:30:00Z";
    expect(formatDate(at, "en-US", options)).toBe(new Date(at).toLocaleDateString("en-US", options));
    expect(formatDate(new Date(at), "en-US", { month: "short", hour: "numeric", timeZone: "UTC" })).toBe(
      new Date(at).toLocaleString("en-US", { month: "short", hour: "numeric", timeZone: "UTC" }),
    );
    expect(numberFormat("en-US", { style: "currency", currency: "KES" }).format(12.5)).toBe(
      new Intl.NumberFormat("en-US", { style: "currency", currency: "KES" }).format(12.5),
    );
    expect(formatDate("not a date", "en-US", options)).toBe(new Date("not a date").toLocaleDateString("en-US", options));
  });

  it("are made once per locale and options", () => {
    expect(dateTimeFormat("en-GB", { timeZone: "UTC" })).toBe(dateTimeFormat("en-GB", { timeZone: "UTC" }));
    expect(dateTimeFormat("en-GB", { timeZone: "UTC" })).not.toBe(dateTimeFormat("en-US", { timeZone: "UTC" }));
    expect(numberFormat("en", { maximumFractionDigits: 0 })).toBe(numberFormat("en", { maximumFractionDigits: 0 }));
  });
});

describe("formatLongDay", () => {
  it("writes an instant's UTC day the locale's way", () => {
    expect(formatLongDay("2026-12-07T23:30:00Z", "en-GB")).toBe("7 December 2026");
    expect(formatLongDay("2026-12-07T23:30:00Z", "en-US")).toBe("December 7, 2026");
    expect(formatLongDay(new Date("2026-12-08T00:30:00Z"), "en-AU")).toBe("8 December 2026");
  });
});
