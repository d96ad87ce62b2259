import { describe, expect, it } from "vitest";
import { daysInMonth, monthKey, zonedDate } from "~/lib/time";
import { cumulativeByDay, formatPercent, passRate, relativeChange } from "./dashboard";

describe("dashboard rules", () => {
  it("reads the calendar date in Nairobi, not UTC", () => {
    // 22:30 UTC on 31 October is already 1 November in Nairobi (UTC+3).
    expect(zonedDate(new Date("2026-10-31T22:30:00Z"))).toEqual({ year: 2026, month: 11, day: 1 });
    expect(zonedDate(new Date("2026-10-31T20:59:00Z"))).toEqual({ year: 2026, month: 10, day: 31 });
  });

  it("names months and rolls over the year", () => {
    expect(monthKey(2026, 11)).toBe("2026-11");
    expect(monthKey(2026, 0)).toBe("2025-12");
    expect(monthKey(2026, -11)).toBe("2025-01");
    expect(monthKey(2026, 13)).toBe("2027-01");
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 11)).toBe(30);
  });

  it("computes a pass rate over inspected units, null when none", () => {
    expect(passRate(93, 7)).toBeCloseTo(0.93);
    expect(passRate(0, 0)).toBeNull();
    expect(passRate(0, 5)).toBe(0);
  });

  it("computes change, null against nothing", () => {
    expect(relativeChange(150, 100)).toBeCloseTo(0.5);
    expect(relativeChange(50, 100)).toBeCloseTo(-0.5);
    expect(relativeChange(10, 0)).toBeNull();
  });

  it("runs totals by day and stops at today", () => {
    const daily = new Map([
      [1, 100],
      [3, 50],
      [5, 10],
    ]);
    expect(cumulativeByDay(daily, 4, 6)).toEqual([100, 100, 150, 150, null, null]);
    expect(cumulativeByDay(new Map(), 2, 2)).toEqual([0, 0]);
  });

  it("formats a rate", () => {
    expect(formatPercent(0.9346)).toBe("93.5 %");
    expect(formatPercent(null)).toBe("—");
  });
});
