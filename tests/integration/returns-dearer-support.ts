/**
 * Shared by the dearer-exchange tests (local provider and Stripe): a GBP ring order settled in USD,
 * delivered, with a brass ring that has a dearer silver finish, and reads of what it left behind.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { commitOrder } from "~/domain/orders/index.server";
import { payReturnDifference, startReturn } from "~/domain/returns/index.server";
import { db, schema } from "~/lib/db.server";

export const DAY = 86_400_000;
export const VISA = { number: "4242 4242 4242 4242", expiry: "12/40", cvc: "123" };
export const DECLINED = { number: "4000 0000 0000 0002", expiry: "12/40", cvc: "123" };

/** A ring: brass £50, silver £65. A cuff £32. Orders in GBP, settled in USD at 1.25. */
export let ring: { brass: number; silver: number };
export let cuff: number;

export async function setUpRings() {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, {
    code: "NBO-HUB",
    kind: "hub",
    shipDays: 7,
    address: ["Soko Nairobi Hub", "Baba Dogo Road, Ruaraka", "Nairobi 00618", "Kenya"],
    phone: "+254 20 000 0000",
  });
  const r = await createProduct(db, {
    handle: "stacking-ring",
    status: "active",
    variants: [
      { price: 5000, title: "Brass", currency: "GBP" },
      { price: 6500, title: "Silver", currency: "GBP" },
    ],
  });
  ring = { brass: r.variants[0].id, silver: r.variants[1].id };
  const c = await createProduct(db, { handle: "horn-cuff", status: "active", variants: [{ price: 3200, currency: "GBP" }] });
  cuff = c.variants[0].id;
  for (const v of [ring.brass, ring.silver, cuff]) await setStock(db, v, fc.id, 50);
}

/**
 * A delivered GBP order of ring (brass) + cuff, 10% off (£8.20) and 8.5% tax (£6.27): the ring is
 * worth £48.82, so silver on the same terms is worth £63.47 and the difference £14.65.
 */
export async function ringOrder(provider: "local" | "stripe" = "local") {
  const lines = [
    { variantId: ring.brass, quantity: 1, unitPrice: 5000 },
    { variantId: cuff, quantity: 1, unitPrice: 3200 },
  ];
  const subtotal = 8200;
  const discountTotal = 820;
  const taxTotal = Math.round(((subtotal - discountTotal) * 850) / 10_000);
  const total = subtotal - discountTotal + 900 + taxTotal;
  const order = await db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "amina@example.test",
      shippingAddress: { name: "Amina Otieno", line1: "1 High St", city: "London", region: "", postalCode: "N1 9GU", country: "GB" },
      currency: "GBP",
      lines,
      totals: { subtotal, discountTotal, shippingTotal: 900, taxTotal, total },
      idempotencyKey: randomUUID(),
      stockLocationCodes: ["US-FC"],
      payment: {
        provider,
        providerRef: `${provider === "local" ? "lpi" : "pi"}_${randomUUID().replace(/-/g, "").slice(0, 24)}`,
        amount: total,
        currency: "GBP",
      },
      paymentStatus: "paid",
      actor: "test",
    }),
  );
  const at = new Date(Date.now() - 3 * DAY);
  await db
    .update(schema.orders)
    .set({ status: "delivered", settlementCurrency: "USD", settlementRatePpm: 1_250_000 })
    .where(eq(schema.orders.id, order.id));
  await db.insert(schema.shipments).values({ orderId: order.id, carrier: "DHL", trackingNumber: "JD1", shippedAt: at, deliveredAt: at });
  const [line] = await db
    .select()
    .from(schema.orderLines)
    .where(and(eq(schema.orderLines.orderId, order.id), eq(schema.orderLines.variantId, ring.brass)));
  return { ...order, total, ringLine: line.id };
}

export async function startDearer(order: { number: string; ringLine: number }, now?: Date) {
  const started = await startReturn({
    number: order.number,
    lines: [{ orderLineId: order.ringLine, quantity: 1, exchangeVariantId: ring.silver }],
    reason: "not_as_pictured",
    note: "",
    resolution: "exchange",
    refundMethod: "original",
    key: randomUUID(),
    actor: "shopper:link",
    now,
  });
  if (!started.ok) throw new Error(started.message);
  return started.returnNumber;
}

/** A return of one piece (`orderLineId`) for a refund to the payment, started by the shopper. */
export async function refundReturn(number: string, orderLineId: number) {
  const started = await startReturn({
    number,
    lines: [{ orderLineId, quantity: 1, exchangeVariantId: null }],
    reason: "size",
    note: "",
    resolution: "refund",
    refundMethod: "original",
    key: randomUUID(),
    actor: "shopper:link",
  });
  if (!started.ok) throw new Error(started.message);
  return started.returnNumber;
}

export const pay = (order: { number: string }, returnNumber: string, card = VISA) =>
  payReturnDifference({ returnNumber, orderNumber: order.number, card, actor: "shopper:link" });

export async function returnRow(number: string) {
  const [row] = await db.select().from(schema.returns).where(eq(schema.returns.number, number));
  return row;
}

export async function moneyOn(orderId: number) {
  const paid = await db.select().from(schema.payments).where(eq(schema.payments.orderId, orderId));
  const refunded = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, orderId));
  return { paid, refunded };
}

/** Reservations or production requests for the exchange's variant made by this return (none until it is placed). */
export async function exchangeOrderOf(number: string) {
  const row = await returnRow(number);
  return row.exchangeOrderId;
}

export async function ledgerOf(reference: string) {
  return db
    .select({ account: schema.ledgerAccounts.code, amount: schema.ledgerLines.amount, currency: schema.ledgerLines.currency })
    .from(schema.ledgerLines)
    .innerJoin(schema.ledgerEntries, eq(schema.ledgerEntries.id, schema.ledgerLines.entryId))
    .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
    .where(eq(schema.ledgerEntries.reference, reference))
    .orderBy(schema.ledgerLines.id);
}

export const mails = (number: string) =>
  db
    .select({ dedupeKey: schema.outbox.dedupeKey, subject: schema.outbox.subject })
    .from(schema.outbox)
    .where(sql`${schema.outbox.dedupeKey} like ${`return:${number}:%`}`)
    .orderBy(schema.outbox.id);
