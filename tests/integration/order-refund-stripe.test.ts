/**
 * Refunds through the Stripe adapter (the real SDK against tests/fakes/stripe.ts): one refund at the
 * provider for a double submit, and a provider failure recorded as failed, never as succeeded.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { startFakeStripe } from "../fakes/stripe";
import { commitOrder } from "~/domain/orders/commit.server";
import { refundOrder } from "~/domain/orders/manage.server";
import { paymentProvider } from "~/domain/payments/choose-provider.server";
import { db, schema } from "~/lib/db.server";

// Before anything reads the environment (env() and the provider are made on first use).
const stripe = await startFakeStripe();
process.env.STRIPE_SECRET_KEY = stripe.secretKey;
process.env.STRIPE_PUBLISHABLE_KEY = "pk_test_fake";
process.env.STRIPE_WEBHOOK_SECRET = "whsec_test_fake";
process.env.STRIPE_API_BASE = stripe.url;

let variantId: number;

async function paidOrder(total = 5400) {
  const charge = await paymentProvider().charge({
    amount: total,
    currency: "USD",
    idempotencyKey: randomUUID(),
    description: "test order",
    metadata: {},
  });
  stripe.succeed(charge.providerRef!);
  return placeOrder(total, charge.providerRef!);
}

function placeOrder(total: number, providerRef: string) {
  return db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "baraka@example.test",
      currency: "USD",
      lines: [{ variantId, quantity: 1, unitPrice: total }],
      totals: { subtotal: total, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total },
      idempotencyKey: randomUUID(),
      stockLocationCodes: ["US-FC"],
      payment: { provider: "stripe", providerRef, amount: total, currency: "USD" },
      paymentStatus: "paid",
      actor: "test",
    }),
  );
}

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment" });
  const { variants } = await createProduct(db, { handle: "horn-studs", status: "active", variants: [{ price: 5400 }] });
  variantId = variants[0].id;
  await setStock(db, variantId, fc.id, 50);
});

afterAll(() => stripe.close());

describe("refunds through Stripe", () => {
  it("sends the form's key as Stripe's idempotency key: a double submit is one refund at Stripe and one row here", async () => {
    expect(paymentProvider().name).toBe("stripe");
    const order = await paidOrder();
    const formKey = randomUUID();
    const input = { number: order.number, amount: 700, reason: "Late delivery", formKey, actor: "staff:1" };
    const [a, b] = await Promise.all([refundOrder(input), refundOrder(input)]);
    expect(a.ok && b.ok).toBe(true);
    expect([a, b].filter((r) => r.ok && r.duplicate)).toHaveLength(1);

    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
    const refundCalls = stripe.requests.filter((r) => r.path === "/v1/refunds");
    expect(refundCalls).toHaveLength(1);
    expect(refundCalls[0]).toMatchObject({
      idempotencyKey: `refund:${order.number}:${formKey}`,
      body: { payment_intent: payment.providerRef, amount: "700" },
    });
    expect(stripe.chargeOf(payment.providerRef!).amount_refunded).toBe(700);

    const rows = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: 700, status: "succeeded", providerRef: [...stripe.refunds.keys()].at(-1) });
  });

  it("records a provider failure as a failed refund with a clear message; it doesn't count against what is left", async () => {
    const order = await placeOrder(3000, "pi_does_not_exist");
    const result = await refundOrder({ number: order.number, amount: 1000, reason: "Damaged", formKey: randomUUID(), actor: "staff:1" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(502);
    expect(result.message).toMatch(
      /^The payment provider didn't refund \$10\.00: .*Missing or unknown payment_intent.* Nothing was refunded\.$/,
    );

    const rows = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
    expect(rows.map((r) => [r.amount, r.status, r.providerRef])).toEqual([[1000, "failed", null]]);
    const [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row.paymentStatus).toBe("paid");
    const events = await db
      .select({ type: schema.orderEvents.type })
      .from(schema.orderEvents)
      .where(eq(schema.orderEvents.orderId, order.id));
    expect(events.map((e) => e.type)).toEqual(["placed", "paid", "refund_failed"]);
    const emails = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "refund-issued"));
    expect(emails.filter((e) => e.subject?.includes(order.number))).toHaveLength(0);
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `order:${order.number}`));
    expect(audit).toMatchObject({ action: "order.refund_failed", data: { amount: 1000 } });
  });

  it("refunds everything that is left after an earlier refund", async () => {
    const order = await paidOrder(2500);
    const partial = await refundOrder({
      number: order.number,
      amount: 500,
      reason: "Price match",
      formKey: randomUUID(),
      actor: "staff:1",
    });
    expect(partial).toMatchObject({ ok: true, paymentStatus: "partially_refunded" });
    const rest = await refundOrder({
      number: order.number,
      amount: "remaining",
      reason: "Returned",
      formKey: randomUUID(),
      actor: "staff:1",
    });
    expect(rest).toMatchObject({ ok: true, amount: 2000, paymentStatus: "refunded" });
    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
    expect(stripe.chargeOf(payment.providerRef!)).toMatchObject({ amount_refunded: 2500, refunded: true });
  });
});
