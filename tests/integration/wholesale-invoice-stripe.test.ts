/**
 * Wholesale invoices through Stripe Invoicing: the real stripe SDK against the fake Stripe API, the
 * push job (customer per retailer, items per line, finalize, send) with its idempotency, and the
 * `invoice.paid` webhook signed with the SDK's own helper: paid once, duplicates and late or early
 * events harmless.
 */
import { and, eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const { createLocation, createProduct, createRetailer } = await import("#db/seed/factories");
const { pushStripeInvoice } = await import("~/domain/wholesale/invoices.server");
const { action: webhookAction } = await import("~/routes/webhooks.stripe");
const { db, schema } = await import("~/lib/db.server");
const { placeWholesaleOrder } = await import("./wholesale-invoice-support");

const api = new URL(fake.url);
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });
let retailerId: number;
let buyer: { id: number; email: string };
let variants: number[];

beforeAll(async () => {
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const a = await createProduct(db, { title: "Kazuri Bead Necklace", status: "active", variants: [{ sku: "NCK-BEAD-KAZ", price: 5600 }] });
  const b = await createProduct(db, { title: "Bone Stud Earrings", status: "active", variants: [{ sku: "EAR-BONE-STD", price: 2800 }] });
  variants = [a.variants[0].id, b.variants[0].id];
  const created = await createRetailer(db, {
    name: "Department Store West",
    paymentTerms: "net60",
    creditLimit: 10_000_000,
    buyer: { email: "buyer@dsw.test", name: "Ana Ruiz" },
  });
  retailerId = created.retailer.id;
  buyer = { id: created.buyer!.id, email: created.buyer!.email };
});

afterAll(() => fake.close());

const order = (poNumber: string) =>
  placeWholesaleOrder({
    retailerId,
    buyer,
    terms: "net60",
    poNumber,
    shipping: 4500,
    lines: [
      { variantId: variants[0], quantity: 48, unitPrice: 2800 },
      { variantId: variants[1], quantity: 24, unitPrice: 1400 },
    ],
  });

async function deliver(event: object, secret = "whsec_test") {
  const payload = JSON.stringify(event);
  const headers = new Headers({
    "Content-Type": "application/json",
    "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret }),
  });
  const response = await webhookAction({
    request: new Request("http://shop.test/webhooks/stripe", { method: "POST", body: payload, headers }),
    params: {},
    context: {},
  });
  return { status: response.status, body: (await response.json()) as { received: boolean; duplicate?: boolean; error?: string } };
}

const invoiceRow = async (id: number) => (await db.select().from(schema.invoices).where(eq(schema.invoices.id, id)))[0];
const stripeCalls = (path: RegExp) => fake.requests.filter((r) => r.method === "POST" && path.test(r.path));

describe("Stripe Invoicing", () => {
  it("creates a Stripe invoice after commit by a job: one customer per retailer, an item per line, send_invoice with days_until_due, finalized and sent; emails the buyer with the pay link", async () => {
    const placed = await order("DSW-1001");
    expect(placed.invoice).toMatchObject({ provider: "stripe", created: true });
    const id = placed.invoice!.id;
    expect(await invoiceRow(id)).toMatchObject({ provider: "stripe", providerRef: null, status: "open" });
    // Nothing went to Stripe inside the order's transaction: a job waits for it.
    expect(fake.invoices.size).toBe(0);
    const [job] = await db.execute<{ payload: { invoiceId: number }; key: string | null }>(sql`
      select j.payload, j.key from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'wholesale_invoice_stripe'`);
    expect(job).toMatchObject({ payload: { invoiceId: id }, key: `wholesale_invoice_stripe:${id}` });
    // No issued email before Stripe has the invoice (it carries Stripe's pay link).
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.template, "invoice-issued"))).toHaveLength(0);

    expect(await pushStripeInvoice(id)).toBe("pushed");
    const row = await invoiceRow(id);
    expect(row.providerRef).toMatch(/^in_/);
    const remote = fake.invoices.get(row.providerRef!)!;
    expect(remote).toMatchObject({
      status: "open",
      collection_method: "send_invoice",
      days_until_due: 60,
      number: row.number,
      currency: "usd",
      total: row.amount,
      sent_count: 1,
      metadata: { invoiceId: String(id), invoiceNumber: row.number, orderNumber: placed.number, retailerId: String(retailerId) },
    });
    expect(remote.custom_fields).toEqual([{ name: "PO number", value: "DSW-1001" }]);
    expect(remote.lines.data.map((l) => [l.description, l.amount])).toEqual([
      ["Kazuri Bead Necklace (NCK-BEAD-KAZ) × 48", 48 * 2800],
      ["Bone Stud Earrings (EAR-BONE-STD) × 24", 24 * 1400],
      ["Shipping", 4500],
    ]);
    const customer = fake.customers.get(remote.customer)!;
    expect(customer).toMatchObject({
      name: "Department Store West",
      email: "buyer@dsw.test",
      metadata: { retailerId: String(retailerId) },
    });
    // Every write carried an idempotency key rooted in our invoice id.
    for (const request of stripeCalls(/^\/v1\/(invoices|invoiceitems)/))
      expect(request.idempotencyKey).toMatch(new RegExp(`^soko-invoice:${id}:`));

    const [email] = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "invoice-issued"));
    expect(email.to).toBe("buyer@dsw.test");
    expect(email.html).toContain(`https://invoice.stripe.test/i/${row.providerRef}`);
    expect(email.html).toContain(`http://shop.test/wholesale/invoices/${row.number}.pdf`);
  });

  it("is idempotent: the job run again, or resumed after a crash mid-way, makes no second invoice, item or customer", async () => {
    const placed = await order("DSW-1002");
    const id = placed.invoice!.id;
    const customersBefore = fake.customers.size;
    // A first attempt dies after Stripe made the draft (its id saved) but before items and finalize.
    const draft = await stripe.invoices.create(
      {
        customer: [...fake.customers.keys()][0],
        currency: "usd",
        collection_method: "send_invoice",
        days_until_due: 60,
        auto_advance: false,
        number: placed.invoice!.number,
        metadata: { invoiceId: String(id) },
      },
      { idempotencyKey: `soko-invoice:${id}:create` },
    );
    await db.update(schema.invoices).set({ providerRef: draft.id }).where(eq(schema.invoices.id, id));

    expect(await pushStripeInvoice(id)).toBe("pushed");
    expect(await pushStripeInvoice(id)).toBe("pushed");
    const mine = [...fake.invoices.values()].filter((i) => i.metadata.invoiceId === String(id));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: draft.id, status: "open", total: placed.invoice!.amount });
    expect(mine[0].lines.data).toHaveLength(3);
    // The retailer's customer was found by its metadata, not made again.
    expect(fake.customers.size).toBe(customersBefore);
    expect(
      await db
        .select()
        .from(schema.outbox)
        .where(
          and(
            eq(schema.outbox.template, "invoice-issued"),
            sql`${schema.outbox.dedupeKey} like ${`invoice-issued:${placed.invoice!.number}:%`}`,
          ),
        ),
    ).toHaveLength(1);
  });

  it("marks the invoice paid on invoice.paid (amount paid, paid at), settles the order, and ignores duplicates and later events", async () => {
    const placed = await order("DSW-1003");
    const id = placed.invoice!.id;
    await pushStripeInvoice(id);
    const ref = (await invoiceRow(id)).providerRef!;
    const paid = fake.payInvoice(ref);
    const event = fake.event("invoice.paid", paid);

    expect(await deliver(event)).toEqual({ status: 200, body: { received: true } });
    const row = await invoiceRow(id);
    expect(row).toMatchObject({ status: "paid", amountPaid: placed.invoice!.amount });
    expect(row.paidAt?.getTime()).toBe(paid.status_transitions.paid_at! * 1000);
    const [orderRow] = await db.select().from(schema.orders).where(eq(schema.orders.id, placed.orderId));
    expect(orderRow.paymentStatus).toBe("paid");

    // The same event again: recorded once, nothing changes.
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    // Another event id for the same payment (Stripe retried with a new event, or invoice.paid after
    // a later invoice.payment_succeeded): the invoice is already paid, the first paid-at stays.
    expect(
      await deliver(
        fake.event("invoice.paid", {
          ...paid,
          status_transitions: { ...paid.status_transitions, paid_at: paid.status_transitions.paid_at! + 3600 },
        }),
      ),
    ).toMatchObject({ status: 200 });
    expect((await invoiceRow(id)).paidAt?.getTime()).toBe(row.paidAt?.getTime());
    const events = await db
      .select()
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, placed.orderId), eq(schema.orderEvents.type, "invoice_paid")));
    expect(events).toHaveLength(1);
  });

  it("applies an invoice.paid that arrives before the push saved Stripe's id (found by our id in the metadata)", async () => {
    const placed = await order("DSW-1004");
    const id = placed.invoice!.id;
    const early = fake.event("invoice.paid", {
      id: "in_arrived_early",
      object: "invoice",
      amount_paid: placed.invoice!.amount,
      currency: "usd",
      status: "paid",
      status_transitions: { paid_at: 1_790_000_000 },
      metadata: { invoiceId: String(id) },
    });
    expect(await deliver(early)).toEqual({ status: 200, body: { received: true } });
    expect(await invoiceRow(id)).toMatchObject({ status: "paid", providerRef: "in_arrived_early", amountPaid: placed.invoice!.amount });
    // The push that comes later leaves a paid invoice alone.
    const before = fake.invoices.size;
    expect(await pushStripeInvoice(id)).toBe("skipped");
    expect(fake.invoices.size).toBe(before);
  });

  it("ignores a paid invoice that isn't one of ours, and refuses a malformed or badly signed invoice.paid with 400", async () => {
    const before = await db.select({ status: schema.invoices.status }).from(schema.invoices);
    expect(
      await deliver(fake.event("invoice.paid", { id: "in_from_dashboard", object: "invoice", amount_paid: 1000, metadata: {} })),
    ).toEqual({ status: 200, body: { received: true } });
    expect(await db.select({ status: schema.invoices.status }).from(schema.invoices)).toEqual(before);
    expect(await deliver(fake.event("invoice.paid", { object: "invoice", amount_paid: "lots" }))).toEqual({
      status: 400,
      body: { received: false, error: "Malformed event" },
    });
    expect(await deliver(fake.event("invoice.paid", { id: "in_x", amount_paid: 5 }), "whsec_wrong")).toMatchObject({
      status: 400,
      body: { error: "Invalid signature" },
    });
    const [{ n }] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from webhook_events where payload->'data'->'object'->>'amount_paid' = 'lots'`,
    );
    expect(n).toBe(0);
  });
});
