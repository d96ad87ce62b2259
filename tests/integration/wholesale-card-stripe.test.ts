/**
 * Wholesale orders paid by card with Stripe configured, against the real database and the real
 * stripe SDK on the fake Stripe API: the review step makes the draft's PaymentIntent, the "browser"
 * confirms it as Stripe.js would, and only Stripe's word (the return page's server-side retrieve or
 * the signed webhook, built with the SDK's own test-header helper) places the order, once, through
 * the wholesale placement: channel wholesale, paid, no invoice.
 */
import { and, eq, isNull } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";
import { type Jar, requestsTo, run, signedInJar } from "./wholesale-support";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const { createLocation, createProduct, createRetailer, setStock } = await import("#db/seed/factories");
const { paymentProvider } = await import("~/domain/payments/choose-provider.server");
const { action: accountAction } = await import("~/routes/wholesale.account");
const { action: quickAction, loader: quickLoader } = await import("~/routes/wholesale.quick-order");
const completeRoute = await import("~/routes/wholesale.checkout.complete");
const { action: webhookAction } = await import("~/routes/webhooks.stripe");
const { db, schema } = await import("~/lib/db.server");
const { sessionStorage } = await import("~/lib/session.server");

const BASE = "http://shop.test";
const api = new URL(fake.url);
/** The test's own SDK client on the fake: it confirms intents as Stripe.js would, and signs webhooks. */
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });
const args = (request: Request) => ({ request, params: {}, context: {} });

const { post, get } = requestsTo(BASE);
const signedIn = (buyerId: number) => signedInJar({ buyerId });

type Store = { retailerId: number; buyerId: number; locationId: number; jar: Jar };

async function store(name: string): Promise<Store> {
  const { retailer, buyer } = await createRetailer(db, {
    name,
    paymentTerms: "net30",
    creditLimit: 5_000_000,
    buyer: { email: `buyer@${name.toLowerCase().replace(/\W+/g, "-")}.example` },
  });
  const jar = await signedIn(buyer!.id);
  await run(
    accountAction(
      args(
        post(
          "/wholesale/account",
          {
            intent: "add-location",
            name: "Main store",
            line1: "1 Main St",
            city: "Oakland",
            region: "CA",
            postalCode: "94611",
            country: "us",
          },
          jar,
        ),
      ),
    ),
  );
  const [location] = await db
    .select({ id: schema.retailerLocations.id })
    .from(schema.retailerLocations)
    .where(eq(schema.retailerLocations.retailerId, retailer.id));
  return { retailerId: retailer.id, buyerId: buyer!.id, locationId: location.id, jar };
}

let hoop: { id: number; sku: string };
let cuff: { id: number; sku: string };
let juniper: Store;
let other: Store;

beforeAll(async () => {
  await db.insert(schema.priceTiers).values([{ code: "standard", name: "Standard", percentOfRetail: 5000 }]);
  await db.insert(schema.settings).values([
    { key: "wholesale.openingMinimum", value: 10_000 },
    { key: "wholesale.reorderMinimum", value: 5_000 },
  ]);
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const a = await createProduct(db, {
    handle: "brass-hoops",
    title: "Brass Hoops",
    status: "active",
    category: "earrings",
    variants: [{ sku: "WC-HOOP", price: 4000, minQty: 1, casePack: 1 }],
  });
  const b = await createProduct(db, {
    handle: "horn-cuff",
    title: "Horn Cuff",
    status: "active",
    category: "bracelets",
    variants: [{ sku: "WC-CUFF", price: 6000, minQty: 1, casePack: 1 }],
  });
  hoop = a.variants[0];
  cuff = b.variants[0];
  await setStock(db, hoop.id, fc.id, 10_000);
  await setStock(db, cuff.id, fc.id, 10_000);
  juniper = await store("Juniper Card");
  other = await store("Other Card");
});

afterAll(() => fake.close());

async function reviewOf(s: Store) {
  return (await run(quickLoader(args(get("/wholesale/quick-order", s.jar))))).data;
}

/** A fresh working draft of `quantity` hoops (1,000 each at the standard tier). */
async function newDraft(s: Store, quantity = 12) {
  const added = await run(
    quickAction(args(post("/wholesale/quick-order", { intent: "rows", sku0: hoop.sku, qty0: String(quantity) }, s.jar))),
  );
  expect(added.status).toBe(303);
  s.jar.take(added.response!);
  const page = await reviewOf(s);
  return { draftId: page.draft.id as number, total: page.review.total as number };
}

/** The review form submitted with "Card" chosen (a fresh form key each time, as a reloaded page has). */
function payByCard(s: Store, total: number, poNumber: string, over: Record<string, string> = {}) {
  const form = {
    intent: "place",
    idempotencyKey: crypto.randomUUID(),
    expectedTotal: String(total),
    poNumber,
    name: "Card order",
    retailerLocationId: String(s.locationId),
    shipWindowStart: "",
    shipWindowEnd: "",
    payment: "card",
    ...over,
  };
  return run(quickAction(args(post("/wholesale/quick-order", form, s.jar))));
}

/** The card step's PaymentIntent for the store's working draft. */
async function cardStep(s: Store, poNumber: string) {
  const { total, draftId } = await newDraft(s);
  const placed = await payByCard(s, total, poNumber);
  expect(placed.status).toBe(200);
  expect(placed.data.intent).toBe("pay");
  return { total, draftId, piId: placed.data.payment.paymentIntentId as string, step: placed.data.payment };
}

/** GET /wholesale/checkout/complete as Stripe's redirect sends it. */
function complete(piId: string, s?: Store, extra: Record<string, string> = {}) {
  return run(
    completeRoute.loader(args(get(`/wholesale/checkout/complete?${new URLSearchParams({ payment_intent: piId, ...extra })}`, s?.jar))),
  );
}

async function webhook(event: object, secret = "whsec_test") {
  const payload = JSON.stringify(event);
  const headers = new Headers({
    "Content-Type": "application/json",
    "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret }),
  });
  const response = await webhookAction(args(new Request(`${BASE}/webhooks/stripe`, { method: "POST", body: payload, headers })));
  return { status: response.status, body: await response.json() };
}

const succeeded = (piId: string) => fake.event("payment_intent.succeeded", fake.intent(piId));
const ordersFor = (piId: string) =>
  db
    .select()
    .from(schema.orders)
    .where(eq(schema.orders.idempotencyKey, `stripe:${piId}`));
const draftExists = async (draftId: number) => (await db.$count(schema.wholesaleDrafts, eq(schema.wholesaleDrafts.id, draftId))) === 1;
const refundsOf = (piId: string) => [...fake.refunds.values()].filter((r) => r.payment_intent === piId).map((r) => r.amount);

/** The flash message a redirect carries, read as the next page would. */
async function flashOf(response: Response) {
  const session = await sessionStorage().getSession(response.headers.get("Set-Cookie"));
  return session.get("flash");
}

describe("wholesale card payments with Stripe", () => {
  it("uses Stripe: the review step shows no card fields of its own", async () => {
    expect(paymentProvider().name).toBe("stripe");
    await newDraft(juniper);
    const page = await reviewOf(juniper);
    expect(page).toMatchObject({ cardFields: false, stripeCards: true });
    expect(page.review.paymentChoices).toEqual(["net30", "card"]);
    await run(quickAction(args(post("/wholesale/quick-order", { intent: "discard", confirm: "yes" }, juniper.jar)))).then((r) =>
      juniper.jar.take(r.response!),
    );
  });

  it("makes one PaymentIntent per draft and total: a reloaded form reuses it, a changed total gets a new one; nothing is ordered", async () => {
    const { total, draftId } = await newDraft(juniper);
    const first = await payByCard(juniper, total, "PO-CARD-1");
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({
      intent: "pay",
      payment: { publishableKey: "pk_test_x", returnUrl: "http://shop.test/wholesale/checkout/complete", amount: total, currency: "USD" },
      details: { poNumber: "PO-CARD-1", retailerLocationId: juniper.locationId },
    });
    const piId = first.data.payment.paymentIntentId;
    const intent = fake.intent(piId);
    expect(first.data.payment.clientSecret).toBe(intent.client_secret);
    expect(intent).toMatchObject({
      amount: total,
      currency: "usd",
      status: "requires_payment_method",
      automatic_payment_methods: { enabled: true },
      metadata: { wholesaleDraftId: String(draftId), retailerId: String(juniper.retailerId), buyerId: String(juniper.buyerId) },
    });
    const created = () =>
      fake.requests.filter(
        (r) =>
          r.method === "POST" &&
          r.path === "/v1/payment_intents" &&
          (r.body.metadata as Record<string, string>)?.wholesaleDraftId === String(draftId),
      );
    expect(created().map((r) => r.idempotencyKey)).toEqual([`wholesale-card:${draftId}:${juniper.buyerId}:${total}`]);
    // The details are kept on the draft: the order is made from them when Stripe says paid.
    const [draft] = await db.select().from(schema.wholesaleDrafts).where(eq(schema.wholesaleDrafts.id, draftId));
    expect(draft).toMatchObject({ poNumber: "PO-CARD-1", retailerLocationId: juniper.locationId });

    // The page reloaded (a new form key) and submitted again: the same intent.
    const again = await payByCard(juniper, total, "PO-CARD-1");
    expect(again.data.payment.paymentIntentId).toBe(piId);
    // A changed quantity changes the total: a new intent for the new amount.
    const changed = await run(
      quickAction(args(post("/wholesale/quick-order", { intent: "set-line", variantId: String(hoop.id), quantity: "20" }, juniper.jar))),
    );
    expect(changed.status).toBe(303);
    const newTotal = (await reviewOf(juniper)).review.total;
    expect(newTotal).toBe(total + 8 * 2000);
    const third = await payByCard(juniper, newTotal, "PO-CARD-1");
    expect(third.data.payment.paymentIntentId).not.toBe(piId);
    expect(fake.intent(third.data.payment.paymentIntentId).amount).toBe(newTotal);
    expect(created()).toHaveLength(3);
    expect(await db.$count(schema.orders, eq(schema.orders.retailerId, juniper.retailerId))).toBe(0);
    expect(await db.$count(schema.payments)).toBe(0);
  });

  it("makes no intent for an order that breaks a rule, or a total the buyer didn't see", async () => {
    const { total } = await newDraft(juniper);
    const before = fake.intents.size;
    const noPo = await payByCard(juniper, total, "");
    expect(noPo.status).toBe(422);
    expect(noPo.data.errors.poNumber).toBe("Enter your PO number.");
    const stale = await payByCard(juniper, total - 1, "PO-STALE");
    expect(stale.status).toBe(409);
    const otherLocation = await payByCard(juniper, total, "PO-THEIRS", { retailerLocationId: String(other.locationId) });
    expect(otherLocation.status).toBe(404);
    expect(fake.intents.size).toBe(before);
  });

  it("the return page asks Stripe, places one paid wholesale order with no invoice, and a reload or the later webhook adds nothing", async () => {
    const { piId, draftId, total, step } = await cardStep(juniper, "PO-RETURN");
    await stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa" });

    const page = await complete(piId, juniper, { payment_intent_client_secret: step.clientSecret, redirect_status: "succeeded" });
    const [order] = await ordersFor(piId);
    expect(order).toMatchObject({
      channel: "wholesale",
      paymentStatus: "paid",
      retailerId: juniper.retailerId,
      total,
      email: "buyer@juniper-card.example",
    });
    expect(page.status).toBe(303);
    expect(page.response!.headers.get("Location")).toBe(`/wholesale/orders?placed=${order.number}`);
    expect(await flashOf(page.response!)).toEqual({ kind: "success", message: `Order ${order.number} placed, paid by card.` });
    juniper.jar.take(page.response!);
    expect(juniper.jar.has("__soko_wholesale_draft")).toBe(false);
    // It asked Stripe, server-side, with the secret key.
    expect(
      fake.requests.some(
        (r) => r.method === "GET" && r.path === `/v1/payment_intents/${piId}` && r.headers.authorization === "Bearer sk_test_x",
      ),
    ).toBe(true);
    const [wholesale] = await db.select().from(schema.wholesaleOrders).where(eq(schema.wholesaleOrders.orderId, order.id));
    expect(wholesale).toMatchObject({
      retailerId: juniper.retailerId,
      buyerId: juniper.buyerId,
      poNumber: "PO-RETURN",
      retailerLocationId: juniper.locationId,
      paymentTerms: "card",
    });
    expect(await db.$count(schema.invoices, eq(schema.invoices.orderId, order.id))).toBe(0);
    expect(
      await db
        .select({ provider: schema.payments.provider, status: schema.payments.status, amount: schema.payments.amount })
        .from(schema.payments)
        .where(eq(schema.payments.orderId, order.id)),
    ).toEqual([{ provider: "stripe", status: "succeeded", amount: total }]);
    expect(await draftExists(draftId)).toBe(false);
    // Stock reserved through the same commit as every order.
    expect(await db.$count(schema.orderLines, eq(schema.orderLines.orderId, order.id))).toBe(1);

    const reload = await complete(piId, juniper);
    expect(reload.response!.headers.get("Location")).toBe(`/wholesale/orders?placed=${order.number}`);
    expect(await webhook(succeeded(piId))).toEqual({ status: 200, body: { received: true } });
    expect(await ordersFor(piId)).toHaveLength(1);
    expect(await db.$count(schema.payments, eq(schema.payments.providerRef, piId))).toBe(1);
    // The sale is in the ledger once, in dollars with nothing beside: wholesale receipts ← wholesale sales.
    const lines = await db
      .select({ code: schema.ledgerAccounts.code, amount: schema.ledgerLines.amount, beside: schema.ledgerLines.presentmentAmount })
      .from(schema.ledgerLines)
      .innerJoin(schema.ledgerEntries, eq(schema.ledgerEntries.id, schema.ledgerLines.entryId))
      .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
      .where(eq(schema.ledgerEntries.reference, `sale:${order.number}`));
    expect(lines).toEqual([
      { code: "soko:wholesale_receipts:USD", amount: total, beside: null },
      { code: "soko:wholesale_sales:USD", amount: -total, beside: null },
    ]);
  });

  it("the signed webhook places the order on its own; a replay is a duplicate and the return page finds the order", async () => {
    const { piId, draftId } = await cardStep(juniper, "PO-HOOK");
    fake.succeed(piId);
    const event = succeeded(piId);
    expect(await webhook(event)).toEqual({ status: 200, body: { received: true } });
    const [order] = await ordersFor(piId);
    expect(order).toMatchObject({ channel: "wholesale", paymentStatus: "paid" });
    expect(await draftExists(draftId)).toBe(false);
    const [{ poNumber }] = await db
      .select({ poNumber: schema.wholesaleOrders.poNumber })
      .from(schema.wholesaleOrders)
      .where(eq(schema.wholesaleOrders.orderId, order.id));
    expect(poNumber).toBe("PO-HOOK");

    expect(await webhook(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    const page = await complete(piId, juniper);
    expect(page.response!.headers.get("Location")).toBe(`/wholesale/orders?placed=${order.number}`);
    expect(await ordersFor(piId)).toHaveLength(1);
  });

  it("refuses a badly signed webhook and places nothing", async () => {
    const { piId, draftId } = await cardStep(juniper, "PO-FORGED");
    fake.succeed(piId);
    expect(await webhook(succeeded(piId), "whsec_wrong")).toMatchObject({ status: 400, body: { error: "Invalid signature" } });
    expect(await ordersFor(piId)).toHaveLength(0);
    expect(await draftExists(draftId)).toBe(true);
    // Stripe's real delivery then places it.
    expect((await webhook(succeeded(piId))).status).toBe(200);
    expect(await ordersFor(piId)).toHaveLength(1);
  });

  it("the return page and the webhook at the same moment make one order", async () => {
    const { piId } = await cardStep(juniper, "PO-RACE");
    fake.succeed(piId);
    const [page, hook] = await Promise.all([complete(piId, juniper), webhook(succeeded(piId))]);
    expect(page.status).toBe(303);
    expect(hook.status).toBe(200);
    const orders = await ordersFor(piId);
    expect(orders).toHaveLength(1);
    expect(page.response!.headers.get("Location")).toBe(`/wholesale/orders?placed=${orders[0].number}`);
    expect(await db.$count(schema.wholesaleOrders, eq(schema.wholesaleOrders.orderId, orders[0].id))).toBe(1);
    expect(refundsOf(piId)).toEqual([]);
  });

  it("never trusts the browser: an unconfirmed or declined intent places nothing and sends the buyer back to the review", async () => {
    const { piId, draftId } = await cardStep(juniper, "PO-DECLINED");
    const unconfirmed = await complete(piId, juniper, { redirect_status: "succeeded" });
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.response!.headers.get("Location")).toBe("/wholesale/quick-order#review");
    expect(await flashOf(unconfirmed.response!)).toMatchObject({ kind: "error", message: expect.stringContaining("didn't go through") });
    await expect(stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_chargeDeclined" })).rejects.toMatchObject({
      type: "StripeCardError",
    });
    expect((await complete(piId, juniper, { redirect_status: "failed" })).response!.headers.get("Location")).toBe(
      "/wholesale/quick-order#review",
    );
    expect(await ordersFor(piId)).toHaveLength(0);
    expect(await draftExists(draftId)).toBe(true);
    await run(quickAction(args(post("/wholesale/quick-order", { intent: "discard", confirm: "yes" }, juniper.jar)))).then((r) =>
      juniper.jar.take(r.response!),
    );
  });

  it("waits on a processing payment with a page that refreshes itself, then places the order", async () => {
    const { piId } = await cardStep(juniper, "PO-PROCESSING");
    fake.process(piId);
    const waiting = await complete(piId, juniper);
    expect(waiting.data).toEqual({ state: "processing", paymentIntentId: piId });
    expect(completeRoute.meta({ data: waiting.data } as Parameters<typeof completeRoute.meta>[0])).toContainEqual({
      httpEquiv: "refresh",
      content: "3",
    });
    expect(await ordersFor(piId)).toHaveLength(0);
    fake.succeed(piId);
    expect((await complete(piId, juniper)).status).toBe(303);
    expect(await ordersFor(piId)).toHaveLength(1);
  });

  it("sends a draft whose intent already succeeded from the review step to the return page", async () => {
    const { piId, total } = await cardStep(juniper, "PO-OTHER-TAB");
    fake.succeed(piId);
    const again = await payByCard(juniper, total, "PO-OTHER-TAB");
    expect(again.status).toBe(303);
    expect(again.response!.headers.get("Location")).toBe(`/wholesale/checkout/complete?payment_intent=${piId}`);
    expect((await complete(piId, juniper)).status).toBe(303);
    expect(await ordersFor(piId)).toHaveLength(1);
  });

  it("refunds and records instead of placing when the order changed after the intent was made; the same total later gets a fresh intent", async () => {
    const { piId, draftId, total } = await cardStep(juniper, "PO-CHANGED");
    // Another tab adds a line after the card step was shown; then the card is confirmed.
    await run(quickAction(args(post("/wholesale/quick-order", { intent: "rows", sku0: cuff.sku, qty0: "2" }, juniper.jar)))).then((r) =>
      juniper.jar.take(r.response!),
    );
    fake.succeed(piId);
    const page = await complete(piId, juniper);
    expect(page.response!.headers.get("Location")).toBe("/wholesale/quick-order#review");
    expect(await flashOf(page.response!)).toEqual({
      kind: "error",
      message: "Your order changed while you were paying, so we refunded that payment. Please review your order and pay again.",
    });
    expect(await ordersFor(piId)).toHaveLength(0);
    expect(refundsOf(piId)).toEqual([total]);
    expect(
      await db
        .select({ status: schema.payments.status, amount: schema.payments.amount })
        .from(schema.payments)
        .where(and(eq(schema.payments.providerRef, piId), isNull(schema.payments.orderId))),
    ).toEqual([{ status: "refunded", amount: total }]);
    expect(await draftExists(draftId)).toBe(true);

    // The webhook for the same payment and a reload of the return page refund nothing more.
    expect((await webhook(succeeded(piId))).status).toBe(200);
    expect((await complete(piId, juniper)).response!.headers.get("Location")).toBe("/wholesale/quick-order#review");
    expect(refundsOf(piId)).toEqual([total]);
    expect(await ordersFor(piId)).toHaveLength(0);

    // Back to the old total: not the refunded intent again, a new one that can be paid.
    await run(
      quickAction(args(post("/wholesale/quick-order", { intent: "set-line", variantId: String(cuff.id), quantity: "0" }, juniper.jar))),
    ).then((r) => juniper.jar.take(r.response!));
    const retry = await payByCard(juniper, total, "PO-CHANGED");
    expect(retry.status).toBe(200);
    const next = retry.data.payment.paymentIntentId;
    expect(next).not.toBe(piId);
    expect(fake.intent(next).amount).toBe(total);
    fake.succeed(next);
    expect((await complete(next, juniper)).status).toBe(303);
    expect(await ordersFor(next)).toHaveLength(1);
  });

  it("refunds a payment whose draft vanished before Stripe's word arrived", async () => {
    const { piId, draftId, total } = await cardStep(juniper, "PO-VANISHED");
    await run(quickAction(args(post("/wholesale/quick-order", { intent: "discard", confirm: "yes" }, juniper.jar)))).then((r) =>
      juniper.jar.take(r.response!),
    );
    expect(await draftExists(draftId)).toBe(false);
    fake.succeed(piId);
    expect((await webhook(succeeded(piId))).status).toBe(200);
    expect(await ordersFor(piId)).toHaveLength(0);
    expect(refundsOf(piId)).toEqual([total]);
    const page = await complete(piId, juniper);
    expect(page.response!.headers.get("Location")).toBe("/wholesale/quick-order#review");
    expect(refundsOf(piId)).toEqual([total]);
  });

  it("refunds when the order would break a rule by the time it is paid (its PO used meanwhile)", async () => {
    const { piId, total, draftId } = await cardStep(juniper, "PO-TAKEN");
    // The paid draft is set aside (saved), and the PO goes on a terms order from another draft first.
    const saved = await run(
      quickAction(
        args(
          post(
            "/wholesale/quick-order",
            { intent: "save", name: "Card order", poNumber: "PO-TAKEN", retailerLocationId: String(juniper.locationId) },
            juniper.jar,
          ),
        ),
      ),
    );
    expect(saved.status).toBe(303);
    juniper.jar.take(saved.response!);
    const before = await newDraft(juniper);
    expect(before.draftId).not.toBe(draftId);
    const terms = await run(
      quickAction(
        args(
          post(
            "/wholesale/quick-order",
            {
              intent: "place",
              idempotencyKey: crypto.randomUUID(),
              expectedTotal: String(before.total),
              poNumber: "PO-TAKEN",
              name: "Terms",
              retailerLocationId: String(juniper.locationId),
              payment: "net30",
            },
            juniper.jar,
          ),
        ),
      ),
    );
    expect(terms.status).toBe(303);
    juniper.jar.take(terms.response!);
    fake.succeed(piId);
    const page = await complete(piId, juniper);
    expect(await flashOf(page.response!)).toEqual({
      kind: "error",
      message: "PO PO-TAKEN is already on one of your orders. Use a new PO number. We refunded your card payment.",
    });
    expect(await ordersFor(piId)).toHaveLength(0);
    expect(refundsOf(piId)).toEqual([total]);
    // The draft is kept, so the buyer can give it a new PO and pay again.
    expect(await draftExists(draftId)).toBe(true);
  });

  it("never completes another retailer's payment: 404, nothing placed; the owner's return page then places it", async () => {
    const { piId, draftId } = await cardStep(juniper, "PO-TENANT");
    fake.succeed(piId);
    const theirs = await complete(piId, other);
    expect(theirs.status).toBe(404);
    expect(await ordersFor(piId)).toHaveLength(0);
    expect(await draftExists(draftId)).toBe(true);
    // Signed out: to the login page, nothing placed.
    const anonymous = await complete(piId);
    expect(anonymous.status).toBe(302);
    expect(anonymous.response!.headers.get("Location")).toMatch(/^\/wholesale\/login\?redirectTo=/);
    expect(await ordersFor(piId)).toHaveLength(0);

    const ours = await complete(piId, juniper);
    expect(ours.status).toBe(303);
    expect(await ordersFor(piId)).toHaveLength(1);
  });

  it("answers 404 to an intent that isn't a wholesale draft's (a web checkout's) or doesn't exist, and 400 to a malformed id", async () => {
    const web = await stripe.paymentIntents.create({ amount: 9600, currency: "usd", metadata: { cartId: crypto.randomUUID() } });
    fake.succeed(web.id);
    expect((await complete(web.id, juniper)).status).toBe(404);
    expect((await complete("pi_doesnotexist", juniper)).status).toBe(404);
    expect((await complete("../v1/refunds", juniper)).status).toBe(400);
    expect(await ordersFor(web.id)).toHaveLength(0);
  });
});
