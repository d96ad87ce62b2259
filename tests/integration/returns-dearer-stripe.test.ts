/**
 * A dearer exchange's difference paid through Stripe, against the real database and the fake Stripe
 * API through the real SDK: the intent is in the order's currency for exactly the difference; only
 * Stripe's word (the signed webhook, or the pay page's retrieve) marks it paid, once, whichever comes
 * first, replays and parallel deliveries included; a forged event changes nothing; a second payment
 * or one for another amount is refunded through the one refund path.
 */
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const webhookRoute = await import("~/routes/webhooks.stripe");
const { completeDifferencePayment, prepareDifferenceIntent, cancelReturn } = await import("~/domain/returns/index.server");
const { db, schema } = await import("~/lib/db.server");
const { moneyOn, returnRow, ringOrder, setUpRings, startDearer, ledgerOf } = await import("./returns-dearer-support");

const api = new URL(fake.url);
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });

beforeAll(setUpRings);
afterAll(() => fake.close());

async function webhook(event: object, secret = "whsec_test") {
  const payload = JSON.stringify(event);
  const request = new Request("http://shop.test/webhooks/stripe", {
    method: "POST",
    body: payload,
    headers: { "Content-Type": "application/json", "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret }) },
  });
  const response = await webhookRoute.action({ request, params: {}, context: {} });
  return { status: response.status, body: await response.json() };
}

async function intentFor(returnNumber: string, orderNumber: string) {
  const prepared = await prepareDifferenceIntent(returnNumber, orderNumber);
  if (prepared.status !== "ready") throw new Error(`no intent: ${JSON.stringify(prepared)}`);
  return prepared.paymentIntentId;
}

const succeeded = (piId: string) => fake.event("payment_intent.succeeded", fake.intent(piId));

describe("a dearer exchange paid through Stripe", () => {
  it("makes one intent for exactly the difference in the order's currency, and marks nothing paid before Stripe says so", async () => {
    const order = await ringOrder("stripe");
    const number = await startDearer(order);
    const piId = await intentFor(number, order.number);
    expect(fake.intent(piId)).toMatchObject({
      amount: 1465,
      currency: "gbp",
      status: "requires_payment_method",
      metadata: { kind: "exchange_difference", returnNumber: number },
    });
    // Asking again (a reload, a second tab) reuses it.
    expect(await intentFor(number, order.number)).toBe(piId);
    // Another order's link can't make or complete one.
    expect(await prepareDifferenceIntent(number, "SK-1")).toMatchObject({ status: "refused", code: 404 });
    expect(await completeDifferencePayment(piId, order.number)).toEqual({ status: "failed" });
    expect(await returnRow(number)).toMatchObject({ status: "awaiting_payment", dueState: "awaiting" });
  });

  it("is paid once by the webhook; a replay, the pay page after it and a forged event change nothing", async () => {
    const order = await ringOrder("stripe");
    const number = await startDearer(order);
    const piId = await intentFor(number, order.number);
    fake.succeed(piId);
    const event = succeeded(piId);

    // Forged: signed with another secret. Refused, nothing recorded.
    expect(await webhook(event, "whsec_forged")).toMatchObject({ status: 400, body: { received: false } });
    expect(await returnRow(number)).toMatchObject({ dueState: "awaiting" });

    expect(await webhook(event)).toEqual({ status: 200, body: { received: true } });
    expect(await returnRow(number)).toMatchObject({ status: "requested", dueState: "paid" });
    expect(await webhook(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    // The same intent in a new event (Stripe retries with a new id sometimes): still one payment.
    expect(await webhook(succeeded(piId))).toEqual({ status: 200, body: { received: true } });
    expect(await completeDifferencePayment(piId, order.number)).toMatchObject({ status: "paid" });
    const { paid, refunded } = await moneyOn(order.id);
    expect(paid.filter((p) => p.providerRef === piId)).toEqual([expect.objectContaining({ amount: 1465, currency: "GBP" })]);
    expect(refunded).toEqual([]);
    expect(await ledgerOf(`sale:${number}`)).toHaveLength(2);
  });

  it("takes one payment when the webhook and the pay page arrive together", async () => {
    const order = await ringOrder("stripe");
    const number = await startDearer(order);
    const piId = await intentFor(number, order.number);
    fake.succeed(piId);
    const [hook, page] = await Promise.all([webhook(succeeded(piId)), completeDifferencePayment(piId, order.number)]);
    expect(hook.status).toBe(200);
    expect(page).toMatchObject({ status: "paid" });
    const { paid, refunded } = await moneyOn(order.id);
    expect(paid.filter((p) => p.providerRef === piId)).toHaveLength(1);
    expect(refunded).toEqual([]);
  });

  it("refunds a second payment, and one for another amount, through Stripe", async () => {
    const order = await ringOrder("stripe");
    const number = await startDearer(order);
    // An intent naming the return but not for its difference (only our server writes metadata; still checked).
    const odd = await stripe.paymentIntents.create({
      amount: 999,
      currency: "gbp",
      metadata: { kind: "exchange_difference", returnNumber: number },
    });
    fake.succeed(odd.id);
    expect(await webhook(succeeded(odd.id))).toEqual({ status: 200, body: { received: true } });
    expect(await returnRow(number)).toMatchObject({ status: "awaiting_payment", dueState: "awaiting" });
    expect(fake.chargeOf(odd.id)).toMatchObject({ amount_refunded: 999 });

    const piId = await intentFor(number, order.number);
    fake.succeed(piId);
    expect(await completeDifferencePayment(piId, order.number)).toMatchObject({ status: "paid" });
    // Another intent paid after it (a tab left open past the key's life): kept out, refunded.
    const late = await stripe.paymentIntents.create({
      amount: 1465,
      currency: "gbp",
      metadata: { kind: "exchange_difference", returnNumber: number },
    });
    fake.succeed(late.id);
    expect(await webhook(succeeded(late.id))).toEqual({ status: 200, body: { received: true } });
    expect(fake.chargeOf(late.id)).toMatchObject({ amount_refunded: 1465 });
    expect(fake.chargeOf(piId)).toMatchObject({ amount_refunded: 0 });
    const row = await returnRow(number);
    expect(row.duePaymentId).not.toBeNull();
    const [kept] = await db.select().from(schema.payments).where(eq(schema.payments.id, row.duePaymentId!));
    expect(kept.providerRef).toBe(piId);

    // Cancelled before sending: the kept difference goes back through Stripe too.
    expect(await cancelReturn({ number, actor: "shopper:link", orderNumber: order.number })).toMatchObject({ ok: true });
    expect(fake.chargeOf(piId)).toMatchObject({ amount_refunded: 1465 });
    expect(await returnRow(number)).toMatchObject({ status: "cancelled", dueState: "refunded" });
  });
});
