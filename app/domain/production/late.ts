/**
 * When production work is late: the one rule the production board, its "Late only" filter and the
 * dashboard's late list all read (they used to differ: the board only badged work dispatch had
 * flagged, so PR-61777, ten days past due, showed no badge while the dashboard listed it).
 *
 * Work is late while it is still to reach the hub (or failed QC and must be made again) and either
 * its due date at the hub has passed, by Nairobi's calendar, or dispatch flagged that nobody could
 * make it in time. Work received at the hub, passed or cancelled is never late.
 */
import type { ProductionStatus } from "#db/schema";

/** The statuses in which work can be late: not yet received at the hub, or to be made again. */
export const LATE_STATUSES: readonly ProductionStatus[] = [
  "unassigned",
  "declined",
  "expired",
  "offered",
  "accepted",
  "in_progress",
  "ready",
  "collected",
  "qc_failed",
];

export type LateFacts = { status: ProductionStatus; dueDate: string; late: boolean };

/** `today` is Nairobi's date, YYYY-MM-DD (`zonedIsoDate(now)`). */
export function isLate(request: LateFacts, today: string): boolean {
  return LATE_STATUSES.includes(request.status) && (request.late || request.dueDate < today);
}

/** Whole days past the due date (0 on or before it). */
export function daysOverdue(dueDate: string, today: string): number {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000);
  return Math.max(days, 0);
}

/** The badge's words: "10 days late", "1 day late", or "Won't make it" (flagged, not yet past due). */
export function lateWords(request: LateFacts, today: string): string | null {
  if (!isLate(request, today)) return null;
  const days = daysOverdue(request.dueDate, today);
  if (days === 0) return "Won't make it in time";
  return `${days} ${days === 1 ? "day" : "days"} late`;
}
