/**
 * Returns and exchanges on the real database with the local payment provider: each step's state
 * move, the amounts after discounts and tax, restock, rework and faults, the ledger, the exchange's
 * reservation, the window, idempotency, and parallel bursts that must never refund more than was paid.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createLocation, createProduct, setStock } from "#db/seed/factories";
import { artisanBalance } from "~/domain/ledger/index.server";
import { commitOrder, refundOrder } from "~/domain/orders/index.server";
import {
  cancelReturn,
  inspectReturn,
  receiveReturn,
  returnDetail,
  returnQueue,
  returnsForOrder,
  returnsMoney,
  saveReturnPolicy,
  startReturn,
  reasonsReport,
  returnableOrder,
} from "~/domain/returns/index.server";
import { statusUrl } from "~/domain/orders/index.server";
import { returnFormAction, returnFormPage } from "~/features/storefront/returns/return.server";
import { payAction } from "~/features/storefront/returns/pay.server";
import { DEFAULT_RETURN_POLICY } from "~/domain/returns";
import { GIFT_CARD_PAYMENT_PROVIDER, giftCardPaymentRef } from "~/domain/giftcards";
import { issueStoreCredit, redeemGiftCard } from "~/domain/giftcards/index.server";
import { db, schema } from "~/lib/db.server";
import { zonedIsoDate } from "~/lib/time";

let hoops: { a: number; b: number };
/** A ring in three finishes: brass $50 (two sizes), silver $65, horn $30. */
let ring: { brass7: number; brass8: number; silver7: number; horn7: number };
let cuff: number;
let necklace: number;
let hubId: number;
let fcId: number;
let artisanId: number;

const DAY = 86_400_000;
/** The money report's period: today on the factory's clock. */
const TODAY = { from: zonedIsoDate(new Date()), to: zonedIsoDate(new Date()) };

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  const hub = await createLocation(db, {
    code: "NBO-HUB",
    kind: "hub",
    shipDays: 7,
    address: ["Soko Nairobi Hub", "Baba Dogo Road, Ruaraka", "Nairobi 00618", "Kenya"],
    phone: "+254 20 000 0000",
  });
  fcId = fc.id;
  hubId = hub.id;
  const h = await createProduct(db, {
    handle: "brass-hoops",
    status: "active",
    variants: [
      { price: 4800, title: "Small" },
      { price: 4800, title: "Large" },
    ],
  });
  hoops = { a: h.variants[0].id, b: h.variants[1].id };
  const c = await createProduct(db, { handle: "horn-cuff", status: "active", variants: [{ price: 3200 }] });
  cuff = c.variants[0].id;
  const n = await createProduct(db, { handle: "bead-necklace", status: "active", variants: [{ price: 6000 }] });
  necklace = n.variants[0].id;
  const r = await createProduct(db, {
    handle: "stacking-ring",
    status: "active",
    variants: [
      { price: 5000, title: "Size 7 · Brass" },
      { price: 5000, title: "Size 8 · Brass" },
      { price: 6500, title: "Size 7 · Silver" },
      { price: 3000, title: "Size 7 · Horn" },
    ],
  });
  ring = { brass7: r.variants[0].id, brass8: r.variants[1].id, silver7: r.variants[2].id, horn7: r.variants[3].id };
  for (const v of [hoops.a, hoops.b, cuff, ...Object.values(ring)]) await setStock(db, v, fc.id, 50);
  const { artisan } = await createArtisan(db, { firstName: "Achieng" });
  artisanId = artisan.id;
});

/** A delivered web order of hoops + cuff, 10% off ($8) and 8.5% tax ($6.12), paid by the local provider. */
async function deliveredOrder(
  options: { deliveredDaysAgo?: number; lines?: Array<{ variantId: number; quantity: number; unitPrice: number }> } = {},
) {
  const lines = options.lines ?? [
    { variantId: hoops.a, quantity: 1, unitPrice: 4800 },
    { variantId: cuff, quantity: 1, unitPrice: 3200 },
  ];
  const subtotal = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const discountTotal = Math.round(subtotal / 10);
  const taxTotal = Math.round(((subtotal - discountTotal) * 850) / 10_000);
  const total = subtotal - discountTotal + 900 + taxTotal;
  const order = await db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "amina@example.test",
      shippingAddress: {
        name: "Amina Otieno",
        line1: "1 Market St",
        city: "San Francisco",
        region: "CA",
        postalCode: "94105",
        country: "US",
      },
      currency: "USD",
      lines,
      totals: { subtotal, discountTotal, shippingTotal: 900, taxTotal, total },
      idempotencyKey: randomUUID(),
      stockLocationCodes: ["US-FC"],
      payment: { provider: "local", providerRef: `lpi_${randomUUID().replace(/-/g, "").slice(0, 24)}`, amount: total, currency: "USD" },
      paymentStatus: "paid",
      actor: "test",
    }),
  );
  const at = new Date(Date.now() - (options.deliveredDaysAgo ?? 3) * DAY);
  await db.update(schema.orders).set({ status: "delivered" }).where(eq(schema.orders.id, order.id));
  await db.insert(schema.shipments).values({ orderId: order.id, carrier: "DHL", trackingNumber: "JD1", shippedAt: at, deliveredAt: at });
  const orderLines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
  const lineOf = (variantId: number) => orderLines.find((l) => l.variantId === variantId)!.id;
  return { ...order, total, lineOf };
}

const start = (
  number: string,
  lines: Array<{ orderLineId: number; quantity: number; exchangeVariantId?: number | null }>,
  extra: Partial<Parameters<typeof startReturn>[0]> = {},
) =>
  startReturn({
    number,
    lines: lines.map((l) => ({ exchangeVariantId: null, ...l })),
    reason: "size",
    note: "",
    resolution: "refund",
    refundMethod: "original",
    key: randomUUID(),
    actor: "guest",
    ...extra,
  });

async function returnRow(number: string) {
  const [row] = await db.select().from(schema.returns).where(eq(schema.returns.number, number));
  return row;
}

async function refundedOn(orderId: number) {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${schema.refunds.amount}), 0)::int` })
    .from(schema.refunds)
    .where(and(eq(schema.refunds.orderId, orderId), sql`${schema.refunds.status} <> 'failed'`));
  return row.n;
}

const hubStock = async (variantId: number) => {
  const [row] = await db
    .select({ onHand: schema.inventoryLevels.onHand })
    .from(schema.inventoryLevels)
    .where(and(eq(schema.inventoryLevels.variantId, variantId), eq(schema.inventoryLevels.locationId, hubId)));
  return row?.onHand ?? 0;
};

describe("a refund after QC (the default policy)", () => {
  it("starts, is received, checked, restocked and refunded its share of discount and tax, step by step", async () => {
    const order = await deliveredOrder();
    const started = await start(order.number, [{ orderLineId: order.lineOf(hoops.a), quantity: 1 }]);
    expect(started).toMatchObject({ ok: true });
    if (!started.ok) return;
    const number = started.returnNumber;
    // $48 less its $4.80 of the discount, plus its $3.67 of the tax; shipping stays.
    expect(await returnRow(number)).toMatchObject({ status: "requested", amount: 4687, refundState: "owed", channel: "web" });
    const [startedMail] = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `return:${number}:started`));
    expect(startedMail.subject).toBe(`How to send back return ${number} (order ${order.number})`);
    expect(startedMail.text).toContain("Baba Dogo Road, Ruaraka");
    expect(startedMail.text).toContain(number);

    const received = await receiveReturn({ number, actor: "staff:1" });
    expect(received).toMatchObject({ ok: true, settled: null });
    expect(await returnRow(number)).toMatchObject({ status: "received", refundState: "owed" });
    expect(await refundedOn(order.id)).toBe(0);
    expect(await receiveReturn({ number, actor: "staff:1" })).toMatchObject({ ok: true, duplicate: true });

    const before = await hubStock(hoops.a);
    const [line] = await db
      .select()
      .from(schema.returnLines)
      .where(eq(schema.returnLines.returnId, (await returnRow(number)).id));
    const inspected = await inspectReturn({
      number,
      actor: "staff:1",
      lines: [{ returnLineId: line.id, disposition: "restock", fault: null }],
    });
    expect(inspected).toMatchObject({ ok: true, settled: "Refunded $46.87 to the original payment." });
    expect(await returnRow(number)).toMatchObject({ status: "closed", refundState: "issued", amount: 4687 });
    expect(await hubStock(hoops.a)).toBe(before + 1);
    const [movement] = await db.select().from(schema.inventoryMovements).where(eq(schema.inventoryMovements.reference, number));
    expect(movement).toMatchObject({ onHandDelta: 1, reason: "returned (restocked)", locationId: hubId });

    const [refund] = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
    expect(refund).toMatchObject({ amount: 4687, status: "succeeded" });
    const [orderRow] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(orderRow.paymentStatus).toBe("partially_refunded");

    // The ledger: sales returns debited, refunds paid credited, once.
    const money = await returnsMoney(TODAY);
    expect(money.latest.find((e) => e.reference === `return-refund:${number}`)).toMatchObject({
      kind: "refund_payment",
      booked: 4687,
      bookedCurrency: "USD",
      shopperAmount: 4687,
      shopperCurrency: "USD",
    });
    const [entry] = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.reference, `return-refund:${number}`));
    const lines = await db.select().from(schema.ledgerLines).where(eq(schema.ledgerLines.entryId, entry.id));
    expect(lines.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-4687, 4687]);

    // Each step is an event (the live page reloads on them) and an email.
    const events = await db
      .select({ type: schema.orderEvents.type })
      .from(schema.orderEvents)
      .where(eq(schema.orderEvents.orderId, order.id));
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["return_requested", "return_received", "return_refunded", "return_inspected"]),
    );
    const mails = await db
      .select({ key: schema.outbox.dedupeKey })
      .from(schema.outbox)
      .where(sql`${schema.outbox.dedupeKey} like ${`return:${number}:%`}`);
    expect(mails.map((m) => m.key).sort()).toEqual(
      ["started", "received", "inspected", "refunded"].map((s) => `return:${number}:${s}`).sort(),
    );

    // The shopper's page shows every step done.
    const [view] = await returnsForOrder(order.id);
    expect(view.steps.map((s) => [s.key, s.done])).toEqual([
      ["requested", true],
      ["received", true],
      ["inspected", true],
      ["refunded", true],
    ]);
    // Checking twice is refused, and changes nothing.
    expect(
      await inspectReturn({ number, actor: "staff:1", lines: [{ returnLineId: line.id, disposition: "restock", fault: null }] }),
    ).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await hubStock(hoops.a)).toBe(before + 1);
  });

  it("refuses pieces outside the window, undelivered orders, and more than was bought", async () => {
    const late = await deliveredOrder({ deliveredDaysAgo: 31 });
    expect(await start(late.number, [{ orderLineId: late.lineOf(cuff), quantity: 1 }])).toMatchObject({ ok: false, status: 422 });
    const order = await deliveredOrder();
    expect(await start(order.number, [{ orderLineId: order.lineOf(cuff), quantity: 2 }])).toMatchObject({
      ok: false,
      message: expect.stringContaining("at most 1"),
    });
    expect(await start(order.number, [{ orderLineId: 999_999, quantity: 1 }])).toMatchObject({ ok: false, status: 422 });
    await db.update(schema.shipments).set({ deliveredAt: null }).where(eq(schema.shipments.orderId, order.id));
    expect(await start(order.number, [{ orderLineId: order.lineOf(cuff), quantity: 1 }])).toMatchObject({
      ok: false,
      message: expect.stringContaining("once they have been delivered"),
    });
    expect(await db.select().from(schema.returns).where(eq(schema.returns.orderId, order.id))).toHaveLength(0);
  });

  it("cancels before the parcel arrives, which frees the piece to return again", async () => {
    const order = await deliveredOrder();
    const first = await start(order.number, [{ orderLineId: order.lineOf(cuff), quantity: 1 }]);
    if (!first.ok) throw new Error(first.message);
    expect(await cancelReturn({ number: first.returnNumber, actor: "guest", orderNumber: order.number })).toMatchObject({ ok: true });
    expect(await returnRow(first.returnNumber)).toMatchObject({ status: "cancelled" });
    expect(await receiveReturn({ number: first.returnNumber, actor: "staff:1" })).toMatchObject({ ok: false, status: 409 });
    expect(await start(order.number, [{ orderLineId: order.lineOf(cuff), quantity: 1 }])).toMatchObject({ ok: true });
  });

  it("asks the shopper before cancelling from the order page: sent without the confirmation, the return stays as it was", async () => {
    const order = await deliveredOrder();
    const started = await start(order.number, [{ orderLineId: order.lineOf(hoops.a), quantity: 1 }]);
    if (!started.ok) throw new Error(started.message);
    const url = new URL(statusUrl(order.number));
    url.pathname += "/return";
    const cancel = (fields: Record<string, string>) =>
      returnFormAction(
        new Request(url, { method: "POST", body: new URLSearchParams({ intent: "cancel", return: started.returnNumber, ...fields }) }),
        order.number,
      );
    const unconfirmed = (await cancel({})) as unknown as { data: { error: string }; init: { status: number } };
    expect([unconfirmed.init.status, unconfirmed.data.error]).toEqual([
      422,
      `Confirm that return ${started.returnNumber} should be cancelled: nothing was changed.`,
    ]);
    expect(await returnRow(started.returnNumber)).toMatchObject({ status: "requested" });
    const confirmed = (await cancel({ confirm: "yes" })) as Response;
    expect(confirmed.status).toBe(302);
    expect(await returnRow(started.returnNumber)).toMatchObject({ status: "cancelled" });
  });
});

describe("policy, exchange and faults", () => {
  it("refunds on receipt when operations set it so", async () => {
    await saveReturnPolicy({ ...DEFAULT_RETURN_POLICY, refundOn: "receipt" }, "staff:1");
    try {
      const order = await deliveredOrder();
      const started = await start(order.number, [{ orderLineId: order.lineOf(cuff), quantity: 1 }]);
      if (!started.ok) throw new Error(started.message);
      const received = await receiveReturn({ number: started.returnNumber, actor: "staff:1" });
      // $32 less $3.20, plus $2.45 tax.
      expect(received).toMatchObject({ ok: true, settled: "Refunded $31.25 to the original payment." });
      expect(await returnRow(started.returnNumber)).toMatchObject({ status: "received", refundState: "issued" });
      expect(await refundedOn(order.id)).toBe(3125);
      const [line] = await db
        .select()
        .from(schema.returnLines)
        .where(eq(schema.returnLines.returnId, (await returnRow(started.returnNumber)).id));
      await inspectReturn({
        number: started.returnNumber,
        actor: "staff:1",
        lines: [{ returnLineId: line.id, disposition: "write_off", fault: null }],
      });
      expect(await returnRow(started.returnNumber)).toMatchObject({ status: "closed" });
      expect(await refundedOn(order.id)).toBe(3125);
    } finally {
      await saveReturnPolicy(DEFAULT_RETURN_POLICY, "staff:1");
    }
  });

  it("refunds as store credit on a gift card when the shopper chose it, counted against what was paid", async () => {
    const order = await deliveredOrder();
    const started = await start(order.number, [{ orderLineId: order.lineOf(cuff), quantity: 1 }], { refundMethod: "store_credit" });
    if (!started.ok) throw new Error(started.message);
    await receiveReturn({ number: started.returnNumber, actor: "staff:1" });
    const [line] = await db
      .select()
      .from(schema.returnLines)
      .where(eq(schema.returnLines.returnId, (await returnRow(started.returnNumber)).id));
    const done = await inspectReturn({
      number: started.returnNumber,
      actor: "staff:1",
      lines: [{ returnLineId: line.id, disposition: "restock", fault: null }],
    });
    expect(done).toMatchObject({
      ok: true,
      settled: expect.stringMatching(/^Refunded \$31\.25 as store credit on a gift card ending \w{4}\.$/),
    });
    const [card] = await db.select().from(schema.giftCards).where(eq(schema.giftCards.orderId, order.id));
    expect(card).toMatchObject({ kind: "store_credit", initialAmount: 3125, currency: "USD", recipientEmail: "amina@example.test" });
    expect(await refundedOn(order.id)).toBe(3125);
    expect(await returnRow(started.returnNumber)).toMatchObject({ status: "closed", refundState: "issued" });
    const money = await returnsMoney(TODAY);
    expect(money.latest.find((e) => e.returnNumber === started.returnNumber)).toMatchObject({
      kind: "refund_gift_card",
      booked: 3125,
      bookedCurrency: "USD",
    });
  });

  it("refunds an order a gift card paid for onto that card, with no card refund booked beside it", async () => {
    const order = await deliveredOrder();
    const credit = await db.transaction((tx) =>
      issueStoreCredit(tx, { amount: 20_000, currency: "USD", email: "amina@example.test", reason: "Paid for the order", actor: "test" }),
    );
    // As a gift card checkout leaves it: the card paid the whole order.
    await db.transaction((tx) =>
      redeemGiftCard(tx, {
        giftCardId: credit.giftCardId,
        amount: order.total,
        currency: "USD",
        orderId: order.id,
        reference: `test-pay:${order.number}`,
        actor: "test",
      }),
    );
    await db
      .update(schema.payments)
      .set({ provider: GIFT_CARD_PAYMENT_PROVIDER, providerRef: giftCardPaymentRef(credit.giftCardId, order.id) })
      .where(eq(schema.payments.orderId, order.id));
    const balance = async () =>
      (await db.select({ b: schema.giftCards.balance }).from(schema.giftCards).where(eq(schema.giftCards.id, credit.giftCardId)))[0].b;
    expect(await balance()).toBe(20_000 - order.total);

    const started = await start(order.number, [{ orderLineId: order.lineOf(cuff), quantity: 1 }]);
    if (!started.ok) throw new Error(started.message);
    await receiveReturn({ number: started.returnNumber, actor: "staff:1" });
    const [line] = await db
      .select()
      .from(schema.returnLines)
      .where(eq(schema.returnLines.returnId, (await returnRow(started.returnNumber)).id));
    const done = await inspectReturn({
      number: started.returnNumber,
      actor: "staff:1",
      lines: [{ returnLineId: line.id, disposition: "restock", fault: null }],
    });
    expect(done).toMatchObject({ ok: true, settled: "Refunded $31.25 to the gift card that paid for the order." });
    expect(await balance()).toBe(20_000 - order.total + 3125);
    expect(await refundedOn(order.id)).toBe(3125);
    expect(await returnRow(started.returnNumber)).toMatchObject({ status: "closed", refundState: "issued" });
    // The card's own ledger took the money back; no refund to a card was booked as well.
    const booked = await db
      .select({ id: schema.ledgerEntries.id })
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.reference, `return-refund:${started.returnNumber}`));
    expect(booked).toEqual([]);
  });

  it("places an exchange as a new order that reserves stock at once, and refunds nothing", async () => {
    const order = await deliveredOrder();
    const [before] = await db
      .select({ reserved: schema.inventoryLevels.reserved })
      .from(schema.inventoryLevels)
      .where(and(eq(schema.inventoryLevels.variantId, hoops.b), eq(schema.inventoryLevels.locationId, fcId)));
    const started = await start(order.number, [{ orderLineId: order.lineOf(hoops.a), quantity: 1, exchangeVariantId: hoops.b }], {
      resolution: "exchange",
    });
    if (!started.ok) throw new Error(started.message);
    expect(await returnRow(started.returnNumber)).toMatchObject({ amount: 0, refundState: "none" });
    await receiveReturn({ number: started.returnNumber, actor: "staff:1" });
    const [line] = await db
      .select()
      .from(schema.returnLines)
      .where(eq(schema.returnLines.returnId, (await returnRow(started.returnNumber)).id));
    const done = await inspectReturn({
      number: started.returnNumber,
      actor: "staff:1",
      lines: [{ returnLineId: line.id, disposition: "restock", fault: null }],
    });
    expect(done).toMatchObject({ ok: true, settled: expect.stringMatching(/^Exchange placed as order SK-\d+\.$/) });
    const ret = await returnRow(started.returnNumber);
    expect(ret.status).toBe("closed");
    const [exchange] = await db.select().from(schema.orders).where(eq(schema.orders.id, ret.exchangeOrderId!));
    // Worth what the hoop sent back was ($48.00 less its $4.80 of the discount, plus its $3.67 of tax),
    // paid for on the original order: nothing was charged for it, and its return refunds that.
    expect(exchange).toMatchObject({ total: 4687, taxTotal: 367, paymentStatus: "paid", channel: "web", email: "amina@example.test" });
    expect(await db.select().from(schema.payments).where(eq(schema.payments.orderId, exchange.id))).toEqual([]);
    const [exchangeLine] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, exchange.id));
    expect(exchangeLine).toMatchObject({ variantId: hoops.b, quantity: 1, unitPrice: 4800, discount: 480, total: 4320 });
    const [allocation] = await db.select().from(schema.allocations).where(eq(schema.allocations.orderLineId, exchangeLine.id));
    expect(allocation).toMatchObject({ kind: "stock", locationId: fcId, quantity: 1 });
    const [after] = await db
      .select({ reserved: schema.inventoryLevels.reserved })
      .from(schema.inventoryLevels)
      .where(and(eq(schema.inventoryLevels.variantId, hoops.b), eq(schema.inventoryLevels.locationId, fcId)));
    expect(after.reserved).toBe(before.reserved + 1);
    expect(await refundedOn(order.id)).toBe(0);
    const detail = await returnDetail(started.returnNumber);
    expect(detail?.steps.at(-1)).toMatchObject({ key: "exchanged", done: true, label: `Exchange placed as order ${exchange.number}` });
  });

  it("exchanges a made-to-order piece by starting production; a maker's fault goes on her QC record, not her pay", async () => {
    const order = await deliveredOrder({ lines: [{ variantId: necklace, quantity: 1, unitPrice: 6000 }] });
    // It was made by Achieng and passed QC (she was credited then).
    const [request] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    await db.update(schema.productionRequests).set({ status: "qc_passed", artisanId }).where(eq(schema.productionRequests.id, request.id));
    const balance = await artisanBalance(artisanId);

    // Made to order: exchange only (the default policy).
    expect(await start(order.number, [{ orderLineId: order.lineOf(necklace), quantity: 1 }])).toMatchObject({ ok: false, status: 422 });
    const started = await start(order.number, [{ orderLineId: order.lineOf(necklace), quantity: 1 }], {
      resolution: "exchange",
      reason: "faulty",
    });
    if (!started.ok) throw new Error(started.message);
    await receiveReturn({ number: started.returnNumber, actor: "staff:1" });
    const [line] = await db
      .select()
      .from(schema.returnLines)
      .where(eq(schema.returnLines.returnId, (await returnRow(started.returnNumber)).id));
    const done = await inspectReturn({
      number: started.returnNumber,
      actor: "staff:1",
      lines: [{ returnLineId: line.id, disposition: "rework", fault: "Clasp snapped" }],
    });
    expect(done).toMatchObject({ ok: true });

    const [record] = await db.select().from(schema.qcInspections).where(eq(schema.qcInspections.requestId, request.id));
    expect(record).toMatchObject({
      outcome: "returned_fault",
      unitsPassed: 0,
      unitsFailed: 1,
      defectReason: `Returned in ${started.returnNumber}: Clasp snapped`,
    });
    expect(await artisanBalance(artisanId)).toEqual(balance);

    const [saved] = await db.select().from(schema.returnLines).where(eq(schema.returnLines.id, line.id));
    expect(saved).toMatchObject({ disposition: "rework", madeByRequestId: request.id });
    const [rework] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.id, saved.reworkRequestId!));
    expect(rework).toMatchObject({ orderId: null, variantId: necklace, quantity: 1, status: "unassigned" });

    // The exchange (no stock of the necklace) goes into production at once.
    const ret = await returnRow(started.returnNumber);
    const [made] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, ret.exchangeOrderId!));
    expect(made).toMatchObject({ variantId: necklace, quantity: 1, status: "unassigned" });

    const report = await reasonsReport(TODAY);
    expect(report.find((r) => r.reason === "faulty")).toMatchObject({ returns: 1, pieces: 1, faulty: 1 });
  });
});

describe("exchanges for another size or finish", () => {
  // Ring (brass, $50) + cuff ($32): $8.20 off, $6.27 tax. The ring carries $5.00 of the discount and
  // $3.82 of the tax: it is worth $48.82. Horn ($30) on the same terms is worth 48.82 × 30/50 = $29.29.
  const ringOrder = () =>
    deliveredOrder({
      lines: [
        { variantId: ring.brass7, quantity: 1, unitPrice: 5000 },
        { variantId: cuff, quantity: 1, unitPrice: 3200 },
      ],
    });
  const lineOfReturn = async (number: string) =>
    db
      .select()
      .from(schema.returnLines)
      .where(eq(schema.returnLines.returnId, (await returnRow(number)).id));

  it("offers every size and finish, refunds a cheaper one's difference after QC on the same discount and tax, and places the exchange", async () => {
    const order = await ringOrder();
    const view = await returnableOrder(order.number);
    const options = view!.lines.find((l) => l.variantId === ring.brass7)!.exchangeOptions;
    expect(options.map((o) => [o.variantId, o.perUnit, o.costsMore, o.duePerUnit])).toEqual([
      [ring.brass7, 0, false, 0],
      [ring.brass8, 0, false, 0],
      // Silver ($65) on the same terms is worth 48.82 × 65/50 = $63.47: $14.65 to pay.
      [ring.silver7, 0, true, 1465],
      [ring.horn7, 1953, false, 0],
    ]);

    const started = await start(order.number, [{ orderLineId: order.lineOf(ring.brass7), quantity: 1, exchangeVariantId: ring.horn7 }], {
      resolution: "exchange",
    });
    if (!started.ok) throw new Error(started.message);
    const number = started.returnNumber;
    expect(await returnRow(number)).toMatchObject({ resolution: "exchange", amount: 1953, refundState: "owed" });
    const [startedMail] = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `return:${number}:started`));
    expect(startedMail.text).toContain("refund the difference of $19.53");

    expect(await receiveReturn({ number, actor: "staff:1" })).toMatchObject({ ok: true, settled: null });
    expect(await refundedOn(order.id)).toBe(0);
    const [line] = await lineOfReturn(number);
    const done = await inspectReturn({ number, actor: "staff:1", lines: [{ returnLineId: line.id, disposition: "restock", fault: null }] });
    expect(done).toMatchObject({
      ok: true,
      settled: expect.stringMatching(/^Exchange placed as order SK-\d+\. Refunded \$19\.53 to the original payment\.$/),
    });
    const ret = await returnRow(number);
    expect(ret).toMatchObject({ status: "closed", refundState: "issued", amount: 1953 });
    expect(await refundedOn(order.id)).toBe(1953);
    const [entry] = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.reference, `return-refund:${number}`));
    const booked = await db.select().from(schema.ledgerLines).where(eq(schema.ledgerLines.entryId, entry.id));
    expect(booked.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-1953, 1953]);
    const [exchangeLine] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, ret.exchangeOrderId!));
    // The horn ring is worth what was paid for it: $48.82 less the $19.53 given back ($27.00 of goods, $2.29 of tax).
    expect(exchangeLine).toMatchObject({ variantId: ring.horn7, quantity: 1, unitPrice: 3000, discount: 300, total: 2700 });
    expect((await db.select().from(schema.orders).where(eq(schema.orders.id, ret.exchangeOrderId!)))[0]).toMatchObject({
      total: 2929,
      taxTotal: 229,
    });
    const [allocation] = await db.select().from(schema.allocations).where(eq(schema.allocations.orderLineId, exchangeLine.id));
    expect(allocation).toMatchObject({ kind: "stock", locationId: fcId, quantity: 1 });
    const detail = await returnDetail(number);
    expect(detail?.steps.slice(-2)).toMatchObject([
      { key: "exchanged", done: true },
      { key: "refunded", label: "Difference refunded", done: true },
    ]);
  });

  it("holds a finish that costs more until the difference is paid (tests/integration/returns-dearer.test.ts follows it)", async () => {
    const order = await ringOrder();
    const dearer = await start(order.number, [{ orderLineId: order.lineOf(ring.brass7), quantity: 1, exchangeVariantId: ring.silver7 }], {
      resolution: "exchange",
    });
    if (!dearer.ok) throw new Error(dearer.message);
    expect(dearer.message).toContain("Pay the difference of $14.65");
    expect(await returnRow(dearer.returnNumber)).toMatchObject({ status: "awaiting_payment", amount: 0, due: 1465, dueState: "awaiting" });
    expect(await receiveReturn({ number: dearer.returnNumber, actor: "staff:1" })).toMatchObject({ ok: false, status: 409 });
    await cancelReturn({ number: dearer.returnNumber, actor: "guest" });
    // Another size at the same price brings nothing back.
    const same = await start(order.number, [{ orderLineId: order.lineOf(ring.brass7), quantity: 1, exchangeVariantId: ring.brass8 }], {
      resolution: "exchange",
    });
    if (!same.ok) throw new Error(same.message);
    expect(await returnRow(same.returnNumber)).toMatchObject({ amount: 0, refundState: "none" });
  });

  it("asks before cancelling from the pay-the-difference page: sent without the confirmation, the exchange still waits", async () => {
    const order = await ringOrder();
    const dearer = await start(order.number, [{ orderLineId: order.lineOf(ring.brass7), quantity: 1, exchangeVariantId: ring.silver7 }], {
      resolution: "exchange",
    });
    if (!dearer.ok) throw new Error(dearer.message);
    const url = new URL(statusUrl(order.number));
    url.pathname += `/returns/${dearer.returnNumber}/pay`;
    const cancel = (fields: Record<string, string>) =>
      payAction(
        new Request(url, { method: "POST", body: new URLSearchParams({ intent: "cancel", ...fields }) }),
        order.number,
        dearer.returnNumber,
      );
    const unconfirmed = (await cancel({})) as unknown as { data: { error: string; field: string }; init: { status: number } };
    expect([unconfirmed.init.status, unconfirmed.data.field]).toEqual([422, "confirm"]);
    expect(await returnRow(dearer.returnNumber)).toMatchObject({ status: "awaiting_payment" });
    expect(((await cancel({ confirm: "yes" })) as Response).status).toBe(303);
    expect(await returnRow(dearer.returnNumber)).toMatchObject({ status: "cancelled" });
  });

  it("gives the difference as store credit on receipt when the shopper and the policy say so", async () => {
    await saveReturnPolicy({ ...DEFAULT_RETURN_POLICY, refundOn: "receipt" }, "staff:1");
    try {
      const order = await ringOrder();
      const started = await start(order.number, [{ orderLineId: order.lineOf(ring.brass7), quantity: 1, exchangeVariantId: ring.horn7 }], {
        resolution: "exchange",
        refundMethod: "store_credit",
      });
      if (!started.ok) throw new Error(started.message);
      const received = await receiveReturn({ number: started.returnNumber, actor: "staff:1" });
      expect(received).toMatchObject({ ok: true, settled: expect.stringContaining("Refunded $19.53 as store credit") });
      const [refund] = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
      expect(refund).toMatchObject({ amount: 1953, status: "succeeded", providerRef: expect.stringMatching(/^gift_card:\d+$/) });
      expect((await returnRow(started.returnNumber)).exchangeOrderId).not.toBeNull();
    } finally {
      await saveReturnPolicy(DEFAULT_RETURN_POLICY, "staff:1");
    }
  });

  it("makes one exchange, one order and one refund of a double submit and of racing QC clicks", async () => {
    const order = await ringOrder();
    const key = randomUUID();
    const wanted = [{ orderLineId: order.lineOf(ring.brass7), quantity: 1, exchangeVariantId: ring.horn7 }];
    const submits = await Promise.all([
      start(order.number, wanted, { resolution: "exchange", key }),
      start(order.number, wanted, { resolution: "exchange", key }),
      start(order.number, wanted, { resolution: "exchange" }),
      start(order.number, wanted, { resolution: "exchange" }),
    ]);
    const made = new Set(submits.flatMap((r) => (r.ok ? [r.returnNumber] : [])));
    expect(made.size).toBe(1);
    const [number] = made;
    await receiveReturn({ number, actor: "staff:1" });
    const [line] = await lineOfReturn(number);
    const decisions = [{ returnLineId: line.id, disposition: "restock" as const, fault: null }];
    const clicks = await Promise.all(Array.from({ length: 4 }, () => inspectReturn({ number, actor: "staff:1", lines: decisions })));
    expect(clicks.filter((r) => r.ok)).toHaveLength(1);
    expect(clicks.filter((r) => !r.ok).every((r) => !r.ok && r.status === 409)).toBe(true);
    const exchanges = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.idempotencyKey, `exchange:${number}`));
    expect(exchanges).toHaveLength(1);
    expect(await refundedOn(order.id)).toBe(1953);
  });
});

describe("one return address: the hub's location record", () => {
  it("changing the hub's address changes the return page and the first email; without one no return starts", async () => {
    const order = await deliveredOrder();
    await db
      .update(schema.locations)
      .set({ address: ["Soko Returns Desk", "Mombasa Road 12", "Nairobi 00501", "Kenya"], phone: null })
      .where(eq(schema.locations.id, hubId));
    try {
      const url = new URL(statusUrl(order.number));
      url.pathname += "/return";
      const page = await returnFormPage(new Request(url), order.number);
      expect(page.address).toEqual(["Soko Returns Desk", "Mombasa Road 12", "Nairobi 00501", "Kenya"]);
      const started = await start(order.number, [{ orderLineId: order.lineOf(cuff), quantity: 1 }]);
      if (!started.ok) throw new Error(started.message);
      const [mail] = await db
        .select()
        .from(schema.outbox)
        .where(eq(schema.outbox.dedupeKey, `return:${started.returnNumber}:started`));
      expect(mail.text).toContain("Mombasa Road 12");
      expect(mail.text).not.toContain("Baba Dogo");

      // Without an address, no return starts (nothing written), and the page says why.
      await db.update(schema.locations).set({ address: [] }).where(eq(schema.locations.id, hubId));
      expect((await returnFormPage(new Request(url), order.number)).address).toBeNull();
      const refused = await start(order.number, [{ orderLineId: order.lineOf(hoops.a), quantity: 1 }]);
      expect(refused).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("hub's address") });
      expect(await db.select().from(schema.returns).where(eq(schema.returns.orderId, order.id))).toHaveLength(1);
    } finally {
      await db
        .update(schema.locations)
        .set({ address: ["Soko Nairobi Hub", "Baba Dogo Road, Ruaraka", "Nairobi 00618", "Kenya"], phone: "+254 20 000 0000" })
        .where(eq(schema.locations.id, hubId));
    }
  });
});

describe("double submits and parallel bursts", () => {
  it("makes one return of a form submitted twice, and one of a burst for the same piece", async () => {
    const order = await deliveredOrder();
    const key = randomUUID();
    const line = [{ orderLineId: order.lineOf(cuff), quantity: 1 }];
    const twice = await Promise.all([start(order.number, line, { key }), start(order.number, line, { key })]);
    expect(twice.every((r) => r.ok)).toBe(true);
    expect(twice.filter((r) => r.ok && r.duplicate)).toHaveLength(1);
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => start(order.number, [{ orderLineId: order.lineOf(hoops.a), quantity: 1 }])),
    );
    expect(burst.filter((r) => r.ok)).toHaveLength(1);
    expect(burst.filter((r) => !r.ok).every((r) => !r.ok && r.status === 422)).toBe(true);
    expect(await db.select().from(schema.returns).where(eq(schema.returns.orderId, order.id))).toHaveLength(2);
  });

  it("never refunds more than was paid, with a return's QC and the console's refunds racing", async () => {
    const order = await deliveredOrder();
    const started = await start(order.number, [
      { orderLineId: order.lineOf(hoops.a), quantity: 1 },
      { orderLineId: order.lineOf(cuff), quantity: 1 },
    ]);
    if (!started.ok) throw new Error(started.message);
    await receiveReturn({ number: started.returnNumber, actor: "staff:1" });
    const lines = await db
      .select()
      .from(schema.returnLines)
      .where(eq(schema.returnLines.returnId, (await returnRow(started.returnNumber)).id));
    const decisions = lines.map((l) => ({ returnLineId: l.id, disposition: "restock" as const, fault: null }));
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => inspectReturn({ number: started.returnNumber, actor: "staff:1", lines: decisions })),
      ...Array.from({ length: 4 }, () =>
        refundOrder({ number: order.number, amount: 3000, reason: "Goodwill", formKey: randomUUID(), actor: "staff:2" }),
      ),
    ]);
    expect(results.slice(0, 4).filter((r) => r.ok)).toHaveLength(1);
    const refunded = await refundedOn(order.id);
    expect(refunded).toBeLessThanOrEqual(order.total);
    const ret = await returnRow(started.returnNumber);
    // Whatever the order of the race, the return took at most what was left, and the books agree.
    const [entry] = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.reference, `return-refund:${ret.number}`));
    if (ret.amount > 0) expect(entry).toBeDefined();
    const [orderRow] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(orderRow.paymentStatus).toBe(refunded >= order.total ? "refunded" : "partially_refunded");
  });
});

describe("the console's queue", () => {
  it("lists returns by state and reason, with the counts for each state", async () => {
    const all = await returnQueue({ status: "all", reason: "all", channel: "all", page: 1 });
    expect(all.total).toBeGreaterThan(3);
    const closed = await returnQueue({ status: "closed", reason: "all", channel: "all", page: 1 });
    expect(closed.rows.every((r) => r.status === "closed")).toBe(true);
    expect(closed.total).toBe(all.byStatus.closed);
    const faulty = await returnQueue({ status: "all", reason: "faulty", channel: "web", page: 1 });
    expect(faulty.rows).toHaveLength(1);
    expect(faulty.rows[0]).toMatchObject({ resolution: "exchange", pieces: 1 });
  });
});
