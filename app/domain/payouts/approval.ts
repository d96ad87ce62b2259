/**
 * What finance approved on /ops/payouts ("Send these payouts now?"): the run's count, its KES total
 * and a digest of its exact payees. A run from the page pays only when what it would pay, worked out
 * again inside its own transaction, is still this (decision 0024).
 */
import { createHash } from "node:crypto";
import type { PayoutCandidate } from "./preview";

export type RunApproval = { count: number; total: number; digest: string };

/**
 * SHA-256 (hex) of the payees, in artisan id order, one line each: artisan id, amount (minor units)
 * and the payout phone as recorded. Skipped candidates are not payees. Any change to who is paid,
 * how much, or to which number changes it.
 */
export function payeesDigest(candidates: readonly PayoutCandidate[]): string {
  const lines = candidates
    .filter((c) => !c.skip)
    .map((c) => ({ id: c.artisanId, line: `${c.artisanId}:${c.amount}:${c.phone ?? ""}` }))
    .sort((a, b) => a.id - b.id)
    .map((c) => c.line);
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

/** Whether the run as it stands now is the one approved. */
export function sameAsApproved(now: RunApproval, approved: RunApproval): boolean {
  return now.count === approved.count && now.total === approved.total && now.digest === approved.digest;
}

/** The answer when it is not: the run now, to check and confirm again. */
export function payoutsChangedMessage(now: { count: number; total: number }): string {
  const cents = now.total % 100 === 0 ? 0 : 2;
  const kes = (now.total / 100).toLocaleString("en-US", { minimumFractionDigits: cents, maximumFractionDigits: cents });
  return `The payouts changed since you looked: now ${now.count} ${now.count === 1 ? "payout" : "payouts"}, KES ${kes}. Check and confirm again.`;
}

/** Thrown by a run from the page whose payees are no longer the ones approved: nothing was written or sent. */
export class PayoutsChanged extends Error {
  constructor(readonly now: RunApproval) {
    super(payoutsChangedMessage(now));
    this.name = "PayoutsChanged";
  }
}
