import { describe, expect, it } from "vitest";
import { formatOpsTime, laterIsoDate, zonedIsoDate } from "./time";

describe("formatOpsTime", () => {
  it("shows an instant on Nairobi's clock, labelled EAT", () => {
    expect(formatOpsTime(new Date("2026-03-12T11:05:09Z"))).toBe("12 Mar 2026, 14:05 EAT");
    expect(formatOpsTime("2026-03-12T11:05:09Z", { seconds: true })).toBe("12 Mar 2026, 14:05:09 EAT");
    expect(formatOpsTime("2026-03-12T11:05:09Z", { year: false })).toBe("12 Mar, 14:05 EAT");
  });

  it("moves to the next Nairobi day after 21:00 UTC, with its weekday", () => {
    // Sunday 22:30 UTC is already Monday 01:30 in Nairobi.
    expect(formatOpsTime("2026-11-01T22:30:00Z", { weekday: true })).toBe("Mon 2 Nov 2026, 01:30 EAT");
    expect(formatOpsTime("2026-12-31T21:00:00Z")).toBe("1 Jan 2027, 00:00 EAT");
    expect(zonedIsoDate(new Date("2026-12-31T21:00:00Z"))).toBe("2027-01-01");
  });

  it("says a dash for a time that is not one", () => {
    expect(formatOpsTime("not a time")).toBe("—");
  });
});

describe("laterIsoDate", () => {
  it("picks the later calendar date, across months and years", () => {
    expect(laterIsoDate("2026-12-05", "2026-12-06")).toBe("2026-12-06");
    expect(laterIsoDate("2027-01-02", "2026-12-31")).toBe("2027-01-02");
    expect(laterIsoDate("2026-09-30", "2026-10-01")).toBe("2026-10-01");
    expect(laterIsoDate("2026-12-06", "2026-12-06")).toBe("2026-12-06");
  });
});
