/**
 * A web exchange's own order is worth what was paid for its pieces (docs/decisions/0020), so the
 * shopper who brings the new piece back gets that back: to the original order's payments (the card
 * that paid a dearer difference too), under one cap across both orders, within the window counted
 * from the original delivery. On the real database with the local payment provider; GBP orders
 * settled in USD at 1.25 (tests/integration/returns-dearer-support.ts).
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { refundOrder } from "~/domain/orders/index.server";
import { receiveReturn, returnableOrder, saveReturnPolicy, startReturn } from "~/domain/returns/index.server";
import { DEFAULT_RETURN_POLICY } from "~/domain/returns";
import { db, schema } from "~/lib/db.server";
import { DAY, cuff, ledgerOf, pay, returnRow, ring, ringOrder, setUpRings, startDearer } from "./returns-dearer-support";

beforeAll(async () => {
  await setUpRings();
  // The exchange is placed, and a refund sent, when the hub receives the parcel: one step each here.
  await saveReturnPolicy({ ...DEFAULT_RETURN_POLICY, refundOn: "receipt" }, "test");
});

type Order = Awaited<ReturnType<typeof ringOrder>>;

async function start(
  number: string,
  lines: Array<{ orderLineId: number; exchangeVariantId?: number }>,
  extra: { resolution?: "refund" | "exchange"; refundMethod?: "original" | "store_credit"; now?: Date } = {},
) {
  return startReturn({
    number,
    lines: lines.map((l) => ({ quantity: 1, exchangeVariantId: l.exchangeVariantId ?? null, orderLineId: l.orderLineId })),
    reason: "size",
    note: "",
    resolution: extra.resolution ?? "refund",
    refundMethod: extra.refundMethod ?? "original",
    key: randomUUID(),
    actor: "shopper:link",
    now: extra.now,
  });
}

async function received(returnNumber: string) {
  const done = await receiveReturn({ number: returnNumber, actor: "staff:1" });
  if (!done.ok) throw new Error(done.message);
  return done;
}

async function orderById(id: number) {
  const [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, id));
  return row;
}

/** The exchange's own order, delivered `daysAgo` days ago, and its one line. */
async function deliveredExchange(returnNumber: string, daysAgo = 1) {
  const ret = await returnRow(returnNumber);
  const exchange = await orderById(ret.exchangeOrderId!);
  const at = new Date(Date.now() - daysAgo * DAY);
  await db.update(schema.orders).set({ status: "delivered" }).where(eq(schema.orders.id, exchange.id));
  await db.insert(schema.shipments).values({ orderId: exchange.id, carrier: "DHL", trackingNumber: "JD2", shippedAt: at, deliveredAt: at });
  const [line] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, exchange.id));
  return { exchange, line };
}

/** The brass ring exchanged for `variantId` (brass again by default) and received: the exchange's order and line. */
async function exchanged(order: Order, variantId = ring.brass) {
  const started = await start(order.number, [{ orderLineId: order.ringLine, exchangeVariantId: variantId }], { resolution: "exchange" });
  if (!started.ok) throw new Error(started.message);
  await received(started.returnNumber);
  return { returnNumber: started.returnNumber, ...(await deliveredExchange(started.returnNumber)) };
}

const refundsOn = (orderIds: number[]) =>
  db
    .select()
    .from(schema.refunds)
    .where(and(inArray(schema.refunds.orderId, orderIds), sql`${schema.refunds.status} <> 'failed'`))
    .orderBy(schema.refunds.id);

const sum = (rows: Array<{ amount: number }>) => rows.reduce((s, r) => s + r.amount, 0);

describe("a web exchange's order", () => {
  it("is worth what the returned piece was (its discount and tax), settled at the original order's rate", async () => {
    const order = await ringOrder();
    const { exchange, line } = await exchanged(order);
    // The brass ring was worth £48.82 on the order: £45.00 of goods after its £5.00 of the discount, £3.82 of tax.
    expect(exchange).toMatchObject({
      total: 4882,
      subtotal: 4500,
      discountTotal: 0,
      taxTotal: 382,
      shippingTotal: 0,
      paymentStatus: "paid",
      currency: "GBP",
      settlementCurrency: "USD",
      settlementRatePpm: 1_250_000,
      settlementTotal: 3906,
    });
    expect(line).toMatchObject({ variantId: ring.brass, unitPrice: 5000, discount: 500, total: 4500 });
    // Nothing was charged for it: no payment on the exchange's order, no sale booked for it.
    expect(await db.select().from(schema.payments).where(eq(schema.payments.orderId, exchange.id))).toEqual([]);
  });

  it("refunds the exchanged piece exactly, to the original order's card, booked in USD with the pounds beside", async () => {
    const order = await ringOrder();
    const { exchange, line } = await exchanged(order);
    const view = await returnableOrder(exchange.number);
    expect(view!.lines[0]).toMatchObject({ returnable: 1, unitRefund: 4882, window: { open: true } });

    const started = await start(exchange.number, [{ orderLineId: line.id }]);
    if (!started.ok) throw new Error(started.message);
    expect(await returnRow(started.returnNumber)).toMatchObject({ orderId: exchange.id, amount: 4882, refundState: "owed" });
    const done = await received(started.returnNumber);
    expect(done.settled).toBe(`Refunded £48.82 to the payment that paid for it (paid on order ${order.number}).`);

    expect(await returnRow(started.returnNumber)).toMatchObject({ refundState: "issued", amount: 4882 });
    // The money left from the original order's payment; its refund row is on that order, so its own cap counts it.
    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
    const refunded = await refundsOn([order.id, exchange.id]);
    expect(refunded.map((r) => [r.orderId, r.paymentId, r.amount, r.currency])).toEqual([[order.id, payment.id, 4882, "GBP"]]);
    expect(await orderById(order.id)).toMatchObject({ paymentStatus: "partially_refunded" });
    expect(await orderById(exchange.id)).toMatchObject({ paymentStatus: "refunded" });
    // £48.82 at 1.25 = $39.06, the same rate the original sale was booked at.
    expect(await ledgerOf(`return-refund:${started.returnNumber}`)).toEqual([
      { account: "soko:sales_returns:USD", amount: 3906, currency: "USD" },
      { account: "soko:refunds_paid:USD", amount: -3906, currency: "USD" },
    ]);
    // The exchange's order page says where the money went.
    const [event] = await db
      .select()
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, exchange.id), eq(schema.orderEvents.type, "return_refunded")));
    expect(event.data).toMatchObject({ returnNumber: started.returnNumber, amount: 4882, currency: "GBP", paidOn: order.number });
  });

  it("gives store credit for the exchanged piece: a pound card, the refund booked in USD, the refund row on the original order", async () => {
    const order = await ringOrder();
    const { exchange, line } = await exchanged(order);
    const started = await start(exchange.number, [{ orderLineId: line.id }], { refundMethod: "store_credit" });
    if (!started.ok) throw new Error(started.message);
    const done = await received(started.returnNumber);
    expect(done.settled).toMatch(
      new RegExp(`^Refunded £48\\.82 as store credit on a gift card ending [A-Z0-9]{4} \\(paid on order ${order.number}\\)\\.$`),
    );
    expect((await refundsOn([order.id, exchange.id])).map((r) => [r.orderId, r.amount])).toEqual([[order.id, 4882]]);
    const [card] = await db.select().from(schema.giftCards).where(eq(schema.giftCards.orderId, exchange.id));
    expect(card).toMatchObject({ kind: "store_credit", currency: "GBP", balance: 4882 });
    const [issued] = await db.select().from(schema.giftCardMovements).where(eq(schema.giftCardMovements.giftCardId, card.id));
    expect(await ledgerOf(`gift_card_movement:${issued.id}`)).toEqual([
      { account: "soko:store_credit_refunds:USD", amount: 3906, currency: "USD" },
      { account: "soko:fx_clearing:USD", amount: -3906, currency: "USD" },
      { account: "soko:fx_clearing:GBP", amount: 4882, currency: "GBP" },
      { account: "soko:gift_card_liability:GBP", amount: -4882, currency: "GBP" },
    ]);
  });

  it("after a dearer exchange, refunds the piece's worth plus the difference paid, over both payments when one hasn't room", async () => {
    const order = await ringOrder();
    // The cuff back first (£31.25): the order's card has £57.82 left, less than the silver ring's £63.47.
    const cuffLine = (await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id))).find(
      (l) => l.variantId === cuff,
    )!;
    const cuffReturn = await start(order.number, [{ orderLineId: cuffLine.id }]);
    if (!cuffReturn.ok) throw new Error(cuffReturn.message);
    await received(cuffReturn.returnNumber);
    expect(await returnRow(cuffReturn.returnNumber)).toMatchObject({ amount: 3125, refundState: "issued" });

    // Silver on the same terms is worth £63.47: £14.65 paid on top.
    const dearer = await startDearer(order);
    expect(await pay(order, dearer)).toMatchObject({ ok: true });
    await received(dearer);
    const { exchange, line } = await deliveredExchange(dearer);
    expect(exchange).toMatchObject({ total: 6347, taxTotal: 497, subtotal: 5850, settlementTotal: 5078 });
    expect(line).toMatchObject({ variantId: ring.silver, unitPrice: 6500, discount: 650, total: 5850 });

    const back = await start(exchange.number, [{ orderLineId: line.id }]);
    if (!back.ok) throw new Error(back.message);
    const done = await received(back.returnNumber);
    expect(done.settled).toBe(`Refunded £63.47 to the payments that paid for it (paid on order ${order.number}).`);
    const payments = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id)).orderBy(schema.payments.id);
    expect(payments.map((p) => p.amount)).toEqual([order.total, 1465]);
    const refunded = await refundsOn([order.id, exchange.id]);
    // The cuff, then the silver ring: what the order's card had left, the rest from the difference's payment.
    expect(refunded.map((r) => [r.paymentId, r.amount])).toEqual([
      [payments[0].id, 3125],
      [payments[0].id, order.total - 3125],
      [payments[1].id, 6347 - (order.total - 3125)],
    ]);
    expect(await returnRow(back.returnNumber)).toMatchObject({ refundState: "issued", amount: 6347 });
    // One entry for the whole refund: £63.47 at 1.25.
    expect(await ledgerOf(`return-refund:${back.returnNumber}`)).toEqual([
      { account: "soko:sales_returns:USD", amount: 5078, currency: "USD" },
      { account: "soko:refunds_paid:USD", amount: -5078, currency: "USD" },
    ]);
    // Paid £89.07 + £14.65; back £31.25 + £63.47: the shipping is all that is left.
    expect(sum(refunded)).toBe(order.total + 1465 - 900);
  });

  it("never refunds more than was paid across both orders, under two returns settled at once", async () => {
    const order = await ringOrder();
    const { exchange, line } = await exchanged(order);
    // £60.00 left to refund across both orders after a console refund; the cuff (£31.25) and the
    // exchanged ring (£48.82) together ask for £80.07.
    const refund = await refundOrder({
      number: order.number,
      amount: order.total - 6000,
      reason: "goodwill",
      formKey: randomUUID(),
      actor: "staff:1",
    });
    expect(refund).toMatchObject({ ok: true });
    const cuffLine = (await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id))).find(
      (l) => l.variantId === cuff,
    )!;
    const one = await start(order.number, [{ orderLineId: cuffLine.id }]);
    const two = await start(exchange.number, [{ orderLineId: line.id }]);
    if (!one.ok || !two.ok) throw new Error("start");
    const settled = await Promise.all([received(one.returnNumber), received(two.returnNumber)]);
    expect(settled.every((s) => s.ok)).toBe(true);
    const refunded = await refundsOn([order.id, exchange.id]);
    expect(sum(refunded)).toBe(order.total);
    const amounts = [(await returnRow(one.returnNumber)).amount, (await returnRow(two.returnNumber)).amount];
    expect(amounts[0] + amounts[1]).toBe(6000);
    // Whichever went first got all it asked for; the other what was left.
    expect(amounts.includes(3125) || amounts.includes(4882)).toBe(true);
    expect(await orderById(order.id)).toMatchObject({ paymentStatus: "refunded" });
  });

  it("counts the window from the original order's delivery, not the exchange's", async () => {
    const order = await ringOrder();
    // The original arrived 25 days ago (the policy's window is 30 days).
    await db
      .update(schema.shipments)
      .set({ deliveredAt: new Date(Date.now() - 25 * DAY) })
      .where(eq(schema.shipments.orderId, order.id));
    const started = await start(order.number, [{ orderLineId: order.ringLine, exchangeVariantId: ring.brass }], { resolution: "exchange" });
    if (!started.ok) throw new Error(started.message);
    await received(started.returnNumber);
    const ret = await returnRow(started.returnNumber);
    const exchange = await orderById(ret.exchangeOrderId!);
    const [line] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, exchange.id));

    // Not yet delivered: nothing to return yet.
    expect((await returnableOrder(exchange.number))!.lines[0].window).toMatchObject({ open: false });
    await deliveredExchange(started.returnNumber, 1);
    const today = (await returnableOrder(exchange.number))!.lines[0].window;
    expect(today.open).toBe(true);
    expect(today.closesAt!.getTime()).toBeLessThan(Date.now() + 6 * DAY);

    // Six days on the original's window has closed, though the exchange arrived only a week before.
    const later = new Date(Date.now() + 6 * DAY);
    const closed = (await returnableOrder(exchange.number, later))!.lines[0].window;
    expect(closed).toMatchObject({ open: false });
    if (closed.open) throw new Error("open");
    expect(closed.message).toContain(`counted from when order ${order.number} was delivered`);
    const refused = await start(exchange.number, [{ orderLineId: line.id }], { now: later });
    expect(refused).toMatchObject({ ok: false, status: 422 });
    expect(await db.select().from(schema.returns).where(eq(schema.returns.orderId, exchange.id))).toEqual([]);
  });

  it("keeps a made-to-order piece's rule through its exchange: exchange only, and it can be exchanged again", async () => {
    const order = await ringOrder();
    // The brass ring was made for this order.
    await db.insert(schema.allocations).values({ orderLineId: order.ringLine, kind: "production", quantity: 1 });
    const refusedRefund = await start(order.number, [{ orderLineId: order.ringLine }]);
    expect(refusedRefund).toMatchObject({ ok: false, status: 422 });
    const { exchange, line } = await exchanged(order);
    const window = (await returnableOrder(exchange.number))!.lines[0].window;
    expect(window).toMatchObject({ open: true, resolutions: ["exchange"] });
    // A refund of the new piece is refused as the original's was; nothing is written.
    expect(await start(exchange.number, [{ orderLineId: line.id }])).toMatchObject({ ok: false, status: 422 });
    // Exchanged again: its own exchange's order is worth the same, and still exchange only.
    const again = await start(exchange.number, [{ orderLineId: line.id, exchangeVariantId: ring.brass }], { resolution: "exchange" });
    if (!again.ok) throw new Error(again.message);
    await received(again.returnNumber);
    const { exchange: second } = await deliveredExchange(again.returnNumber);
    expect(second).toMatchObject({ total: 4882, taxTotal: 382 });
    expect((await returnableOrder(second.number))!.lines[0].window).toMatchObject({ open: true, resolutions: ["exchange"] });
    expect(await refundsOn([order.id, exchange.id, second.id])).toEqual([]);
  });
});
