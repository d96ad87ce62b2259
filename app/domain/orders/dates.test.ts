import { describe, expect, it } from "vitest";
import { addDays, isoDate } from "./dates";

describe("isoDate: a day on the factory's clock (Nairobi, UTC+3)", () => {
  it("is already tomorrow in Nairobi from 21:00 UTC (the American afternoon)", () => {
    expect(isoDate(new Date("2026-12-06T20:59:59Z"))).toBe("2026-12-06");
    expect(isoDate(new Date("2026-12-06T21:00:00Z"))).toBe("2026-12-07");
    expect(isoDate(new Date("2026-12-31T22:30:00Z"))).toBe("2027-01-01");
  });

  it("a due date lead days ahead counts from Nairobi's today", () => {
    expect(isoDate(addDays(new Date("2026-12-06T22:30:00Z"), 14))).toBe("2026-12-21");
  });

  it("a calendar date read as UTC midnight stays that date", () => {
    expect(isoDate(new Date("2026-03-01T00:00:00Z"))).toBe("2026-03-01");
  });
});

describe("isoDate across Nairobi's midnight (21:00 UTC), with fixed instants", () => {
  it.each([
    ["2026-12-07T20:59:00Z", "2026-12-07"],
    ["2026-12-07T21:00:00Z", "2026-12-08"],
    ["2026-12-07T23:59:00Z", "2026-12-08"],
    ["2026-12-08T00:00:00Z", "2026-12-08"],
  ])("%s is %s in Nairobi", (instant, day) => {
    expect(isoDate(new Date(instant))).toBe(day);
  });
});
