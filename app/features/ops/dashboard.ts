/**
 * Pure rules behind the operations dashboard: which days and months "today" and "this month" mean
 * (in Nairobi, where the factory works), rates and changes, and the month-to-date comparison series.
 */
import type { ProductionStatus } from "#db/schema";

/** The factory's clock: days and months on the dashboard and in the impact report start in Nairobi. */
export const OPS_TIME_ZONE = "Africa/Nairobi";

/** A request is late when flagged, or past its due date, until it passed QC or was cancelled. */
export const LATE_DONE_STATUSES: readonly ProductionStatus[] = ["qc_passed", "cancelled"];

/** The order the pipeline reads in, from a new request to finished work. */
export const PIPELINE_ORDER: readonly ProductionStatus[] = [
  "unassigned",
  "offered",
  "declined",
  "expired",
  "accepted",
  "in_progress",
  "ready",
  "collected",
  "received",
  "qc_failed",
  "qc_passed",
  "cancelled",
];

export type ZonedDate = { year: number; month: number; day: number };

/** The calendar date at `instant` in `timeZone`. */
export function zonedDate(instant: Date, timeZone = OPS_TIME_ZONE): ZonedDate {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get("year"), month: get("month"), day: get("day") };
}

/** "2026-11" for a year and month, with months before January or after December rolled over. */
/** The calendar date in Nairobi (or `timeZone`) as YYYY-MM-DD: what "today" means for due dates. */
export function zonedIsoDate(instant: Date, timeZone = OPS_TIME_ZONE): string {
  const day = zonedDate(instant, timeZone);
  return `${monthKey(day.year, day.month)}-${String(day.day).padStart(2, "0")}`;
}

export function monthKey(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Days in a month (month 1..12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Passed units over inspected units, or null when nothing was inspected. */
export function passRate(passed: number, failed: number): number | null {
  const inspected = passed + failed;
  return inspected > 0 ? passed / inspected : null;
}

/** Relative change from `previous` to `current` (0.25 = +25 %), or null when there is nothing to compare with. */
export function relativeChange(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return (current - previous) / previous;
}

/**
 * Running totals by day of month: index 0 is day 1. Days after `lastDay` are null (the month is not
 * there yet), so this month's line stops at today while last month's runs to its end.
 */
export function cumulativeByDay(daily: Map<number, number>, lastDay: number, length: number): Array<number | null> {
  const out: Array<number | null> = [];
  let sum = 0;
  for (let day = 1; day <= length; day++) {
    sum += daily.get(day) ?? 0;
    out.push(day <= lastDay ? sum : null);
  }
  return out;
}

/** 0.934 → "93.4 %"; null → "—". */
export function formatPercent(rate: number | null, digits = 1): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(digits)} %`;
}
