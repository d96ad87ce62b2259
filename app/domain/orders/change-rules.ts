/**
 * What changing a line's quantity after the order is placed may undo. Pure: change.server.ts reads
 * the line's open allocations, asks `planReduction`, and applies the plan in its transaction.
 *
 * A reduction takes back, in this order: production no artisan has accepted yet (unassigned,
 * offered, declined, expired — the piece is not being made, so nothing is wasted), then reserved
 * stock (it goes back on the shelf for other orders). Work an artisan has accepted, is making or has
 * made is never taken back: a line cannot go below it, and such a change is refused whole.
 */
import type { ProductionStatus } from "#db/schema";

/** Production not yet accepted by an artisan: a change may cancel or shrink it. */
export const UNACCEPTED_STATUSES: readonly ProductionStatus[] = ["unassigned", "offered", "declined", "expired"];

export type OpenStock = { allocationId: number; locationId: number; quantity: number };
export type OpenProduction = { allocationId: number; requestId: number; number: string; status: ProductionStatus; quantity: number };

export type ReductionPlan =
  | {
      ok: true;
      /** Requests cancelled whole. */
      cancel: OpenProduction[];
      /** A request kept with fewer pieces (`to` > 0). */
      shrink: (OpenProduction & { to: number }) | null;
      /** Reservations given back, whole or in part (`release` units of `quantity`). */
      release: Array<OpenStock & { release: number }>;
    }
  | { ok: false; committed: number; message: string };

const pieces = (n: number) => `${n} ${n === 1 ? "piece" : "pieces"}`;

/** The plan that takes `by` pieces off a line, or why it cannot. */
export function planReduction(line: { quantity: number; stock: OpenStock[]; production: OpenProduction[] }, by: number): ReductionPlan {
  const live = line.production.filter((p) => p.status !== "cancelled");
  const movable = live.filter((p) => UNACCEPTED_STATUSES.includes(p.status));
  const stock = line.stock.reduce((n, s) => n + s.quantity, 0);
  const free = movable.reduce((n, p) => n + p.quantity, 0) + stock;
  if (by > free) {
    const committed = Math.max(0, line.quantity - free);
    return {
      ok: false,
      committed,
      message: `${pieces(committed)} already accepted by an artisan or made: the line can't go below ${committed}.`,
    };
  }
  let left = by;
  const cancel: OpenProduction[] = [];
  let shrink: (OpenProduction & { to: number }) | null = null;
  // The newest requests first: the oldest are closest to being offered and made.
  for (const p of [...movable].sort((a, b) => b.requestId - a.requestId)) {
    if (left === 0) break;
    if (p.quantity <= left) {
      cancel.push(p);
      left -= p.quantity;
    } else {
      shrink = { ...p, to: p.quantity - left };
      left = 0;
    }
  }
  const release: Array<OpenStock & { release: number }> = [];
  // Stock that ships slowest goes back first (the list comes in shipping order).
  for (const s of [...line.stock].reverse()) {
    if (left === 0) break;
    const take = Math.min(s.quantity, left);
    release.push({ ...s, release: take });
    left -= take;
  }
  return { ok: true, cancel, shrink, release };
}
