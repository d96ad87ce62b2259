/**
 * Exchange orders carry what their pieces were paid (docs/decisions/0020). Two things here, on the
 * real database with the local payment provider:
 * - a UK exchange order says the VAT inside it, on the order page and in its confirmation, as a
 *   normal UK order does (VAT included at 20%), not £0.00;
 * - exchange orders written the old way (every line fully discounted, a total of nothing, no market)
 *   get their worth from `backfillExchangeWorths` (run by `npm start` after migrating): once, two
 *   runs at once included, and a return of the piece already started then refunds it.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { commitOrder } from "~/domain/orders/index.server";
import { confirmationOf } from "~/domain/orders/jobs.server";
import { orderStatus } from "~/domain/orders/status.server";
import { backfillExchangeWorths, receiveReturn, returnableOrder, saveReturnPolicy, startReturn } from "~/domain/returns/index.server";
import { DEFAULT_RETURN_POLICY } from "~/domain/returns";
import { includedTax } from "~/domain/markets";
import { db, schema } from "~/lib/db.server";
import { DAY, cuff, ledgerOf, returnRow, ring, ringOrder, setUpRings } from "./returns-dearer-support";

beforeAll(async () => {
  await setUpRings();
  await saveReturnPolicy({ ...DEFAULT_RETURN_POLICY, refundOn: "receipt" }, "test");
});

async function start(number: string, orderLineId: number, resolution: "refund" | "exchange", exchangeVariantId: number | null = null) {
  const started = await startReturn({
    number,
    lines: [{ orderLineId, quantity: 1, exchangeVariantId }],
    reason: "size",
    note: "",
    resolution,
    refundMethod: "original",
    key: randomUUID(),
    actor: "shopper:link",
  });
  if (!started.ok) throw new Error(started.message);
  return started.returnNumber;
}

async function delivered(orderId: number) {
  const at = new Date(Date.now() - DAY);
  await db.update(schema.orders).set({ status: "delivered" }).where(eq(schema.orders.id, orderId));
  await db.insert(schema.shipments).values({ orderId, carrier: "DHL", trackingNumber: "JD9", shippedAt: at, deliveredAt: at });
}

const orderById = async (id: number) => (await db.select().from(schema.orders).where(eq(schema.orders.id, id)))[0];
const linesOf = (orderId: number) => db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, orderId));

/** A UK order as the checkout writes one: prices include 20% VAT (none added), £8.20 off, £9.00 shipping. */
async function ukOrder() {
  const total = 8200 - 820 + 900;
  const order = await db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "harriet@example.test",
      shippingAddress: { name: "Harriet Vane", line1: "1 High St", city: "London", region: "", postalCode: "N1 9GU", country: "GB" },
      currency: "GBP",
      market: "gb",
      settlement: { currency: "USD", total: Math.round(total / 1.25), ratePpm: 1_250_000 },
      lines: [
        { variantId: ring.brass, quantity: 1, unitPrice: 5000 },
        { variantId: cuff, quantity: 1, unitPrice: 3200 },
      ],
      totals: { subtotal: 8200, discountTotal: 820, shippingTotal: 900, taxTotal: 0, taxIncluded: includedTax(total, 2000), total },
      idempotencyKey: randomUUID(),
      stockLocationCodes: ["US-FC"],
      payment: { provider: "local", providerRef: `lpi_${randomUUID().replace(/-/g, "").slice(0, 24)}`, amount: total, currency: "GBP" },
      paymentStatus: "paid",
      actor: "test",
    }),
  );
  await delivered(order.id);
  const [line] = (await linesOf(order.id)).filter((l) => l.variantId === ring.brass);
  return { ...order, ringLine: line.id };
}

describe("a UK exchange order", () => {
  it("says the VAT inside what its piece is worth, on the order page and in its confirmation", async () => {
    const order = await ukOrder();
    const number = await start(order.number, order.ringLine, "exchange", ring.brass);
    expect(await receiveReturn({ number, actor: "staff:1" })).toMatchObject({ ok: true });
    const exchange = await orderById((await returnRow(number)).exchangeOrderId!);
    // The ring was £45.00 after its £5.00 of the discount, VAT inside: £7.50 of it at 20%, as the checkout counts it.
    expect(exchange).toMatchObject({ market: "gb", total: 4500, taxTotal: 0, taxIncluded: 750, settlementTotal: 3600 });
    expect((await orderStatus(exchange.number))!.includedTax).toEqual({ name: "VAT", amount: 750 });
    expect((await confirmationOf(exchange.id))!.props.includedTax).toEqual({ name: "VAT", amount: 750 });
  });
});

/** The exchange's own order as it was placed before session 11: each line's price taken off whole, a total of nothing, no market. */
async function exchangedTheOldWay(order: { id: number; number: string; ringLine: number }) {
  const number = await start(order.number, order.ringLine, "exchange", ring.brass);
  const ret = await returnRow(number);
  const placed = await db.transaction(async (tx) => {
    const committed = await commitOrder(tx, {
      channel: "web",
      email: "amina@example.test",
      shippingAddress: { name: "Amina Otieno", line1: "1 High St", city: "London", region: "", postalCode: "N1 9GU", country: "GB" },
      currency: "GBP",
      lines: [{ variantId: ring.brass, quantity: 1, unitPrice: 5000, discount: 5000 }],
      totals: { subtotal: 0, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 0 },
      idempotencyKey: `exchange:${number}`,
      stockLocationCodes: ["US-FC"],
      payment: null,
      paymentStatus: "paid",
      actor: "staff:1",
    });
    await tx
      .update(schema.returns)
      .set({ status: "closed", receivedAt: sql`now()`, inspectedAt: sql`now()`, closedAt: sql`now()`, exchangeOrderId: committed.id })
      .where(eq(schema.returns.id, ret.id));
    return committed;
  });
  await delivered(placed.id);
  return { returnNumber: number, exchange: await orderById(placed.id) };
}

describe("backfillExchangeWorths", () => {
  it("gives an exchange order written the old way its worth, once, so a return of its piece started before refunds it", async () => {
    const order = await ringOrder();
    const { exchange } = await exchangedTheOldWay(order);
    expect(exchange).toMatchObject({ total: 0, taxTotal: 0, market: null, settlementTotal: null });
    const [line] = await linesOf(exchange.id);
    // Written the old way, the piece is worth nothing: a return of it, started now, is for £0.00.
    expect((await returnableOrder(exchange.number))!.lines[0]).toMatchObject({ returnable: 1, unitRefund: 0 });
    const back = await start(exchange.number, line.id, "refund");
    expect(await returnRow(back)).toMatchObject({ amount: 0, refundState: "owed" });

    const [one, two] = await Promise.all([backfillExchangeWorths(), backfillExchangeWorths()]);
    expect([...one.orders, ...two.orders]).toEqual([exchange.number]);
    expect([...one.refundedNothing, ...two.refundedNothing]).toEqual([]);
    // What placing it now makes: £48.82 (£45.00 of goods, £3.82 of tax), settled at the original's 1.25.
    expect(await orderById(exchange.id)).toMatchObject({
      total: 4882,
      subtotal: 4500,
      taxTotal: 382,
      discountTotal: 0,
      settlementCurrency: "USD",
      settlementRatePpm: 1_250_000,
      settlementTotal: 3906,
    });
    expect(await linesOf(exchange.id)).toEqual([expect.objectContaining({ unitPrice: 5000, discount: 500, total: 4500 })]);
    expect(await returnRow(back)).toMatchObject({ amount: 4882, refundState: "owed" });
    const [lineAfter] = await db.select().from(schema.returnLines).where(eq(schema.returnLines.orderLineId, line.id));
    expect(lineAfter.amount).toBe(4882);

    // The parcel arrives: the original order's card gets £48.82 back, booked at the original's rate.
    const done = await receiveReturn({ number: back, actor: "staff:1" });
    expect(done).toMatchObject({ ok: true, settled: `Refunded £48.82 to the payment that paid for it (paid on order ${order.number}).` });
    const refunds = await db
      .select()
      .from(schema.refunds)
      .where(and(eq(schema.refunds.orderId, order.id), eq(schema.refunds.status, "succeeded")));
    expect(refunds.map((r) => r.amount)).toEqual([4882]);
    expect(await ledgerOf(`return-refund:${back}`)).toEqual([
      { account: "soko:sales_returns:USD", amount: 3906, currency: "USD" },
      { account: "soko:refunds_paid:USD", amount: -3906, currency: "USD" },
    ]);

    // A run later finds nothing; an order placed the new way was never a candidate.
    expect(await backfillExchangeWorths()).toEqual({ orders: [], refundedNothing: [] });
    const audits = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `order:${exchange.number}`));
    expect(audits.map((a) => a.action)).toEqual(["returns.exchange_worth"]);
  });

  it("lists a return of an old exchange piece whose refund already went out as nothing, for finance, and leaves it as it was", async () => {
    const order = await ringOrder();
    const { exchange } = await exchangedTheOldWay(order);
    const [line] = await linesOf(exchange.id);
    const back = await start(exchange.number, line.id, "refund");
    expect(await receiveReturn({ number: back, actor: "staff:1" })).toMatchObject({ ok: true });
    expect(await returnRow(back)).toMatchObject({ amount: 0, refundState: "issued" });

    const result = await backfillExchangeWorths();
    expect(result).toEqual({ orders: [exchange.number], refundedNothing: [back] });
    expect(await orderById(exchange.id)).toMatchObject({ total: 4882 });
    // The money never moved: the return stays as it was, nothing refunded or booked by the backfill.
    expect(await returnRow(back)).toMatchObject({ amount: 0, refundState: "issued" });
    expect(await ledgerOf(`return-refund:${back}`)).toEqual([]);
  });
});
