/**
 * What an artisan may do with a production request, by its status. Pure: the page shows only the
 * buttons these allow, and the server checks the same rules (the database transition is the
 * final word, via factory/transitions).
 */
import type { ProductionStatus } from "#db/schema";

export const DECLINE_REASONS = ["too_busy", "no_materials", "cant_make", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** How a decline reads in the request's history (operations read English). */
export const DECLINE_NOTES: Record<DeclineReason, string> = {
  too_busy: "Declined: too busy",
  no_materials: "Declined: no materials",
  cant_make: "Declined: can't make this design",
  other: "Declined: other reason",
};

/** Statuses shown on "my work". */
export const WORK_STATUSES = ["accepted", "in_progress", "qc_failed"] as const satisfies readonly ProductionStatus[];
export type WorkStatus = (typeof WORK_STATUSES)[number];

export function isOfferOpen(offer: { status: ProductionStatus; offerExpiresAt: Date | null }, now: Date): boolean {
  return offer.status === "offered" && (!offer.offerExpiresAt || offer.offerExpiresAt.getTime() > now.getTime());
}

/** A part acceptance keeps 1..quantity-1 pieces; the rest goes to someone else. */
export function isValidPart(quantity: number, accepted: number): boolean {
  return Number.isInteger(accepted) && accepted >= 1 && accepted < quantity;
}

export const canStart = (status: ProductionStatus) => status === "accepted" || status === "qc_failed";
export const canRecordMade = (status: ProductionStatus) => status === "in_progress";
export const canMarkReady = (status: ProductionStatus) => status === "accepted" || status === "in_progress" || status === "qc_failed";

/** Pay for a request: piece rate × quantity, in the rate's minor units. */
export function offerTotal(pieceRate: number, quantity: number): number {
  return pieceRate * quantity;
}
