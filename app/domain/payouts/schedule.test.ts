import { describe, expect, it } from "vitest";
import { lastScheduledPayoutRun, nextScheduledPayoutRun, PAYOUT_CRON } from "./schedule";

const at = (iso: string) => new Date(iso);

describe("the weekly payout run (Mondays 06:00 Nairobi = 03:00 UTC)", () => {
  it.each([
    // Monday early in UTC, before the run: last week's.
    ["2026-12-07T02:59:59Z", "2026-11-30T03:00:00Z"],
    // Monday at and after the run: today's.
    ["2026-12-07T03:00:00Z", "2026-12-07T03:00:00Z"],
    ["2026-12-07T23:00:00Z", "2026-12-07T03:00:00Z"],
    // Sunday late in Nairobi (already Monday 01:30 there, still before 06:00).
    ["2026-12-06T22:30:00Z", "2026-11-30T03:00:00Z"],
    // Year end and a leap day.
    ["2026-12-31T23:30:00Z", "2026-12-28T03:00:00Z"],
    ["2028-02-29T12:00:00Z", "2028-02-28T03:00:00Z"],
    ["2028-03-01T00:00:00Z", "2028-02-28T03:00:00Z"],
  ])("at %s the last run was %s", (now, last) => {
    const run = lastScheduledPayoutRun(at(now));
    expect(run.toISOString()).toBe(at(last).toISOString());
    expect(run.getUTCDay()).toBe(1);
    expect(run.getTime()).toBeLessThanOrEqual(at(now).getTime());
    const next = nextScheduledPayoutRun(at(now));
    expect(next.getTime()).toBeGreaterThan(at(now).getTime());
    expect(next.getTime() - run.getTime()).toBe(7 * 86_400_000);
  });

  it("is the worker's crontab line", () => {
    expect(PAYOUT_CRON).toBe("0 3 * * 1");
  });
});
