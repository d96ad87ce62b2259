/**
 * What an M-Pesa report does to a payout, pure: every payout state × every kind of report.
 *
 * Only reports already MATCHED come here (a B2C result or timeout carrying both the payout's own
 * OriginatorConversationID and the ConversationID Daraja returned for it; a status answer carrying
 * the ConversationID of our own status query). Matching is in payouts.server.ts.
 *
 * The rules, in words:
 *   - A B2C success on a payout in flight settles it. A B2C failure or queue timeout does NOT return
 *     the money: the payout goes to `reconciling` (money stays in clearing, the artisan is not
 *     payable) and M-Pesa's transaction status query decides.
 *   - A transaction status answer is M-Pesa's own record of the payment: on a payout not yet final
 *     "Completed" settles it and a failed transaction reverses it (the only way money returns to an
 *     artisan after M-Pesa accepted the request). No clear answer changes nothing; we ask again.
 *   - A final payout's money never moves again. A report that agrees is a duplicate; one that
 *     disagrees (success after failure, failure after success, another receipt, another amount) is a
 *     conflict: recorded, shown to finance, not applied.
 *   - A B2C success after a reported failure, while still reconciling, is a conflict too: the status
 *     answer decides, not whichever report came last.
 */

export type PayoutState = "pending" | "submitted" | "reconciling" | "succeeded" | "failed";

export type PayoutFacts = {
  status: PayoutState;
  /** The M-Pesa receipt the payout settled with, if it did. */
  receipt: string | null;
  /** A matched B2C failure result was already recorded for this payout. */
  failureReported: boolean;
  /** Our current status query already got an answer (a repeat of it is nothing new). */
  queryAnswered: boolean;
};

export type MatchedReport =
  | { source: "result"; outcome: "succeeded"; receipt: string }
  | { source: "result"; outcome: "failed" }
  | { source: "timeout" }
  | { source: "status"; outcome: "succeeded"; receipt: string; amountMatches: boolean }
  | { source: "status"; outcome: "failed"; amountMatches: boolean }
  | { source: "status"; outcome: "inconclusive" };

export type Decision = {
  disposition: "applied" | "duplicate" | "conflict";
  /**
   * settle: clearing → cash, payout succeeded. reverse: clearing → payable, payout failed.
   * reconcile: payout → reconciling and ask M-Pesa. none: the payout does not change.
   */
  action: "settle" | "reverse" | "reconcile" | "none";
  /** For finance: why, in a sentence. */
  why: string;
};

const decide = (disposition: Decision["disposition"], action: Decision["action"], why: string): Decision => ({ disposition, action, why });

export function decideReport(payout: PayoutFacts, report: MatchedReport): Decision {
  const inFlight = payout.status === "pending" || payout.status === "submitted";
  const reconciling = payout.status === "reconciling";

  if (report.source === "status") {
    if (report.outcome === "inconclusive") {
      if (payout.status === "succeeded" || payout.status === "failed")
        return decide("duplicate", "none", `M-Pesa's status answer was not clear; the payout is already ${payout.status}.`);
      return payout.queryAnswered
        ? decide("duplicate", "none", "The same status answer again: still not clear.")
        : decide("applied", "none", "M-Pesa's status answer was not clear yet: we ask again later.");
    }
    if (!report.amountMatches) {
      return decide("conflict", "none", `M-Pesa's status answer gives another amount than this payout: nothing changed.`);
    }
    if (report.outcome === "succeeded") {
      if (inFlight || reconciling) return decide("applied", "settle", "M-Pesa's transaction status says it was paid.");
      if (payout.status === "succeeded") {
        return payout.receipt === report.receipt
          ? decide("duplicate", "none", "M-Pesa's transaction status agrees: paid.")
          : decide(
              "conflict",
              "none",
              `M-Pesa's transaction status names receipt ${report.receipt}, not ${payout.receipt ?? "the one recorded"}: nothing changed.`,
            );
      }
      return decide(
        "conflict",
        "none",
        "M-Pesa's transaction status says paid, but the payout had failed and its money went back to the balance: nothing changed.",
      );
    }
    if (inFlight || reconciling)
      return decide("applied", "reverse", "M-Pesa's transaction status confirms it failed: the money goes back to the balance.");
    if (payout.status === "failed") return decide("duplicate", "none", "M-Pesa's transaction status agrees: failed.");
    return decide("conflict", "none", "M-Pesa's transaction status says failed, but the payout was settled as paid: nothing changed.");
  }

  if (report.source === "timeout") {
    if (inFlight)
      return decide("applied", "reconcile", "Timed out in the M-Pesa queue: it may still be paid, so we ask M-Pesa before anything moves.");
    return decide("duplicate", "none", `A queue timeout, but the payout is already ${payout.status}.`);
  }

  if (report.outcome === "succeeded") {
    if (inFlight) return decide("applied", "settle", "M-Pesa reported it paid.");
    if (reconciling) {
      return payout.failureReported
        ? decide("conflict", "none", "M-Pesa reported it paid after reporting it failed: its transaction status decides.")
        : decide("applied", "settle", "M-Pesa reported it paid after a queue timeout.");
    }
    if (payout.status === "succeeded") {
      return payout.receipt === report.receipt
        ? decide("duplicate", "none", "The same success again.")
        : decide(
            "conflict",
            "none",
            `Reported paid again with another receipt (${report.receipt}, not ${payout.receipt ?? "the one recorded"}): nothing changed.`,
          );
    }
    return decide("conflict", "none", "Reported paid, but the payout had failed and its money went back to the balance: nothing changed.");
  }

  // A B2C failure result.
  if (inFlight)
    return decide(
      "applied",
      "reconcile",
      "M-Pesa reported a failure: we confirm it with M-Pesa's transaction status before the money goes back.",
    );
  if (reconciling) {
    return payout.failureReported
      ? decide("duplicate", "none", "The same failure again, still being checked.")
      : decide("applied", "none", "M-Pesa reported a failure after a queue timeout: still being checked.");
  }
  if (payout.status === "failed") return decide("duplicate", "none", "The same failure again.");
  return decide("conflict", "none", "Reported failed, but the payout was settled as paid: nothing changed.");
}
