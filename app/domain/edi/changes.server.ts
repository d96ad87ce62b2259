/**
 * 860 purchase order changes. A cancellation (BCH01 01) of a PO we ordered cancels the order through
 * the orders domain's own `cancelOrder` (production not started is cancelled, reserved stock goes
 * back), run by the `edi_cancel_order` job once the interchange has committed. A change (BCH01 04) is
 * applied to the order in the set's own savepoint through the orders domain's `changeOrderLines` —
 * quantities up or down, lines added or deleted, the ship window moved — each line priced and checked
 * by the portal's rules (`reviewDraft`), a line whose work an artisan already accepted or made refused
 * alone; the invoice follows the total, and an 855 (BAK01 04) answers each line: accepted, deleted,
 * changed (later date, our price) or rejected with its reason. The same change sequence (BCH05) twice
 * changes nothing. What a person must decide (an unknown PO, an invoice already paid or with Stripe,
 * an order already packed) is held for ops.
 */
import { isoDate } from "~/domain/orders";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import type { EdiPartner, EdiTransaction } from "#db/schema";
import { cancelOrder, changeOrderLines, type LineChange } from "~/domain/orders/index.server";
import { applyCharges } from "~/domain/wholesale";
import { changeTerms, invoiceChangeRefusal, reviewDraft, reviseInvoice } from "~/domain/wholesale/index.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { laterIsoDate } from "~/lib/time";
import { db, schema, type Executor } from "~/lib/db.server";
import {
  ack860Segments,
  changeAck,
  readChangeOrder,
  termsRefusals,
  type ChangeOrder,
  type ChangeOutcome,
  type PocLine,
} from "./change-order";
import { expects, writeDocument } from "./documents.server";
import { readPurchaseOrder, type ProductId, type PurchaseOrder } from "./po";
import { isDropShip } from "./ship-notice";
import { Held, mapItems, type Problem } from "./purchase-orders.server";

const { ediTransactions, wholesaleOrders, orders, orderLines, retailers, productionRequests } = schema;

type Result = { status: "held" | "changed"; problems: Problem[] };

export async function applyChangeOrder(tx: Executor, partner: EdiPartner, set: EdiTransaction, now: Date): Promise<Result> {
  const change = readChangeOrder(set.segments);
  const poNumber = change.poNumber;
  const [order] = await tx
    .select({ id: orders.id, number: orders.number, status: orders.status })
    .from(wholesaleOrders)
    .innerJoin(orders, eq(orders.id, wholesaleOrders.orderId))
    .where(and(eq(wholesaleOrders.retailerId, partner.retailerId), eq(wholesaleOrders.poNumber, poNumber)))
    // The PO's live order; when every order under that number is cancelled, the newest.
    .orderBy(asc(wholesaleOrders.cancelled), desc(wholesaleOrders.orderId))
    .limit(1);
  const hold = async (problems: Problem[]) => {
    await tx
      .update(ediTransactions)
      .set({ status: "held", poNumber, orderId: order?.id ?? null, problems, processedAt: now })
      .where(eq(ediTransactions.id, set.id));
    return { status: "held" as const, problems };
  };
  if (!order) return hold([{ code: "unknown_po", message: `PO ${poNumber} is not on any order of ${partner.name}; nothing to change.` }]);
  if (change.purpose === "01") {
    await tx
      .update(ediTransactions)
      .set({ status: "changed", poNumber, orderId: order.id, processedAt: now })
      .where(eq(ediTransactions.id, set.id));
    await enqueueJob(tx, "edi_cancel_order", { transactionId: set.id }, { jobKey: `edi_cancel_order:${set.id}` });
    return { status: "changed", problems: [] };
  }
  try {
    return await tx.transaction((sp) => applyLineChanges(sp, partner, set, change, order, now));
  } catch (error) {
    if (!(error instanceof Held)) throw error;
    return hold(error.problems);
  }
}

type OrderRef = { id: number; number: string; status: string };

async function applyLineChanges(
  tx: Executor,
  partner: EdiPartner,
  set: EdiTransaction,
  change: ChangeOrder,
  order: OrderRef,
  now: Date,
): Promise<Result> {
  const today = isoDate(now);
  const actor = `edi:860:${set.id}`;
  // One change of an order at a time: a second 860 for this PO waits here until this one commits,
  // then finds it below.
  const [locked] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id)).for("update");
  if (change.sequence) {
    const [first] = await tx
      .select({ id: ediTransactions.id })
      .from(ediTransactions)
      .where(
        and(
          eq(ediTransactions.partnerId, partner.id),
          eq(ediTransactions.type, "860"),
          eq(ediTransactions.poNumber, change.poNumber),
          eq(ediTransactions.status, "changed"),
          ne(ediTransactions.id, set.id),
          sql`exists (select 1 from jsonb_array_elements(${ediTransactions.segments}) s where s->>'tag' = 'BCH' and s->'elements'->>4 = ${change.sequence})`,
        ),
      )
      .limit(1);
    if (first) {
      const problems = [
        {
          code: "duplicate_change",
          message: `Change ${change.sequence} of PO ${change.poNumber} was already applied (set #${first.id}); nothing changed again.`,
        },
      ];
      await tx
        .update(ediTransactions)
        .set({ status: "changed", poNumber: change.poNumber, orderId: order.id, problems, processedAt: now })
        .where(eq(ediTransactions.id, set.id));
      return { status: "changed", problems };
    }
  }
  if (!["open", "in_production", "ready"].includes(locked.status))
    throw new Held([
      {
        code: "order_status",
        message: `PO ${change.poNumber} (order ${order.number}) is ${locked.status.replace("_", " ")}; the change can't be applied. Refuse it, or agree it with the retailer.`,
      },
    ]);
  const invoiceRefusal = await invoiceChangeRefusal(tx, order.id);
  if (invoiceRefusal) throw new Held([{ code: "invoice", message: `PO ${change.poNumber} (order ${order.number}): ${invoiceRefusal}` }]);

  const [[retailer], [original], current, [window]] = await Promise.all([
    tx.select().from(retailers).where(eq(retailers.id, partner.retailerId)),
    tx
      .select({ segments: ediTransactions.segments })
      .from(ediTransactions)
      .where(
        and(
          eq(ediTransactions.partnerId, partner.id),
          eq(ediTransactions.type, "850"),
          eq(ediTransactions.poNumber, change.poNumber),
          eq(ediTransactions.orderId, order.id),
          eq(ediTransactions.status, "ordered"),
        ),
      )
      .orderBy(desc(ediTransactions.id))
      .limit(1),
    tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)),
    tx
      .select({ start: wholesaleOrders.shipWindowStart, end: wholesaleOrders.shipWindowEnd, allowanceBps: wholesaleOrders.allowanceBps })
      .from(wholesaleOrders)
      .where(eq(wholesaleOrders.orderId, order.id)),
  ]);
  // The allowance the order was placed under (kept on it), whatever the partner's percent is today;
  // the freight stays the order's shipping as it is.
  const allowance = { allowanceBps: window?.allowanceBps ?? 0, freightCharge: 0 };
  // The 850's lines, so a POC that names only its line number finds its item, and a date-only
  // change can answer every line as the partner knows it.
  const originalPo: PurchaseOrder | null = original ? readPurchaseOrder(original.segments) : null;
  const originalVariants = originalPo ? await mapItems(tx, partner.id, originalPo) : [];
  const originalLine = (lineId: string) => originalPo?.lines.find((l) => l.lineId === lineId);
  const lineOfVariant = (variantId: number) => originalPo?.lines[originalVariants.indexOf(variantId)];
  const pocIds = (l: PocLine): ProductId[] => (l.ids.length ? l.ids : (originalLine(l.lineId)?.ids ?? []));
  const mapped = await mapItems(tx, partner.id, { lines: change.lines.map((l) => ({ ids: pocIds(l) })) });
  const byVariant = new Map(current.map((l) => [l.variantId, l]));

  // Each POC judged on its own first; what passes becomes one change of the order.
  type Planned = { poc: PocLine; variantId: number | null; reason?: string; quantity?: number };
  const seen = new Set<number>();
  const planned: Planned[] = change.lines.map((poc, i) => {
    const variantId = mapped[i];
    const refuse = (reason: string): Planned => ({ poc, variantId, reason });
    if (variantId === null)
      return refuse(
        `No item of ours for ${
          pocIds(poc)
            .map((id) => `${id.qualifier} ${id.value}`)
            .join(", ") || "a line without item ids"
        }.`,
      );
    if (seen.has(variantId)) return refuse("The same item twice in one change.");
    seen.add(variantId);
    const line = byVariant.get(variantId);
    if (poc.code === "DI") return line ? { poc, variantId, quantity: 0 } : refuse("That item is not on the order.");
    if (poc.code === "PC") return line ? { poc, variantId } : refuse("That item is not on the order.");
    if (poc.uom !== "EA") return refuse(`Unit ${poc.uom}: we sell each (EA).`);
    if (poc.quantity === null || !Number.isInteger(poc.quantity) || poc.quantity < 1)
      return refuse("A quantity change needs the line's new quantity (POC03), a whole number of at least 1.");
    if (!line && poc.code !== "AI") return refuse("That item is not on the order: send it as an added line (AI).");
    return { poc, variantId, quantity: poc.quantity };
  });
  const targets = planned.filter((p) => !p.reason && p.quantity);
  const review = targets.length
    ? await reviewDraft(
        retailer,
        targets.map((p) => ({ variantId: p.variantId!, quantity: p.quantity! })),
        tx,
        now,
        { shipDates: false },
      )
    : null;
  const ourPrice = new Map<number, number>();
  targets.forEach((p, i) => {
    const r = review!.lines[i];
    if (r.problem) p.reason = r.problem;
    ourPrice.set(p.variantId!, byVariant.get(p.variantId!)?.unitPrice ?? r.unitPrice);
  });
  for (const l of current) ourPrice.set(l.variantId, l.unitPrice);

  // The retailer's terms: the order as changed stays within its credit limit and above the order's
  // minimum; the lines that would break either are refused together (IR), nothing of them applied.
  const [totals] = await tx
    .select({ total: orders.total, shippingTotal: orders.shippingTotal, taxTotal: orders.taxTotal })
    .from(orders)
    .where(eq(orders.id, order.id));
  const totalOf = (subtotal: number) => applyCharges(subtotal, allowance).total + totals.shippingTotal + totals.taxTotal;
  const quantityPlans = planned.filter((p) => !p.reason && p.quantity !== undefined);
  const touched = new Set(quantityPlans.map((p) => p.variantId));
  const terms = await changeTerms(tx, retailer, order.id, { dropShip: Boolean(originalPo && isDropShip(originalPo)) });
  const refusals = termsRefusals({
    lines: quantityPlans.map((p) => ({
      key: p.poc.lineId,
      before: byVariant.get(p.variantId!)?.quantity ?? 0,
      after: p.quantity!,
      unitPrice: ourPrice.get(p.variantId!)!,
    })),
    untouched: current.filter((l) => !touched.has(l.variantId)).reduce((n, l) => n + l.total, 0),
    orderTotal: totals.total,
    totalOf,
    ...terms,
  });
  for (const p of quantityPlans) if (refusals.has(p.poc.lineId)) p.reason = refusals.get(p.poc.lineId);
  const changes: LineChange[] = planned
    .filter((p) => !p.reason && p.quantity !== undefined)
    .map((p) => ({ key: p.poc.lineId, variantId: p.variantId!, quantity: p.quantity!, unitPrice: ourPrice.get(p.variantId!) }));
  const applied = changes.length
    ? await changeOrderLines(tx, {
        orderId: order.id,
        actor,
        changes,
        note: `PO ${change.poNumber} changed by the retailer's 860`,
        today: now,
      })
    : null;
  if (applied && !applied.ok) throw new Held([{ code: "order", message: applied.message }]);
  // A lowering line production refused alone may leave a raise unbalanced: the whole change then
  // waits for a person rather than take the retailer past its limit.
  if (applied?.ok) {
    const over = terms.outstanding + (totalOf(applied.subtotal) - totals.total) - terms.creditLimit;
    if (over > 0 && totalOf(applied.subtotal) > totals.total)
      throw new Held([
        {
          code: "credit_limit",
          message: `PO ${change.poNumber} (order ${order.number}): as changed it would take ${retailer.name} past its credit limit; nothing was changed.`,
        },
      ]);
  }
  // The allowance follows the goods (the freight and tax stay as they are): the invoice follows the total below.
  if (applied?.ok)
    await tx
      .update(orders)
      .set({
        discountTotal: applyCharges(applied.subtotal, allowance).discountTotal,
        total: totalOf(applied.subtotal),
      })
      .where(eq(orders.id, order.id));
  const results = new Map((applied?.ok ? applied.lines : []).map((r) => [r.key, r]));

  // The ship window, when the header moves it.
  let windowRefused: string | undefined;
  let newWindow: { start?: string; end?: string } | undefined;
  if (change.shipNotBefore || change.shipNoLater) {
    // Never before today: a window that opens in the past opens today.
    const start = change.shipNotBefore ? laterIsoDate(change.shipNotBefore, today) : (window?.start ?? undefined);
    const end = change.shipNoLater ?? window?.end ?? undefined;
    if (change.shipNoLater && change.shipNoLater < today) windowRefused = `The new ship window ends ${change.shipNoLater}, in the past.`;
    else if (start && end && start > end) windowRefused = `The new ship window starts ${start}, after it ends (${end}).`;
    else {
      newWindow = { start: change.shipNotBefore ? start : undefined, end: change.shipNoLater };
      await tx
        .update(wholesaleOrders)
        .set({ shipWindowStart: start ?? null, shipWindowEnd: end ?? null })
        .where(eq(wholesaleOrders.orderId, order.id));
    }
  }
  const [after] = await tx
    .select({ start: wholesaleOrders.shipWindowStart })
    .from(wholesaleOrders)
    .where(eq(wholesaleOrders.orderId, order.id));
  const shipDates = await lineShipDates(tx, order.id, today, after?.start ?? undefined);
  if (applied?.ok) await reviseInvoice(tx, order.id, actor);

  const outcomes: ChangeOutcome[] = planned.map((p) => {
    const base = {
      lineId: p.poc.lineId,
      uom: p.poc.uom,
      ids: pocIds(p.poc),
      unitPrice: p.variantId ? (ourPrice.get(p.variantId) ?? null) : null,
    };
    const r = results.get(p.poc.lineId);
    const before = p.variantId ? (byVariant.get(p.variantId)?.quantity ?? 0) : 0;
    if (p.reason || (r && !r.ok))
      return { ...base, status: "IR", quantity: r?.from ?? before, shipDate: null, reason: p.reason ?? r?.message };
    const quantity = r ? r.to : before;
    const shipDate = quantity ? (shipDates.get(p.variantId!) ?? null) : null;
    const status = changeAck({
      rejected: false,
      deleted: quantity === 0,
      requested: after?.start ?? undefined,
      shipDate,
      poPrice: p.poc.unitPrice,
      ourPrice: base.unitPrice,
    });
    const reason =
      status === "IP"
        ? `Priced from your price list at ${base.unitPrice! / 100} each.`
        : status === "DR"
          ? `Ships ${shipDate}, the soonest our artisans can make it.`
          : undefined;
    return { ...base, status, quantity, shipDate, reason };
  });
  // A date-only change answers every line with the date it ships now.
  if (!change.lines.length && newWindow) {
    const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    for (const [i, l] of lines.entries()) {
      const known = lineOfVariant(l.variantId);
      const shipDate = shipDates.get(l.variantId) ?? null;
      outcomes.push({
        lineId: known?.lineId ?? String(i + 1),
        uom: "EA",
        ids: known?.ids ?? [{ qualifier: "VN", value: l.sku }],
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        shipDate,
        status: changeAck({
          rejected: false,
          deleted: false,
          requested: after?.start ?? undefined,
          shipDate,
          poPrice: null,
          ourPrice: null,
        }),
      });
    }
  }

  const problems: Problem[] = [
    ...outcomes.filter((o) => o.status === "IR").map((o) => ({ code: "line_refused", message: `Line ${o.lineId}: ${o.reason}` })),
    ...(windowRefused ? [{ code: "ship_window", message: windowRefused }] : []),
  ];
  await tx
    .update(ediTransactions)
    .set({ status: "changed", poNumber: change.poNumber, orderId: order.id, problems, processedAt: now })
    .where(eq(ediTransactions.id, set.id));
  if (expects(partner, "855"))
    await writeDocument(
      tx,
      partner,
      "855",
      [ack860Segments(change, outcomes, { today, orderNumber: order.number, window: newWindow, windowRefused })],
      {
        orderId: order.id,
        transactionId: set.id,
        reference: `PO ${change.poNumber} change${change.sequence ? ` ${change.sequence}` : ""}`,
        now,
      },
    );
  return { status: "changed", problems };
}

/**
 * When each line ships: today from stock, else when its last piece is due from the artisans (the
 * dispatch plan's due dates), and never before the ship window opens.
 */
async function lineShipDates(tx: Executor, orderId: number, today: string, windowStart?: string) {
  const rows = await tx
    .select({ variantId: orderLines.variantId, due: sql<string | null>`max(${productionRequests.dueDate})` })
    .from(orderLines)
    .leftJoin(
      productionRequests,
      and(eq(productionRequests.orderLineId, orderLines.id), sql`${productionRequests.status} not in ('cancelled', 'qc_passed')`),
    )
    .where(eq(orderLines.orderId, orderId))
    .groupBy(orderLines.variantId);
  const floor = windowStart ? laterIsoDate(windowStart, today) : today;
  return new Map(rows.map((r) => [r.variantId, r.due ? laterIsoDate(String(r.due), floor) : floor]));
}

/** The `edi_cancel_order` job: the 860's cancellation, through the orders domain. */
export const ediCancelOrderTask: Task = async (payload) => {
  const { transactionId } = payload as { transactionId: number };
  await cancelForTransaction(transactionId);
};

export async function cancelForTransaction(transactionId: number) {
  const [row] = await db
    .select({ id: ediTransactions.id, poNumber: ediTransactions.poNumber, number: orders.number, status: orders.status })
    .from(ediTransactions)
    .innerJoin(orders, eq(orders.id, ediTransactions.orderId))
    .where(eq(ediTransactions.id, transactionId));
  if (!row || row.status === "cancelled") {
    if (row) await db.update(ediTransactions).set({ status: "cancelled" }).where(eq(ediTransactions.id, row.id));
    return;
  }
  const result = await cancelOrder({
    number: row.number,
    actor: `edi:860:${transactionId}`,
    reason: `cancelled by the retailer's 860 (PO ${row.poNumber})`,
  });
  await db
    .update(ediTransactions)
    .set(
      result.ok
        ? { status: "cancelled", problems: [] }
        : {
            status: "held",
            problems: [{ code: "cancel_refused", message: `The 860 asks to cancel order ${row.number}, but: ${result.message}` }],
          },
    )
    .where(eq(ediTransactions.id, row.id));
}
