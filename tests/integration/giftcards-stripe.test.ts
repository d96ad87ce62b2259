/**
 * Buying a gift card with Stripe, against the real database and the fake Stripe API through the real
 * SDK: the form makes a PaymentIntent carrying the card's details and issues nothing; the card is
 * issued only on Stripe's word — the return page's retrieve or the signed webhook — once, whichever
 * comes first, however often either is replayed.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const giftCardsRoute = await import("~/routes/gift-cards._index");
const completeRoute = await import("~/routes/gift-cards.complete");
const webhookRoute = await import("~/routes/webhooks.stripe");
const balanceRoute = await import("~/routes/gift-cards.balance");
const { applyGiftCardToBag, deliverGiftCard } = await import("~/domain/giftcards/index.server");
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
async function submit(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const request = new Request("http://shop.test/gift-cards", { method: "POST", body: new URLSearchParams(fields), headers });
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
    expect(data).toMatchObject({ state: "placed", recipientEmail: "second@example.test", sendWhen: "now" });
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

describe("a gift card bought in the UK market", () => {
  const uk = { "Accept-Language": "en-GB,en;q=0.9" };

  it("offers the UK's amounts in pounds, is paid in GBP, and is a pound card with pound ledger entries and the order's USD beside", async () => {
    const page = (await giftCardsRoute.loader({
      request: new Request("http://shop.test/gift-cards", { headers: uk }),
      params: {},
      context: {},
    })) as unknown as { data: { market: string; amounts: { currency: string; presets: number[] } } };
    expect(page.data).toMatchObject({ market: "gb", amounts: { currency: "GBP", presets: [2000, 4500, 9000, 17500] } });

    const { reply } = await submit(formFor("harriet@example.test", { amount: "45", currency: "GBP" }), uk);
    expect(reply?.stripePayment).toMatchObject({ amount: 4500, currency: "GBP" });
    const piId = reply!.stripePayment!.clientSecret.split("_secret_")[0];
    expect(fake.intent(piId)).toMatchObject({ amount: 4500, currency: "gbp" });
    expect(await cardsFor("harriet@example.test")).toEqual([]);

    await stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa" });
    expect((await complete(piId)).data).toMatchObject({ state: "placed", amount: { amount: 4500, currency: "GBP" } });
    const [order] = await ordersFor(piId);
    // £45 at the UK's stored rate (0.88): $51.14 settles it.
    expect(order).toMatchObject({
      total: 4500,
      currency: "GBP",
      market: "gb",
      settlementCurrency: "USD",
      settlementTotal: 5114,
      settlementRatePpm: 880_000,
    });
    const [card] = await cardsFor("harriet@example.test");
    expect(card).toMatchObject({ currency: "GBP", initialAmount: 4500, balance: 4500, orderId: order.id });
    const lines = await db.execute<{ code: string; amount: number; currency: string }>(sql`
      select a.code, l.amount::int as amount, l.currency from ledger_lines l
      join ledger_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
      join gift_card_movements m on e.reference = 'gift_card_movement:' || m.id
      where m.gift_card_id = ${card.id} order by l.amount`);
    expect([...lines]).toEqual([
      { code: "soko:gift_card_liability:GBP", amount: -4500, currency: "GBP" },
      { code: "soko:gift_card_receipts:GBP", amount: 4500, currency: "GBP" },
    ]);

    // Emailed in pounds; its code is refused in a dollar bag with the card's currency named.
    await deliverGiftCard(card.id);
    const [email] = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `gift-card:${card.id}`));
    expect(email.subject).toContain("£45.00");
    const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(email.text)![0];
    expect(await applyGiftCardToBag({ cartId: randomUUID(), currency: "USD", code, address: "203.0.113.9" })).toMatchObject({
      ok: false,
      status: 409,
      message: `Gift card ····${card.last4} is in GBP and can only be used when paying in GBP. Your bag is in USD.`,
    });

    // The balance page shows pounds; to a visitor shopping in dollars it says the same, and where it is spent.
    const balance = async (headers: Record<string, string>) => {
      const request = new Request("http://shop.test/gift-cards/balance", { method: "POST", body: new URLSearchParams({ code }), headers });
      return ((await balanceRoute.action({ request, params: {}, context: {} })) as unknown as { data: Record<string, unknown> }).data;
    };
    expect(await balance(uk)).toMatchObject({ ok: true, balance: 4500, currency: "GBP", elsewhere: null });
    expect(await balance({ "Accept-Language": "en-US" })).toMatchObject({
      ok: true,
      balance: 4500,
      currency: "GBP",
      elsewhere: `Gift card ····${card.last4} is in GBP and can only be used when paying in GBP. You are shopping in USD. To spend it online, choose United Kingdom (GBP) under "Shipping to" at the top of the page.`,
    });
  });

  it("writes a later send day the card's market's way on the payment summary and the return page, not as 2026-12-24", async () => {
    const later = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const [year, month, day] = later.split("-").map(Number);
    const monthName = new Date(Date.UTC(year, month - 1, day)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
    const british = `on ${day} ${monthName} ${year}`;
    const { reply } = await submit(formFor("later-uk@example.test", { amount: "45", currency: "GBP", sendOn: later }), uk);
    expect(reply?.stripePayment).toMatchObject({ currency: "GBP", sendWhen: british });
    const piId = reply!.stripePayment!.clientSecret.split("_secret_")[0];
    await stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa" });
    expect((await complete(piId)).data).toMatchObject({ state: "placed", sendWhen: british });

    const us = await intentFrom(formFor("later-us@example.test", { sendOn: later }));
    await stripe.paymentIntents.confirm(us, { payment_method: "pm_card_visa" });
    expect((await complete(us)).data).toMatchObject({ state: "placed", sendWhen: `on ${monthName} ${day}, ${year}` });
  });

  it("refuses a form whose amounts were shown in another currency than the shopper's market now, before any intent", async () => {
    const before = fake.requests.length;
    const { reply, status } = await submit(formFor("switched@example.test", { amount: "50", currency: "USD" }), uk);
    expect(status).toBe(409);
    expect(reply?.message).toBe("Your shop is now in GBP: please choose the card's amount again, in GBP.");
    expect(fake.requests.length).toBe(before);
  });

  it("refuses a pound amount outside the UK's range, in pounds", async () => {
    const { reply, status } = await submit(formFor("toomuch@example.test", { amount: "900", currency: "GBP" }), uk);
    expect(status).toBe(422);
    expect(reply?.message).toBe("Choose a whole amount from £10.00 to £880.00.");
  });
});

/** An intent as a bag's checkout makes it (metadata cartId), succeeded. */
async function bagIntent() {
  const intent = await stripe.paymentIntents.create({ amount: 4800, currency: "usd", metadata: { cartId: randomUUID() } });
  fake.succeed(intent.id);
  return intent.id;
}
