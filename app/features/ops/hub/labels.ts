/** Words for what a quality check decided, as the request's page lists them. */
export const OUTCOME_WORDS: Record<string, string> = {
  passed: "passed",
  failed_rework: "failed units to rework",
  failed_redispatch: "failed units re-dispatched",
};

/** The badge's colour for a request's status: green when passed, red when failed or cancelled. */
export function statusBadgeClass(status: string) {
  return `badge ${status === "qc_passed" ? "badge--ok" : status === "qc_failed" || status === "cancelled" ? "badge--bad" : ""}`;
}

/** Where an order came from, as the packing slip prints it. */
export const ORDER_CHANNEL_WORDS: Record<string, string> = { web: "Web shop", wholesale: "Wholesale", pos: "Flagship (special order)" };
