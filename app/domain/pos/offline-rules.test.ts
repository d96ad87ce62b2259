import { describe, expect, it } from "vitest";
import { OFFLINE_CLOCK_SKEW_MS, offlineSaleTimeProblem } from "./offline-rules";

const opened = new Date("2026-12-05T17:00:00Z");
const now = new Date("2026-12-05T23:00:00Z");
const at = (ms: number) => new Date(ms);

describe("offline sales against the shift's window", () => {
  it("books a sale stamped inside the shift, or not stamped at all", () => {
    expect(offlineSaleTimeProblem(null, opened, now)).toBeNull();
    expect(offlineSaleTimeProblem(new Date("2026-12-05T20:15:00Z"), opened, now)).toBeNull();
  });

  it("allows the stated clock skew on both sides, and no more", () => {
    expect(offlineSaleTimeProblem(at(opened.getTime() - OFFLINE_CLOCK_SKEW_MS), opened, now)).toBeNull();
    expect(offlineSaleTimeProblem(at(now.getTime() + OFFLINE_CLOCK_SKEW_MS), opened, now)).toBeNull();
    expect(offlineSaleTimeProblem(at(opened.getTime() - OFFLINE_CLOCK_SKEW_MS - 1), opened, now)).toMatch(
      /before this shift opened \(Dec 5, 2026, 9:00\sAM\)/,
    );
    expect(offlineSaleTimeProblem(at(now.getTime() + OFFLINE_CLOCK_SKEW_MS + 1), opened, now)).toMatch(/later than now .* clock is wrong/);
  });

  it("holds the sales from 1970 and 2099", () => {
    expect(offlineSaleTimeProblem(new Date("1970-01-01T00:00:00Z"), opened, now)).toMatch(/Dec 31, 1969, 4:00\sPM/);
    expect(offlineSaleTimeProblem(new Date("2099-01-01T00:00:00Z"), opened, now)).toMatch(/Dec 31, 2098, 4:00\sPM/);
  });
});
