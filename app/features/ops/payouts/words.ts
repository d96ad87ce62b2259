/** What the payouts page calls each status, report and disposition (ledger accounts carry their own names). */
import type { PayoutReport } from "~/domain/payouts/index.server";

export const SKIP_WORDS = {
  no_phone: "no valid payout phone",
  inactive: "inactive",
  below_minimum: "under the M-Pesa minimum",
  reconciling: "a payout is being checked with M-Pesa",
  conflict: "a payout needs a look (above)",
} as const;
export const STATUS_WORDS = {
  pending: "Pending",
  submitted: "Sent to M-Pesa",
  reconciling: "Checking with M-Pesa",
  succeeded: "Paid",
  failed: "Failed",
} as const;
export const STATUS_BADGE = {
  pending: "badge--warn",
  submitted: "badge--warn",
  reconciling: "badge--warn",
  succeeded: "badge--ok",
  failed: "badge--bad",
} as const;
export const REPORT_WORDS: Record<PayoutReport["kind"], string> = {
  result: "M-Pesa result",
  timeout: "Queue timeout",
  status: "Status answer",
  "status-timeout": "Status query timed out",
};
export const OUTCOME_WORDS: Record<PayoutReport["outcome"], string> = {
  succeeded: "Paid",
  failed: "Failed",
  timeout: "Timed out",
  inconclusive: "No clear answer",
  malformed: "Not a Daraja body",
};
export const DISPOSITION_WORDS: Record<PayoutReport["disposition"], string> = {
  applied: "Acted on",
  duplicate: "Repeat: nothing new",
  unmatched: "Ignored: did not match",
  parked: "Waiting for Daraja's reference",
  conflict: "Conflict: not applied",
  reviewed: "Conflict, reviewed",
};
export const DISPOSITION_BADGE: Record<PayoutReport["disposition"], string> = {
  applied: "badge--ok",
  duplicate: "",
  unmatched: "",
  parked: "badge--warn",
  conflict: "badge--bad",
  reviewed: "badge--warn",
};
