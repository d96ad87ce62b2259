/**
 * Refunds through the Stripe adapter (the real SDK against tests/fakes/stripe.ts): one refund at the
 * provider for a double submit, and a provider failure recorded as failed, never as succeeded. A
 * refund Stripe made but answered as failed (the connection dropped after it made it: a timeout as
 * we see it) is found before staff refunding again from a new form (the page reloaded after the
 * failure) send anything: recorded as made, booked and emailed once, and counted against what is
 * left, so the shopper is never refunded twice (docs/decisions/0020).
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { startFakeStripe } from "../fakes/stripe";
import { applyRefundTotal } from "~/domain/checkout/index.server";
import { orderLedger } from "~/domain/ledger/index.server";
import { commitOrder } from "~/domain/orders/commit.server";
import { refundOrder } from "~/domain/orders/manage.server";
import { orderDetail } from "~/domain/orders/ops-queries.server";
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

/** An order paid by `providerRef`, its shopper's own address (so her emails can be counted). */
async function placeOrder(total: number, providerRef: string) {
  const email = `shopper-${randomUUID()}@example.test`;
  const order = await db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email,
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
  return { ...order, email, intent: providerRef };
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

const DROPPED = "An error occurred with our connection to Stripe.";

const refund = (number: string, amount: number | "remaining", formKey = randomUUID(), actor = "staff:1") =>
  refundOrder({ number, amount, reason: "Arrived scratched", formKey, actor });

/**
 * What Stripe holds for the intent: each refund's amount, and the refunds asked for (by key: the SDK
 * sends a request whose connection dropped once more under the same key, which Stripe answers alike).
 */
function atStripe(intent: string) {
  const asked = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds" && r.body.payment_intent === intent);
  return {
    refunds: [...stripe.refunds.values()].filter((r) => r.payment_intent === intent).map((r) => r.amount),
    asked: new Set(asked.map((r) => r.idempotencyKey)).size,
  };
}

/** What we hold: the refunds rows, the ledger entries booking them, the shopper's emails, the events. */
async function recorded(order: { id: number; email: string }) {
  const rows = await db
    .select({
      id: schema.refunds.id,
      amount: schema.refunds.amount,
      status: schema.refunds.status,
      providerRef: schema.refunds.providerRef,
      key: schema.refunds.idempotencyKey,
    })
    .from(schema.refunds)
    .where(eq(schema.refunds.orderId, order.id))
    .orderBy(asc(schema.refunds.id));
  const references = rows.map((r) => `refund:${r.id}`);
  const entries = references.length
    ? await db
        .select({ reference: schema.ledgerEntries.reference, amount: schema.ledgerLines.amount, account: schema.ledgerAccounts.code })
        .from(schema.ledgerEntries)
        .innerJoin(schema.ledgerLines, eq(schema.ledgerLines.entryId, schema.ledgerEntries.id))
        .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
        .where(and(inArray(schema.ledgerEntries.reference, references), eq(schema.ledgerAccounts.code, "soko:refunds_paid:USD")))
        .orderBy(asc(schema.ledgerEntries.id))
    : [];
  const emails = await db
    .select({ dedupeKey: schema.outbox.dedupeKey })
    .from(schema.outbox)
    .where(and(eq(schema.outbox.to, order.email), eq(schema.outbox.template, "refund-issued")))
    .orderBy(asc(schema.outbox.id));
  const events = await db
    .select({ type: schema.orderEvents.type, data: schema.orderEvents.data })
    .from(schema.orderEvents)
    .where(eq(schema.orderEvents.orderId, order.id))
    .orderBy(asc(schema.orderEvents.id));
  const [row] = await db.select({ paymentStatus: schema.orders.paymentStatus }).from(schema.orders).where(eq(schema.orders.id, order.id));
  return {
    rows,
    booked: entries.map((e) => [e.reference, -e.amount]),
    emails: emails.map((e) => e.dedupeKey),
    events: events.map((e) => e.type),
    paymentStatus: row.paymentStatus,
  };
}

/** Stripe makes the refund and the connection drops before its answer: recorded as failed, as before. */
async function timedOut(order: { number: string; intent: string }, amount: number, formKey = randomUUID()) {
  stripe.refundFaults.push("drop");
  const failed = await refund(order.number, amount, formKey);
  expect(failed).toMatchObject({ ok: false, status: 502 });
  if (failed.ok) throw new Error("refunded");
  expect(failed.message).toContain(DROPPED);
  expect(failed.message).toMatch(/ Nothing was refunded\.$/);
  return formKey;
}

/** Stripe's charge.refunded event as the webhook applies it: the charge's refunded total, now or as given. */
const stripeEvent = (order: { intent: string }, amountRefunded = stripe.chargeOf(order.intent).amount_refunded) =>
  db.transaction((tx) => applyRefundTotal(tx, { providerRef: order.intent, amountRefunded, currency: "usd" }));

/** What the webhook wrote before it asked Stripe about refunds answered as failed: a row and a line for the whole total. */
async function olderStripeEcho(order: { id: number; intent: string }, total: number) {
  const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
  await db.insert(schema.refunds).values({
    orderId: order.id,
    paymentId: payment.id,
    amount: total,
    currency: "USD",
    reason: "Refunded through Stripe",
    providerRef: `${order.intent}:${total}`,
    status: "succeeded",
  });
  await db
    .insert(schema.orderEvents)
    .values({ orderId: order.id, type: "refunded", actor: "stripe", data: { amount: total, currency: "USD", totalRefunded: total } });
}

/** The order page's history lines that move money back, with their amounts. */
async function refundHistory(number: string) {
  const detail = await orderDetail(number);
  return (detail?.history ?? [])
    .filter((e) => e.type.startsWith("refund"))
    .map(
      (e) =>
        `${e.summary.replace(/^(Refund failed): An error occurred with our connection to Stripe\..*$/, "$1 (no answer)")}${e.money ? ` $${(e.money.amount / 100).toFixed(2)}` : ""}`,
    );
}

describe("a console refund Stripe made but answered as failed", () => {
  it("is recorded as made on a new form's refund, which sends nothing more: one refund at Stripe, booked and emailed once", async () => {
    const order = await paidOrder();
    const first = await timedOut(order, 5400);
    expect(atStripe(order.intent)).toEqual({ refunds: [5400], asked: 1 });
    const before = await recorded(order);
    expect(before.rows).toEqual([
      { id: expect.any(Number), amount: 5400, status: "failed", providerRef: null, key: `refund:${order.number}:${first}` },
    ]);
    expect(before).toMatchObject({ booked: [], emails: [], paymentStatus: "paid" });

    // The page reloaded (a new form, a new key) and the full amount asked for again.
    const again = await refund(order.number, 5400, randomUUID(), "staff:2");
    expect(again).toEqual({
      ok: false,
      status: 422,
      message:
        "A refund of $54.00 that timed out earlier did go through; it is now recorded. Nothing more was refunded. This order has already been refunded in full ($54.00).",
    });
    expect(atStripe(order.intent)).toEqual({ refunds: [5400], asked: 1 });
    const made = [...stripe.refunds.values()].find((r) => r.payment_intent === order.intent)!;
    const after = await recorded(order);
    const id = before.rows[0].id;
    expect(after).toEqual({
      rows: [{ id, amount: 5400, status: "succeeded", providerRef: made.id, key: `refund:${order.number}:${first}` }],
      booked: [[`refund:${id}`, 5400]],
      emails: [`refund:${id}`],
      events: ["placed", "paid", "refund_failed", "refunded"],
      paymentStatus: "refunded",
    });
    const [audit] = await db
      .select({ actor: schema.auditLog.actor, data: schema.auditLog.data })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.subject, `order:${order.number}`), eq(schema.auditLog.action, "order.refund")));
    // Made by whoever asked for it (staff:1); staff:2's new form only found it.
    expect(audit).toEqual({
      actor: "staff:1",
      data: expect.objectContaining({
        refundId: id,
        amount: 5400,
        providerRef: made.id,
        status: "succeeded",
        adopted: true,
        foundBy: "staff:2",
      }),
    });

    // The ops page: the money, its ledger and the history say what happened.
    const ledger = await orderLedger(order.number);
    expect(ledger.filter((e) => e.kind === "order_refund").map((e) => e.reference)).toEqual([`refund:${id}`]);
    const detail = await orderDetail(order.number);
    expect(detail?.money).toEqual({ paid: 5400, refunded: 5400, refundable: 0 });
    const summaries = detail?.history.filter((e) => e.summary.startsWith("Refund")).map((e) => e.summary);
    expect(summaries).toEqual([
      expect.stringMatching(/^Refund failed: An error occurred with our connection to Stripe\./),
      "Refunded after all (an attempt answered as failed, found at the provider): Arrived scratched",
    ]);

    // The first form sent again is that refund, already made; another new form finds nothing left.
    expect(await refund(order.number, 5400, first)).toMatchObject({
      ok: true,
      duplicate: true,
      refundId: id,
      message: "That refund of $54.00 was already made; nothing more was refunded.",
    });
    expect(await refund(order.number, "remaining")).toEqual({
      ok: false,
      status: 422,
      message: "This order has already been refunded in full ($54.00).",
    });
    expect(atStripe(order.intent)).toEqual({ refunds: [5400], asked: 1 });
    expect(await recorded(order)).toEqual(after);
  });

  it("counts in what is left when a new refund still fits: both go out, the total is right, each booked once", async () => {
    const order = await paidOrder();
    await timedOut(order, 2000);
    const again = await refund(order.number, 2000);
    expect(again).toMatchObject({
      ok: true,
      duplicate: false,
      amount: 2000,
      paymentStatus: "partially_refunded",
      message: "A refund of $20.00 that timed out earlier did go through; it is now recorded. Refunded $20.00 more.",
    });
    expect(atStripe(order.intent)).toEqual({ refunds: [2000, 2000], asked: 2 });
    expect(stripe.chargeOf(order.intent).amount_refunded).toBe(4000);

    // What is left is $14.00, not $34.00: more than that is refused, "remaining" shrinks to it.
    expect(await refund(order.number, 3400)).toEqual({
      ok: false,
      status: 422,
      message: "You can refund at most $14.00: $54.00 was paid and $40.00 has already been refunded.",
    });
    expect(await refund(order.number, "remaining")).toMatchObject({ ok: true, amount: 1400, paymentStatus: "refunded" });
    expect(atStripe(order.intent)).toEqual({ refunds: [2000, 2000, 1400], asked: 3 });

    const { rows, booked, emails, events, paymentStatus } = await recorded(order);
    expect(rows.map((r) => [r.amount, r.status])).toEqual([
      [2000, "succeeded"],
      [2000, "succeeded"],
      [1400, "succeeded"],
    ]);
    expect(new Set(rows.map((r) => r.providerRef)).size).toBe(3);
    expect(booked).toEqual(rows.map((r) => [`refund:${r.id}`, r.amount]));
    expect(emails).toEqual(rows.map((r) => `refund:${r.id}`));
    expect(events).toEqual(["placed", "paid", "refund_failed", "refunded", "refunded", "refunded"]);
    expect(paymentStatus).toBe("refunded");
  });

  it("holds a new refund back with a 502 while Stripe can't be asked, and sends nothing", async () => {
    const order = await paidOrder();
    await timedOut(order, 5400);
    const before = await recorded(order);
    // Stripe's 500, then the connection dropped (twice: the SDK asks once more after a dropped connection).
    for (const faults of [["unavailable"], ["drop", "drop"]] as const) {
      stripe.refundLookupFaults.push(...faults);
      expect(await refund(order.number, 1000)).toEqual({
        ok: false,
        status: 502,
        message:
          "We couldn't ask the card company whether an earlier refund of this order that timed out went through, so nothing was refunded. Try again in a minute.",
      });
      expect(atStripe(order.intent)).toEqual({ refunds: [5400], asked: 1 });
      expect(await recorded(order)).toEqual(before);
      expect(stripe.refundLookupFaults).toEqual([]);
    }
    // Stripe answers again: the refund it made is found, and the $10.00 doesn't fit.
    expect(await refund(order.number, 1000)).toMatchObject({ ok: false, status: 422 });
    expect(atStripe(order.intent)).toEqual({ refunds: [5400], asked: 1 });
    expect(await recorded(order)).toMatchObject({ booked: [[expect.any(String), 5400]], paymentStatus: "refunded" });
  });

  it("is adopted once by a burst of new forms pressed at the same time", async () => {
    const order = await paidOrder();
    await timedOut(order, 5400);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => refund(order.number, 5400, randomUUID(), `staff:${i + 1}`)));
    expect(results.every((r) => !r.ok && r.status === 422)).toBe(true);
    expect(results.filter((r) => r.message.startsWith("A refund of $54.00 that timed out earlier did go through"))).toHaveLength(1);
    expect(atStripe(order.intent)).toEqual({ refunds: [5400], asked: 1 });
    const { rows, booked, emails, events } = await recorded(order);
    expect(rows.map((r) => r.status)).toEqual(["succeeded"]);
    expect(booked).toEqual([[`refund:${rows[0].id}`, 5400]]);
    expect(emails).toEqual([`refund:${rows[0].id}`]);
    expect(events.filter((e) => e === "refunded")).toHaveLength(1);
  });

  it("answers the same form sent again with the refund it made, once found", async () => {
    const order = await paidOrder();
    const form = await timedOut(order, 2500);
    const [a, b] = await Promise.all([refund(order.number, 2500, form), refund(order.number, 2500, form)]);
    const messages = [a, b].map((r) => r.message).sort();
    expect(messages).toEqual([
      "A refund of $25.00 that timed out earlier did go through; it is now recorded. Nothing more was refunded.",
      "That refund of $25.00 was already made; nothing more was refunded.",
    ]);
    expect([a, b].every((r) => r.ok && r.duplicate && r.amount === 2500)).toBe(true);
    expect(atStripe(order.intent)).toEqual({ refunds: [2500], asked: 1 });
    expect((await recorded(order)).booked).toHaveLength(1);
  });

  it("is found by Stripe's charge.refunded event when it comes first, and recorded as itself once; a refund made in Stripe's dashboard stays Stripe's", async () => {
    const order = await paidOrder();
    const first = await timedOut(order, 2000);
    // Someone refunds $10.00 in Stripe's dashboard; the charge's event says $30.00 went back.
    stripe.refund(order.intent, 1000);
    await stripeEvent(order);
    const [made, dashboard] = [...stripe.refunds.values()].filter((r) => r.payment_intent === order.intent);
    const found = await recorded(order);
    const id = found.rows[0].id;
    expect(found).toEqual({
      rows: [
        { id, amount: 2000, status: "succeeded", providerRef: made.id, key: `refund:${order.number}:${first}` },
        { id: expect.any(Number), amount: 1000, status: "succeeded", providerRef: `${order.intent}:3000`, key: null },
      ],
      booked: [[`refund:${id}`, 2000]],
      emails: [`refund:${id}`],
      events: ["placed", "paid", "refund_failed", "refunded", "refunded"],
      paymentStatus: "partially_refunded",
    });
    expect(dashboard.amount).toBe(1000);
    const [audit] = await db
      .select({ actor: schema.auditLog.actor, data: schema.auditLog.data })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.subject, `order:${order.number}`), eq(schema.auditLog.action, "order.refund")));
    // The staff member who asked made the refund; Stripe's event only confirmed it.
    expect(audit).toEqual({
      actor: "staff:1",
      data: expect.objectContaining({ refundId: id, amount: 2000, adopted: true, foundBy: "stripe" }),
    });
    const lines = await db
      .select({ actor: schema.orderEvents.actor, data: schema.orderEvents.data })
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, order.id), eq(schema.orderEvents.type, "refunded")))
      .orderBy(asc(schema.orderEvents.id));
    expect(lines.map((l) => [l.actor, l.data.amount])).toEqual([
      ["staff:1", 2000],
      ["stripe", 1000],
    ]);
    // The shopper's email is the staff member's refund, in their words, not a refund "through Stripe".
    const [email] = await db
      .select({ subject: schema.outbox.subject, text: schema.outbox.text })
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `refund:${id}`));
    expect(email.subject).toBe(`Refund of $20.00 for Soko order ${order.number}`);
    expect(email.text).toContain("Reason: Arrived scratched");
    expect(email.text).not.toContain("Stripe");
    const history = [
      "Refund failed (no answer) $20.00",
      "Refunded after all (an attempt answered as failed, found at the provider): Arrived scratched $20.00",
      "Refunded through Stripe (not from this console) $10.00",
    ];
    expect(await refundHistory(order.number)).toEqual(history);
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 5400, refunded: 3000, refundable: 2400 });

    // Staff refund what is left from a new form: nothing more to find, $24.00 sent.
    expect(await refund(order.number, "remaining")).toMatchObject({ ok: true, amount: 2400, message: "Refunded $24.00." });
    // The timed-out form sent again is that refund, already made.
    expect(await refund(order.number, 2000, first)).toMatchObject({
      ok: true,
      duplicate: true,
      refundId: id,
      message: "That refund of $20.00 was already made; nothing more was refunded.",
    });
    expect(atStripe(order.intent).refunds).toEqual([2000, 1000, 2400]);
    const after = await recorded(order);
    expect(after.rows.map((r) => [r.amount, r.status, r.key === null])).toEqual([
      [2000, "succeeded", false],
      [1000, "succeeded", true],
      [2400, "succeeded", false],
    ]);
    expect(after.booked).toEqual([
      [`refund:${id}`, 2000],
      [`refund:${after.rows[2].id}`, 2400],
    ]);
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 5400, refunded: 5400, refundable: 0 });
    expect(after.paymentStatus).toBe("refunded");
    // Stripe's later events (the same total again, then the last refund's) change nothing.
    await stripeEvent(order, 3000);
    await stripeEvent(order);
    expect(await recorded(order)).toEqual(after);
    expect(await refundHistory(order.number)).toEqual([...history, "Refunded: Arrived scratched $24.00"]);
  });

  it("leaves everything as it was when Stripe can't be asked as its event comes: the event fails, and Stripe sends it again", async () => {
    const order = await paidOrder();
    await timedOut(order, 2000);
    const before = await recorded(order);
    stripe.refundLookupFaults.push("unavailable");
    await expect(stripeEvent(order)).rejects.toThrow();
    expect(await recorded(order)).toEqual(before);
    await stripeEvent(order);
    expect(await recorded(order)).toMatchObject({ booked: [[expect.any(String), 2000]], paymentStatus: "partially_refunded" });
    expect((await recorded(order)).rows.map((r) => r.status)).toEqual(["succeeded"]);
  });

  it("is recorded once when Stripe's event and a new form come at the same moment, whichever goes first", async () => {
    for (const round of [1, 2, 3]) {
      const order = await paidOrder();
      await timedOut(order, 2000);
      const [, again] = await Promise.all([stripeEvent(order), refund(order.number, 2000, randomUUID(), `staff:${round}`)]);
      expect(again).toMatchObject({ ok: true, amount: 2000 });
      expect(atStripe(order.intent).refunds).toEqual([2000, 2000]);
      await stripeEvent(order);
      const { rows, booked, emails, events } = await recorded(order);
      expect(rows.map((r) => [r.amount, r.status, r.key === null])).toEqual([
        [2000, "succeeded", false],
        [2000, "succeeded", false],
      ]);
      expect(booked.map((b) => b[1])).toEqual([2000, 2000]);
      expect(emails).toHaveLength(2);
      expect(events.filter((e) => e === "refunded")).toHaveLength(2);
      expect((await orderDetail(order.number))?.money).toEqual({ paid: 5400, refunded: 4000, refundable: 1400 });
    }
  });

  it("takes back what an event applied before Stripe was asked had recorded as Stripe's, row and history line alike", async () => {
    // As Stripe's event was applied before it asked first: the timed-out $20.00 and a $10.00 made in
    // the dashboard recorded as $30.00 refunded through Stripe, with its history line.
    const order = await paidOrder();
    await timedOut(order, 2000);
    stripe.refund(order.intent, 1000);
    await olderStripeEcho(order, 3000);
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 5400, refunded: 3000, refundable: 2400 });

    const again = await refund(order.number, "remaining");
    expect(again).toMatchObject({
      ok: true,
      amount: 2400,
      message: "A refund of $20.00 that timed out earlier did go through; it is now recorded. Refunded $24.00 more.",
    });
    expect(atStripe(order.intent).refunds).toEqual([2000, 1000, 2400]);
    const { rows, booked, paymentStatus } = await recorded(order);
    expect(rows.map((r) => [r.amount, r.status, r.key === null])).toEqual([
      [2000, "succeeded", false],
      [1000, "succeeded", true],
      [2400, "succeeded", false],
    ]);
    expect(booked).toEqual([
      [`refund:${rows[0].id}`, 2000],
      [`refund:${rows[2].id}`, 2400],
    ]);
    expect(paymentStatus).toBe("refunded");
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 5400, refunded: 5400, refundable: 0 });
    // Each refund once, with its amount: the $30.00 line is Stripe's $10.00 now.
    expect(await refundHistory(order.number)).toEqual([
      "Refund failed (no answer) $20.00",
      "Refunded through Stripe (not from this console) $10.00",
      "Refunded after all (an attempt answered as failed, found at the provider): Arrived scratched $20.00",
      "Refunded: Arrived scratched $24.00",
    ]);
    await stripeEvent(order);
    expect((await recorded(order)).rows).toEqual(rows);

    // All of such a line was ours: it goes with its row.
    const whole = await paidOrder();
    await timedOut(whole, 5400);
    await olderStripeEcho(whole, 5400);
    expect(await refund(whole.number, 100)).toMatchObject({ ok: false, status: 422 });
    expect(await refundHistory(whole.number)).toEqual([
      "Refund failed (no answer) $54.00",
      "Refunded after all (an attempt answered as failed, found at the provider): Arrived scratched $54.00",
    ]);
    expect((await recorded(whole)).rows.map((r) => [r.amount, r.key === null])).toEqual([[5400, false]]);
  });

  it("names on the order page a failed refund through Stripe that kept no key (before keys were kept): nothing can ask Stripe about it", async () => {
    const order = await paidOrder();
    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
    // As a console refund that failed before this console kept keys was recorded; and one that kept its key.
    const [legacy] = await db
      .insert(schema.refunds)
      .values({ orderId: order.id, paymentId: payment.id, amount: 1500, currency: "USD", reason: "Scratched", status: "failed" })
      .returning();
    await timedOut(order, 2000);
    // A local test card's failure is no question for Stripe.
    const local = await placeOrder(3000, `lpi_${randomUUID().slice(0, 8)}`);
    await db.update(schema.payments).set({ provider: "local" }).where(eq(schema.payments.orderId, local.id));
    const [localPayment] = await db.select().from(schema.payments).where(eq(schema.payments.orderId, local.id));
    await db
      .insert(schema.refunds)
      .values({ orderId: local.id, paymentId: localPayment.id, amount: 500, currency: "USD", reason: "Scratched", status: "failed" });

    expect((await orderDetail(order.number))?.unverifiable).toEqual([
      { id: legacy.id, amount: 1500, currency: "USD", createdAt: legacy.createdAt.toISOString(), payment: order.intent },
    ]);
    expect((await orderDetail(local.number))?.unverifiable).toEqual([]);
    // The keyed one is found as ever; the keyless one stays named, and doesn't count.
    expect(await refund(order.number, 100)).toMatchObject({ ok: true });
    expect((await orderDetail(order.number))?.unverifiable.map((r) => r.id)).toEqual([legacy.id]);
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 5400, refunded: 2100, refundable: 3300 });
  });

  it("records why a refund failed (Stripe's no is refused; no answer or Stripe's 500 unanswered) and who asked; the notice names no refusal", async () => {
    const order = await paidOrder();
    stripe.refundFaults.push("refuse");
    expect(await refund(order.number, 1000)).toMatchObject({ ok: false, status: 502 });
    stripe.refundFaults.push("unavailable");
    expect(await refund(order.number, 1200, randomUUID(), "staff:4")).toMatchObject({ ok: false, status: 502 });
    await timedOut(order, 1500);
    expect(await refund(order.number, 100)).toMatchObject({ ok: true });
    const rows = await db
      .select({
        amount: schema.refunds.amount,
        status: schema.refunds.status,
        failure: schema.refunds.failure,
        actor: schema.refunds.actor,
      })
      .from(schema.refunds)
      .where(eq(schema.refunds.orderId, order.id))
      .orderBy(asc(schema.refunds.id));
    expect(rows).toEqual([
      { amount: 1000, status: "failed", failure: "refused", actor: "staff:1" },
      { amount: 1200, status: "failed", failure: "unanswered", actor: "staff:4" },
      // Stripe made it: found by the next refund, no longer failed.
      { amount: 1500, status: "succeeded", failure: "unanswered", actor: "staff:1" },
      { amount: 100, status: "succeeded", failure: null, actor: "staff:1" },
    ]);

    // Had they kept no key (as before keys were kept), the order page names the one Stripe may have
    // made and one failed before why was kept (nothing guessed), not the one Stripe refused.
    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
    await db
      .update(schema.refunds)
      .set({ idempotencyKey: null })
      .where(and(eq(schema.refunds.orderId, order.id), eq(schema.refunds.status, "failed")));
    const [legacy] = await db
      .insert(schema.refunds)
      .values({ orderId: order.id, paymentId: payment.id, amount: 700, currency: "USD", reason: "Scratched", status: "failed" })
      .returning();
    const named = (await orderDetail(order.number))?.unverifiable ?? [];
    expect(named.map((r) => r.amount)).toEqual([1200, 700]);
    expect(named.at(-1)?.id).toBe(legacy.id);
  });

  it("sends again when Stripe knows no such refund (a 404 for the intent is an answer), under the form's next key", async () => {
    const order = await placeOrder(3000, `pi_unknown_${randomUUID().slice(0, 8)}`);
    const form = randomUUID();
    for (const _attempt of [1, 2]) {
      const result = await refund(order.number, 1000, form);
      expect(result).toMatchObject({ ok: false, status: 502 });
      expect(result.message).toMatch(
        /^The payment provider didn't refund \$10\.00: .*Missing or unknown payment_intent.* Nothing was refunded\.$/,
      );
    }
    const asked = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds" && r.body.payment_intent === order.intent);
    expect(asked.map((r) => r.idempotencyKey)).toEqual([`refund:${order.number}:${form}`, `refund:${order.number}:${form}:2`]);
    const looked = stripe.requests.filter((r) => r.method === "GET" && r.path === "/v1/refunds" && r.body.payment_intent === order.intent);
    expect(looked).toHaveLength(1);
    const { rows, booked } = await recorded(order);
    expect(rows.map((r) => [r.status, r.key])).toEqual([
      ["failed", `refund:${order.number}:${form}`],
      ["failed", `refund:${order.number}:${form}:2`],
    ]);
    expect(booked).toEqual([]);
  });
});
