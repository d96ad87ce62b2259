/**
 * A charge is on record before the card is charged, and the reconcile_charge job finishes the order
 * or gives the money back for any charge the checkout never turned into an order — after a kill -9
 * in the middle of a burst of checkouts, or a refund that failed after a failed order. The reconcile
 * sweep queues that job for a charge left unsettled past its grace period, never within it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { Logger, parseCrontab, runOnce } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { addLine } from "~/domain/cart/cart.server";
import { checkoutState, payAndPlaceOrder, saveAddress, saveShippingMethod } from "~/domain/checkout/checkout.server";
import {
  CHARGE_RECONCILE_AFTER_MS,
  CHARGE_SWEEP_CRONTAB,
  queueUnsettledCharges,
  reconcileCharge,
} from "~/domain/checkout/reconcile.server";
import { taskList } from "~/worker.server";
import { LocalPaymentProvider } from "~/domain/payments/local-provider.server";
import { db, schema } from "~/lib/db.server";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "soko-charge-burst-"));
const chargeLog = path.join(dir, "charges.log");
const children: ChildProcess[] = [];
const address = {
  email: "amani@example.com",
  name: "Amani Otieno",
  line1: "500 Valencia St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94110",
  country: "US",
};
let variantId: number;

async function readyCart(quantity = 1) {
  const added = await addLine(null, variantId, quantity);
  if (!added.ok) throw new Error(added.message);
  await saveAddress(added.cartId, address);
  await saveShippingMethod(added.cartId, "standard");
  return { cartId: added.cartId, total: (await checkoutState(added.cartId))!.totals.total };
}

/** These charges' last write `ms` earlier: as the sweep finds them once that much time has passed. */
const age = (keys: string[], ms: number) =>
  db.execute(sql`update payments set updated_at = updated_at - make_interval(secs => ${ms / 1000}) where idempotency_key in ${keys}`);
const runJobs = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: new Logger(() => () => {}) });
const reconcileJobs = async (keys: string[]) =>
  (
    await db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker.jobs where key in ${keys.map((key) => `reconcile_charge:${key}`)}`,
    )
  )[0].n;
/** The grace period over for these charges, the sweep's cron job runs, and the jobs it queued. */
const runJobsDueNow = async (keys: string[]) => {
  await age(keys, CHARGE_RECONCILE_AFTER_MS + 1000);
  await db.execute(sql`select graphile_worker.add_job('reconcile_charges', '{}'::json, job_key => 'reconcile_charges')`);
  await runJobs();
};
const chargeOf = async (key: string) => (await db.select().from(schema.payments).where(eq(schema.payments.idempotencyKey, key)))[0];

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  variantId = (await createProduct(db, { handle: "sabi-pendant", variants: [{ price: 6400 }] })).variants[0].id;
  await setStock(db, variantId, fc.id, 500);
  writeFileSync(chargeLog, "");
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("a charge without its order", () => {
  it("is recorded before the card is charged, and settled with its order", async () => {
    const { cartId, total } = await readyCart();
    const key = crypto.randomUUID();
    const placed = await payAndPlaceOrder(cartId, {
      idempotencyKey: key,
      expectedTotal: total,
      card: { number: "4242424242424242", expiry: "12/30", cvc: "123" },
      customerId: null,
    });
    expect(placed.ok).toBe(true);
    const charge = await chargeOf(key);
    expect(charge).toMatchObject({ status: "succeeded", amount: total, provider: "local", providerRef: expect.stringMatching(/^lpi_/) });
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, key));
    expect(charge.orderId).toBe(order.id);
    // One payment row for the order (the charge's own), and its job does nothing when it runs.
    expect(await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id))).toHaveLength(1);
    expect(await reconcileCharge({ idempotencyKey: key, cartId })).toBe("settled");
  });

  it("a declined card is recorded as declined, and the job leaves it", async () => {
    const { cartId, total } = await readyCart();
    const key = crypto.randomUUID();
    const refused = await payAndPlaceOrder(cartId, {
      idempotencyKey: key,
      expectedTotal: total,
      card: { number: "4000000000000002", expiry: "12/30", cvc: "123" },
      customerId: null,
    });
    expect(refused.ok).toBe(false);
    expect(await chargeOf(key)).toMatchObject({ status: "declined", orderId: null });
    expect(await reconcileCharge({ idempotencyKey: key, cartId })).toBe("settled");
  });

  it("written with the bag's read: a pay refused before the card leaves no charge and no job; a declined key paid again is charged under it", async () => {
    const { cartId, total } = await readyCart();
    const jobFor = async (key: string) =>
      (
        await db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs where key = ${`reconcile_charge:${key}`}`)
      )[0].n;
    const pay = (key: string, expectedTotal: number, number = "4242424242424242") =>
      payAndPlaceOrder(cartId, { idempotencyKey: key, expectedTotal, card: { number, expiry: "12/30", cvc: "123" }, customerId: null });

    // A stale total: refused, and the row its read wrote is taken back with its job.
    const stale = crypto.randomUUID();
    expect(await pay(stale, total + 100)).toMatchObject({ ok: false, status: 409 });
    expect(await chargeOf(stale)).toBeUndefined();
    expect(await jobFor(stale)).toBe(0);

    // Declined, then the same key again with a good card: one row, charging again, then the order's.
    const key = crypto.randomUUID();
    expect(await pay(key, total, "4000000000000002")).toMatchObject({ ok: false, status: 402 });
    expect(await chargeOf(key)).toMatchObject({ status: "declined", orderId: null });
    // Declined is settled: past its grace period the sweep queues nothing for it.
    await age([key], CHARGE_RECONCILE_AFTER_MS + 1000);
    await queueUnsettledCharges();
    expect(await jobFor(key)).toBe(0);
    // A refusal of that key's retry leaves its earlier row as it was (it was not this read's to take back).
    expect(await pay(key, total + 1)).toMatchObject({ ok: false, status: 409 });
    expect(await chargeOf(key)).toMatchObject({ status: "declined", orderId: null });
    const placed = await pay(key, total);
    expect(placed.ok).toBe(true);
    const rows = await db.select().from(schema.payments).where(eq(schema.payments.idempotencyKey, key));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "succeeded", amount: total, orderId: expect.any(Number) });
  });

  it("charged with no order: the job places the bag's order (with its confirmation) or, if the bag changed, refunds", async () => {
    // What a crash right after the provider's answer leaves: the row says charged, no order.
    const kept = await readyCart(2);
    const keptKey = crypto.randomUUID();
    await db.insert(schema.payments).values({
      provider: "local",
      providerRef: `lpi_kept_${keptKey.slice(0, 8)}`,
      idempotencyKey: keptKey,
      amount: kept.total,
      currency: "USD",
      status: "succeeded",
    });
    expect(await reconcileCharge({ idempotencyKey: keptKey, cartId: kept.cartId })).toBe("placed");
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, keptKey));
    expect(order).toMatchObject({ total: kept.total, paymentStatus: "paid", email: address.email });
    expect((await chargeOf(keptKey)).orderId).toBe(order.id);
    expect(await checkoutState(kept.cartId)).toBeNull();
    const jobs = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'order_placed'`,
    );
    expect(Number(jobs[0].n)).toBeGreaterThan(0);
    // Run again (a retried job): nothing more.
    expect(await reconcileCharge({ idempotencyKey: keptKey, cartId: kept.cartId })).toBe("settled");
    expect(await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, keptKey))).toHaveLength(1);

    const changed = await readyCart(1);
    const changedKey = crypto.randomUUID();
    await db.insert(schema.payments).values({
      provider: "local",
      providerRef: `lpi_changed_${changedKey.slice(0, 8)}`,
      idempotencyKey: changedKey,
      amount: changed.total + 100,
      currency: "USD",
      status: "succeeded",
    });
    expect(await reconcileCharge({ idempotencyKey: changedKey, cartId: changed.cartId })).toBe("refunded");
    expect(await chargeOf(changedKey)).toMatchObject({ status: "refunded", orderId: null });
    expect(await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, changedKey))).toHaveLength(0);
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `payment:${(await chargeOf(changedKey)).id}`));
    expect(audit).toMatchObject({ actor: "job:reconcile_charge", action: "payment.refunded" });
  });

  it("a refund that fails after a failed order is tried again by the job, which never places that order", async () => {
    // The bag goes (another tab's order took it) while the card is charged: charged, then no order, money back.
    const { cartId, total } = await readyCart();
    const key = crypto.randomUUID();
    const refund = LocalPaymentProvider.prototype.refund;
    const charge = LocalPaymentProvider.prototype.charge;
    const refunded: string[] = [];
    LocalPaymentProvider.prototype.charge = async function (input) {
      const outcome = await charge.call(this, input);
      await db.delete(schema.carts).where(eq(schema.carts.id, cartId));
      return outcome;
    };
    LocalPaymentProvider.prototype.refund = async function (input) {
      refunded.push(input.idempotencyKey);
      if (refunded.length === 1) throw new Error("provider unreachable");
      return refund.call(this, input);
    };
    try {
      const refused = await payAndPlaceOrder(cartId, {
        idempotencyKey: key,
        expectedTotal: total,
        card: { number: "4242424242424242", expiry: "12/30", cvc: "123" },
        customerId: null,
      });
      expect(refused).toMatchObject({ ok: false, status: 409, message: "Your bag is empty." });
      expect(await chargeOf(key)).toMatchObject({ status: "refunding", orderId: null });
      expect(await reconcileCharge({ idempotencyKey: key, cartId })).toBe("refunded");
    } finally {
      LocalPaymentProvider.prototype.charge = charge;
      LocalPaymentProvider.prototype.refund = refund;
    }
    expect(refunded).toEqual([`void:${key}`, `void:${key}`]);
    expect(await chargeOf(key)).toMatchObject({ status: "refunded", orderId: null });
    expect(await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, key))).toHaveLength(0);
  });

  it("after a kill -9 in the middle of a burst, every charge ends with its order or its money back", async () => {
    const carts = await burstKilled(12, chargeLog);

    // At the crash: three orders; nine cards charged with no order, each with its row.
    const keys = carts.map((c) => c.key);
    const atCrash = await db.select().from(schema.payments).where(sql`${schema.payments.idempotencyKey} in ${keys}`);
    expect(atCrash).toHaveLength(12);
    expect(atCrash.filter((p) => p.orderId !== null)).toHaveLength(3);
    expect(atCrash.filter((p) => p.orderId === null).every((p) => p.status === "charging")).toBe(true);

    await runJobsDueNow(keys);
    const after = await db.select().from(schema.payments).where(sql`${schema.payments.idempotencyKey} in ${keys}`);
    for (const charge of after) {
      // The local provider keeps no state, so an unanswered charge is given back (the bag stays to pay again).
      if (charge.orderId === null) expect(charge.status, charge.idempotencyKey!).toBe("void");
      else expect(charge.status).toBe("succeeded");
    }
    expect(after.filter((p) => p.status === "void")).toHaveLength(9);
    const orders = await db
      .select()
      .from(schema.orders)
      .where(and(sql`${schema.orders.idempotencyKey} in ${keys}`, isNotNull(schema.orders.id)));
    expect(orders).toHaveLength(3);
    for (const c of carts) {
      const ordered = orders.some((o) => o.idempotencyKey === c.key);
      expect((await checkoutState(c.cartId)) === null, c.key).toBe(ordered);
    }
    const voided = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "payment.voided"));
    expect(voided.length).toBeGreaterThanOrEqual(9);
  }, 120_000);

  it("a charge a killed process left charging is reconciled by the sweep once past its grace period, not before", async () => {
    const carts = await burstKilled(6, path.join(dir, "charges-sweep.log"));
    const keys = carts.map((c) => c.key);
    const left = (await db.select().from(schema.payments).where(sql`${schema.payments.idempotencyKey} in ${keys}`)).filter(
      (p) => p.orderId === null,
    );
    expect(left).toHaveLength(3);
    expect(left.every((p) => p.status === "charging")).toBe(true);
    const leftKeys = left.map((p) => p.idempotencyKey!);

    // Inside the grace period (its request may still be running): the sweep leaves them.
    await age(leftKeys, CHARGE_RECONCILE_AFTER_MS - 5000);
    expect(await queueUnsettledCharges()).toBe(0);
    expect(await reconcileJobs(leftKeys)).toBe(0);

    // Past it: one job each, and a second sweep (or one running beside it) does not double them.
    await age(leftKeys, 10_000);
    const [first, second] = await Promise.all([queueUnsettledCharges(), queueUnsettledCharges()]);
    expect(first + second).toBe(3);
    expect(await queueUnsettledCharges()).toBe(0);
    expect(await reconcileJobs(leftKeys)).toBe(3);

    await runJobs();
    for (const key of leftKeys) expect(await chargeOf(key)).toMatchObject({ status: "void", orderId: null });
    expect(await reconcileJobs(leftKeys)).toBe(0);
    // Settled: later sweeps find nothing; the three orders that were written stand.
    expect(await queueUnsettledCharges()).toBe(0);
    expect(await db.select().from(schema.orders).where(sql`${schema.orders.idempotencyKey} in ${keys}`)).toHaveLength(3);
    for (const c of carts) if (leftKeys.includes(c.key)) expect(await checkoutState(c.cartId), c.key).not.toBeNull();
  }, 120_000);

  it("charges whose job is already there never hold newer ones back from the sweep's limit", async () => {
    const stuck = crypto.randomUUID();
    const newer = crypto.randomUUID();
    for (const key of [stuck, newer])
      await db.insert(schema.payments).values({
        provider: "local",
        idempotencyKey: key,
        amount: 6400,
        currency: "USD",
        status: "charging",
        cartId: crypto.randomUUID(),
      });
    await age([stuck], CHARGE_RECONCILE_AFTER_MS + 60_000);
    await age([newer], CHARGE_RECONCILE_AFTER_MS + 1000);
    // The older charge's job is there already (retrying after failures, far in the future).
    await db.execute(
      sql`select graphile_worker.add_job('reconcile_charge', '{}'::json, job_key => ${`reconcile_charge:${stuck}`}, run_at => now() + interval '1 day')`,
    );
    expect(await queueUnsettledCharges(1)).toBe(1);
    expect(await reconcileJobs([newer])).toBe(1);
    expect(await reconcileJobs([stuck])).toBe(1);
    for (const key of [stuck, newer]) await db.execute(sql`select graphile_worker.remove_job(${`reconcile_charge:${key}`})`);
    await db.delete(schema.payments).where(sql`${schema.payments.idempotencyKey} in ${[stuck, newer]}`);
  });

  it("the sweep runs every minute, and a worker that was down makes up its missed runs as one job", () => {
    const [item] = parseCrontab(CHARGE_SWEEP_CRONTAB);
    expect(item.task).toBe("reconcile_charges");
    for (const [min, hour] of [
      [0, 0],
      [1, 3],
      [37, 14],
      [59, 23],
    ])
      expect(item.match({ min, hour, date: 7, month: 12, dow: 1 }), `${hour}:${min}`).toBe(true);
    expect(item.options).toMatchObject({ backfillPeriod: 10 * 60_000, jobKey: "reconcile_charges" });
  });
});

/**
 * `n` carts paid at once by another process (charge-burst-worker.ts), killed with SIGKILL once every
 * card was charged and three orders were written: the others' charges stay "charging".
 */
async function burstKilled(n: number, log: string) {
  writeFileSync(log, "");
  const carts = await Promise.all(Array.from({ length: n }, async () => ({ ...(await readyCart()), key: crypto.randomUUID() })));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/integration/charge-burst-worker.ts")], {
    cwd: root,
    env: { ...process.env, CARTS: JSON.stringify(carts), CHARGE_LOG: log },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (chunk) => (out += chunk));
  const charged = () => new Set(readFileSync(log, "utf8").split("\n").filter(Boolean));
  // The child's start (tsx compiling the app) took over 30 s at load ~20.
  const deadline = Date.now() + 60_000;
  while (charged().size < carts.length || (out.match(/^placed /gm) ?? []).length < 3) {
    if (Date.now() > deadline) throw new Error(`the burst did not get going: ${out}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  return carts;
}
