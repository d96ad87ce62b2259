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

/**
 * Ready for pickup means every piece is made: there is no partial "ready". The artisan says all
 * `quantity` pieces are made when she marks the work ready (the app asks her to tick "all N made"
 * when fewer are recorded; USSD's option reads "all N made"), and the request's made count becomes
 * its quantity, so the app, USSD, deliveries and the hub show one number. To hand over fewer, she
 * asks operations (reassign), never "ready" with fewer made. `advanceRequest` holds every channel
 * to this when a request moves to ready.
 */
export type ReadyRefusal = "stale" | "not_all_made";
export function readyRefusal(work: { status: ProductionStatus; quantity: number }, made: number): ReadyRefusal | null {
  if (!canMarkReady(work.status)) return "stale";
  return isAllMade(work.quantity, made) ? null : "not_all_made";
}
/** Every piece of the request made: what "ready" means (see readyRefusal). */
export const isAllMade = (quantity: number, made: number) => Number.isInteger(made) && made === quantity;

/**
 * Work she has accepted and not yet been paid for: from acceptance until the hub's quality check
 * passes it (that credits her balance in the ledger). Its pay is "pending" on her earnings page.
 */
export const PENDING_PAY_STATUSES = [
  "accepted",
  "in_progress",
  "ready",
  "collected",
  "received",
  "qc_failed",
] as const satisfies readonly ProductionStatus[];

/** Pay for a request: piece rate × quantity, in the rate's minor units. */
export function offerTotal(pieceRate: number, quantity: number): number {
  return pieceRate * quantity;
}
