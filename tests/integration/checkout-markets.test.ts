/**
 * Checkout in the shopper's currency (issue 16, docs/decisions/0021) against the real database and
 * the fake Stripe through the real SDK: a UK bag is priced from the GB list, paid by a GBP
 * PaymentIntent, becomes an order in pounds with its USD settlement and rate, is partly refunded in
 * pounds, and its return refund is booked in USD with the pounds beside. A forged success in the
 * wrong currency makes no order; a bag's currency can't be mixed, even under a burst.
 */
import { eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const { createLocation, createProduct, setStock } = await import("#db/seed/factories");
const { addLine, loadCart, moveCartToMarket } = await import("~/domain/cart/cart.server");
const { applyDiscountCode, checkoutState, saveAddress, saveShippingMethod } = await import("~/domain/checkout/checkout.server");
const { preparePaymentIntent } = await import("~/domain/checkout/stripe-checkout.server");
const { refundOrder } = await import("~/domain/orders/manage.server");
const { orderStatus: loadOrderStatus } = await import("~/domain/orders/status.server");
const webhookRoute = await import("~/routes/webhooks.stripe");
const { db, schema } = await import("~/lib/db.server");

const api = new URL(fake.url);
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });
let earrings: number;
let bangle: number;

const UK = {
  email: "harriet@example.co.uk",
  name: "Harriet Jones",
  line1: "12 Mill Lane",
  city: "Leeds",
  postalCode: "LS1 4AP",
  country: "GB",
};

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  // Priced in every market by the trigger: $48 → £42 (× 0.88, whole pounds), $35 → £31.
  const a = await createProduct(db, { handle: "brass-drops", status: "active", variants: [{ price: 4800 }] });
  const b = await createProduct(db, { handle: "bone-bangle", status: "active", variants: [{ price: 3500 }] });
  earrings = a.variants[0].id;
  bangle = b.variants[0].id;
  await setStock(db, earrings, fc.id, 100);
  await setStock(db, bangle, fc.id, 100);
  await db.insert(schema.discountCodes).values([
    { code: "TENOFF", kind: "fixed", value: 1000, currency: "USD", minSubtotal: 0 },
    { code: "WELCOME10", kind: "percent", value: 10, currency: "USD", minSubtotal: 5000 },
  ]);
});

afterAll(() => fake.close());

async function ukBag(quantity = 2) {
  const added = await addLine(null, earrings, quantity, { market: "gb" });
  if (!added.ok) throw new Error(added.message);
  const saved = await saveAddress(added.cartId, UK);
  if (!saved.ok) throw new Error(saved.message);
  await saveShippingMethod(added.cartId, "standard");
  return added.cartId;
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
  return response.status;
}

describe("a UK shopper's checkout in pounds", () => {
  it("prices the bag from the GB list, VAT inside the total, free UK shipping from £75", async () => {
    const cartId = await ukBag();
    const state = (await checkoutState(cartId))!;
    expect(state.cart).toMatchObject({ market: "gb", currency: "GBP", subtotal: { amount: 8400, currency: "GBP" } });
    expect(state.cart.lines[0].unitPrice).toEqual({ amount: 4200, currency: "GBP" });
    // £84 ≥ £75: standard is free; VAT at 20% inside £84 is £14.
    expect(state.totals).toMatchObject({ subtotal: 8400, shippingTotal: 0, taxTotal: 0, taxIncluded: 1400, total: 8400, taxRate: 2000 });
    // $95.45 at 0.88 (£84 / 0.88 = $95.4545…).
    expect(state.settlement).toEqual({ currency: "USD", total: 9545, ratePpm: 880_000 });
    expect(state.amountDue).toBe(8400);
  });

  it("applies a percent code (its $50 minimum held at £44) and refuses a fixed dollar code, saying why", async () => {
    const cartId = await ukBag();
    expect(await applyDiscountCode(cartId, "TENOFF")).toEqual({
      ok: false,
      reason: "TENOFF is worth $10.00 and can only be used when paying in USD. Your bag is in GBP.",
    });
    expect(await applyDiscountCode(cartId, "WELCOME10")).toEqual({ ok: true, amount: 840, code: "WELCOME10" });
    const state = (await checkoutState(cartId))!;
    // £84 − £8.40 = £75.60 (still free shipping), VAT inside: 7560 / 6 = £12.60.
    expect(state.totals).toMatchObject({ discountTotal: 840, shippingTotal: 0, total: 7560, taxIncluded: 1260 });
  });

  it("refuses an address outside the bag's market and names the market to switch to", async () => {
    const added = await addLine(null, earrings, 1, { market: "gb" });
    if (!added.ok) throw new Error(added.message);
    const result = await saveAddress(added.cartId, { ...UK, country: "FR", postalCode: "75001", city: "Paris" });
    expect(result).toEqual({
      ok: false,
      message:
        "Your bag is priced for the United Kingdom (GBP) and ships to the United Kingdom only. To ship to France, switch to European Union at the top of the page: your bag will be priced in EUR.",
    });
    expect((await checkoutState(added.cartId))!.address).toBeNull();
  });

  it("pays a GBP PaymentIntent and makes an order in pounds with its USD settlement; a partial refund goes back in pounds", async () => {
    const cartId = await ukBag();
    const state = (await checkoutState(cartId))!;
    const prepared = await preparePaymentIntent(cartId, state);
    if (prepared.status !== "ready") throw new Error(prepared.status);
    const created = fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/payment_intents").at(-1)!;
    expect(created.body).toMatchObject({ amount: "8400", currency: "gbp" });

    fake.succeed(prepared.paymentIntentId);
    // The intent as Stripe keeps it carries the currency back.
    expect(fake.intent(prepared.paymentIntentId)).toMatchObject({ amount: 8400, currency: "gbp", status: "succeeded" });
    expect(await webhook(fake.event("payment_intent.succeeded", fake.intent(prepared.paymentIntentId)))).toBe(200);

    const [order] = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.idempotencyKey, `stripe:${prepared.paymentIntentId}`));
    expect(order).toMatchObject({
      currency: "GBP",
      market: "gb",
      subtotal: 8400,
      total: 8400,
      taxTotal: 0,
      taxIncluded: 1400,
      settlementCurrency: "USD",
      settlementTotal: 9545,
      settlementRatePpm: 880_000,
    });
    const [line] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
    expect(line).toMatchObject({ unitPrice: 4200, quantity: 2, total: 8400 });
    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
    expect(payment).toMatchObject({ amount: 8400, currency: "GBP", status: "succeeded" });
    // The shopper's order page: pounds, VAT included.
    const view = (await loadOrderStatus(order.number))!;
    expect(view).toMatchObject({ currency: "GBP", includedTax: { name: "VAT", amount: 1400 } });

    const refunded = await refundOrder({
      number: order.number,
      amount: 2000,
      reason: "Scratched clasp",
      formKey: crypto.randomUUID(),
      actor: "ops:test",
    });
    expect(refunded).toMatchObject({ ok: true, amount: 2000, currency: "GBP" });
    const sent = fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds").at(-1)!;
    expect(sent.body).toMatchObject({ payment_intent: prepared.paymentIntentId, amount: "2000" });
    const [refund] = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
    expect(refund).toMatchObject({ amount: 2000, currency: "GBP", status: "succeeded" });
    expect((await loadOrderStatus(order.number))!.refunded).toBe(2000);

    // The console's refund of £20 is booked with it, in USD at the order's rate, the pounds beside each line.
    const rows = await db.execute<{
      code: string;
      amount: number;
      currency: string;
      presentment_amount: number;
      presentment_currency: string;
    }>(sql`
      select a.code, l.amount, l.currency, l.presentment_amount, l.presentment_currency
        from ledger_lines l join ledger_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
       where e.reference = ${`refund:${refund.id}`} and e.kind = 'order_refund' order by l.amount desc`);
    // £20 / 0.88 = $22.727… → $22.73.
    expect([...rows]).toEqual([
      { code: "soko:sales_returns:USD", amount: 2273, currency: "USD", presentment_amount: 2000, presentment_currency: "GBP" },
      { code: "soko:refunds_paid:USD", amount: -2273, currency: "USD", presentment_amount: -2000, presentment_currency: "GBP" },
    ]);
  });

  it("refuses a signed success for the right amount in the wrong currency: no order, the payment refunded", async () => {
    const cartId = await ukBag();
    const prepared = await preparePaymentIntent(cartId, (await checkoutState(cartId))!);
    if (prepared.status !== "ready") throw new Error(prepared.status);
    fake.succeed(prepared.paymentIntentId);
    const forged = { ...fake.intent(prepared.paymentIntentId), currency: "usd" };
    expect(forged.amount).toBe(8400);
    const refundsBefore = fake.requests.filter((r) => r.path === "/v1/refunds").length;
    expect(await webhook(fake.event("payment_intent.succeeded", forged))).toBe(200);
    const orders = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.idempotencyKey, `stripe:${prepared.paymentIntentId}`));
    expect(orders).toEqual([]);
    expect(fake.requests.filter((r) => r.path === "/v1/refunds").length).toBe(refundsBefore + 1);
    // The bag is still there to pay again.
    expect(await loadCart(cartId)).not.toBeNull();
  });
});

describe("a bag has one market and one currency", () => {
  it("is re-priced whole when the shopper switches market, and the gift cards of the old currency come off", async () => {
    const added = await addLine(null, earrings, 1, { market: "us" });
    if (!added.ok) throw new Error(added.message);
    expect((await loadCart(added.cartId))!.subtotal).toEqual({ amount: 4800, currency: "USD" });
    expect(await moveCartToMarket(added.cartId, "au")).toBe(true);
    expect(await moveCartToMarket(added.cartId, "au")).toBe(false);
    const cart = (await loadCart(added.cartId))!;
    // $48 × 1.70 = A$81.60 → A$81.95 (.95 endings).
    expect(cart).toMatchObject({ market: "au", currency: "AUD", subtotal: { amount: 8195, currency: "AUD" } });
    // Adding from a GB page moves it again, and says so.
    const again = await addLine(added.cartId, bangle, 1, { market: "gb" });
    expect(again).toMatchObject({ ok: true, repriced: true });
    expect((await loadCart(added.cartId))!.lines.map((l) => l.unitPrice)).toEqual([
      { amount: 4200, currency: "GBP" },
      { amount: 3100, currency: "GBP" },
    ]);
  });

  it("can't hold a currency other than its market's (the database refuses)", async () => {
    const added = await addLine(null, earrings, 1, { market: "gb" });
    if (!added.ok) throw new Error(added.message);
    const error = await db.execute(sql`update carts set currency = 'USD' where id = ${added.cartId}`).catch((e: { cause?: unknown }) => e);
    expect(error).toMatchObject({ cause: { constraint_name: "carts_market_currency_fkey" } });
  });

  it("stays in one currency under a burst of adds from two markets", async () => {
    const first = await addLine(null, earrings, 1, { market: "us" });
    if (!first.ok) throw new Error(first.message);
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => addLine(first.cartId, i % 2 ? earrings : bangle, 1, { market: i % 3 ? "gb" : "us" })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const cart = (await loadCart(first.cartId))!;
    expect(cart.lines.every((l) => l.unitPrice.currency === cart.currency && l.purchasable)).toBe(true);
    expect(cart.subtotal.currency).toBe(cart.currency);
    expect(cart.itemCount).toBe(17);
    const [row] = await db
      .select({ market: schema.carts.market, currency: schema.carts.currency })
      .from(schema.carts)
      .where(eq(schema.carts.id, first.cartId));
    expect(["us:USD", "gb:GBP"]).toContain(`${row.market}:${row.currency}`);
  });
});
