/**
 * Web exchange orders placed before an exchange's own order carried its worth (docs/decisions/0020,
 * session 11) have every line fully discounted and a total of 0, so returning their piece refunded
 * nothing. `backfillExchangeWorths` gives each the worth placing it now would (exchange-worth.server:
 * its lines' discounts and totals, its tax, the VAT inside it, its market and settlement at the
 * original order's rate), and re-prices the returns already started on it whose refund hasn't gone
 * out. Each order in its own transaction with its family locked (the original first), as every
 * returns step takes them; an order already worth something is left alone, so a second run, or two
 * at once, change nothing. `npm start` runs it after migrating: with nothing left it is one query.
 */
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { exchangeWorth } from "./exchange-worth.server";
import { lockOrder } from "./returns.server";
import { lineValues, returnLineAmount } from "./rules";

const { orders, orderLines, returns, returnLines } = schema;

export type ExchangeBackfill = {
  /** Exchange orders given their worth. */
  orders: string[];
  /** Returns of their pieces whose refund went out as nothing before this ran: for finance to settle by hand. */
  refundedNothing: string[];
};

export async function backfillExchangeWorths(): Promise<ExchangeBackfill> {
  const candidates = await db.execute<{ exchange_id: number; return_number: string }>(sql`
    select r.exchange_order_id as exchange_id, r.number as return_number
      from ${returns} r join ${orders} x on x.id = r.exchange_order_id
     where r.channel = 'web' and x.channel = 'web' and x.total = 0
       and not exists (select 1 from ${orderLines} l where l.order_id = x.id and l.total <> 0)
     order by x.id`);
  const done: ExchangeBackfill = { orders: [], refundedNothing: [] };
  // Oldest first: an exchange of an exchanged piece is worth what its parent's piece now is.
  for (const row of candidates) {
    const result = await db.transaction((tx) => backfillOne(tx, Number(row.exchange_id), row.return_number));
    if (result) {
      done.orders.push(result.order);
      done.refundedNothing.push(...result.refundedNothing);
    }
  }
  return done;
}

async function backfillOne(tx: Executor, exchangeId: number, returnNumber: string) {
  const exchange = await lockOrder(tx, { id: exchangeId });
  if (exchange?.total !== 0) return null;
  const [ret] = await tx.select().from(returns).where(eq(returns.number, returnNumber));
  const [original] = await tx.select().from(orders).where(eq(orders.id, ret.orderId));
  const [pieces, placed] = await Promise.all([
    tx
      .select({
        orderLineId: returnLines.orderLineId,
        variantId: returnLines.exchangeVariantId,
        quantity: returnLines.quantity,
        value: returnLines.amount,
        paidUnitPrice: orderLines.unitPrice,
      })
      .from(returnLines)
      .innerJoin(orderLines, eq(orderLines.id, returnLines.orderLineId))
      .where(eq(returnLines.returnId, ret.id))
      .orderBy(asc(returnLines.id)),
    tx.select().from(orderLines).where(eq(orderLines.orderId, exchange.id)).orderBy(asc(orderLines.id)),
  ]);
  // The new pieces at the price the exchange order recorded for them.
  const priceOf = new Map(placed.map((l) => [l.variantId, l.unitPrice]));
  if (pieces.some((p) => p.variantId === null || !priceOf.has(p.variantId))) return null;
  const worth = await exchangeWorth(
    tx,
    ret,
    original,
    pieces.map((p) => ({ ...p, variantId: p.variantId!, newUnitPrice: priceOf.get(p.variantId!)! })),
  );
  if (worth.totals.total <= 0) return null;

  // commitOrder merged pieces of one variant into one line: their discounts add up.
  const discountOf = new Map<number, number>();
  for (const l of worth.lines) discountOf.set(l.variantId, (discountOf.get(l.variantId) ?? 0) + l.discount);
  for (const line of placed) {
    const discount = discountOf.get(line.variantId) ?? line.unitPrice * line.quantity;
    await tx
      .update(orderLines)
      .set({ discount, total: line.unitPrice * line.quantity - discount })
      .where(eq(orderLines.id, line.id));
  }
  const settlement =
    worth.settlement ?? (exchange.currency === "USD" ? { currency: "USD", total: worth.totals.total, ratePpm: 1_000_000 } : null);
  await tx
    .update(orders)
    .set({
      subtotal: worth.totals.subtotal,
      taxTotal: worth.totals.taxTotal,
      taxIncluded: worth.totals.taxIncluded,
      total: worth.totals.total,
      market: original.market,
      ...(settlement
        ? { settlementCurrency: settlement.currency, settlementTotal: settlement.total, settlementRatePpm: settlement.ratePpm }
        : {}),
    })
    .where(eq(orders.id, exchange.id));
  const refundedNothing = await repriceReturnsOn(tx, exchange.id);
  await audit(tx, {
    actor: "system:backfill",
    action: "returns.exchange_worth",
    subject: `order:${exchange.number}`,
    data: { returnNumber, total: worth.totals.total, taxIncluded: worth.totals.taxIncluded, repriced: refundedNothing },
  });
  return { order: exchange.number, refundedNothing };
}

/**
 * The returns already started on the exchange order were priced at nothing: each piece now carries
 * its worth (the next exchange in a chain is worth it), and a refund not yet out is for that much.
 * A refund that went out as nothing stays as it was (the money never moved): listed for finance.
 */
async function repriceReturnsOn(tx: Executor, exchangeId: number): Promise<string[]> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, exchangeId));
  const lines = await tx
    .select({ id: orderLines.id, quantity: orderLines.quantity, total: orderLines.total })
    .from(orderLines)
    .where(eq(orderLines.orderId, exchangeId))
    .orderBy(asc(orderLines.id));
  const values = new Map(lineValues({ discountTotal: order.discountTotal, taxTotal: order.taxTotal, lines }).map((v) => [v.id, v]));
  const started = await tx
    .select()
    .from(returns)
    .where(and(eq(returns.orderId, exchangeId), ne(returns.status, "cancelled")))
    .orderBy(asc(returns.id));
  if (started.length === 0) return [];
  const rows = await tx
    .select()
    .from(returnLines)
    .where(
      inArray(
        returnLines.returnId,
        started.map((r) => r.id),
      ),
    )
    .orderBy(asc(returnLines.id));
  const before = new Map<number, number>();
  const refundedNothing: string[] = [];
  for (const ret of started) {
    let total = 0;
    for (const row of rows.filter((l) => l.returnId === ret.id)) {
      const value = values.get(row.orderLineId);
      const done = before.get(row.orderLineId) ?? 0;
      const amount = value && row.amount === 0 ? returnLineAmount(value, done, row.quantity) : row.amount;
      before.set(row.orderLineId, done + row.quantity);
      total += amount;
      if (amount !== row.amount) await tx.update(returnLines).set({ amount }).where(eq(returnLines.id, row.id));
    }
    if (ret.resolution !== "refund" || ret.amount !== 0 || total === 0) continue;
    if (ret.refundState === "issued") refundedNothing.push(ret.number);
    else await tx.update(returns).set({ amount: total }).where(eq(returns.id, ret.id));
  }
  return refundedNothing;
}
