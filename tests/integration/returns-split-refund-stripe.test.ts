/**
 * A web exchange's piece refunded over two card payments (the order's card has less left than the
 * piece is worth; the dearer difference's card pays the rest), through the fake Stripe API and the
 * real SDK, when Stripe refuses the second part, and when the step dies after Stripe refunded both
 * parts but before the database recorded them. The part that went through is booked when it goes
 * (refunds row, ledger), a retry refunds only what is left, and no part is ever refunded twice.
 * GBP orders settled in USD at 1.25 (returns-dearer-support.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { and, eq, like, sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";
import { zonedIsoDate } from "~/lib/time";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const returnsDomain = await import("~/domain/returns/index.server");
const { DEFAULT_RETURN_POLICY } = await import("~/domain/returns");
const { toSettlement } = await import("~/domain/markets");
const { db, schema } = await import("~/lib/db.server");
// `cuff` is set by setUpRings: read it off the module, not copied before.
const support = await import("./returns-dearer-support");
const { DAY, ledgerOf, refundReturn, returnRow, ringOrder, setUpRings, startDearer } = support;
const { completeDifferencePayment, prepareDifferenceIntent, receiveReturn, retryReturnRefund, returnsMoney, saveReturnPolicy } =
  returnsDomain;

const api = new URL(fake.url);
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });

beforeAll(async () => {
  await setUpRings();
  await saveReturnPolicy({ ...DEFAULT_RETURN_POLICY, refundOn: "receipt" }, "test");
});
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await fake.close();
});

/** Whether another session is inside a transaction (the killed step's, until PostgreSQL ends it). */
async function transactionOpen() {
  const [row] = await db.execute<{ open: boolean }>(sql`
    select exists (select 1 from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'
                    and pid <> pg_backend_pid()) as open`);
  return Boolean(row?.open);
}

/**
 * A GBP order paid by a Stripe card (£89.07); the cuff back (£31.25 refunded), so the card has £57.82
 * left; the ring exchanged for silver, £14.65 paid on top by another Stripe card; the silver ring
 * delivered and on a return of its own worth £63.47: £57.82 from the first card, £5.65 from the second.
 */
async function splitReturn() {
  const order = await ringOrder("stripe");
  const paid = await stripe.paymentIntents.create({ amount: order.total, currency: "gbp" });
  fake.succeed(paid.id);
  await db.update(schema.payments).set({ providerRef: paid.id }).where(eq(schema.payments.orderId, order.id));
  const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
  const cuffBack = await refundReturn(order.number, lines.find((l) => l.variantId === support.cuff)!.id);
  expect(await receiveReturn({ number: cuffBack, actor: "staff:1" })).toMatchObject({ ok: true });

  const dearer = await startDearer(order);
  const prepared = await prepareDifferenceIntent(dearer, order.number);
  if (prepared.status !== "ready") throw new Error(JSON.stringify(prepared));
  fake.succeed(prepared.paymentIntentId);
  expect(await completeDifferencePayment(prepared.paymentIntentId, order.number)).toMatchObject({ status: "paid" });
  expect(await receiveReturn({ number: dearer, actor: "staff:1" })).toMatchObject({ ok: true });
  const exchangeId = (await returnRow(dearer)).exchangeOrderId!;
  const at = new Date(Date.now() - DAY);
  await db.update(schema.orders).set({ status: "delivered" }).where(eq(schema.orders.id, exchangeId));
  await db.insert(schema.shipments).values({ orderId: exchangeId, carrier: "DHL", trackingNumber: "JD3", shippedAt: at, deliveredAt: at });
  const [exchange] = await db.select().from(schema.orders).where(eq(schema.orders.id, exchangeId));
  const [line] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, exchangeId));
  const number = await refundReturn(exchange.number, line.id);
  expect(await returnRow(number)).toMatchObject({ amount: 6347, refundState: "owed" });
  return { order, exchange, number, cards: [paid.id, prepared.paymentIntentId] as const };
}

/** What Stripe refunded of each card, and how many refunds it made for them. */
function atStripe(cards: readonly string[]) {
  const made = [...fake.refunds.values()].filter((r) => cards.includes(r.payment_intent));
  return { refunded: cards.map((pi) => fake.chargeOf(pi).amount_refunded), count: made.length };
}

const returnRefunds = (number: string) =>
  db
    .select({ amount: schema.refunds.amount, status: schema.refunds.status, paymentId: schema.refunds.paymentId })
    .from(schema.refunds)
    .where(like(schema.refunds.idempotencyKey, `return:${number}:%`))
    .orderBy(schema.refunds.id);

describe("a refund Stripe made but never answered (a timeout, a dropped connection)", () => {
  it("is found at Stripe on finance's retry and taken as made: one refund there, booked once", async () => {
    const order = await ringOrder("stripe");
    const paid = await stripe.paymentIntents.create({ amount: order.total, currency: "gbp" });
    fake.succeed(paid.id);
    await db.update(schema.payments).set({ providerRef: paid.id }).where(eq(schema.payments.orderId, order.id));
    const number = await refundReturn(order.number, order.ringLine);
    const { amount } = await returnRow(number);
    expect(amount).toBe(4882);

    // Stripe makes the refund and the connection drops before its answer: recorded as failed.
    fake.refundFaults.push("drop");
    expect(await receiveReturn({ number, actor: "staff:1" })).toMatchObject({
      ok: true,
      settled: expect.stringContaining("didn't go through (An error occurred with our connection to Stripe."),
    });
    expect(await returnRow(number)).toMatchObject({ refundState: "failed" });
    expect(atStripe([paid.id])).toEqual({ refunded: [amount], count: 1 });
    expect(await ledgerOf(`return-refund:${number}`)).toEqual([]);

    // Finance retries: the refund Stripe made is found by its key and taken; nothing new is sent.
    const retried = await retryReturnRefund({ number, actor: "staff:2" });
    expect(retried).toMatchObject({ ok: true, settled: "Refunded £48.82 to the original payment." });
    expect(atStripe([paid.id])).toEqual({ refunded: [amount], count: 1 });
    const made = [...fake.refunds.values()].find((r) => r.payment_intent === paid.id);
    const rows = await db
      .select({ amount: schema.refunds.amount, status: schema.refunds.status, providerRef: schema.refunds.providerRef })
      .from(schema.refunds)
      .where(like(schema.refunds.idempotencyKey, `return:${number}:%`));
    expect(rows).toEqual([{ amount, status: "succeeded", providerRef: made?.id }]);
    expect(await ledgerOf(`return-refund:${number}`)).toEqual([
      { account: "soko:sales_returns:USD", amount: toSettlement(amount, 1_250_000), currency: "USD" },
      { account: "soko:refunds_paid:USD", amount: -toSettlement(amount, 1_250_000), currency: "USD" },
    ]);
    expect(await returnRow(number)).toMatchObject({ refundState: "issued" });

    // Again: nothing more leaves, nothing more is booked.
    expect(await retryReturnRefund({ number, actor: "staff:2" })).toMatchObject({ ok: true, duplicate: true });
    expect(atStripe([paid.id])).toEqual({ refunded: [amount], count: 1 });
  });
});

describe("a split refund", () => {
  it("stopped by Stripe refusing the second part books the first at once, and its retry sends only the rest", async () => {
    const { order, number, cards } = await splitReturn();
    const before = atStripe(cards);
    expect(before).toEqual({ refunded: [3125, 0], count: 1 });

    fake.refundFaults.push("answer", "refuse");
    const received = await receiveReturn({ number, actor: "staff:1" });
    expect(received).toMatchObject({ ok: true });
    if (!received.ok) throw new Error("receive");
    expect(received.settled).toBe(
      "£57.82 went back; the other £5.65 didn't go through (This charge has been disputed; it can't be refunded.); finance can retry it from the return's page.",
    );
    // The first card's part is out and booked: its refund row, and the ledger at the original's rate.
    expect(atStripe(cards)).toEqual({ refunded: [8907, 0], count: 2 });
    expect((await returnRefunds(number)).map((r) => [r.amount, r.status])).toEqual([
      [5782, "succeeded"],
      [565, "failed"],
    ]);
    expect(await ledgerOf(`return-refund:${number}`)).toEqual([
      { account: "soko:sales_returns:USD", amount: toSettlement(5782, 1_250_000), currency: "USD" },
      { account: "soko:refunds_paid:USD", amount: -toSettlement(5782, 1_250_000), currency: "USD" },
    ]);
    expect(await returnRow(number)).toMatchObject({ refundState: "failed", amount: 6347 });
    const [original] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(original.paymentStatus).toBe("partially_refunded");

    // Finance retries: only the £5.65 left goes, to the second card, and is booked on its own.
    const retried = await retryReturnRefund({ number, actor: "staff:2" });
    expect(retried).toMatchObject({
      ok: true,
      settled: `Refunded £63.47 to the payments that paid for it (paid on order ${order.number}).`,
    });
    expect(atStripe(cards)).toEqual({ refunded: [8907, 565], count: 3 });
    const rows = await returnRefunds(number);
    expect(rows.map((r) => [r.amount, r.status])).toEqual([
      [5782, "succeeded"],
      [565, "failed"],
      [565, "succeeded"],
    ]);
    const [last] = await db
      .select({ id: schema.refunds.id })
      .from(schema.refunds)
      .where(and(like(schema.refunds.idempotencyKey, `return:${number}:%`), eq(schema.refunds.status, "succeeded")))
      .orderBy(sql`${schema.refunds.id} desc`)
      .limit(1);
    expect(await ledgerOf(`return-refund:${number}:${last.id}`)).toEqual([
      { account: "soko:sales_returns:USD", amount: toSettlement(565, 1_250_000), currency: "USD" },
      { account: "soko:refunds_paid:USD", amount: -toSettlement(565, 1_250_000), currency: "USD" },
    ]);
    expect(await returnRow(number)).toMatchObject({ refundState: "issued", amount: 6347, status: "received" });

    // Again: nothing more leaves.
    expect(await retryReturnRefund({ number, actor: "staff:2" })).toMatchObject({ ok: true, duplicate: true });
    expect(atStripe(cards)).toEqual({ refunded: [8907, 565], count: 3 });

    // The returns money report has both entries, the shopper's pounds adding up to the piece.
    // The report's days are Nairobi's (OPS_TIME_ZONE): from 21:00 UTC the UTC date is yesterday there.
    const today = zonedIsoDate(new Date());
    const report = await returnsMoney({ from: today, to: today }, 50);
    const mine = report.latest.filter((m) => m.returnNumber === number);
    expect(mine.map((m) => m.shopperAmount).sort((a, b) => a - b)).toEqual([565, 5782]);
  });

  it("killed after Stripe refunded both parts, before the database recorded them, is sent again under the same keys and refunded once", async () => {
    const { number, cards } = await splitReturn();
    const refundsBefore = fake.refunds.size;
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "returns-kill-worker.ts")], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, RETURN_NUMBER: number },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (chunk) => (out += chunk));
    child.stderr!.on("data", (chunk) => (out += chunk));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // The second part's request reaches Stripe and the process receiving the return dies (kill -9).
    let killing = false;
    const killed = new Promise<void>((resolve) =>
      fake.refundFaults.push("answer", async () => {
        killing = true;
        child.kill("SIGKILL");
        await exited;
        resolve();
      }),
    );
    await Promise.race([
      killed,
      exited.then(() => {
        if (!killing) throw new Error(`the receiving process ended on its own: ${out}`);
        return killed;
      }),
    ]);
    // PostgreSQL rolls the dead session's transaction back once it sees the connection gone.
    for (let i = 0; i < 100 && (await transactionOpen()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    // Stripe refunded both parts; the database has nothing of the step (not even the receipt).
    expect(atStripe(cards)).toEqual({ refunded: [8907, 565], count: 3 });
    expect(await returnRow(number)).toMatchObject({ status: "requested", refundState: "owed" });
    expect(await returnRefunds(number)).toEqual([]);
    expect(await ledgerOf(`return-refund:${number}`)).toEqual([]);

    // The hub receives the parcel again: the same parts under the same keys, answered with Stripe's first refunds.
    const again = await receiveReturn({ number, actor: "staff:1" });
    expect(again).toMatchObject({ ok: true });
    expect(fake.refunds.size).toBe(refundsBefore + 2);
    expect(atStripe(cards)).toEqual({ refunded: [8907, 565], count: 3 });
    expect((await returnRefunds(number)).map((r) => [r.amount, r.status])).toEqual([
      [5782, "succeeded"],
      [565, "succeeded"],
    ]);
    expect(await ledgerOf(`return-refund:${number}`)).toEqual([
      { account: "soko:sales_returns:USD", amount: toSettlement(6347, 1_250_000), currency: "USD" },
      { account: "soko:refunds_paid:USD", amount: -toSettlement(6347, 1_250_000), currency: "USD" },
    ]);
    expect(await returnRow(number)).toMatchObject({ refundState: "issued", amount: 6347 });
  });
});
