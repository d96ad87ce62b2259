import type { ProductionStatus } from "#db/schema";

/**
 * Who may move a production request from which status to which. Everything else is refused, so a
 * replayed or out-of-order action changes nothing.
 */
export const TRANSITIONS: Record<ProductionStatus, ProductionStatus[]> = {
  unassigned: ["offered", "cancelled"],
  offered: ["accepted", "declined", "expired", "cancelled"],
  declined: ["unassigned"],
  expired: ["unassigned"],
  accepted: ["in_progress", "ready", "cancelled"],
  in_progress: ["ready", "cancelled"],
  ready: ["collected", "received"],
  collected: ["received"],
  received: ["qc_passed", "qc_failed"],
  qc_failed: ["in_progress", "ready", "unassigned"],
  qc_passed: [],
  cancelled: [],
};

export function canTransition(from: ProductionStatus, to: ProductionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses that hold an artisan's capacity this week. */
export const ACTIVE_STATUSES: ProductionStatus[] = ["offered", "accepted", "in_progress"];
/** Work not yet started: cancelling the order cancels these. */
export const NOT_STARTED_STATUSES: ProductionStatus[] = ["unassigned", "offered", "accepted", "declined", "expired"];
