/**
 * A UK store in pounds paying through Stripe (docs/decisions/0025), against the real database and
 * the real stripe SDK on the fake Stripe API at its HTTP boundary: a terms order's invoice goes to
 * Stripe in GBP, Stripe's signed `invoice.paid` brings the receivable to zero in pounds and in USD at
 * the order's rate; an order paid by card when placed books its sale (wholesale receipts ← wholesale
 * sales) once, in USD with the pounds beside, however often and however many at once the webhook
 * comes. Forged (unsigned, wrong secret) deliveries change nothing.
 */
import { eq, like, sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";
import { type Jar, requestsTo, run, signedInJar } from "./wholesale-support";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const { createLocation, createProduct, createRetailer, setStock } = await import("#db/seed/factories");
const { pushStripeInvoice } = await import("~/domain/wholesale/invoices.server");
const { toSettlement } = await import("~/domain/markets");
const { action: catalogAction } = await import("~/routes/wholesale.catalog");
const { action: quickAction, loader: quickLoader } = await import("~/routes/wholesale.quick-order");
const { action: webhookAction } = await import("~/routes/webhooks.stripe");
const { db, schema } = await import("~/lib/db.server");

const BASE = "http://shop.test";
const api = new URL(fake.url);
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });
const args = (request: Request) => ({ request, params: {}, context: {} });
const { post, get } = requestsTo(BASE);
/** The GBP list's rate in the migration's demo rows (0.79), the rate an order placed now is booked at. */
const GBP_RATE = 790_000;

let hoop: { id: number; sku: string };
let uk: { retailerId: number; jar: Jar; locationId: number };

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const product = await createProduct(db, {
    title: "Brass Hoops",
    status: "active",
    variants: [{ sku: "GBS-HOOP", price: 4000, wholesalePrice: 2000, minQty: 1, casePack: 1 }],
  });
  hoop = product.variants[0];
  await setStock(db, hoop.id, fc.id, 5_000);
  const { retailer, buyer } = await createRetailer(db, {
    name: "Harlow & Finch",
    currency: "GBP",
    country: "GB",
    paymentTerms: "net30",
    creditLimit: 2_000_000,
    buyer: { email: "buyer@harlow-finch.example" },
  });
  const [location] = await db
    .insert(schema.retailerLocations)
    .values({ retailerId: retailer.id, name: "Main store", line1: "1 High St", city: "London", country: "GB", isDefault: true })
    .returning();
  uk = { retailerId: retailer.id, jar: await signedInJar({ buyerId: buyer!.id }), locationId: location.id };
});

afterAll(() => fake.close());

/** A working draft of `quantity` hoops (£16.00 each on the GBP list) and the total the review shows. */
async function draftOf(quantity: number) {
  const added = await run(
    catalogAction(args(post("/wholesale/catalog", { intent: "add", variantId: String(hoop.id), quantity: String(quantity) }, uk.jar))),
  );
  expect(added.status).toBe(303);
  uk.jar.take(added.response!);
  const review = (await run(quickLoader(args(get("/wholesale/quick-order", uk.jar))))).data.review;
  expect(review.currency).toBe("GBP");
  return review.total as number;
}

function place(total: number, poNumber: string, payment: "net30" | "card") {
  return run(
    quickAction(
      args(
        post(
          "/wholesale/quick-order",
          {
            intent: "place",
            idempotencyKey: crypto.randomUUID(),
            expectedTotal: String(total),
            poNumber,
            name: poNumber,
            retailerLocationId: String(uk.locationId),
            shipWindowStart: "",
            shipWindowEnd: "",
            payment,
          },
          uk.jar,
        ),
      ),
    ),
  );
}

/** POST /webhooks/stripe as Stripe sends it: signed with `secret`, or with no signature at all (null). */
async function deliver(event: object, secret: string | null = "whsec_test") {
  const payload = JSON.stringify(event);
  const headers = new Headers({ "Content-Type": "application/json" });
  if (secret) headers.set("Stripe-Signature", stripe.webhooks.generateTestHeaderString({ payload, secret }));
  const response = await webhookAction(args(new Request(`${BASE}/webhooks/stripe`, { method: "POST", body: payload, headers })));
  return { status: response.status, body: (await response.json()) as { received?: boolean; duplicate?: boolean; error?: string } };
}

/** Sum of an account's lines over the entries whose reference starts with `prefix`: USD booked, and the pounds beside. */
async function balance(account: string, prefix: string) {
  const [row] = await db.execute<{ usd: string | null; gbp: string | null; currencies: string | null; entries: number }>(sql`
    select sum(l.amount)::text as usd, sum(l.presentment_amount)::text as gbp,
           string_agg(distinct l.presentment_currency, ',') as currencies, count(distinct e.id)::int as entries
      from ledger_lines l join ledger_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
     where a.code = ${account} and e.reference like ${`${prefix}%`}`);
  return row;
}

/** Every ledger row that is there now: what a refused or repeated delivery must leave exactly as it was. */
const ledgerSnapshot = async () =>
  db.execute(
    sql`select e.reference, l.amount, l.presentment_amount from ledger_entries e join ledger_lines l on l.entry_id = e.id order by l.id`,
  );

describe("a GBP terms order invoiced and paid through Stripe", () => {
  it("invoices in pounds on Stripe; invoice.paid brings the receivable to zero in GBP and in USD at the order's rate, once", async () => {
    const total = await draftOf(30);
    expect(total).toBe(48_000);
    const placed = await place(total, "HF-STRIPE-1", "net30");
    expect(placed.status).toBe(303);
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.retailerId, uk.retailerId));
    const usd = toSettlement(48_000, GBP_RATE);
    expect(usd).toBe(60_759);
    expect(order).toMatchObject({
      currency: "GBP",
      total: 48_000,
      settlementCurrency: "USD",
      settlementTotal: usd,
      settlementRatePpm: GBP_RATE,
    });
    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.id));
    expect(invoice).toMatchObject({ currency: "GBP", amount: 48_000, provider: "stripe", status: "open" });

    expect(await pushStripeInvoice(invoice.id)).toBe("pushed");
    const ref = (await db.select().from(schema.invoices).where(eq(schema.invoices.id, invoice.id)))[0].providerRef!;
    const remote = fake.invoices.get(ref)!;
    expect(remote).toMatchObject({ currency: "gbp", total: 48_000, status: "open", metadata: { invoiceId: String(invoice.id) } });
    expect(remote.lines.data.every((line) => line.currency === "gbp")).toBe(true);
    // The retailer's Stripe customer, made in the push.
    expect(fake.customers.get(remote.customer)).toMatchObject({ metadata: { retailerId: String(uk.retailerId) } });

    const receivable = () => balance("soko:receivables:USD", `invoice:${invoice.number}`);
    expect(await receivable()).toMatchObject({ usd: String(usd), gbp: "48000", currencies: "GBP" });

    const paid = fake.payInvoice(ref);
    const event = fake.event("invoice.paid", paid);
    // Forged: no signature, then signed with another secret. Nothing moves.
    const before = await ledgerSnapshot();
    expect(await deliver(event, null)).toMatchObject({ status: 400 });
    expect(await deliver(event, "whsec_wrong")).toMatchObject({ status: 400, body: { error: "Invalid signature" } });
    expect((await db.select().from(schema.invoices).where(eq(schema.invoices.id, invoice.id)))[0].status).toBe("open");
    expect(await ledgerSnapshot()).toEqual(before);
    expect(await db.$count(schema.webhookEvents, eq(schema.webhookEvents.eventId, event.id))).toBe(0);

    expect(await deliver(event)).toEqual({ status: 200, body: { received: true } });
    expect((await db.select().from(schema.invoices).where(eq(schema.invoices.id, invoice.id)))[0]).toMatchObject({
      status: "paid",
      amountPaid: 48_000,
    });
    expect((await db.select().from(schema.orders).where(eq(schema.orders.id, order.id)))[0].paymentStatus).toBe("paid");
    expect(await receivable()).toMatchObject({ usd: "0", gbp: "0", currencies: "GBP", entries: 2 });
    expect(await balance("soko:wholesale_receipts:USD", `invoice:${invoice.number}:paid`)).toMatchObject({
      usd: String(usd),
      gbp: "48000",
      currencies: "GBP",
    });
    expect(await balance("soko:wholesale_sales:USD", `invoice:${invoice.number}`)).toMatchObject({ usd: String(-usd), gbp: "-48000" });

    // A replay, and a burst of the same payment under new event ids: nothing more.
    const after = await ledgerSnapshot();
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    const burst = await Promise.all([event, ...Array.from({ length: 4 }, () => fake.event("invoice.paid", paid))].map((e) => deliver(e)));
    expect(burst.every((r) => r.status === 200)).toBe(true);
    expect(await ledgerSnapshot()).toEqual(after);
    expect(await db.$count(schema.orderEvents, sql`${schema.orderEvents.orderId} = ${order.id} and type = 'invoice_paid'`)).toBe(1);
  });
});

describe("a GBP order paid by card when placed", () => {
  it("books its sale once, in USD at the order's rate with the pounds beside, under a burst and replays of the webhook", async () => {
    const total = await draftOf(26); // £416.00, above the £400.00 opening minimum
    expect(total).toBe(41_600);
    const step = await place(total, "HF-CARD-1", "card");
    expect(step.status).toBe(200);
    const piId = step.data.payment.paymentIntentId as string;
    expect(fake.intent(piId)).toMatchObject({ amount: 41_600, currency: "gbp" });
    fake.succeed(piId);
    const event = fake.event("payment_intent.succeeded", fake.intent(piId));

    // Forged first: nothing is placed, nothing booked.
    expect(await deliver(event, null)).toMatchObject({ status: 400 });
    expect(await deliver(event, "whsec_wrong")).toMatchObject({ status: 400, body: { error: "Invalid signature" } });
    expect(await db.$count(schema.orders, eq(schema.orders.idempotencyKey, `stripe:${piId}`))).toBe(0);

    // Stripe's event delivered five times at once, and two more event ids for the same payment.
    const deliveries = await Promise.all(
      [event, event, event, event, event, fake.event("payment_intent.succeeded", fake.intent(piId))].map((e) => deliver(e)),
    );
    expect(deliveries.every((r) => r.status === 200)).toBe(true);
    const orders = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.idempotencyKey, `stripe:${piId}`));
    expect(orders).toHaveLength(1);
    const [order] = orders;
    const usd = toSettlement(41_600, GBP_RATE);
    expect(order).toMatchObject({ currency: "GBP", total: 41_600, paymentStatus: "paid", settlementTotal: usd });
    expect(await db.$count(schema.invoices, eq(schema.invoices.orderId, order.id))).toBe(0);

    const entries = await db
      .select()
      .from(schema.ledgerEntries)
      .where(like(schema.ledgerEntries.reference, `sale:${order.number}%`));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: "wholesale_card_sale", reference: `sale:${order.number}` });
    expect(entries[0].memo).toContain(piId);
    expect(await balance("soko:wholesale_receipts:USD", `sale:${order.number}`)).toEqual({
      usd: String(usd),
      gbp: "41600",
      currencies: "GBP",
      entries: 1,
    });
    expect(await balance("soko:wholesale_sales:USD", `sale:${order.number}`)).toEqual({
      usd: String(-usd),
      gbp: "-41600",
      currencies: "GBP",
      entries: 1,
    });

    const after = await ledgerSnapshot();
    expect(await deliver(fake.event("payment_intent.succeeded", fake.intent(piId)))).toMatchObject({ status: 200 });
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await ledgerSnapshot()).toEqual(after);
  });
});
