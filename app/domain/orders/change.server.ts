/**
 * Changing an order's lines after it is placed (a retailer's 860 today; any channel that lets a buyer
 * change its order later): a line's quantity up or down, a line added or removed. Inside the
 * caller's transaction, with the order row and its production requests locked, like cancelOrder:
 *
 * - more pieces are reserved from stock first, the rest become new production requests (dispatched
 *   by the same job as a new order's);
 * - fewer pieces cancel or shrink production no artisan has accepted yet, then give reserved stock
 *   back (./change-rules.ts); work already accepted or made is never taken back, so a line that would
 *   go below it is refused, alone, before anything of it is written;
 * - the order's totals, its status (in production, or ready when nothing is left to make) and an
 *   order event follow.
 *
 * Each line's outcome comes back; a refused line changes nothing, the others still apply.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { WEB_STOCK_LOCATION_CODES } from "~/domain/inventory";
import { releaseReservation, reserveStock } from "~/domain/inventory/index.server";
import { advanceRequest } from "~/domain/production/index.server";
import { canTransition } from "~/domain/production";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { schema, type Executor } from "~/lib/db.server";
import { planReduction, type OpenProduction, type OpenStock } from "./change-rules";
import { addDays, isoDate } from "./dates";

const { orders, orderLines, allocations, productionRequests, productionEvents, orderEvents, variants, products, locations } = schema;

/** One line's new quantity (0 removes it). `unitPrice` is needed only for a variant not on the order. */
export type LineChange = { key: string; variantId: number; quantity: number; unitPrice?: number };
export type LineChangeResult = { key: string; variantId: number; from: number; to: number; ok: boolean; message: string };
export type ChangeOutcome =
  | { ok: true; lines: LineChangeResult[]; subtotal: number; total: number; newRequests: number }
  | { ok: false; status: 404 | 409; message: string };

const CHANGEABLE = ["open", "in_production", "ready"];

export async function changeOrderLines(
  tx: Executor,
  input: { orderId: number; actor: string; changes: LineChange[]; note?: string; today?: Date },
): Promise<ChangeOutcome> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for("update");
  if (!order) return { ok: false, status: 404, message: "That order no longer exists." };
  if (!CHANGEABLE.includes(order.status))
    return { ok: false, status: 409, message: `Order ${order.number} is ${order.status.replace("_", " ")}; its lines can't change now.` };
  const today = input.today ?? new Date();
  // Locked like cancelOrder does, so dispatch can't offer a request while we decide what to change.
  await tx.select({ id: productionRequests.id }).from(productionRequests).where(eq(productionRequests.orderId, order.id)).for("update");
  const [lines, variantRows, locationRows] = await Promise.all([
    tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.id)),
    tx
      .select({
        id: variants.id,
        sku: variants.sku,
        variantTitle: variants.title,
        productTitle: products.title,
        leadTimeDays: variants.leadTimeDays,
        pieceRate: variants.pieceRate,
        pieceRateCurrency: variants.pieceRateCurrency,
      })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(
        inArray(
          variants.id,
          input.changes.map((c) => c.variantId),
        ),
      ),
    tx.select({ id: locations.id }).from(locations).where(inArray(locations.code, WEB_STOCK_LOCATION_CODES)),
  ]);
  const variantById = new Map(variantRows.map((v) => [v.id, v]));
  const lineByVariant = new Map(lines.map((l) => [l.variantId, l]));
  const locationIds = locationRows.map((l) => l.id);
  let remainingLines = lines.length;
  let newRequests = 0;
  const results: LineChangeResult[] = [];
  const note = input.note ?? "Order changed";

  // Additions first, so removing a line in the same change never leaves the order empty midway.
  const ordered = [...input.changes].sort((a, b) => delta(b, lineByVariant) - delta(a, lineByVariant));
  for (const change of ordered) {
    const line = lineByVariant.get(change.variantId);
    const from = line?.quantity ?? 0;
    const done = (ok: boolean, message: string, to = ok ? change.quantity : from) =>
      results.push({ key: change.key, variantId: change.variantId, from, to, ok, message });
    if (!Number.isInteger(change.quantity) || change.quantity < 0) {
      done(false, "The quantity must be a whole number of pieces.");
      continue;
    }
    if (change.quantity === from) {
      done(true, from ? `Already ${from}; nothing to change.` : "Not on the order; nothing to remove.");
      continue;
    }
    if (change.quantity > from) {
      const variant = variantById.get(change.variantId);
      if (!variant) {
        done(false, "That item is not in our catalogue.");
        continue;
      }
      let lineId = line?.id;
      if (!line) {
        if (change.unitPrice === undefined) {
          done(false, "A new line needs its price.");
          continue;
        }
        const [added] = await tx
          .insert(orderLines)
          .values({
            orderId: order.id,
            variantId: variant.id,
            sku: variant.sku,
            title:
              variant.variantTitle && variant.variantTitle !== "Default"
                ? `${variant.productTitle} — ${variant.variantTitle}`
                : variant.productTitle,
            quantity: change.quantity,
            unitPrice: change.unitPrice,
            total: change.unitPrice * change.quantity,
          })
          .returning();
        lineId = added.id;
        lineByVariant.set(variant.id, added);
        remainingLines += 1;
      } else {
        await tx
          .update(orderLines)
          .set({ quantity: change.quantity, total: sql`${orderLines.unitPrice} * ${change.quantity} - ${orderLines.discount}` })
          .where(eq(orderLines.id, line.id));
      }
      const more = change.quantity - from;
      const reserved = await reserveStock(tx, variant.id, more, locationIds, order.number);
      const fromStock = reserved.reduce((n, r) => n + r.quantity, 0);
      if (reserved.length)
        await tx
          .insert(allocations)
          .values(reserved.map((r) => ({ orderLineId: lineId!, kind: "stock" as const, locationId: r.locationId, quantity: r.quantity })));
      if (more > fromStock) {
        const [request] = await tx
          .insert(productionRequests)
          .values({
            number: sql`'PR-' || nextval('production_request_numbers')`,
            orderId: order.id,
            orderLineId: lineId!,
            variantId: variant.id,
            quantity: more - fromStock,
            pieceRate: variant.pieceRate,
            pieceRateCurrency: variant.pieceRateCurrency,
            dueDate: isoDate(addDays(today, variant.leadTimeDays)),
            status: "unassigned",
          })
          .returning({ id: productionRequests.id, quantity: productionRequests.quantity });
        await Promise.all([
          tx
            .insert(allocations)
            .values({ orderLineId: lineId!, kind: "production", productionRequestId: request.id, quantity: request.quantity }),
          tx.insert(productionEvents).values({
            requestId: request.id,
            orderId: order.id,
            fromStatus: null,
            toStatus: "unassigned",
            actor: input.actor,
            note: `${request.quantity} to make (${note.toLowerCase()})`,
          }),
        ]);
        newRequests += 1;
      }
      const parts = [line ? `${from} → ${change.quantity}` : `${change.quantity} added`];
      if (fromStock) parts.push(`${fromStock} from stock`);
      if (more > fromStock) parts.push(`${more - fromStock} to make`);
      done(true, `${parts.join(", ")}.`);
      continue;
    }

    // Fewer pieces, or none.
    if (!line) continue;
    if (change.quantity === 0 && remainingLines === 1) {
      done(false, "This is the order's last line: cancel the order instead of removing it.");
      continue;
    }
    const open = await openAllocations(tx, line.id);
    const plan = planReduction({ quantity: line.quantity, ...open }, from - change.quantity);
    if (!plan.ok) {
      done(false, plan.message);
      continue;
    }
    const reason = `${note}: ${line.sku} ${from} → ${change.quantity}`;
    for (const p of plan.cancel) await cancelRequest(tx, order.id, p, input.actor, reason);
    if (plan.shrink) {
      const s = plan.shrink;
      if (s.status === "offered") {
        // The artisan was offered the old quantity: that offer is withdrawn and the rest offered afresh.
        await cancelRequest(tx, order.id, s, input.actor, reason);
        const [copy] = await tx.select().from(productionRequests).where(eq(productionRequests.id, s.requestId));
        const [request] = await tx
          .insert(productionRequests)
          .values({
            number: sql`'PR-' || nextval('production_request_numbers')`,
            orderId: order.id,
            orderLineId: line.id,
            variantId: copy.variantId,
            quantity: s.to,
            pieceRate: copy.pieceRate,
            pieceRateCurrency: copy.pieceRateCurrency,
            dueDate: copy.dueDate,
            status: "unassigned",
          })
          .returning({ id: productionRequests.id });
        await tx.insert(allocations).values({ orderLineId: line.id, kind: "production", productionRequestId: request.id, quantity: s.to });
        await tx.insert(productionEvents).values({
          requestId: request.id,
          orderId: order.id,
          fromStatus: null,
          toStatus: "unassigned",
          actor: input.actor,
          note: `${s.to} to make (replaces ${s.number})`,
        });
        newRequests += 1;
      } else {
        await tx
          .update(productionRequests)
          .set({ quantity: s.to, unitsMade: 0, updatedAt: sql`now()` })
          .where(eq(productionRequests.id, s.requestId));
        await tx.update(allocations).set({ quantity: s.to }).where(eq(allocations.id, s.allocationId));
        await tx.insert(productionEvents).values({
          requestId: s.requestId,
          orderId: order.id,
          fromStatus: s.status,
          toStatus: s.status,
          actor: input.actor,
          note: `${reason} (${s.quantity} → ${s.to} to make)`,
        });
      }
    }
    for (const r of plan.release) {
      await releaseReservation(tx, line.variantId, r.locationId, r.release, order.number, input.actor);
      if (r.release === r.quantity) await tx.update(allocations).set({ releasedAt: sql`now()` }).where(eq(allocations.id, r.allocationId));
      else
        await tx
          .update(allocations)
          .set({ quantity: r.quantity - r.release })
          .where(eq(allocations.id, r.allocationId));
    }
    if (change.quantity === 0) {
      // Cancelled requests keep their history on the order, without the line they were for.
      await tx.update(productionRequests).set({ orderLineId: null }).where(eq(productionRequests.orderLineId, line.id));
      await tx.delete(orderLines).where(eq(orderLines.id, line.id));
      remainingLines -= 1;
      done(true, `Removed (${from}).`);
    } else {
      await tx
        .update(orderLines)
        .set({ quantity: change.quantity, total: sql`${orderLines.unitPrice} * ${change.quantity} - ${orderLines.discount}` })
        .where(eq(orderLines.id, line.id));
      done(true, `${from} → ${change.quantity}.`);
    }
  }

  const [{ subtotal }] = await tx
    .select({ subtotal: sql<number>`coalesce(sum(${orderLines.total}), 0)::int` })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id));
  const total = order.total + (subtotal - order.subtotal);
  const stillMaking = await tx
    .select({ id: productionRequests.id })
    .from(productionRequests)
    .where(and(eq(productionRequests.orderId, order.id), sql`${productionRequests.status} not in ('qc_passed', 'cancelled')`))
    .limit(1);
  const status = stillMaking.length ? "in_production" : order.status === "in_production" ? "ready" : order.status;
  await tx.update(orders).set({ subtotal, total, status }).where(eq(orders.id, order.id));
  const applied = results.filter((r) => r.ok && r.from !== r.to);
  if (applied.length)
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "changed",
      actor: input.actor,
      data: { note, lines: applied.map((r) => ({ variantId: r.variantId, from: r.from, to: r.to })), subtotal, total },
    });
  if (status === "ready" && order.status !== "ready")
    await tx.insert(orderEvents).values({ orderId: order.id, type: "ready", actor: input.actor, data: {} });
  if (newRequests)
    await enqueueJob(tx, "dispatch_requests", { orderId: order.id }, { queueName: "dispatch", jobKey: `dispatch:order:${order.id}` });
  return { ok: true, lines: results, subtotal, total, newRequests };
}

const delta = (c: LineChange, lines: Map<number, { quantity: number }>) => c.quantity - (lines.get(c.variantId)?.quantity ?? 0);

/** The line's stock still reserved (in shipping order) and its production still on the order. */
async function openAllocations(tx: Executor, orderLineId: number): Promise<{ stock: OpenStock[]; production: OpenProduction[] }> {
  const rows = await tx
    .select({
      id: allocations.id,
      kind: allocations.kind,
      locationId: allocations.locationId,
      quantity: allocations.quantity,
      requestId: productionRequests.id,
      number: productionRequests.number,
      status: productionRequests.status,
      shipDays: locations.shipDays,
    })
    .from(allocations)
    .leftJoin(productionRequests, eq(productionRequests.id, allocations.productionRequestId))
    .leftJoin(locations, eq(locations.id, allocations.locationId))
    .where(and(eq(allocations.orderLineId, orderLineId), isNull(allocations.releasedAt), isNull(allocations.consumedAt)))
    .orderBy(asc(locations.shipDays), asc(allocations.id));
  return {
    stock: rows
      .filter((r) => r.kind === "stock" && r.locationId !== null)
      .map((r) => ({ allocationId: r.id, locationId: r.locationId!, quantity: r.quantity })),
    production: rows
      .filter((r) => r.kind === "production" && r.requestId !== null)
      .map((r) => ({ allocationId: r.id, requestId: r.requestId!, number: r.number!, status: r.status!, quantity: r.quantity })),
  };
}

async function cancelRequest(tx: Executor, orderId: number, p: OpenProduction, actor: string, note: string) {
  if (canTransition(p.status, "cancelled")) await advanceRequest(tx, p.requestId, "cancelled", actor, { note, offerExpiresAt: null });
  else {
    // Declined and expired requests wait to be offered again; the state machine has no edge to cancelled from there.
    await tx
      .update(productionRequests)
      .set({ status: "cancelled", offerExpiresAt: null, updatedAt: sql`now()` })
      .where(eq(productionRequests.id, p.requestId));
    await tx.insert(productionEvents).values({ requestId: p.requestId, orderId, fromStatus: p.status, toStatus: "cancelled", actor, note });
  }
  await tx.update(allocations).set({ releasedAt: sql`now()` }).where(eq(allocations.id, p.allocationId));
}
