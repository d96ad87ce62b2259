/**
 * Returns and exchanges, one step per transaction: a shopper starts one (startReturn), the Nairobi
 * hub receives the parcel (receiveReturn) and checks each piece like new work (inspectReturn:
 * restock, rework or write off; a maker's fault goes on her QC record, never her pay), and the money
 * goes back, or the exchange is placed, on receipt or after QC as the policy says (settle). Every
 * step locks the order row first, so steps of one order (and the console's own refunds) run one
 * at a time and the refund cap always sees what went before; a submit's key makes a double submit
 * one return.
 */
import { and, asc, eq, inArray, like, ne, sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { issueStoreCredit } from "~/domain/giftcards/index.server";
import { postEntry } from "~/domain/ledger/index.server";
import { exchangeDifferenceEntry, returnRefundEntry } from "~/domain/ledger";
import { queueEmail } from "~/domain/notifications/index.server";
import {
  adoptTimedOutRefunds,
  adoptUnansweredRefunds,
  commitOrder,
  refundThroughPayment,
  refundableBalance,
  refundableParts,
  refundablePayment,
  statusUrl,
} from "~/domain/orders/index.server";
import { isoDate } from "~/domain/orders";
import { WEB_STOCK_LOCATION_CODES } from "~/domain/inventory";
import { dateLocaleOf } from "~/domain/markets";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { formatMoney } from "~/lib/money";
import { Refusal, type Refused } from "~/lib/refusal";
import { refusable } from "~/lib/transaction.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { RETURN_INSTRUCTIONS } from "./address";
import { NO_RETURN_ADDRESS, returnAddress } from "./address.server";
import { exchangeWorth } from "./exchange-worth.server";
import { loadReturnPolicy } from "./policy.server";
import {
  EXCHANGE_PAYMENT_DAYS,
  cancelRefusal,
  capRefund,
  exchangeDifference,
  exchangeDue,
  inspectRefusal,
  lineValues,
  reasonLabel,
  receiveRefusal,
  returnLineAmount,
  returnWindow,
  type ReturnPolicy,
  type ReturnReason,
  type WantedLine,
  type WindowCheck,
} from "./rules";

const {
  orders,
  orderLines,
  allocations,
  returns,
  returnLines,
  refunds,
  shipments,
  orderEvents,
  variants,
  products,
  productionRequests,
  productionEvents,
  qcInspections,
  inventoryLevels,
  inventoryMovements,
  locations,
} = schema;

export type { Refused };
export type Done<T = object> = { ok: true; message: string; duplicate?: boolean } & T;
export type Result<T = object> = Done<T> | Refused;

/** Where returned pieces are received and checked. */
const HUB_LOCATION_CODE = "NBO-HUB";

export type OrderRow = typeof orders.$inferSelect;
export type ReturnRow = typeof returns.$inferSelect;

/**
 * An order's family (docs/decisions/0020): the order its money was paid on (the root) and every web
 * exchange's own order made from it, at any depth. An exchange's pieces were paid for on the root
 * (and any difference on the order whose return made it), so the family's payments pay them back,
 * one refund cap covers them all, and the root's delivery starts their window. Ids ascending: the
 * root is the oldest. A plain order is a family of one.
 */
async function familyIds(tx: Executor, orderId: number): Promise<{ rootId: number; ids: number[] }> {
  const [row] = await tx.execute<{ root: number; ids: number[] }>(sql`
    with recursive up(id, depth) as (
      select ${orderId}::int, 0
      union all
      select r.order_id, up.depth + 1 from ${returns} r join up on r.exchange_order_id = up.id where up.depth < 50),
    root as (select id from up order by depth desc limit 1),
    down(id, depth) as (
      select id, 0 from root
      union all
      select r.exchange_order_id, down.depth + 1 from ${returns} r join down on r.order_id = down.id
       where r.exchange_order_id is not null and down.depth < 50)
    select (select id from root) as root, array_agg(distinct id order by id) as ids from down`);
  return { rootId: Number(row?.root ?? orderId), ids: row ? row.ids.map(Number) : [orderId] };
}

export type Family = { root: OrderRow; ids: number[] };

/** The family of an order already locked (lockOrder locked all of it). */
export async function familyOf(tx: Executor, order: OrderRow): Promise<Family> {
  const { rootId, ids } = await familyIds(tx, order.id);
  if (rootId === order.id) return { root: order, ids };
  const [root] = await tx.select().from(orders).where(eq(orders.id, rootId));
  return { root, ids };
}

/**
 * Locks the order, and with it its family (the original order first, then its exchanges' orders,
 * oldest first): every step and refund of any of them takes the original's row first, so the one
 * refund cap across them sees what went before.
 */
export async function lockOrder(tx: Executor, where: { number: string } | { id: number }) {
  const [found] = await tx
    .select({ id: orders.id })
    .from(orders)
    .where("number" in where ? eq(orders.number, where.number) : eq(orders.id, where.id));
  if (!found) return null;
  const { ids } = await familyIds(tx, found.id);
  const locked = await tx.select().from(orders).where(inArray(orders.id, ids)).orderBy(asc(orders.id)).for("update");
  return locked.find((o) => o.id === found.id) ?? null;
}

/** The return and its order, the order locked first (the same order every step and refund takes locks in). */
export async function lockReturn(tx: Executor, number: string): Promise<{ ret: ReturnRow; order: OrderRow }> {
  const [found] = await tx.select({ orderId: returns.orderId }).from(returns).where(eq(returns.number, number));
  if (!found) throw new Refusal(404, `There is no return ${number}. Check the number on the parcel's label.`);
  const order = (await lockOrder(tx, { id: found.orderId }))!;
  const [ret] = await tx.select().from(returns).where(eq(returns.number, number)).for("update");
  return { ret, order };
}

export const money = (amount: number, currency: string) => formatMoney({ amount, currency });
const pieces = (n: number) => `${n} ${n === 1 ? "piece" : "pieces"}`;

// ---------------------------------------------------------------- what may be returned

export type ReturnableLine = {
  id: number;
  title: string;
  sku: string;
  variantId: number;
  quantity: number;
  unitPrice: number;
  returned: number;
  returnable: number;
  /** What the next unit returned would bring back (goods after discounts + tax). */
  unitRefund: number;
  madeToOrder: boolean;
  window: WindowCheck;
  /**
   * What it may be exchanged for: every variant of the same product on sale in the order's currency.
   * `perUnit` is what comes back for each piece exchanged (0 at the same price); `costsMore` pieces
   * are listed but refused (return for a refund and order the other).
   */
  exchangeOptions: ExchangeOption[];
};

/** `duePerUnit`: what a dearer piece costs on top, for each piece exchanged (paid before anything is sent or made). */
export type ExchangeOption = {
  variantId: number;
  title: string;
  unitPrice: number;
  perUnit: number;
  costsMore: boolean;
  duePerUnit: number;
};

export type ReturnableOrder = {
  order: { id: number; number: string; channel: string; status: string; currency: string; email: string };
  deliveredAt: Date | null;
  lines: ReturnableLine[];
  policy: ReturnPolicy;
};

async function deliveredAt(tx: Executor, orderId: number): Promise<Date | null> {
  const [row] = await tx.execute<{ at: Date | string | null }>(sql`
    select coalesce(
      (select min(${shipments.deliveredAt}) from ${shipments} where ${shipments.orderId} = ${orderId}),
      (select min(${orderEvents.at}) from ${orderEvents} where ${orderEvents.orderId} = ${orderId} and ${orderEvents.type} = 'delivered')
    ) as at`);
  return row?.at ? new Date(row.at) : null;
}

/**
 * The lines of an order that were made to order: made by a production request, or (on a web
 * exchange's own order) the piece that replaced one that was: an exchange is not a way round the
 * made-to-order rule (exchange only by default), so the new piece keeps it, through every exchange.
 */
async function madeToOrderLines(tx: Executor, orderId: number, depth = 0): Promise<Set<number>> {
  const [own, lines, parents] = await Promise.all([
    tx
      .selectDistinct({ orderLineId: allocations.orderLineId })
      .from(allocations)
      .innerJoin(orderLines, eq(orderLines.id, allocations.orderLineId))
      .where(and(eq(orderLines.orderId, orderId), eq(allocations.kind, "production"))),
    tx.select({ id: orderLines.id, variantId: orderLines.variantId }).from(orderLines).where(eq(orderLines.orderId, orderId)),
    tx
      .select({ orderId: returns.orderId, orderLineId: returnLines.orderLineId, variantId: returnLines.exchangeVariantId })
      .from(returnLines)
      .innerJoin(returns, eq(returns.id, returnLines.returnId))
      .where(eq(returns.exchangeOrderId, orderId)),
  ]);
  const made = new Set(own.map((m) => m.orderLineId));
  if (parents.length && depth < 20) {
    const parentMade = await madeToOrderLines(tx, parents[0].orderId, depth + 1);
    const inherited = new Set(parents.filter((p) => parentMade.has(p.orderLineId)).map((p) => p.variantId));
    for (const line of lines) if (inherited.has(line.variantId)) made.add(line.id);
  }
  return made;
}

/**
 * When the window starts: the order's delivery; for a web exchange's own order, the original order's
 * delivery (once the new piece has arrived too), so exchanging never buys a fresh window.
 */
async function windowStart(tx: Executor, order: OrderRow): Promise<{ deliveredAt: Date | null; rootNumber: string | null }> {
  const { rootId } = await familyIds(tx, order.id);
  const own = await deliveredAt(tx, order.id);
  if (rootId === order.id) return { deliveredAt: own, rootNumber: null };
  const [root] = await tx.select({ number: orders.number }).from(orders).where(eq(orders.id, rootId));
  return { deliveredAt: own ? await deliveredAt(tx, rootId) : null, rootNumber: root.number };
}

async function returnableOf(tx: Executor, order: OrderRow, policy: ReturnPolicy, now: Date): Promise<ReturnableOrder> {
  const [lines, returned, made, start] = await Promise.all([
    tx
      .select({
        id: orderLines.id,
        title: orderLines.title,
        sku: orderLines.sku,
        variantId: orderLines.variantId,
        productId: variants.productId,
        price: variants.price,
        quantity: orderLines.quantity,
        unitPrice: orderLines.unitPrice,
        discount: orderLines.discount,
        total: orderLines.total,
      })
      .from(orderLines)
      .innerJoin(variants, eq(variants.id, orderLines.variantId))
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.id)),
    tx
      .select({ orderLineId: returnLines.orderLineId, quantity: sql<number>`sum(${returnLines.quantity})::int` })
      .from(returnLines)
      .innerJoin(returns, eq(returns.id, returnLines.returnId))
      .where(and(eq(returns.orderId, order.id), ne(returns.status, "cancelled")))
      .groupBy(returnLines.orderLineId),
    madeToOrderLines(tx, order.id),
    windowStart(tx, order),
  ]);
  const delivered = start.deliveredAt;
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const options = productIds.length
    ? await tx
        .select({
          id: variants.id,
          productId: variants.productId,
          title: variants.title,
          price: variants.price,
          currency: variants.currency,
          product: products.title,
        })
        .from(variants)
        .innerJoin(products, eq(products.id, variants.productId))
        .where(and(inArray(variants.productId, productIds), eq(products.status, "active")))
        .orderBy(asc(variants.position), asc(variants.id))
    : [];
  const returnedBy = new Map(returned.map((r) => [r.orderLineId, r.quantity]));
  const values = lineValues({ discountTotal: order.discountTotal, taxTotal: order.taxTotal, lines });
  return {
    order: {
      id: order.id,
      number: order.number,
      channel: order.channel,
      status: order.status,
      currency: order.currency,
      email: order.email,
    },
    deliveredAt: delivered,
    policy,
    lines: lines.map((line, i) => {
      const before = returnedBy.get(line.id) ?? 0;
      const returnable = Math.max(0, line.quantity - before);
      const madeToOrder = made.has(line.id);
      const unitRefund = returnable > 0 ? returnLineAmount(values[i], before, 1) : 0;
      return {
        id: line.id,
        title: line.title,
        sku: line.sku,
        variantId: line.variantId,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        returned: before,
        returnable,
        unitRefund,
        madeToOrder,
        window: fromOriginal(returnWindow({ deliveredAt: delivered, now, madeToOrder, policy }), start.rootNumber),
        // The same piece again, or another size or finish priced in the order's currency.
        exchangeOptions: options
          .filter((o) => o.productId === line.productId && (o.id === line.variantId || o.currency === order.currency))
          .map((o) => {
            const unitPrice = o.id === line.variantId ? line.unitPrice : o.price;
            const perUnit = exchangeDifference(unitRefund, line.unitPrice, unitPrice);
            return {
              variantId: o.id,
              // Under the piece's own name on the form: the size or finish alone says which.
              title: o.title && o.title !== "Default" ? o.title : o.product,
              unitPrice,
              perUnit: perUnit ?? 0,
              costsMore: perUnit === null,
              duePerUnit: exchangeDue(unitRefund, line.unitPrice, unitPrice),
            };
          }),
      };
    }),
  };
}

/** A closed window on an exchange's own order says it counts from the original order. */
function fromOriginal(window: WindowCheck, rootNumber: string | null): WindowCheck {
  if (window.open || !rootNumber || !window.closesAt) return window;
  return {
    ...window,
    message: `${window.message.replace(/\.$/, "")} (counted from when order ${rootNumber} was delivered: this piece came as an exchange).`,
  };
}

/** The shopper's return form: each piece, what is left to return, its window. Null for a number that doesn't exist. */
export async function returnableOrder(number: string, now = new Date()): Promise<ReturnableOrder | null> {
  const [order] = await db.select().from(orders).where(eq(orders.number, number));
  if (!order) return null;
  return returnableOf(db, order, await loadReturnPolicy(), now);
}

// ---------------------------------------------------------------- start

export type StartInput = {
  number: string;
  lines: WantedLine[];
  reason: ReturnReason;
  note: string;
  resolution: "refund" | "exchange";
  refundMethod: "original" | "store_credit";
  key: string;
  /** "customer:<id>" or "guest". */
  actor: string;
  now?: Date;
};

/** `due`: a dearer exchange's difference to pay before anything else happens (0 otherwise). */
export async function startReturn(input: StartInput): Promise<Result<{ returnNumber: string; due: number }>> {
  return refusable(async (tx) => {
    const order = await lockOrder(tx, { number: input.number });
    if (!order) throw new Refusal(404, `There is no order ${input.number}.`);
    if (order.channel !== "web") throw new Refusal(409, "Pieces bought in the shop are returned at the counter, with the receipt.");

    const [already] = await tx.select().from(returns).where(eq(returns.idempotencyKey, input.key));
    if (already) {
      if (already.orderId !== order.id) throw new Refusal(409, "This form is out of date. Reload the page and try again.");
      return {
        ok: true,
        duplicate: true,
        returnNumber: already.number,
        due: already.status === "awaiting_payment" ? already.due : 0,
        message: `Your return ${already.number} was already started; nothing more was changed.`,
      };
    }
    const view = await returnableOf(tx, order, await loadReturnPolicy(tx), input.now ?? new Date());
    const priced = await tx
      .select({ id: orderLines.id, quantity: orderLines.quantity, total: orderLines.total, discount: orderLines.discount })
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.id));
    const lineValue = new Map(
      lineValues({ discountTotal: order.discountTotal, taxTotal: order.taxTotal, lines: priced }).map((v) => [v.id, v]),
    );

    const planned: Array<{
      orderLineId: number;
      quantity: number;
      amount: number;
      exchangeVariantId: number | null;
      /** An exchange for a cheaper piece: what comes back for this line. */
      difference: number;
      /** An exchange for a dearer piece: what the shopper pays on top for this line. */
      due: number;
      title: string;
    }> = [];
    const seen = new Set<number>();
    for (const want of input.lines) {
      const line = view.lines.find((l) => l.id === want.orderLineId);
      if (!line || seen.has(line.id)) throw new Refusal(422, `That piece isn't on order ${order.number}.`, "lines");
      seen.add(line.id);
      if (!line.window.open) throw new Refusal(422, `${line.title}: ${line.window.message}`, "lines");
      if (!line.window.resolutions.includes(input.resolution)) {
        throw new Refusal(422, `${line.title} was made to order for you: it can be exchanged, not refunded.`, "resolution");
      }
      if (want.quantity > line.returnable) {
        throw new Refusal(
          422,
          line.returnable === 0 ? `${line.title}: already on a return.` : `${line.title}: at most ${line.returnable} can be returned.`,
          "lines",
        );
      }
      const lineAmount = returnLineAmount(lineValue.get(line.id)!, line.returned, want.quantity);
      let exchangeVariantId: number | null = null;
      let difference = 0;
      let due = 0;
      if (input.resolution === "exchange") {
        exchangeVariantId = want.exchangeVariantId ?? line.variantId;
        const option = line.exchangeOptions.find((o) => o.variantId === exchangeVariantId);
        if (!option) throw new Refusal(422, `${line.title}: choose a piece to exchange it for from the list.`, "lines");
        // Cheaper: the difference comes back; dearer: the shopper pays it before anything is sent or made.
        difference = exchangeDifference(lineAmount, line.unitPrice, option.unitPrice) ?? 0;
        due = exchangeDue(lineAmount, line.unitPrice, option.unitPrice);
      }
      planned.push({
        orderLineId: line.id,
        quantity: want.quantity,
        amount: lineAmount,
        exchangeVariantId,
        difference,
        due,
        title: line.title,
      });
    }
    // A refund: what the pieces were worth. An exchange: what the cheaper pieces leave over (usually nothing).
    const address = await returnAddress(tx);
    if (!address) throw new Refusal(409, NO_RETURN_ADDRESS);
    // An exchange of several pieces nets what comes back against what is owed: one or the other moves.
    const back = planned.reduce((sum, l) => sum + (input.resolution === "refund" ? l.amount : l.difference), 0);
    const owed = planned.reduce((sum, l) => sum + l.due, 0);
    const amount = Math.max(0, back - owed);
    const due = Math.max(0, owed - back);
    const now = input.now ?? new Date();

    const [ret] = await tx
      .insert(returns)
      .values({
        number: sql`'RT-' || nextval('return_numbers')`,
        orderId: order.id,
        channel: "web",
        resolution: input.resolution,
        refundMethod: input.refundMethod,
        reason: input.reason,
        note: input.note,
        amount,
        currency: order.currency,
        refundState: amount > 0 || input.resolution === "refund" ? "owed" : "none",
        ...(due > 0
          ? {
              status: "awaiting_payment" as const,
              due,
              dueState: "awaiting" as const,
              dueExpiresAt: new Date(now.getTime() + EXCHANGE_PAYMENT_DAYS * 86_400_000),
            }
          : {}),
        idempotencyKey: input.key,
        createdBy: input.actor,
      })
      .returning({ id: returns.id, number: returns.number });
    await tx.insert(returnLines).values(
      planned.map((l) => ({
        returnId: ret.id,
        orderLineId: l.orderLineId,
        quantity: l.quantity,
        amount: l.amount,
        exchangeVariantId: l.exchangeVariantId,
      })),
    );
    const count = planned.reduce((sum, l) => sum + l.quantity, 0);
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "return_requested",
      actor: input.actor,
      data: { returnNumber: ret.number, pieces: count, resolution: input.resolution, reason: input.reason, amount, due },
    });
    // One email: the difference to pay first for a dearer exchange, else where to send the parcel.
    const step = due > 0 ? "payment_due" : "started";
    await queueEmail(tx, {
      template: "return-update",
      to: order.email,
      dedupeKey: `return:${ret.number}:${step}`,
      props: {
        step,
        returnNumber: ret.number,
        orderNumber: order.number,
        customerName: order.shippingAddress?.name,
        resolution: input.resolution,
        pieces: planned.map((l) => ({ title: l.title, quantity: l.quantity })),
        currency: order.currency,
        statusUrl: statusUrl(order.number),
        ...(due > 0
          ? {
              amount: due,
              payBy: new Date(now.getTime() + EXCHANGE_PAYMENT_DAYS * 86_400_000).toISOString(),
              locale: dateLocaleOf(order.market),
            }
          : { amount, refundMethod: input.refundMethod, address, instructions: RETURN_INSTRUCTIONS }),
      },
    });
    return {
      ok: true,
      returnNumber: ret.number,
      due,
      message:
        due > 0
          ? `Return ${ret.number} started. Pay the difference of ${money(due, order.currency)} to confirm the exchange; then send the parcel.`
          : `Return ${ret.number} started for ${pieces(count)}. Write ${ret.number} on the parcel and send it to the address below.`,
    };
  });
}

// ---------------------------------------------------------------- hub: receive

export async function receiveReturn(input: { number: string; actor: string }): Promise<Result<{ settled: string | null }>> {
  return refusable(async (tx) => {
    const { ret, order } = await lockReturn(tx, input.number);
    const refusal = receiveRefusal(ret.number, ret.status);
    if (refusal) throw new Refusal(409, refusal);
    if (ret.status === "received") {
      return {
        ok: true,
        duplicate: true,
        settled: null,
        message: `${ret.number} was already received; it is waiting for its quality check.`,
      };
    }
    await tx.update(returns).set({ status: "received", receivedAt: sql`now()` }).where(eq(returns.id, ret.id));
    await tx
      .insert(orderEvents)
      .values({ orderId: order.id, type: "return_received", actor: input.actor, data: { returnNumber: ret.number } });
    await audit(tx, { actor: input.actor, action: "returns.receive", subject: `return:${ret.number}`, data: { order: order.number } });
    await stepEmail(tx, ret, order, "received");
    const policy = await loadReturnPolicy(tx);
    const settled = policy.refundOn === "receipt" ? await settle(tx, { ...ret, status: "received" }, order, input.actor) : null;
    return {
      ok: true,
      settled,
      message: `${ret.number} received. Check each piece next.${settled ? ` ${settled}` : ""}`,
    };
  });
}

// ---------------------------------------------------------------- hub: quality check

export type Disposition = { returnLineId: number; disposition: "restock" | "rework" | "write_off" | "not_ours"; fault: string | null };

export async function inspectReturn(input: {
  number: string;
  lines: Disposition[];
  actor: string;
  now?: Date;
}): Promise<Result<{ settled: string | null }>> {
  return refusable(async (tx) => {
    const { ret, order } = await lockReturn(tx, input.number);
    const refusal = inspectRefusal(ret.number, ret.status);
    if (refusal) throw new Refusal(409, refusal);
    const lines = await tx
      .select({
        id: returnLines.id,
        orderLineId: returnLines.orderLineId,
        quantity: returnLines.quantity,
        variantId: orderLines.variantId,
        title: orderLines.title,
      })
      .from(returnLines)
      .innerJoin(orderLines, eq(orderLines.id, returnLines.orderLineId))
      .where(eq(returnLines.returnId, ret.id))
      .orderBy(asc(returnLines.id));
    if (input.lines.length !== lines.length || !lines.every((l) => input.lines.some((d) => d.returnLineId === l.id))) {
      throw new Refusal(422, "Say what becomes of each piece on this return.");
    }
    const notOurs = input.lines.filter((d) => d.disposition === "not_ours").length;
    if (notOurs > 0 && notOurs < lines.length) {
      throw new Refusal(422, 'A parcel with pieces that aren\'t ours is rejected whole: mark every piece "not ours", or check each.');
    }
    if (notOurs > 0) return rejectReturn(tx, ret, order, input.actor, input.lines);
    const [hub] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.code, HUB_LOCATION_CODE));
    const today = isoDate(input.now ?? new Date());
    let reworkNeeded = false;

    for (const line of lines) {
      const decision = input.lines.find((d) => d.returnLineId === line.id)!;
      const made = await madeBy(tx, line.orderLineId);
      let reworkRequestId: number | null = null;
      if (decision.disposition === "restock") {
        if (!hub) throw new Refusal(409, `There is no ${HUB_LOCATION_CODE} location to restock into. Ask operations to create it.`);
        await tx
          .insert(inventoryLevels)
          .values({ variantId: line.variantId, locationId: hub.id, onHand: line.quantity })
          .onConflictDoUpdate({
            target: [inventoryLevels.variantId, inventoryLevels.locationId],
            set: { onHand: sql`${inventoryLevels.onHand} + ${line.quantity}` },
          });
        await tx.insert(inventoryMovements).values({
          variantId: line.variantId,
          locationId: hub.id,
          onHandDelta: line.quantity,
          reason: "returned (restocked)",
          reference: ret.number,
          actor: input.actor,
        });
      } else if (decision.disposition === "rework") {
        // Remade for stock by whoever dispatch finds (it becomes hub stock once it passes QC).
        const [variant] = await tx
          .select({ pieceRate: variants.pieceRate, currency: variants.pieceRateCurrency, leadTimeDays: variants.leadTimeDays })
          .from(variants)
          .where(eq(variants.id, line.variantId));
        const due = new Date(`${today}T00:00:00Z`);
        due.setUTCDate(due.getUTCDate() + variant.leadTimeDays);
        const [request] = await tx
          .insert(productionRequests)
          .values({
            number: sql`'PR-' || nextval('production_request_numbers')`,
            variantId: line.variantId,
            quantity: line.quantity,
            pieceRate: variant.pieceRate,
            pieceRateCurrency: variant.currency,
            dueDate: isoDate(due),
            status: "unassigned",
          })
          .returning({ id: productionRequests.id });
        await tx.insert(productionEvents).values({
          requestId: request.id,
          fromStatus: null,
          toStatus: "unassigned",
          actor: input.actor,
          note: `Rework of ${line.quantity} returned in ${ret.number}: ${decision.fault}`,
        });
        reworkRequestId = request.id;
        reworkNeeded = true;
      }
      if (decision.fault && made?.artisanId) {
        // Her QC record shows the fault; no ledger entry: what she earned for the work stays hers.
        await tx.insert(qcInspections).values({
          requestId: made.id,
          unitsPassed: 0,
          unitsFailed: line.quantity,
          defectReason: `Returned in ${ret.number}: ${decision.fault}`,
          outcome: "returned_fault",
          inspector: input.actor,
        });
      }
      await tx
        .update(returnLines)
        .set({ disposition: decision.disposition, fault: decision.fault, madeByRequestId: made?.id ?? null, reworkRequestId })
        .where(eq(returnLines.id, line.id));
    }
    if (reworkNeeded) await enqueueJob(tx, "dispatch_requests", {}, { queueName: "dispatch", jobKey: "dispatch:all" });

    await tx.update(returns).set({ status: "inspected", inspectedAt: sql`now()` }).where(eq(returns.id, ret.id));
    await stepEmail(tx, ret, order, "inspected");
    const inspected = { ...ret, status: "inspected" as const };
    const settled = await settle(tx, inspected, order, input.actor);
    const [after] = await tx.select().from(returns).where(eq(returns.id, ret.id));
    if (isSettled(after)) await tx.update(returns).set({ status: "closed", closedAt: sql`now()` }).where(eq(returns.id, ret.id));

    const summary = input.lines.map((d) => ({ line: d.returnLineId, disposition: d.disposition, fault: d.fault }));
    await tx
      .insert(orderEvents)
      .values({ orderId: order.id, type: "return_inspected", actor: input.actor, data: { returnNumber: ret.number } });
    await audit(tx, { actor: input.actor, action: "returns.inspect", subject: `return:${ret.number}`, data: { lines: summary } });
    const restocked = lines
      .filter((l) => input.lines.find((d) => d.returnLineId === l.id)?.disposition === "restock")
      .reduce((s, l) => s + l.quantity, 0);
    return {
      ok: true,
      settled,
      message: `${ret.number} checked${restocked ? `: ${pieces(restocked)} back in stock at the hub` : ""}.${settled ? ` ${settled}` : ""}`,
    };
  });
}

/** The request that made this line's pieces, when they were made to order (the latest that passed QC). */
async function madeBy(tx: Executor, orderLineId: number) {
  const [row] = await tx
    .select({ id: productionRequests.id, artisanId: productionRequests.artisanId })
    .from(productionRequests)
    .where(and(eq(productionRequests.orderLineId, orderLineId), eq(productionRequests.status, "qc_passed")))
    .orderBy(sql`${productionRequests.id} desc`)
    .limit(1);
  return row ?? null;
}

/** Refunded; or exchanged, and any difference refunded too. */
const isSettled = (r: ReturnRow) =>
  r.resolution === "refund" ? r.refundState === "issued" : r.exchangeOrderId !== null && (r.amount === 0 || r.refundState === "issued");

// ---------------------------------------------------------------- money back, or the exchange

/** Refund or place the exchange; a sentence for the staff message, or null when nothing was due. */
async function settle(tx: Executor, ret: ReturnRow, order: OrderRow, actor: string): Promise<string | null> {
  if (isSettled(ret)) return null;
  if (ret.resolution === "refund") return issueRefund(tx, ret, order, actor);
  // The exchange first (once), then the cheaper piece's difference through the same refund path.
  const placed = ret.exchangeOrderId === null ? await placeExchange(tx, ret, order, actor) : null;
  const refunded = ret.amount > 0 && ret.refundState !== "issued" ? await issueRefund(tx, ret, order, actor) : null;
  return [placed, refunded].filter(Boolean).join(" ") || null;
}

async function issueRefund(tx: Executor, ret: ReturnRow, order: OrderRow, actor: string): Promise<string> {
  // A web exchange's piece was paid for on the original order (and any difference on the order whose
  // return made the exchange): the family's payments pay it back, under one cap (docs/decisions/0020).
  const family = await familyOf(tx, order);
  const exchanged = family.root.id !== order.id;
  const paidOn = exchanged ? ` (paid on order ${family.root.number})` : "";
  // A part answered as failed that the provider made anyway counts as sent: never sent twice.
  await adoptMadeRefunds(tx, ret);
  // So does any other refund of the family answered so (the console's, another return's): in the cap.
  const asked = await adoptFamilyRefunds(tx, family, actor);
  const balance = await refundableBalance(tx, family.ids);
  const paidTotal = balance.paid;
  const refundedBefore = balance.refunded;
  // Parts of this refund that went out on an earlier attempt (a split refund stopped by a failure).
  const [{ sent: sentBefore }] = await tx
    .select({ sent: sql<number>`coalesce(sum(${refunds.amount}) filter (where ${refunds.status} <> 'failed'), 0)::int` })
    .from(refunds)
    .where(like(refunds.idempotencyKey, `return:${ret.number}:%`));
  const amount = capRefund(ret.amount - sentBefore, { paid: paidTotal, refunded: refundedBefore });
  /** What went out in this attempt before a part failed (kept, booked: the retry sends only the rest). */
  let sentNow = 0;

  const fail = async (error: string) => {
    const left = amount - sentNow;
    await tx.update(returns).set({ refundState: "failed" }).where(eq(returns.id, ret.id));
    if (sentNow > 0) {
      // Parts went out: the paying order is partly refunded now, and the card parts are in the books.
      await tx.update(orders).set({ paymentStatus: "partially_refunded" }).where(eq(orders.id, family.root.id));
      await bookCardRefunds(tx, ret, order, family);
    }
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "return_refund_failed",
      actor,
      data: { returnNumber: ret.number, amount: left, sent: sentBefore + sentNow, currency: order.currency, error },
    });
    await audit(tx, {
      actor,
      action: "returns.refund_failed",
      subject: `return:${ret.number}`,
      data: { amount: left, sent: sentNow, error },
    });
    const retry = `didn't go through (${error}); finance can retry it from the return's page.`;
    return sentNow > 0
      ? `${money(sentNow, order.currency)} went back; the other ${money(left, order.currency)} ${retry}`
      : `The refund of ${money(left, order.currency)} ${retry}`;
  };

  // Nothing is sent while the cap may miss a refund the provider made: the refund waits for the retry,
  // and the step itself (a parcel received at the hub) goes on.
  if (!asked) return fail("we couldn't ask the card company whether an earlier refund of the order that timed out went through");
  if (amount === 0 && sentBefore === 0) {
    await tx.update(returns).set({ refundState: "issued", amount: 0, refundedAt: sql`now()` }).where(eq(returns.id, ret.id));
    return exchanged
      ? `Nothing was left to refund on order ${family.root.number}, which paid for it.`
      : "Nothing was left to refund on the order.";
  }
  if (ret.refundMethod === "store_credit") {
    // A gift card worth the refund, emailed at once; the gift cards' ledger posts store credit refunds → card liability.
    const credit = await issueStoreCredit(tx, {
      amount,
      currency: order.currency,
      email: order.email,
      customerId: order.customerId,
      reason: `Return ${ret.number} of order ${order.number}`,
      orderId: order.id,
      reference: `return:${ret.number}`,
      actor,
      settlement: { currency: family.root.settlementCurrency, ratePpm: family.root.settlementRatePpm },
    });
    // A refund row too, on the order that was paid, so every cap (paid minus refunded) counts the credit.
    const [refund] = await tx
      .insert(refunds)
      .values({
        orderId: family.root.id,
        amount,
        currency: order.currency,
        reason: `Return ${ret.number} as store credit`,
        providerRef: `gift_card:${credit.giftCardId}`,
        status: "succeeded",
        idempotencyKey: `return:${ret.number}:store-credit`,
      })
      .returning({ id: refunds.id });
    await recordRefunded(tx, ret, order, family, actor, {
      refundId: refund.id,
      amount,
      paidTotal,
      refundedBefore,
      providerRef: refund.id.toString(),
    });
    await stepEmail(tx, { ...ret, amount }, order, "refunded");
    return `Refunded ${money(amount, order.currency)} as store credit on a gift card ending ${credit.last4}${paidOn}.`;
  }
  // One payment with room (a plain order always); an exchange's piece may need several (the card
  // that paid the order, the card that paid a dearer difference, a gift card's part), oldest first.
  const plan =
    amount === 0
      ? { ok: true as const, parts: [] }
      : exchanged
        ? refundableParts(balance, amount)
        : ((choice) => (choice.ok ? { ok: true as const, parts: [{ choice, amount }] } : choice))(refundablePayment(balance, amount));
  if (!plan.ok && plan.why === "no_room") return fail("no single payment on the order has that much left to refund");
  if (!plan.ok) return fail(`the payment was taken through "${plan.provider}", which this console can't refund`);

  const [{ attempts }] = await tx
    .select({ attempts: sql<number>`count(*)::int` })
    .from(refunds)
    .where(like(refunds.idempotencyKey, `return:${ret.number}:%`));
  let last: { refundId: number; providerRef: string | null } | null = null;
  // Each part's key is its place in the return's attempts: a step killed mid-way (nothing of it
  // committed) sends the same parts under the same keys, so the provider answers a part it already
  // refunded with that refund; a part recorded as failed is sent again under a new key.
  for (const [i, part] of plan.parts.entries()) {
    const sent = await refundThroughPayment(tx, {
      // The refund row goes on the order its payment was taken on: that order's own cap counts it.
      orderId: part.choice.payment.orderId ?? family.root.id,
      currency: order.currency,
      choice: part.choice,
      amount: part.amount,
      reason: `Return ${ret.number}: ${reasonLabel(ret.reason)}`,
      idempotencyKey: `return:${ret.number}:${attempts + 1 + i}`,
      actor,
      storeKey: true,
    });
    if (sent.error !== null) return fail(sent.error);
    last = { refundId: sent.refundId, providerRef: sent.providerRef };
    sentNow += part.amount;
  }
  const total = sentBefore + amount;
  if (!last) {
    // Every part went out on the attempt that failed after them: the latest of those is the refund.
    const [earlier] = await tx
      .select({ refundId: refunds.id, providerRef: refunds.providerRef })
      .from(refunds)
      .where(and(like(refunds.idempotencyKey, `return:${ret.number}:%`), ne(refunds.status, "failed")))
      .orderBy(sql`${refunds.id} desc`)
      .limit(1);
    last = earlier ?? null;
  }
  await recordRefunded(tx, ret, order, family, actor, {
    refundId: last?.refundId ?? 0,
    amount: total,
    paidTotal,
    refundedBefore: refundedBefore - sentBefore,
    providerRef: last?.providerRef ?? null,
  });
  await bookCardRefunds(tx, ret, order, family);
  await stepEmail(tx, { ...ret, amount: total }, order, "refunded");
  // The parts this attempt sent, and one for those an earlier attempt sent before it stopped.
  const parts = plan.parts.length + (sentBefore > 0 ? 1 : 0);
  if (exchanged) {
    return `Refunded ${money(total, order.currency)} to the payment${parts > 1 ? "s" : ""} that paid for it${paidOn}.`;
  }
  // Nothing sent now (an earlier answer-less attempt's refund, found and taken): that refund says where it went.
  const toCard = plan.parts.length > 0 ? plan.parts[0].choice.giftCardId === null : !last?.providerRef?.startsWith("gift_card:");
  return toCard
    ? `Refunded ${money(total, order.currency)} to the original payment.`
    : `Refunded ${money(total, order.currency)} to the gift card that paid for the order.`;
}
/**
 * A card refund leaves the shop's money: every card part of the return's refund that went out and
 * isn't booked yet, in one entry, in the transaction that sent it (`return-refund:<RT>`; what a retry
 * sends after a part-way failure, `return-refund:<RT>:<its latest refund>`). A gift card's part is the
 * gift cards' own entry, posted as it was credited. Booked once: what is booked already is counted
 * off (in the shopper's money), so a second call books nothing.
 */
async function bookCardRefunds(tx: Executor, ret: ReturnRow, order: OrderRow, family: Family) {
  const base = `return-refund:${ret.number}`;
  const parts = sql`select f.id, f.amount from ${refunds} f
     where f.idempotency_key like ${`return:${ret.number}:%`} and f.idempotency_key ~ '^return:RT-[0-9]+:[0-9]+$'
       and f.status <> 'failed' and coalesce(f.provider_ref, '') not like 'gift_card:%'`;
  const [row] = await tx.execute<{ sent: number; latest: number | null; booked: number; first: boolean }>(sql`
    with parts as (${parts})
    select (select coalesce(sum(amount), 0) from parts)::int as sent,
           (select max(id) from parts) as latest,
           (select coalesce(sum(coalesce(l.presentment_amount, l.amount)), 0)
              from ledger_entries e join ledger_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id
             where a.kind = 'sales_returns'
               and (e.reference = ${base} or e.reference in (select ${base} || ':' || id from parts)))::int as booked,
           not exists (select 1 from ledger_entries e where e.reference = ${base}) as first`);
  const unbooked = Number(row.sent) - Number(row.booked);
  if (unbooked <= 0 || row.latest === null) return;
  await postEntry(
    tx,
    returnRefundEntry({
      returnNumber: ret.number,
      orderNumber: order.number,
      amount: unbooked,
      currency: order.currency,
      settlement: { currency: family.root.settlementCurrency, ratePpm: family.root.settlementRatePpm },
      ...(row.first ? {} : { laterPart: Number(row.latest) }),
    }),
  );
}

async function recordRefunded(
  tx: Executor,
  ret: ReturnRow,
  order: OrderRow,
  family: Family,
  actor: string,
  r: { refundId: number; amount: number; paidTotal: number; refundedBefore: number; providerRef: string | null },
) {
  // The order that was paid: refunded once its family's payments are all back.
  await tx
    .update(orders)
    .set({ paymentStatus: r.refundedBefore + r.amount >= r.paidTotal ? "refunded" : "partially_refunded" })
    .where(eq(orders.id, family.root.id));
  if (family.root.id !== order.id) {
    // An exchange's own order: refunded once what its returns gave back reaches what it was worth.
    const [{ back }] = await tx
      .select({ back: sql<number>`coalesce(sum(${returns.amount}), 0)::int` })
      .from(returns)
      .where(and(eq(returns.orderId, order.id), eq(returns.refundState, "issued"), ne(returns.id, ret.id)));
    await tx
      .update(orders)
      .set({ paymentStatus: back + r.amount >= order.total ? "refunded" : "partially_refunded" })
      .where(eq(orders.id, order.id));
  }
  await tx
    .update(returns)
    .set({ refundState: "issued", refundId: r.refundId, amount: r.amount, refundedAt: sql`now()` })
    .where(eq(returns.id, ret.id));
  await tx.insert(orderEvents).values({
    orderId: order.id,
    type: "return_refunded",
    actor,
    data: {
      returnNumber: ret.number,
      refundId: r.refundId,
      amount: r.amount,
      currency: order.currency,
      method: ret.refundMethod,
      // Where the money came from, when it was paid on another order (an exchange's piece).
      ...(family.root.id !== order.id ? { paidOn: family.root.number } : {}),
    },
  });
  await audit(tx, {
    actor,
    action: "returns.refund",
    subject: `return:${ret.number}`,
    data: { refundId: r.refundId, amount: r.amount, currency: order.currency, method: ret.refundMethod, providerRef: r.providerRef },
  });
}

async function placeExchange(tx: Executor, ret: ReturnRow, order: OrderRow, actor: string): Promise<string> {
  const lines = await tx
    .select({
      orderLineId: returnLines.orderLineId,
      variantId: returnLines.exchangeVariantId,
      returnedVariantId: orderLines.variantId,
      quantity: returnLines.quantity,
      value: returnLines.amount,
      price: variants.price,
      paidUnitPrice: orderLines.unitPrice,
    })
    .from(returnLines)
    .innerJoin(variants, eq(variants.id, returnLines.exchangeVariantId))
    .innerJoin(orderLines, eq(orderLines.id, returnLines.orderLineId))
    .where(eq(returnLines.returnId, ret.id))
    .orderBy(asc(returnLines.id));
  // The pieces were paid for on the original order: the exchange's order is worth what was paid for
  // them (exchange-worth.server.ts). Its return refunds that.
  const worth = await exchangeWorth(
    tx,
    ret,
    order,
    lines.map((l) => ({
      orderLineId: l.orderLineId,
      variantId: l.variantId!,
      quantity: l.quantity,
      value: l.value,
      paidUnitPrice: l.paidUnitPrice,
      // The same piece again keeps the price paid (as the form offered it).
      newUnitPrice: l.variantId === l.returnedVariantId ? l.paidUnitPrice : l.price,
    })),
  );
  const committed = await commitOrder(tx, {
    channel: "web",
    email: order.email,
    customerId: order.customerId,
    shippingAddress: order.shippingAddress,
    shippingMethod: order.shippingMethod,
    currency: order.currency,
    market: order.market,
    settlement: worth.settlement,
    lines: worth.lines,
    totals: worth.totals,
    idempotencyKey: `exchange:${ret.number}`,
    stockLocationCodes: WEB_STOCK_LOCATION_CODES,
    payment: null,
    paymentStatus: "paid",
    actor,
  });
  await tx.update(returns).set({ exchangeOrderId: committed.id }).where(eq(returns.id, ret.id));
  await tx.insert(orderEvents).values({
    orderId: order.id,
    type: "return_exchanged",
    actor,
    data: { returnNumber: ret.number, exchangeNumber: committed.number },
  });
  await audit(tx, { actor, action: "returns.exchange", subject: `return:${ret.number}`, data: { exchangeOrder: committed.number } });
  await stepEmail(tx, ret, order, "exchanged", committed.number);
  return `Exchange placed as order ${committed.number}.`;
}

// ---------------------------------------------------------------- a dearer exchange's difference, back

/**
 * The return failed or was cancelled after its difference was paid: the difference goes back
 * through the one refund path (refundThroughPayment), onto the payment that paid it, and the
 * ledger books it as a return refund. A failed provider refund leaves `refund_state = failed` for
 * finance to retry from the return's page. Null when nothing was paid.
 */
export async function refundDue(tx: Executor, ret: ReturnRow, order: OrderRow, actor: string, why: string): Promise<string | null> {
  if (ret.dueState !== "paid" || ret.duePaymentId === null) return null;
  // The difference answered as failed but made anyway (a timeout): taken as the refund, not sent again.
  const adopted = (await adoptMadeRefunds(tx, ret)).find((a) => a.paymentId === ret.duePaymentId);
  // So is any other refund of the family answered so (the console's, another return's): what it took
  // off the payment that paid the difference is not there to send back (the family is locked).
  const asked = await adoptFamilyRefunds(tx, await familyOf(tx, order), actor);
  const balance = await refundableBalance(tx, order.id);
  const payment = balance.payments.find((p) => p.id === ret.duePaymentId);
  const amount = adopted ? adopted.amount : payment ? Math.min(ret.due, payment.amount - payment.refunded) : 0;
  if (!adopted && asked && (!payment || amount <= 0)) {
    await tx.update(returns).set({ dueState: "refunded", refundedAt: sql`now()` }).where(eq(returns.id, ret.id));
    return null;
  }
  const [{ attempts }] = await tx
    .select({ attempts: sql<number>`count(*)::int` })
    .from(refunds)
    .where(like(refunds.idempotencyKey, `return:${ret.number}:%`));
  let sent: { refundId: number; providerRef: string | null; error: string | null };
  if (adopted) sent = { refundId: adopted.refundId, providerRef: adopted.providerRef, error: null };
  else if (!asked || !payment) {
    // Nothing is sent while the room may miss a refund Stripe made: the step goes on, finance retries.
    const error = "we couldn't ask the card company whether an earlier refund of the order that timed out went through";
    sent = { refundId: 0, providerRef: null, error };
  } else
    sent = await refundThroughPayment(tx, {
      orderId: order.id,
      currency: order.currency,
      choice: { ok: true, payment, giftCardId: null },
      amount,
      reason: `Return ${ret.number}: the exchange's difference back (${why})`,
      idempotencyKey: `return:${ret.number}:${attempts + 1}`,
      actor,
      storeKey: true,
    });
  if (sent.error !== null) {
    await tx.update(returns).set({ refundState: "failed" }).where(eq(returns.id, ret.id));
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "return_refund_failed",
      actor,
      data: { returnNumber: ret.number, amount, currency: order.currency, error: sent.error },
    });
    await audit(tx, { actor, action: "returns.refund_failed", subject: `return:${ret.number}`, data: { amount, error: sent.error } });
    return `The difference of ${money(amount, order.currency)} didn't go back (${sent.error}); finance can retry it from the return's page.`;
  }
  await tx
    .update(returns)
    .set({ dueState: "refunded", refundState: "none", refundId: sent.refundId, refundedAt: sql`now()` })
    .where(eq(returns.id, ret.id));
  await tx.insert(orderEvents).values({
    orderId: order.id,
    type: "return_refunded",
    actor,
    data: { returnNumber: ret.number, refundId: sent.refundId, amount, currency: order.currency, method: "original" },
  });
  await audit(tx, {
    actor,
    action: "returns.refund",
    subject: `return:${ret.number}`,
    data: { refundId: sent.refundId, amount, currency: order.currency, method: "original", providerRef: sent.providerRef, why },
  });
  await postEntry(
    tx,
    returnRefundEntry({
      returnNumber: ret.number,
      orderNumber: order.number,
      amount,
      currency: order.currency,
      settlement: { currency: order.settlementCurrency, ratePpm: order.settlementRatePpm },
    }),
  );
  await stepEmail(tx, { ...ret, amount }, order, "difference_refunded");
  return `The difference of ${money(amount, order.currency)} went back to the card that paid it.`;
}

/** QC found the parcel isn't ours: nothing comes back, no exchange is made, a paid difference is refunded. */
async function rejectReturn(
  tx: Executor,
  ret: ReturnRow,
  order: OrderRow,
  actor: string,
  decisions: Disposition[],
): Promise<Done<{ settled: string | null }>> {
  for (const d of decisions) {
    await tx.update(returnLines).set({ disposition: "not_ours", fault: d.fault }).where(eq(returnLines.id, d.returnLineId));
  }
  await tx
    .update(returns)
    .set({ status: "closed", inspectedAt: sql`now()`, closedAt: sql`now()`, refundState: "none" })
    .where(eq(returns.id, ret.id));
  await tx.insert(orderEvents).values({ orderId: order.id, type: "return_rejected", actor, data: { returnNumber: ret.number } });
  await audit(tx, { actor, action: "returns.reject", subject: `return:${ret.number}`, data: { lines: decisions } });
  await stepEmail(tx, ret, order, "rejected");
  const refunded = await refundDue(tx, { ...ret, status: "closed" }, order, actor, "the parcel held pieces that aren't ours");
  return {
    ok: true,
    settled: refunded,
    message: `${ret.number} rejected: the pieces aren't ours, so nothing is refunded or exchanged.${refunded ? ` ${refunded}` : ""}`,
  };
}

// ---------------------------------------------------------------- retry, cancel

/**
 * A return's refunds recorded as failed that the provider made anyway (its answer lost: a timeout, a
 * dropped connection), looked up by their keys and recorded as made. Refused while the provider
 * can't be asked: a new refund could then be the shopper's second.
 */
async function adoptMadeRefunds(tx: Executor, ret: ReturnRow) {
  try {
    return await adoptUnansweredRefunds(tx, `return:${ret.number}:`);
  } catch (error) {
    console.error(`return ${ret.number}: could not ask the payment provider about earlier refunds:`, error);
    throw new Refusal(
      502,
      "We couldn't ask the card company whether the earlier refund went through, so nothing was sent. Try again in a minute.",
    );
  }
}

/**
 * The family's refunds answered as failed that the provider made after all, whichever path asked
 * for them, recorded as the orders domain records them (adoptTimedOutRefunds; the family is locked).
 * False when the provider couldn't be asked: nothing new may go out then.
 */
async function adoptFamilyRefunds(tx: Executor, family: Family, actor: string): Promise<boolean> {
  const members =
    family.ids.length === 1 ? [family.root] : await tx.select().from(orders).where(inArray(orders.id, family.ids)).orderBy(asc(orders.id));
  try {
    for (const member of members) await adoptTimedOutRefunds(tx, member, actor);
    return true;
  } catch (error) {
    if (error instanceof Refusal) return false;
    throw error;
  }
}

/**
 * Finance tries a failed refund again: each part answered as failed is first looked up at the
 * provider (made anyway, it is taken as made); what is left goes under a new idempotency key.
 */
export async function retryReturnRefund(input: { number: string; actor: string }): Promise<Result<{ settled: string | null }>> {
  return refusable(async (tx) => {
    const { ret, order } = await lockReturn(tx, input.number);
    if (ret.dueState === "paid" && ret.refundState === "failed" && (ret.status === "cancelled" || ret.status === "closed")) {
      const sent = await refundDue(tx, ret, order, input.actor, "retry");
      const [after] = await tx.select().from(returns).where(eq(returns.id, ret.id));
      return { ok: after.dueState === "refunded", settled: sent, message: sent ?? "Nothing was due." } as Done<{ settled: string | null }>;
    }
    if (ret.resolution !== "refund" && ret.amount === 0) {
      throw new Refusal(409, `${ret.number} is an exchange at the same price; there is no refund to issue.`);
    }
    if (ret.refundState === "issued") {
      return { ok: true, duplicate: true, settled: null, message: `${ret.number} has already been refunded; nothing more was sent.` };
    }
    if (ret.status !== "received" && ret.status !== "inspected") {
      throw new Refusal(409, `${ret.number} isn't at the hub, so nothing is owed yet.`);
    }
    const policy = await loadReturnPolicy(tx);
    if (ret.status === "received" && policy.refundOn === "qc") throw new Refusal(409, `${ret.number} is refunded once QC has checked it.`);
    const settled = await settle(tx, ret, order, input.actor);
    const [after] = await tx.select().from(returns).where(eq(returns.id, ret.id));
    if (after.status === "inspected" && isSettled(after)) {
      await tx.update(returns).set({ status: "closed", closedAt: sql`now()` }).where(eq(returns.id, ret.id));
    }
    return { ok: isSettled(after), settled, message: settled ?? "Nothing was due." } as Done<{ settled: string | null }>;
  });
}

export async function cancelReturn(input: { number: string; actor: string; orderNumber?: string }): Promise<Result> {
  return refusable(async (tx) => {
    const { ret, order } = await lockReturn(tx, input.number);
    if (input.orderNumber && order.number !== input.orderNumber)
      throw new Refusal(404, `There is no return ${input.number} on this order.`);
    if (ret.status === "cancelled") return { ok: true, duplicate: true, message: `${ret.number} was already cancelled.` };
    const refusal = cancelRefusal(ret.number, ret.status);
    if (refusal) throw new Refusal(409, refusal);
    await tx
      .update(returns)
      .set({
        status: "cancelled",
        cancelledAt: sql`now()`,
        refundState: "none",
        ...(ret.dueState === "awaiting" ? { dueState: "none" as const } : {}),
      })
      .where(eq(returns.id, ret.id));
    await tx
      .insert(orderEvents)
      .values({ orderId: order.id, type: "return_cancelled", actor: input.actor, data: { returnNumber: ret.number } });
    if (input.actor.startsWith("staff:")) {
      await audit(tx, { actor: input.actor, action: "returns.cancel", subject: `return:${ret.number}`, data: {} });
    }
    await stepEmail(tx, ret, order, "cancelled");
    // An exchange whose difference was paid: the difference goes back through the one refund path.
    const refunded = await refundDue(tx, { ...ret, status: "cancelled" }, order, input.actor, "the return was cancelled");
    return { ok: true, message: `Return ${ret.number} cancelled. The pieces stay yours.${refunded ? ` ${refunded}` : ""}` };
  });
}

// ---------------------------------------------------------------- the counter (POS)

/**
 * A return taken at the flagship's counter, written as the same return record web returns are:
 * received, checked (back on the shelf) and settled at once, inside the POS's own transaction.
 * An exchange at the counter (`exchange`) is the same record with its exchange order (the new
 * pieces were handed over), and a dearer exchange's difference taken there and then (`due`, paid
 * by `paymentId`): booked like the web's (`sale:<RT-number>`, card clearing or the cash drawer).
 */
export async function recordCounterReturn(
  tx: Executor,
  input: {
    orderId: number;
    orderNumber: string;
    currency: string;
    /** What went back to the customer (a refund, or a cheaper exchange's difference). */
    amount: number;
    /** The reason chosen at the counter (the web's list) and the cashier's own words. */
    reason: ReturnReason;
    note: string;
    key: string;
    actor: string;
    lines: Array<{ orderLineId: number; quantity: number; amount: number; exchangeVariantId?: number | null }>;
    exchange?: {
      orderId: number;
      orderNumber: string;
      due: number;
      paymentId: number | null;
      tender: "card" | "cash" | null;
      /** What the receipt email says of the money (none at the same price). */
      difference?: { direction: "paid" | "back"; amount: number; by: string };
    } | null;
  },
): Promise<{ returnNumber: string; ret: ReturnRow }> {
  const exchange = input.exchange ?? null;
  const due = exchange?.due ?? 0;
  const [ret] = await tx
    .insert(returns)
    .values({
      number: sql`'RT-' || nextval('return_numbers')`,
      orderId: input.orderId,
      channel: "pos",
      status: "closed",
      resolution: exchange ? "exchange" : "refund",
      refundMethod: "original",
      reason: input.reason,
      note: input.note,
      amount: input.amount,
      currency: input.currency,
      refundState: input.amount > 0 || !exchange ? "issued" : "none",
      exchangeOrderId: exchange?.orderId ?? null,
      ...(due > 0 ? { due, dueState: "paid" as const, duePaymentId: exchange?.paymentId ?? null, duePaidAt: sql`now()` } : {}),
      idempotencyKey: `pos-return:${input.key}`,
      createdBy: input.actor,
      receivedAt: sql`now()`,
      inspectedAt: sql`now()`,
      refundedAt: input.amount > 0 || !exchange ? sql`now()` : null,
      closedAt: sql`now()`,
    })
    .returning();
  await tx.insert(returnLines).values(
    input.lines.map((l) => ({
      returnId: ret.id,
      orderLineId: l.orderLineId,
      quantity: l.quantity,
      amount: l.amount,
      exchangeVariantId: l.exchangeVariantId ?? null,
      disposition: "restock" as const,
    })),
  );
  if (input.amount > 0) {
    await postEntry(
      tx,
      returnRefundEntry({
        returnNumber: ret.number,
        orderNumber: input.orderNumber,
        amount: input.amount,
        currency: input.currency,
      }),
    );
  }
  if (due > 0) {
    // The difference taken at the counter: a retail sale of the exchange, like the web's dearer exchange.
    await postEntry(
      tx,
      exchangeDifferenceEntry({
        returnNumber: ret.number,
        orderNumber: input.orderNumber,
        amount: due,
        currency: input.currency,
        tender: exchange?.tender ?? "card",
      }),
    );
  }
  if (exchange) {
    const order = (await lockOrder(tx, { id: input.orderId }))!;
    if (order.email) await stepEmail(tx, ret, order, "exchanged_in_store", exchange.orderNumber, { difference: exchange.difference });
  }
  return { returnNumber: ret.number, ret };
}

// ---------------------------------------------------------------- emails

type Step =
  | "received"
  | "inspected"
  | "refunded"
  | "exchanged"
  | "cancelled"
  | "difference_paid"
  | "difference_refunded"
  | "expired"
  | "not_received"
  | "rejected"
  | "switched"
  | "exchanged_in_store";

export async function stepEmail(
  tx: Executor,
  ret: ReturnRow,
  order: OrderRow,
  step: Step,
  exchangeNumber?: string,
  /** The difference-paid receipt also says where to send the parcel. */
  extra: {
    address?: readonly string[];
    instructions?: readonly string[];
    difference?: { direction: "paid" | "back"; amount: number; by: string };
  } = {},
) {
  const lines = await tx
    .select({ title: orderLines.title, quantity: returnLines.quantity })
    .from(returnLines)
    .innerJoin(orderLines, eq(orderLines.id, returnLines.orderLineId))
    .where(eq(returnLines.returnId, ret.id));
  await queueEmail(tx, {
    template: "return-update",
    to: order.email,
    dedupeKey: `return:${ret.number}:${step}`,
    props: {
      step,
      returnNumber: ret.number,
      orderNumber: order.number,
      customerName: order.shippingAddress?.name,
      resolution: ret.resolution,
      refundMethod: ret.refundMethod,
      pieces: lines,
      amount: ret.amount,
      currency: order.currency,
      exchangeNumber,
      statusUrl: statusUrl(order.number),
      ...extra,
    },
  });
}
