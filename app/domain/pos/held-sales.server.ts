/**
 * Offline cash sales synced from the register (/pos/sync), and those held for a manager: a sale
 * stamped outside the shift it syncs into (offline-rules.ts) is kept as sent, not booked, until a
 * manager books it into the open shift or rejects it on /pos/shift.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { audit } from "~/domain/audit/index.server";
import { hasRole, type Staff } from "~/domain/accounts/index.server";
import { db, schema } from "~/lib/db.server";
import type { offlineSaleSchema } from "./forms";
import { offlineSaleTimeProblem } from "./offline-rules";
import { recordSale, saleKey } from "./sales.server";
import { currentShift } from "./shifts.server";
import { Refusal } from "~/lib/refusal";
import { actorOf } from "./staff.server";

const { heldOfflineSales: held, orders } = schema;

export type OfflineSale = z.infer<typeof offlineSaleSchema>;

export type SyncOutcome =
  | { kind: "recorded" | "duplicate"; number: string; changeDue: number }
  | { kind: "held"; id: number; reason: string };

/** Records a queued offline sale once however often it is sent — or holds it when its time is outside the shift. */
export async function syncOfflineSale(sale: OfflineSale, staff: Staff, now = new Date()): Promise<SyncOutcome> {
  const [already] = await db
    .select({ number: orders.number })
    .from(orders)
    .where(eq(orders.idempotencyKey, saleKey(sale.key)));
  const [wasHeld] = await db.select().from(held).where(eq(held.key, sale.key));
  if (wasHeld && !already) return { kind: "held", id: wasHeld.id, reason: wasHeld.reason };
  const shift = await currentShift();
  if (!shift) throw new Refusal(409, "No shift is open on this register: open one with a starting float first.");
  const soldAt = sale.soldAt ? new Date(sale.soldAt) : null;
  const problem = already ? null : offlineSaleTimeProblem(soldAt, shift.openedAt, now);
  if (problem) {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(held)
        .values({
          key: sale.key,
          soldAt,
          sale: { lines: sale.lines, cashGiven: sale.cashGiven, email: sale.email ?? null, customerId: sale.customerId ?? null },
          reason: problem,
          shiftId: shift.id,
          syncedBy: staff.id,
        })
        .onConflictDoNothing({ target: held.key })
        .returning({ id: held.id });
      if (row)
        await audit(tx, {
          actor: actorOf(staff),
          action: "pos.offline_sale_held",
          subject: `held_sale:${row.id}`,
          data: { key: sale.key, soldAt: sale.soldAt ?? null, reason: problem },
        });
      const [kept] = row ? [row] : await tx.select({ id: held.id }).from(held).where(eq(held.key, sale.key));
      return { kind: "held" as const, id: kept.id, reason: problem };
    });
  }
  const done = await recordSale({
    key: sale.key,
    cart: { lines: sale.lines, customerId: sale.customerId },
    tender: { mode: "cash", cashGiven: sale.cashGiven, cardAmount: null },
    email: sale.email ?? null,
    shippingAddress: null,
    approval: { email: null, pin: null },
    staff,
    offline: { soldAt },
  });
  return { kind: done.created ? "recorded" : "duplicate", number: done.number, changeDue: done.changeDue };
}

/** Held sales waiting for a manager, oldest first. */
export async function listHeldSales() {
  return db
    .select({
      id: held.id,
      key: held.key,
      soldAt: held.soldAt,
      sale: held.sale,
      reason: held.reason,
      syncedAt: held.syncedAt,
      syncedBy: schema.staffUsers.name,
    })
    .from(held)
    .innerJoin(schema.staffUsers, eq(schema.staffUsers.id, held.syncedBy))
    .where(isNull(held.decision))
    .orderBy(asc(held.syncedAt), asc(held.id));
}

export type HeldDecision = { ok: true; message: string } | { ok: false; status: 403 | 404 | 409 | 422; message: string };

/**
 * A manager's decision on a held sale: book it (into the open shift, now — the time the register
 * claimed stays on the held record and in the audit log) or reject it. Deciding twice changes nothing.
 */
export async function decideHeldSale(input: { id: number; decision: "book" | "reject"; staff: Staff }): Promise<HeldDecision> {
  if (!hasRole(input.staff, ["manager"])) return { ok: false, status: 403, message: "Only a manager can book or reject a held sale." };
  const [row] = await db.select().from(held).where(eq(held.id, input.id));
  if (!row) return { ok: false, status: 404, message: "There is no such held sale." };
  if (row.decision) return { ok: false, status: 409, message: `That sale was already ${row.decision}.` };
  const actor = actorOf(input.staff);
  if (input.decision === "reject") {
    return db.transaction(async (tx) => {
      const [done] = await tx
        .update(held)
        .set({ decision: "rejected", decidedBy: input.staff.id, decidedAt: new Date() })
        .where(and(eq(held.id, row.id), isNull(held.decision)))
        .returning({ id: held.id });
      if (!done) return { ok: false, status: 409, message: "That sale was just decided by someone else." } as const;
      await audit(tx, {
        actor,
        action: "pos.held_sale_rejected",
        subject: `held_sale:${row.id}`,
        data: { key: row.key, soldAt: row.soldAt?.toISOString() ?? null },
      });
      return { ok: true, message: "Rejected: the sale was not booked." } as const;
    });
  }
  // Claimed first, so two managers clicking at once book it once (the other hears it was decided).
  const [claimed] = await db
    .update(held)
    .set({ decision: "booked", decidedBy: input.staff.id, decidedAt: new Date() })
    .where(and(eq(held.id, row.id), isNull(held.decision)))
    .returning({ id: held.id });
  if (!claimed) return { ok: false, status: 409, message: "That sale was just decided by someone else." };
  try {
    const sale = await recordSale({
      key: row.key,
      cart: { lines: row.sale.lines, customerId: row.sale.customerId ?? undefined },
      tender: { mode: "cash", cashGiven: row.sale.cashGiven, cardAmount: null },
      email: row.sale.email,
      shippingAddress: null,
      approval: { email: null, pin: null },
      staff: input.staff,
      offline: { soldAt: null },
    });
    const [order] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.idempotencyKey, saleKey(row.key)));
    await db.transaction(async (tx) => {
      await tx.update(held).set({ orderId: order.id }).where(eq(held.id, row.id));
      await audit(tx, {
        actor,
        action: "pos.held_sale_booked",
        subject: `held_sale:${row.id}`,
        data: { key: row.key, order: sale.number, claimedSoldAt: row.soldAt?.toISOString() ?? null },
      });
    });
    return { ok: true, message: `Booked as sale ${sale.number}.` };
  } catch (error) {
    // Not booked after all (no open shift, a piece no longer sold): back to waiting for a decision.
    await db.update(held).set({ decision: null, decidedBy: null, decidedAt: null }).where(eq(held.id, row.id));
    if (error instanceof Refusal) return { ok: false, status: error.status === 409 ? 409 : 422, message: error.message };
    throw error;
  }
}
