/**
 * Pure rules behind the operations dashboard: which days and months "today" and "this month" mean
 * (in Nairobi, where the factory works), rates and changes, and the month-to-date comparison series.
 */
import type { ProductionStatus } from "#db/schema";

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
