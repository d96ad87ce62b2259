/**
 * POST /webhooks/stripe against the real database, with the real stripe SDK talking to the fake
 * Stripe API and events signed by the SDK's own test-header helper.
 */
import { and, eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const { createLocation, createProduct, setStock } = await import("#db/seed/factories");
const { addLine } = await import("~/domain/cart/cart.server");
const { checkoutState, saveAddress, saveShippingMethod } = await import("~/domain/checkout/checkout.server");
const { preparePaymentIntent } = await import("~/domain/checkout/stripe-checkout.server");
const { action, loader } = await import("~/routes/webhooks.stripe");
const { db, schema } = await import("~/lib/db.server");

const SECRET = "whsec_test";
const api = new URL(fake.url);
/** The test's own SDK client, on the fake like the app's: it confirms intents as Stripe.js would. */
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });
let earrings: number;
let bracelet: number;

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const a = await createProduct(db, { handle: "brass-drops", status: "active", variants: [{ price: 4800 }] });
  const b = await createProduct(db, { handle: "bone-bangle", status: "active", variants: [{ price: 3500 }] });
  earrings = a.variants[0].id;
  bracelet = b.variants[0].id;
  await setStock(db, earrings, fc.id, 100);
  await setStock(db, bracelet, fc.id, 100);
});

afterAll(() => fake.close());

/** A bag ready to pay (2 earrings, standard shipping to California) and its PaymentIntent. */
async function bagWithIntent() {
  const added = await addLine(null, earrings, 2);
  if (!added.ok) throw new Error(added.message);
  const cartId = added.cartId;
  await saveAddress(cartId, {
    email: "amina@example.com",
    name: "Amina Otieno",
    line1: "1 Market St",
    city: "San Francisco",
    region: "CA",
    postalCode: "94105",
    country: "US",
  });
  await saveShippingMethod(cartId, "standard");
  const state = (await checkoutState(cartId))!;
  const prepared = await preparePaymentIntent(cartId, state);
  if (prepared.status !== "ready") throw new Error(`intent not ready: ${prepared.status}`);
  return { cartId, total: state.totals.total, piId: prepared.paymentIntentId };
}

function signed(payload: string, secret = SECRET) {
  return stripe.webhooks.generateTestHeaderString({ payload, secret });
}

async function deliver(payload: string, signature: string | null = signed(payload)) {
  const headers = new Headers({ "Content-Type": "application/json" });
  if (signature !== null) headers.set("Stripe-Signature", signature);
  const response = await action({
    request: new Request("http://shop.test/webhooks/stripe", { method: "POST", body: payload, headers }),
    params: {},
    context: {},
  });
  return { status: response.status, body: (await response.json()) as { received: boolean; duplicate?: boolean; error?: string } };
}

const send = (event: object) => deliver(JSON.stringify(event));

async function ordersFor(piId: string) {
  return db
    .select()
    .from(schema.orders)
    .where(eq(schema.orders.idempotencyKey, `stripe:${piId}`));
}

async function counts() {
  const [row] = await db.execute<{ orders: number; events: number; refunds: number; payments: number }>(sql`
    select (select count(*) from orders)::int as orders, (select count(*) from webhook_events)::int as events,
           (select count(*) from refunds)::int as refunds, (select count(*) from payments)::int as payments`);
  return { ...row };
}

describe("POST /webhooks/stripe", () => {
  it("answers GET with 405", async () => {
    const response = loader({ request: new Request("http://shop.test/webhooks/stripe"), params: {}, context: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
  });

  it("refuses a bad or missing signature with 400 and writes nothing", async () => {
    const { piId } = await bagWithIntent();
    fake.succeed(piId);
    const payload = JSON.stringify(fake.event("payment_intent.succeeded", fake.intent(piId)));
    const before = await counts();
    expect(await deliver(payload, signed(payload, "whsec_someone_else"))).toEqual({
      status: 400,
      body: { received: false, error: "Invalid signature" },
    });
    expect(await deliver(payload, null)).toMatchObject({ status: 400, body: { error: "Invalid signature" } });
    expect(await deliver(payload, "t=1,v1=deadbeef")).toMatchObject({ status: 400, body: { error: "Invalid signature" } });
    // Signed, then tampered with: the amount changed after signing.
    const header = signed(payload);
    const tampered = payload.replace(`"amount":${fake.intent(piId).amount}`, '"amount":1');
    expect(tampered).not.toBe(payload);
    expect(await deliver(tampered, header)).toMatchObject({ status: 400, body: { error: "Invalid signature" } });
    expect(await counts()).toEqual(before);
    expect(await ordersFor(piId)).toHaveLength(0);
  });

  it("refuses a signed but malformed body with 400 and writes nothing", async () => {
    const before = await counts();
    expect(await deliver("{not json")).toEqual({ status: 400, body: { received: false, error: "Malformed event" } });
    // Valid JSON, but a payment_intent.succeeded without its payment intent.
    expect(await send({ id: "evt_no_object", object: "event", type: "payment_intent.succeeded", created: 1, data: {} })).toMatchObject({
      status: 400,
      body: { error: "Malformed event" },
    });
    // Or with an amount that is not an amount.
    expect(
      await send({
        id: "evt_odd_amount",
        object: "event",
        type: "payment_intent.succeeded",
        created: 1,
        data: { object: { id: "pi_x", amount: "lots", currency: "usd", metadata: {} } },
      }),
    ).toMatchObject({ status: 400, body: { error: "Malformed event" } });
    expect(await counts()).toEqual(before);
  });

  it("places the order on payment_intent.succeeded, once, however often the event comes", async () => {
    const { cartId, total, piId } = await bagWithIntent();
    fake.succeed(piId);
    const event = fake.event("payment_intent.succeeded", fake.intent(piId));
    expect(await send(event)).toEqual({ status: 200, body: { received: true } });

    const [order] = await ordersFor(piId);
    expect(order).toMatchObject({ channel: "web", paymentStatus: "paid", total, email: "amina@example.com", currency: "USD" });
    const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
    expect(lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity }))).toEqual([{ variantId: earrings, quantity: 2 }]);
    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
    expect(payment).toMatchObject({ provider: "stripe", providerRef: piId, amount: total, status: "succeeded" });
    expect(await db.select().from(schema.carts).where(eq(schema.carts.id, cartId))).toHaveLength(0);
    const [recorded] = await db.select().from(schema.webhookEvents).where(eq(schema.webhookEvents.eventId, event.id));
    expect(recorded).toMatchObject({ provider: "stripe", type: "payment_intent.succeeded" });
    expect(recorded.processedAt).toBeInstanceOf(Date);
    expect((recorded.payload as { id: string }).id).toBe(event.id);

    const before = await counts();
    // The same event again (Stripe's retry, or a replay of the captured request).
    expect(await send(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await counts()).toEqual(before);
    // A second, different event saying the same thing makes no second order.
    expect(await send(fake.event("payment_intent.succeeded", fake.intent(piId)))).toEqual({ status: 200, body: { received: true } });
    expect(await counts()).toEqual({ ...before, events: before.events + 1 });
    expect(await ordersFor(piId)).toHaveLength(1);
  });

  it("handles the same event delivered concurrently as one", async () => {
    const { piId } = await bagWithIntent();
    fake.succeed(piId);
    const payload = JSON.stringify(fake.event("payment_intent.succeeded", fake.intent(piId)));
    const answers = await Promise.all([deliver(payload), deliver(payload), deliver(payload)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.body.duplicate)).toHaveLength(2);
    expect(await ordersFor(piId)).toHaveLength(1);
  });

  it("never unpays: a payment_failed arriving after the success changes nothing", async () => {
    const { piId } = await bagWithIntent();
    // The first attempt was declined, the second succeeded; Stripe delivers them the other way round.
    await expect(stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_chargeDeclined" })).rejects.toMatchObject({
      type: "StripeCardError",
      code: "card_declined",
    });
    const failedSnapshot = {
      ...fake.intent(piId),
      last_payment_error: { type: "card_error", code: "card_declined", message: "Your card was declined." },
    };
    fake.succeed(piId);
    expect((await send(fake.event("payment_intent.succeeded", fake.intent(piId)))).status).toBe(200);
    expect(
      (await send(fake.event("payment_intent.payment_failed", { ...failedSnapshot, status: "requires_payment_method" }))).body,
    ).toEqual({ received: true });
    const [order] = await ordersFor(piId);
    expect(order.paymentStatus).toBe("paid");
    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.providerRef, piId));
    expect(payment.status).toBe("succeeded");
  });

  it("records a failure before any success without making an order", async () => {
    const { piId } = await bagWithIntent();
    const before = await counts();
    const answer = await send(
      fake.event("payment_intent.payment_failed", {
        ...fake.intent(piId),
        last_payment_error: { type: "card_error", code: "card_declined", message: "Your card was declined." },
      }),
    );
    expect(answer).toEqual({ status: 200, body: { received: true } });
    expect(await counts()).toEqual({ ...before, events: before.events + 1 });
  });

  it("moves the payment status forward on charge.refunded: partial, then full, never back", async () => {
    const { total, piId } = await bagWithIntent();
    fake.succeed(piId);
    await send(fake.event("payment_intent.succeeded", fake.intent(piId)));
    const [order] = await ordersFor(piId);

    fake.refund(piId, 1000);
    const partial = fake.event("charge.refunded", fake.chargeOf(piId));
    expect(await send(partial)).toEqual({ status: 200, body: { received: true } });
    expect((await ordersFor(piId))[0].paymentStatus).toBe("partially_refunded");

    // The same refund event twice (same id), then the same news under a new id: nothing more counted.
    expect((await send(partial)).body).toEqual({ received: true, duplicate: true });
    expect((await send(fake.event("charge.refunded", fake.chargeOf(piId)))).body).toEqual({ received: true });
    let refunds = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
    expect(refunds.map((r) => r.amount)).toEqual([1000]);

    fake.refund(piId, total - 1000);
    const full = fake.event("charge.refunded", fake.chargeOf(piId));
    expect((await send(full)).status).toBe(200);
    expect((await ordersFor(piId))[0].paymentStatus).toBe("refunded");
    refunds = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
    expect(refunds.reduce((sum, r) => sum + r.amount, 0)).toBe(total);
    expect(refunds.every((r) => r.status === "succeeded" && r.currency === "USD")).toBe(true);

    // An older partial-refund event arriving late does not take the order back to partially refunded.
    expect((await send({ ...partial, id: "evt_late_partial" })).status).toBe(200);
    expect((await ordersFor(piId))[0].paymentStatus).toBe("refunded");
    expect(await db.$count(schema.refunds, eq(schema.refunds.orderId, order.id))).toBe(refunds.length);
    const events = await db
      .select({ type: schema.orderEvents.type })
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, order.id), eq(schema.orderEvents.type, "refunded")));
    expect(events).toHaveLength(2);
    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.providerRef, piId));
    expect(payment.status).toBe("succeeded"); // the charge happened; the refunds rows say what went back
  });

  it("counts a refund made from the ops console once when Stripe's charge.refunded for it arrives", async () => {
    const { refundOrder } = await import("~/domain/orders/manage.server");
    const { piId } = await bagWithIntent();
    fake.succeed(piId);
    await send(fake.event("payment_intent.succeeded", fake.intent(piId)));
    const [order] = await ordersFor(piId);
    const done = await refundOrder({
      number: order.number,
      amount: 1500,
      reason: "Scratched clasp",
      formKey: crypto.randomUUID(),
      actor: "staff:test",
    });
    expect(done).toMatchObject({ ok: true, amount: 1500 });
    expect(fake.chargeOf(piId).amount_refunded).toBe(1500);
    expect((await send(fake.event("charge.refunded", fake.chargeOf(piId)))).body).toEqual({ received: true });
    const refunds = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
    expect(refunds.map((r) => ({ amount: r.amount, status: r.status }))).toEqual([{ amount: 1500, status: "succeeded" }]);
    expect((await ordersFor(piId))[0].paymentStatus).toBe("partially_refunded");
  });

  it("finds a console refund that timed out when its charge.refunded comes first: 502 while Stripe can't be asked, then applied once", async () => {
    const { refundOrder } = await import("~/domain/orders/manage.server");
    const { piId } = await bagWithIntent();
    fake.succeed(piId);
    await send(fake.event("payment_intent.succeeded", fake.intent(piId)));
    const [order] = await ordersFor(piId);
    // Stripe makes the refund and the connection drops: recorded as failed.
    fake.refundFaults.push("drop");
    const refund = { number: order.number, amount: 1500, reason: "Scratched clasp", formKey: crypto.randomUUID(), actor: "staff:test" };
    expect(await refundOrder(refund)).toMatchObject({ ok: false, status: 502 });
    const event = fake.event("charge.refunded", fake.chargeOf(piId));

    // Stripe can't be asked about it: the event is refused, nothing of it kept, so Stripe's redelivery counts.
    fake.refundLookupFaults.push("unavailable");
    // A Refusal is thrown as its Response (answerRefusals), which Remix answers with.
    await expect(send(event)).rejects.toMatchObject({ status: 502 });
    expect(await db.$count(schema.webhookEvents, eq(schema.webhookEvents.eventId, event.id))).toBe(0);
    const rows = () => db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
    expect((await rows()).map((r) => r.status)).toEqual(["failed"]);

    // Redelivered (twice): the refund is recorded as itself, once; nothing is "refunded through Stripe" beside it.
    expect((await send(event)).body).toEqual({ received: true });
    expect((await send(event)).body).toEqual({ received: true, duplicate: true });
    expect((await rows()).map((r) => ({ amount: r.amount, status: r.status, keyed: r.idempotencyKey !== null }))).toEqual([
      { amount: 1500, status: "succeeded", keyed: true },
    ]);
    const refunded = await db
      .select({ actor: schema.orderEvents.actor, data: schema.orderEvents.data })
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, order.id), eq(schema.orderEvents.type, "refunded")));
    // The staff member who asked made it; Stripe's event only confirmed it (the audit row says so too).
    expect(refunded).toEqual([{ actor: "staff:test", data: expect.objectContaining({ amount: 1500, adopted: true, foundBy: "stripe" }) }]);
    const audits = await db
      .select({ actor: schema.auditLog.actor })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.subject, `order:${order.number}`), eq(schema.auditLog.action, "order.refund")));
    expect(audits).toEqual([{ actor: "staff:test" }]);
    expect((await ordersFor(piId))[0].paymentStatus).toBe("partially_refunded");
    // The timed-out form sent again is that refund.
    expect(await refundOrder(refund)).toMatchObject({ ok: true, duplicate: true, amount: 1500 });
    expect(fake.chargeOf(piId).amount_refunded).toBe(1500);
  });

  it("a full refund arriving before the payment's own event still ends refunded", async () => {
    const { total, piId } = await bagWithIntent();
    fake.succeed(piId);
    fake.refund(piId, total);
    expect((await send(fake.event("charge.refunded", fake.chargeOf(piId)))).body).toEqual({ received: true });
    expect(await ordersFor(piId)).toHaveLength(0);
    expect((await send(fake.event("payment_intent.succeeded", fake.intent(piId)))).status).toBe(200);
    const [order] = await ordersFor(piId);
    expect(order.paymentStatus).toBe("refunded");
    expect(await db.$count(schema.refunds, eq(schema.refunds.orderId, order.id))).toBe(1);
  });

  it("refunds a payment whose amount no longer matches the bag, and makes no order", async () => {
    const { cartId, total, piId } = await bagWithIntent();
    await addLine(cartId, bracelet, 1); // changed in another tab after the intent was made
    fake.succeed(piId);
    expect(await send(fake.event("payment_intent.succeeded", fake.intent(piId)))).toEqual({ status: 200, body: { received: true } });
    expect(await ordersFor(piId)).toHaveLength(0);
    const refunds = [...fake.refunds.values()].filter((r) => r.payment_intent === piId);
    expect(refunds.map((r) => r.amount)).toEqual([total]);
    const refundRequest = fake.requests.find((r) => r.path === "/v1/refunds" && r.body.payment_intent === piId);
    expect(refundRequest?.idempotencyKey).toBe(`unplaceable:${piId}`);
    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.providerRef, piId));
    expect(payment).toMatchObject({ orderId: null, status: "refunded", amount: total });
    // The bag is kept so the shopper can pay the new total.
    expect(await db.$count(schema.carts, eq(schema.carts.id, cartId))).toBe(1);
    // Stripe's charge.refunded for our own refund is recorded and changes nothing else.
    const before = await counts();
    expect((await send(fake.event("charge.refunded", fake.chargeOf(piId)))).body).toEqual({ received: true });
    expect(await counts()).toEqual({ ...before, events: before.events + 1 });
  });

  it("records and ignores intents that are not a web checkout's, and event types it does not handle", async () => {
    // Made in the dashboard: no cartId in its metadata.
    const foreign = await stripe.paymentIntents.create({ amount: 2500, currency: "usd" });
    await stripe.paymentIntents.confirm(foreign.id, { payment_method: "pm_card_visa" });
    const before = await counts();
    expect((await send(fake.event("payment_intent.succeeded", fake.intent(foreign.id)))).body).toEqual({ received: true });
    expect((await send(fake.event("customer.created", { id: "cus_1", object: "customer" }))).body).toEqual({ received: true });
    expect(await counts()).toEqual({ ...before, events: before.events + 2 });
  });
});
