/**
 * A return's refund Stripe made but answered as failed (the connection dropped after it made it) is
 * in the order's cap as soon as anyone asks: the console's refund from a new form looks up every
 * failed refund of the order that kept its key, whichever path asked for it, and so does Stripe's
 * charge.refunded event. The return's own retry then records it (booked, the return refunded, the
 * shopper emailed) and sends nothing more (docs/decisions/0020). The fake Stripe, the real SDK and
 * real PostgreSQL; a GBP order settled in USD at 1.25 (returns-dearer-support.ts).
 */
import { randomUUID } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const { cancelReturn, completeDifferencePayment, prepareDifferenceIntent, receiveReturn, retryReturnRefund, saveReturnPolicy } =
  await import("~/domain/returns/index.server");
const { DEFAULT_RETURN_POLICY } = await import("~/domain/returns");
const { toSettlement } = await import("~/domain/markets");
const { applyRefundTotal } = await import("~/domain/checkout/index.server");
const { orderDetail, refundOrder } = await import("~/domain/orders/index.server");
const { db, schema } = await import("~/lib/db.server");
const support = await import("./returns-dearer-support");
const { ledgerOf, refundReturn, returnRow, ringOrder, setUpRings, startDearer } = support;

const api = new URL(fake.url);
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });

beforeAll(async () => {
  await setUpRings();
  await saveReturnPolicy({ ...DEFAULT_RETURN_POLICY, refundOn: "receipt" }, "test");
});
afterAll(() => fake.close());

/** A delivered £89.07 order paid by a Stripe card; its brass ring (worth £48.82) sent back, its refund timed out. */
async function returnTimedOut() {
  const order = await ringOrder("stripe");
  const paid = await stripe.paymentIntents.create({ amount: order.total, currency: "gbp" });
  fake.succeed(paid.id);
  await db.update(schema.payments).set({ providerRef: paid.id }).where(eq(schema.payments.orderId, order.id));
  const number = await refundReturn(order.number, order.ringLine);
  fake.refundFaults.push("drop");
  expect(await receiveReturn({ number, actor: "staff:1" })).toMatchObject({
    ok: true,
    settled: expect.stringContaining("didn't go through (An error occurred with our connection to Stripe."),
  });
  expect(await returnRow(number)).toMatchObject({ refundState: "failed", amount: 4882 });
  expect(fake.chargeOf(paid.id).amount_refunded).toBe(4882);
  return { order, number, intent: paid.id };
}

const madeAtStripe = (intent: string) => [...fake.refunds.values()].filter((r) => r.payment_intent === intent).map((r) => r.amount);

const refundRows = (orderId: number) =>
  db
    .select({ amount: schema.refunds.amount, status: schema.refunds.status, key: schema.refunds.idempotencyKey })
    .from(schema.refunds)
    .where(eq(schema.refunds.orderId, orderId))
    .orderBy(schema.refunds.id);

/** The order page's history lines about money back, with their amounts. */
async function refundHistory(number: string) {
  const detail = await orderDetail(number);
  return (detail?.history ?? [])
    .filter((e) => /refund/.test(e.type))
    .map((e) => `${e.type}${e.money ? ` £${(e.money.amount / 100).toFixed(2)}` : ""}`);
}

/**
 * The brass ring exchanged for the silver one, its £14.65 difference paid by card; staff then refunded
 * the order's £89.07 and £10.00 more, which only the difference's payment had room for: Stripe made
 * that and the connection dropped.
 */
async function differenceTakenByTimedOutRefund() {
  const order = await ringOrder("stripe");
  const paid = await stripe.paymentIntents.create({ amount: order.total, currency: "gbp" });
  fake.succeed(paid.id);
  await db.update(schema.payments).set({ providerRef: paid.id }).where(eq(schema.payments.orderId, order.id));
  // The brass ring for the silver one: the shopper pays the £14.65 difference by card.
  const number = await startDearer(order);
  const prepared = await prepareDifferenceIntent(number, order.number);
  if (prepared.status !== "ready") throw new Error(JSON.stringify(prepared));
  fake.succeed(prepared.paymentIntentId);
  expect(await completeDifferencePayment(prepared.paymentIntentId, order.number)).toMatchObject({ status: "paid" });
  const due = prepared.paymentIntentId;

  // Staff refund the order's £89.07, then £10.00 more, which only the difference's payment has room for:
  // Stripe makes it and the connection drops.
  const console = (amount: number) =>
    refundOrder({ number: order.number, amount, reason: "Goodwill", formKey: randomUUID(), actor: "staff:2" });
  expect(await console(8907)).toMatchObject({ ok: true, amount: 8907 });
  fake.refundFaults.push("drop");
  expect(await console(1000)).toMatchObject({ ok: false, status: 502 });
  expect(madeAtStripe(due)).toEqual([1000]);

  return { order, number, due, paid: paid.id };
}

describe("a return's refund Stripe made but answered as failed, in the console's cap", () => {
  it("is found by the console's refund from a new form: the cap counts it, and the return's retry records it sending nothing", async () => {
    const { order, number, intent } = await returnTimedOut();
    // Before anyone asks, the order page can't know: £89.07 looks refundable.
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 8907, refunded: 0, refundable: 8907 });

    // Staff refund the shipping and then some (£45.00) from a new form: more than is left once the return's refund counts.
    const refused = await refundOrder({ number: order.number, amount: 4500, reason: "Goodwill", formKey: randomUUID(), actor: "staff:2" });
    expect(refused).toEqual({
      ok: false,
      status: 422,
      message: `Return ${number}'s refund of £48.82 that timed out earlier did go through; it counts as refunded now, and "Try the refund again" on the return records it without sending more. Nothing more was refunded. You can refund at most £40.25: £89.07 was paid and £48.82 has already been refunded.`,
    });
    expect(madeAtStripe(intent)).toEqual([4882]);
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 8907, refunded: 4882, refundable: 4025 });
    const [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row.paymentStatus).toBe("partially_refunded");
    // Found, not yet booked: the return's retry books it.
    expect(await ledgerOf(`return-refund:${number}`)).toEqual([]);

    // What is left goes: £40.25, the found one not asked about again.
    expect(
      await refundOrder({ number: order.number, amount: "remaining", reason: "Goodwill", formKey: randomUUID(), actor: "staff:2" }),
    ).toMatchObject({
      ok: true,
      amount: 4025,
      message: "Refunded £40.25.",
    });
    expect(madeAtStripe(intent)).toEqual([4882, 4025]);

    // Finance retries the return: it records the refund Stripe made, once, and sends nothing.
    expect(await retryReturnRefund({ number, actor: "staff:3" })).toMatchObject({
      ok: true,
      settled: "Refunded £48.82 to the original payment.",
    });
    expect(madeAtStripe(intent)).toEqual([4882, 4025]);
    expect(await returnRow(number)).toMatchObject({ refundState: "issued", amount: 4882 });
    expect(await ledgerOf(`return-refund:${number}`)).toEqual([
      { account: "soko:sales_returns:USD", amount: toSettlement(4882, 1_250_000), currency: "USD" },
      { account: "soko:refunds_paid:USD", amount: -toSettlement(4882, 1_250_000), currency: "USD" },
    ]);
    expect((await refundRows(order.id)).map((r) => [r.amount, r.status])).toEqual([
      [4882, "succeeded"],
      [4025, "succeeded"],
    ]);
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 8907, refunded: 8907, refundable: 0 });
    // The history: the failure, that it was found (no amount: the return's line has it), the return's refund, the console's.
    expect(await refundHistory(order.number)).toEqual([
      "return_refund_failed £48.82",
      "refund_found",
      "refunded £40.25",
      "return_refunded £48.82",
    ]);
    const found = (await orderDetail(order.number))?.history.find((e) => e.type === "refund_found");
    expect(found?.summary).toBe(
      `Return ${number}'s refund that timed out did go through after all (found at the provider): it counts as refunded; "Try the refund again" on the return records it and sends nothing more`,
    );
  });

  it("is found by Stripe's charge.refunded event when it comes first: counted once, no refund 'through Stripe' beside it", async () => {
    const { order, number, intent } = await returnTimedOut();
    const event = () =>
      db.transaction((tx) =>
        applyRefundTotal(tx, { providerRef: intent, amountRefunded: fake.chargeOf(intent).amount_refunded, currency: "gbp" }),
      );
    await event();
    await event();
    expect((await refundRows(order.id)).map((r) => [r.amount, r.status, r.key?.startsWith(`return:${number}:`)])).toEqual([
      [4882, "succeeded", true],
    ]);
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 8907, refunded: 4882, refundable: 4025 });
    expect(await refundHistory(order.number)).toEqual(["return_refund_failed £48.82", "refund_found"]);

    // A new form for the whole order: only what is left fits; the return's retry sends nothing.
    const whole = await refundOrder({ number: order.number, amount: 8907, reason: "Goodwill", formKey: randomUUID(), actor: "staff:2" });
    expect(whole).toEqual({
      ok: false,
      status: 422,
      message: "You can refund at most £40.25: £89.07 was paid and £48.82 has already been refunded.",
    });
    expect(await retryReturnRefund({ number, actor: "staff:3" })).toMatchObject({
      ok: true,
      settled: "Refunded £48.82 to the original payment.",
    });
    expect(madeAtStripe(intent)).toEqual([4882]);
    expect(await refundHistory(order.number)).toEqual(["return_refund_failed £48.82", "refund_found", "return_refunded £48.82"]);
    const booked = await db
      .select({ reference: schema.ledgerEntries.reference })
      .from(schema.ledgerEntries)
      .where(and(like(schema.ledgerEntries.reference, `return-refund:${number}%`)));
    expect(booked).toHaveLength(1);
  });

  it("the other way: a console refund that timed out is in a return's cap when its refund goes, and it waits while Stripe can't be asked", async () => {
    const order = await ringOrder("stripe");
    const paid = await stripe.paymentIntents.create({ amount: order.total, currency: "gbp" });
    fake.succeed(paid.id);
    await db.update(schema.payments).set({ providerRef: paid.id }).where(eq(schema.payments.orderId, order.id));
    // Staff refunded the whole order; Stripe made it and the connection dropped.
    fake.refundFaults.push("drop");
    const whole = { number: order.number, amount: 8907, reason: "Never arrived", formKey: randomUUID(), actor: "staff:2" };
    expect(await refundOrder(whole)).toMatchObject({ ok: false, status: 502 });
    const number = await refundReturn(order.number, order.ringLine);

    // The parcel is received while Stripe can't be asked: received all the same, nothing sent, the refund waits.
    fake.refundLookupFaults.push("unavailable");
    expect(await receiveReturn({ number, actor: "staff:1" })).toMatchObject({
      ok: true,
      settled:
        "The refund of £48.82 didn't go through (we couldn't ask the card company whether an earlier refund of the order that timed out went through); finance can retry it from the return's page.",
    });
    expect(await returnRow(number)).toMatchObject({ status: "received", refundState: "failed" });
    expect(madeAtStripe(paid.id)).toEqual([8907]);

    // Finance retries: the console's refund is found (recorded as made, once), and nothing is left for the return.
    expect(await retryReturnRefund({ number, actor: "staff:3" })).toMatchObject({
      ok: true,
      settled: "Nothing was left to refund on the order.",
    });
    expect(madeAtStripe(paid.id)).toEqual([8907]);
    expect(await returnRow(number)).toMatchObject({ refundState: "issued", amount: 0 });
    expect((await refundRows(order.id)).map((r) => [r.amount, r.status])).toEqual([[8907, "succeeded"]]);
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 8907, refunded: 8907, refundable: 0 });
    expect(await refundHistory(order.number)).toEqual(["refund_failed £89.07", "return_refund_failed £48.82", "refunded £89.07"]);
    expect(await refundOrder(whole)).toMatchObject({ ok: true, duplicate: true, amount: 8907 });
  });

  it("an exchange's difference back counts a console refund of its payment that timed out but was made: £4.65 goes back, not £14.65", async () => {
    const { order, number, due, paid } = await differenceTakenByTimedOutRefund();

    // The shopper cancels the exchange: the difference goes back less what that refund took off its payment.
    expect(await cancelReturn({ number, actor: "shopper:link", orderNumber: order.number })).toMatchObject({
      ok: true,
      message: `Return ${number} cancelled. The pieces stay yours. The difference of £4.65 went back to the card that paid it.`,
    });
    expect(madeAtStripe(due)).toEqual([1000, 465]);
    expect(fake.chargeOf(due).amount_refunded).toBe(1465);
    expect(fake.chargeOf(paid).amount_refunded).toBe(8907);
    expect(await returnRow(number)).toMatchObject({ status: "cancelled", dueState: "refunded" });
    const rows = await refundRows(order.id);
    expect(rows.map((r) => [r.amount, r.status])).toEqual([
      [8907, "succeeded"],
      [1000, "succeeded"],
      [465, "succeeded"],
    ]);
    // Paid £103.72 in all, £103.72 back: once each, the found one under staff:2's name, booked once.
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 10372, refunded: 10372, refundable: 0 });
    expect(await ledgerOf(`return-refund:${number}`)).toEqual([
      { account: "soko:sales_returns:USD", amount: toSettlement(465, 1_250_000), currency: "USD" },
      { account: "soko:refunds_paid:USD", amount: -toSettlement(465, 1_250_000), currency: "USD" },
    ]);
    const found = await db
      .select({ actor: schema.orderEvents.actor, data: schema.orderEvents.data })
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, order.id), eq(schema.orderEvents.type, "refunded")))
      .orderBy(schema.orderEvents.id);
    expect(found.map((e) => [e.actor, e.data.amount, e.data.adopted ?? false, e.data.foundBy ?? null])).toEqual([
      ["staff:2", 8907, false, null],
      ["staff:2", 1000, true, "shopper:link"],
    ]);
    // Nothing is left on the order for anyone: the console's "remaining" refuses.
    expect(
      await refundOrder({ number: order.number, amount: "remaining", reason: "x", formKey: randomUUID(), actor: "staff:2" }),
    ).toMatchObject({
      ok: false,
      status: 422,
    });
  });

  it("a difference back while Stripe can't be asked: cancelled all the same, nothing sent; finance's retry sends £4.65", async () => {
    const { order, number, due } = await differenceTakenByTimedOutRefund();
    fake.refundLookupFaults.push("unavailable");
    expect(await cancelReturn({ number, actor: "shopper:link", orderNumber: order.number })).toMatchObject({
      ok: true,
      message: expect.stringContaining("The difference of £14.65 didn't go back (we couldn't ask the card company"),
    });
    expect(await returnRow(number)).toMatchObject({ status: "cancelled", dueState: "paid", refundState: "failed" });
    expect(madeAtStripe(due)).toEqual([1000]);
    expect(await retryReturnRefund({ number, actor: "staff:3" })).toMatchObject({
      ok: true,
      settled: "The difference of £4.65 went back to the card that paid it.",
    });
    expect(madeAtStripe(due)).toEqual([1000, 465]);
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 10372, refunded: 10372, refundable: 0 });
  });

  it("a burst: the cancel, finance's retry and three console refunds of what is left at once never give back more than was paid", async () => {
    const { order, number, due, paid } = await differenceTakenByTimedOutRefund();
    const answers = await Promise.all([
      cancelReturn({ number, actor: "shopper:link", orderNumber: order.number }),
      retryReturnRefund({ number, actor: "staff:3" }),
      ...[1, 2, 3].map(() =>
        refundOrder({ number: order.number, amount: "remaining", reason: "Goodwill", formKey: randomUUID(), actor: "staff:2" }),
      ),
    ]);
    expect(answers[0]).toMatchObject({ ok: true });
    expect(fake.chargeOf(paid).amount_refunded).toBe(8907);
    expect(fake.chargeOf(due).amount_refunded).toBe(1465);
    const rows = await refundRows(order.id);
    expect(rows.filter((r) => r.status !== "failed").reduce((sum, r) => sum + r.amount, 0)).toBe(10372);
    expect((await orderDetail(order.number))?.money).toEqual({ paid: 10372, refunded: 10372, refundable: 0 });
  });
});
