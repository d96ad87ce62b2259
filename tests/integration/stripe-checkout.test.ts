/**
 * Stripe-mode checkout against the real database: the /checkout loader makes the bag's
 * PaymentIntent through the real stripe SDK (on the fake Stripe API), the "browser" confirms it
 * as Stripe.js would, and /checkout/complete asks Stripe before placing anything. The webhook and
 * the return page meet on the same order key.
 */
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const { createLocation, createProduct, setStock } = await import("#db/seed/factories");
const { addLine } = await import("~/domain/cart/cart.server");
const { saveAddress, saveShippingMethod } = await import("~/domain/checkout/checkout.server");
const { statusPath } = await import("~/domain/orders/status-link.server");
const { paymentProvider } = await import("~/domain/payments/choose-provider.server");
const checkoutRoute = await import("~/routes/checkout");
const completeRoute = await import("~/routes/checkout_.complete");
const webhookRoute = await import("~/routes/webhooks.stripe");
const { db, schema } = await import("~/lib/db.server");
const { cartCookie } = await import("~/lib/session.server");

const api = new URL(fake.url);
/** Plays Stripe.js confirming the intent in the browser (the fake accepts one key), and signs webhooks. */
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

/** A bag with 2 earrings, address and shipping saved; its cookie as the browser would send it. */
async function readyBag({ ready = true } = {}) {
  const added = await addLine(null, earrings, 2);
  if (!added.ok) throw new Error(added.message);
  const cartId = added.cartId;
  if (ready) {
    await saveAddress(cartId, {
      email: "wanjiru@example.com",
      name: "Wanjiru Kamau",
      line1: "9 Bay St",
      city: "Oakland",
      region: "CA",
      postalCode: "94607",
      country: "US",
    });
    await saveShippingMethod(cartId, "standard");
  }
  const cookie = (await cartCookie().serialize(cartId)).split(";")[0];
  return { cartId, cookie };
}

async function openCheckout(cookie: string) {
  const result = await checkoutRoute
    .loader({ request: new Request("http://shop.test/checkout", { headers: { Cookie: cookie } }), params: {}, context: {} })
    .catch((e: unknown) => e);
  if (result instanceof Response) return { redirect: result };
  return { data: result as Awaited<ReturnType<typeof checkoutRoute.loader>> };
}

async function intentFor(cookie: string) {
  const { data } = await openCheckout(cookie);
  const payment = data?.stripePayment;
  if (payment?.status !== "ready") throw new Error(`no payment intent: ${JSON.stringify(payment)}`);
  return payment;
}

/** GET /checkout/complete as Stripe's redirect sends it; a thrown redirect or 4xx is returned. */
async function complete(piId: string, cookie?: string, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({ payment_intent: piId, ...extra });
  const request = new Request(`http://shop.test/checkout/complete?${query}`, { headers: cookie ? { Cookie: cookie } : {} });
  const result = await completeRoute.loader({ request, params: {}, context: {} }).catch((e: unknown) => e);
  return result instanceof Response ? { response: result } : { data: result as Awaited<ReturnType<typeof completeRoute.loader>> };
}

async function webhook(event: object) {
  const payload = JSON.stringify(event);
  const request = new Request("http://shop.test/webhooks/stripe", {
    method: "POST",
    body: payload,
    headers: {
      "Content-Type": "application/json",
      "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_test" }),
    },
  });
  const response = await webhookRoute.action({ request, params: {}, context: {} });
  return { status: response.status, body: await response.json() };
}

const ordersFor = (piId: string) =>
  db
    .select()
    .from(schema.orders)
    .where(eq(schema.orders.idempotencyKey, `stripe:${piId}`));

describe("Stripe-mode checkout", () => {
  it("uses the Stripe provider when its keys are set", () => {
    expect(paymentProvider().name).toBe("stripe");
    expect(paymentProvider().publishableKey).toBe("pk_test_x");
  });

  it("makes no intent until the bag is ready to pay", async () => {
    const { cookie } = await readyBag({ ready: false });
    const before = fake.requests.length;
    const { data } = await openCheckout(cookie);
    expect(data?.provider).toBe("stripe");
    expect(data?.stripePayment).toBeNull();
    expect(fake.requests.length).toBe(before);
  });

  it("gives the payment step one PaymentIntent per bag and total", async () => {
    const { cartId, cookie } = await readyBag();
    const { data } = await openCheckout(cookie);
    const payment = data!.stripePayment!;
    expect(payment).toMatchObject({ status: "ready", publishableKey: "pk_test_x", returnUrl: "http://shop.test/checkout/complete" });
    if (payment.status !== "ready") throw new Error("not ready");
    const total = data!.state.totals.total;
    const intent = fake.intent(payment.paymentIntentId);
    expect(payment.clientSecret).toBe(intent.client_secret);
    expect(intent).toMatchObject({
      amount: total,
      currency: "usd",
      metadata: { cartId },
      status: "requires_payment_method",
      automatic_payment_methods: { enabled: true },
    });
    const created = fake.requests.filter(
      (r) => r.path === "/v1/payment_intents" && r.method === "POST" && (r.body.metadata as { cartId?: string })?.cartId === cartId,
    );
    expect(created.map((r) => r.idempotencyKey)).toEqual([`cart:${cartId}:${total}`]);

    // Reloading the page reuses the intent.
    expect((await intentFor(cookie)).paymentIntentId).toBe(payment.paymentIntentId);
    // A changed total gets its own intent for the new amount.
    await addLine(cartId, bracelet, 1);
    const { data: after } = await openCheckout(cookie);
    const changed = after!.stripePayment!;
    if (changed.status !== "ready") throw new Error("not ready");
    expect(after!.state.totals.total).toBeGreaterThan(total);
    expect(changed.paymentIntentId).not.toBe(payment.paymentIntentId);
    expect(fake.intent(changed.paymentIntentId).amount).toBe(after!.state.totals.total);
  });

  it("places exactly one order on the return page once Stripe says succeeded, and the webhook after it adds nothing", async () => {
    const { cartId, cookie } = await readyBag();
    const payment = await intentFor(cookie);
    const piId = payment.paymentIntentId;
    await stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa" });

    const { response } = await complete(piId, cookie, { payment_intent_client_secret: payment.clientSecret, redirect_status: "succeeded" });
    const [order] = await ordersFor(piId);
    expect(order).toMatchObject({ paymentStatus: "paid", email: "wanjiru@example.com", channel: "web" });
    expect(response?.status).toBe(303);
    expect(response?.headers.get("Location")).toBe(statusPath(order.number));
    expect(response?.headers.get("Set-Cookie")).toMatch(/^__soko_cart=;.*Max-Age=0/i);
    // …and remembers, signed, which order the bag became (a second tab's empty bag names it).
    expect(response?.headers.getSetCookie().filter((c) => c.startsWith("__soko_placed="))).toHaveLength(1);
    expect(await db.$count(schema.carts, eq(schema.carts.id, cartId))).toBe(0);
    // It asked Stripe, server-side, with the secret key.
    expect(
      fake.requests.some(
        (r) => r.method === "GET" && r.path === `/v1/payment_intents/${piId}` && r.headers.authorization === "Bearer sk_test_x",
      ),
    ).toBe(true);

    // Reloading the return page lands on the same order.
    const again = await complete(piId, cookie);
    expect(again.response?.headers.get("Location")).toBe(statusPath(order.number));
    // Stripe's webhook for the same payment arrives afterwards.
    expect(await webhook(fake.event("payment_intent.succeeded", fake.intent(piId)))).toEqual({ status: 200, body: { received: true } });
    expect(await ordersFor(piId)).toHaveLength(1);
    expect(await db.$count(schema.payments, eq(schema.payments.providerRef, piId))).toBe(1);
  });

  it("when the webhook came first, the return page finds its order, and a replayed webhook changes nothing", async () => {
    const { cookie } = await readyBag();
    const { paymentIntentId: piId } = await intentFor(cookie);
    fake.succeed(piId);
    const event = fake.event("payment_intent.succeeded", fake.intent(piId));
    expect((await webhook(event)).status).toBe(200);
    const [order] = await ordersFor(piId);
    expect(order.paymentStatus).toBe("paid");

    const { response } = await complete(piId, cookie);
    expect(response?.headers.get("Location")).toBe(statusPath(order.number));
    expect(await webhook(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await ordersFor(piId)).toHaveLength(1);
  });

  it("the return page and the webhook at the same moment make one order", async () => {
    const { cookie } = await readyBag();
    const { paymentIntentId: piId } = await intentFor(cookie);
    fake.succeed(piId);
    const [page, hook] = await Promise.all([complete(piId, cookie), webhook(fake.event("payment_intent.succeeded", fake.intent(piId)))]);
    expect(page.response?.status).toBe(303);
    expect(hook.status).toBe(200);
    expect(await ordersFor(piId)).toHaveLength(1);
  });

  it("never trusts the browser: an unconfirmed intent with redirect_status=succeeded places nothing", async () => {
    const { cartId, cookie } = await readyBag();
    const { paymentIntentId: piId } = await intentFor(cookie);
    const { response } = await complete(piId, cookie, { redirect_status: "succeeded" });
    expect(response?.status).toBe(303);
    expect(response?.headers.get("Location")).toBe("/checkout?payment=failed");
    expect(await ordersFor(piId)).toHaveLength(0);
    expect(await db.$count(schema.carts, eq(schema.carts.id, cartId))).toBe(1);
  });

  it("sends a declined payment back to the checkout with the message", async () => {
    const { cookie } = await readyBag();
    const { paymentIntentId: piId } = await intentFor(cookie);
    await expect(stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_chargeDeclined" })).rejects.toMatchObject({
      type: "StripeCardError",
      code: "card_declined",
    });
    const { response } = await complete(piId, cookie, { redirect_status: "failed" });
    expect(response?.headers.get("Location")).toBe("/checkout?payment=failed");
    expect(await ordersFor(piId)).toHaveLength(0);
  });

  it("waits on a processing payment with a page that refreshes itself, then places the order", async () => {
    const { cookie } = await readyBag();
    const { paymentIntentId: piId } = await intentFor(cookie);
    fake.process(piId);
    const { data } = await complete(piId, cookie);
    expect(data).toEqual({ state: "processing", paymentIntentId: piId });
    const meta = completeRoute.meta({ data } as Parameters<typeof completeRoute.meta>[0]);
    expect(meta).toContainEqual({ httpEquiv: "refresh", content: "3" });
    expect(await ordersFor(piId)).toHaveLength(0);

    fake.succeed(piId);
    const { response } = await complete(piId, cookie);
    const [order] = await ordersFor(piId);
    expect(response?.headers.get("Location")).toBe(statusPath(order.number));
  });

  it("confirms the order without revealing its private link to a browser that does not hold the bag", async () => {
    const { cookie } = await readyBag();
    const { paymentIntentId: piId } = await intentFor(cookie);
    fake.succeed(piId);
    const { data, response } = await complete(piId);
    expect(response).toBeUndefined();
    const [order] = await ordersFor(piId);
    expect(data).toEqual({ state: "placed", orderNumber: order.number });
  });

  it("refunds instead of placing when the bag changed after the intent was made", async () => {
    const { cartId, cookie } = await readyBag();
    const { paymentIntentId: piId } = await intentFor(cookie);
    await addLine(cartId, bracelet, 1);
    fake.succeed(piId);
    const { response } = await complete(piId, cookie);
    expect(response?.headers.get("Location")).toBe("/checkout?payment=refunded");
    expect(await ordersFor(piId)).toHaveLength(0);
    expect([...fake.refunds.values()].filter((r) => r.payment_intent === piId).map((r) => r.amount)).toEqual([fake.intent(piId).amount]);
    // The next visit to the checkout makes an intent for the new total.
    const next = await intentFor(cookie);
    expect(next.paymentIntentId).not.toBe(piId);
  });

  it("sends a bag whose intent already succeeded from /checkout to the return page", async () => {
    const { cookie } = await readyBag();
    const { paymentIntentId: piId } = await intentFor(cookie);
    fake.succeed(piId);
    const { redirect } = await openCheckout(cookie);
    expect(redirect?.status).toBe(302);
    expect(redirect?.headers.get("Location")).toBe(`/checkout/complete?payment_intent=${piId}`);
  });

  it("answers 400 to a malformed intent id and 404 to an unknown one", async () => {
    const bad = await complete("../v1/refunds");
    expect(bad.response?.status).toBe(400);
    const unknown = await complete("pi_doesnotexist");
    expect(unknown.response?.status).toBe(404);
  });
});
