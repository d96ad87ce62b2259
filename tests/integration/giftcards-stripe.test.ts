/**
 * Buying a gift card with Stripe, against the real database and the fake Stripe API through the real
 * SDK: the form makes a PaymentIntent carrying the card's details and issues nothing; the card is
 * issued only on Stripe's word — the return page's retrieve or the signed webhook — once, whichever
 * comes first, however often either is replayed.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const giftCardsRoute = await import("~/routes/gift-cards._index");
const completeRoute = await import("~/routes/gift-cards.complete");
const webhookRoute = await import("~/routes/webhooks.stripe");
const { db, schema } = await import("~/lib/db.server");

const api = new URL(fake.url);
/** Plays Stripe.js confirming the intent in the browser, and signs webhooks. */
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });

afterAll(() => fake.close());

function formFor(recipientEmail: string, overrides: Record<string, string> = {}) {
  return {
    idempotencyKey: randomUUID(),
    amount: "50",
    otherAmount: "",
    recipientName: "Wanjiru",
    recipientEmail,
    message: "Happy birthday!",
    sendOn: new Date().toISOString().slice(0, 10),
    senderName: "Amina",
    purchaserEmail: "amina@example.test",
    ...overrides,
  };
}

/** POST /gift-cards as the browser would; the reply's data, or the thrown/returned Response. */
async function submit(fields: Record<string, string>) {
  const request = new Request("http://shop.test/gift-cards", { method: "POST", body: new URLSearchParams(fields) });
  const result = await giftCardsRoute.action({ request, params: {}, context: {} }).catch((e: unknown) => e);
  if (result instanceof Response) return { response: result };
  const reply = result as {
    data: { stripePayment?: { clientSecret: string; amount: number }; message?: string };
    init: ResponseInit | null;
  };
  return { reply: reply.data, status: reply.init?.status ?? 200 };
}

async function intentFrom(fields: Record<string, string>) {
  const { reply } = await submit(fields);
  const secret = reply?.stripePayment?.clientSecret;
  if (!secret) throw new Error(`no intent: ${JSON.stringify(reply)}`);
  return secret.split("_secret_")[0];
}

async function complete(piId: string) {
  const request = new Request(`http://shop.test/gift-cards/complete?payment_intent=${piId}&redirect_status=succeeded`);
  const result = await completeRoute.loader({ request, params: {}, context: {} }).catch((e: unknown) => e);
  return result instanceof Response ? { response: result } : { data: result as Awaited<ReturnType<typeof completeRoute.loader>> };
}

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

const cardsFor = (recipientEmail: string) => db.select().from(schema.giftCards).where(eq(schema.giftCards.recipientEmail, recipientEmail));
const ordersFor = (piId: string) =>
  db
    .select()
    .from(schema.orders)
    .where(eq(schema.orders.idempotencyKey, `stripe:${piId}`));

describe("gift cards paid through Stripe", () => {
  it("answers a valid form with an intent that carries the card's details, and issues nothing yet", async () => {
    const fields = formFor("first@example.test");
    const { reply, status } = await submit(fields);
    expect(status).toBe(200);
    expect(reply?.stripePayment).toMatchObject({ amount: 5000, currency: "USD", recipientEmail: "first@example.test" });
    const piId = reply!.stripePayment!.clientSecret.split("_secret_")[0];
    expect(fake.intent(piId)).toMatchObject({
      amount: 5000,
      currency: "usd",
      status: "requires_payment_method",
      metadata: {
        kind: "gift_card_purchase",
        gc_recipient: "first@example.test",
        gc_message: "Happy birthday!",
        gc_purchaser: "amina@example.test",
      },
    });
    expect(await cardsFor("first@example.test")).toEqual([]);
    // The same form again reuses its intent; the form changed gets another.
    expect(await intentFrom(fields)).toBe(piId);
    expect(await intentFrom({ ...fields, amount: "100" })).not.toBe(piId);
  });

  it("refuses a bad form with the field's message before any intent is made", async () => {
    const before = fake.requests.length;
    const { reply, status } = await submit(formFor("not-an-email"));
    expect(status).toBe(422);
    expect(reply?.message).toMatch(/email/i);
    expect(fake.requests.length).toBe(before);
  });

  it("issues the card once on the return page, and the webhook after it adds nothing", async () => {
    const piId = await intentFrom(formFor("second@example.test"));
    // Before paying, the return page issues nothing and sends the buyer back to the form.
    const unpaid = await complete(piId);
    expect(unpaid.response?.headers.get("Location")).toBe("/gift-cards?payment=failed");
    expect(await cardsFor("second@example.test")).toEqual([]);

    await stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa" });
    const { data } = await complete(piId);
    expect(data).toMatchObject({ state: "placed", recipientEmail: "second@example.test", sendsNow: true });
    const [order] = await ordersFor(piId);
    expect(order).toMatchObject({ total: 5000, currency: "USD", paymentStatus: "paid", email: "amina@example.test" });
    expect(await cardsFor("second@example.test")).toEqual([
      expect.objectContaining({ status: "active", initialAmount: 5000, balance: 5000, orderId: order.id, message: "Happy birthday!" }),
    ]);

    expect((await complete(piId)).data).toMatchObject({ state: "placed", orderNumber: order.number });
    expect(await webhook(fake.event("payment_intent.succeeded", fake.intent(piId)))).toEqual({ status: 200, body: { received: true } });
    expect(await ordersFor(piId)).toHaveLength(1);
    expect(await cardsFor("second@example.test")).toHaveLength(1);
  });

  it("issues the card from the webhook when the buyer never comes back, and a replay changes nothing", async () => {
    const piId = await intentFrom(formFor("third@example.test"));
    fake.succeed(piId);
    const event = fake.event("payment_intent.succeeded", fake.intent(piId));
    expect(await webhook(event)).toEqual({ status: 200, body: { received: true } });
    expect(await cardsFor("third@example.test")).toHaveLength(1);
    expect(await webhook(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect((await complete(piId)).data).toMatchObject({ state: "placed" });
    expect(await cardsFor("third@example.test")).toHaveLength(1);
  });

  it("makes one card when the return page and the webhook arrive at the same moment", async () => {
    const piId = await intentFrom(formFor("fourth@example.test"));
    fake.succeed(piId);
    const event = fake.event("payment_intent.succeeded", fake.intent(piId));
    await Promise.all([complete(piId), webhook(event), complete(piId)]);
    expect(await ordersFor(piId)).toHaveLength(1);
    expect(await cardsFor("fourth@example.test")).toHaveLength(1);
  });

  it("issues nothing for a forged webhook, and knows only gift card intents on its return page", async () => {
    const piId = await intentFrom(formFor("fifth@example.test"));
    fake.succeed(piId);
    const forged = await webhook(fake.event("payment_intent.succeeded", fake.intent(piId)), "whsec_forged");
    expect(forged.status).toBe(400);
    expect(await cardsFor("fifth@example.test")).toEqual([]);
    // A bag's intent is not a gift card: the gift card return page does not know it.
    const bag = await bagIntent();
    expect((await complete(bag)).response?.status).toBe(404);
    expect((await complete("pi_nope")).response?.status).toBe(404);
    const bad = await completeRoute
      .loader({ request: new Request("http://shop.test/gift-cards/complete?payment_intent=x'"), params: {}, context: {} })
      .catch((e: unknown) => e);
    expect((bad as Response).status).toBe(400);
  });
});

/** An intent as a bag's checkout makes it (metadata cartId), succeeded. */
async function bagIntent() {
  const intent = await stripe.paymentIntents.create({ amount: 4800, currency: "usd", metadata: { cartId: randomUUID() } });
  fake.succeed(intent.id);
  return intent.id;
}
