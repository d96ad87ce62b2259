/** Words and dates on the operations dashboard. */

export const CHANNEL_LABEL = { web: "Web shop", wholesale: "Wholesale", pos: "Flagship (POS)" } as const;

/** A production request's state as the dashboard names it. */
export const STATUS_LABEL = {
  unassigned: "Unassigned",
  offered: "Offered",
  declined: "Declined",
  expired: "Offer expired",
  accepted: "Accepted",
  in_progress: "In progress",
  ready: "Ready for pickup",
  collected: "Collected",
  received: "At the hub",
  qc_failed: "QC failed",
  qc_passed: "QC passed",
  cancelled: "Cancelled",
} as const;

/** "2026-11" → "November 2026". */
export function monthName(key: string) {
  const [year, month] = key.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** "2026-11-05" → "Thursday 5 November 2026". */
export function formatDay(iso: string) {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}
