/**
 * One dispatch plan per burst of orders (#14): each order queues its own `dispatch_requests` job in
 * its transaction; whichever runs first plans every waiting order at once and completes the others.
 * Checked through the real graphile-worker and the app's task list: a burst → one plan, every line
 * offered exactly once, never to a paused or full artisan; an order committed while a plan runs keeps
 * its job; a plan that fails half-way (as a killed worker's transaction) loses nothing; a live worker offers within 3 s.
 */
import { eq, sql } from "drizzle-orm";
import { Logger, runOnce } from "graphile-worker";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createLocation, createProduct } from "#db/seed/factories";
import { dispatchQueued } from "~/domain/production/dispatch.server";
import { commitOrder } from "~/domain/orders/commit.server";
import { db, schema } from "~/lib/db.server";
import { startWorker, taskList } from "~/worker.server";

const silent = new Logger(() => () => {});
const runJobs = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: silent });
const admin = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
afterAll(() => admin.end({ timeout: 5 }));

let beadedEarring: number;
let wanjiru: number;
let kamau: number;
let paused: number;

async function order(quantity = 1) {
  return db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "burst@example.com",
      currency: "USD",
      lines: [{ variantId: beadedEarring, quantity, unitPrice: 3000 }],
      totals: { subtotal: 3000 * quantity, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 3000 * quantity },
      idempotencyKey: crypto.randomUUID(),
      stockLocationCodes: ["US-FC"],
      paymentStatus: "paid",
      actor: "test",
    }),
  );
}

const inList = (ids: number[]) =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

const requestsOf = (orderIds: number[]) =>
  db.execute<{ id: number; status: string; artisan_id: number | null; quantity: number }>(sql`
    select id, status, artisan_id, quantity from production_requests where order_id in ${inList(orderIds)} order by id`);

const dispatchJobs = async () =>
  (await admin<{ n: number }[]>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'dispatch_requests'`)[0].n;

/** A transaction elsewhere holding the notify_offers job key: a plan that reaches its offers' SMS job waits there. */
async function holdNotifyOffers() {
  const holder = await admin.reserve();
  await holder`begin`;
  await holder`select graphile_worker.add_job('notify_offers', '{}'::json, job_key => 'notify_offers', run_at => now() + interval '1 hour')`;
  return {
    release: async () => {
      await holder`rollback`;
      holder.release();
    },
  };
}

/** The backend of a plan waiting on that key. */
async function waitingPlan(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const [row] = await admin<{ pid: number }[]>`
      select pid from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock' and query like '%graphile_worker.add_job%'`;
    if (row) return row.pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the plan never reached its offers' SMS job");
}

beforeAll(async () => {
  await createLocation(db, { code: "US-FC", kind: "fulfilment" });
  beadedEarring = (
    await createProduct(db, { handle: "beaded-earring", status: "active", skills: ["beadwork"], variants: [{ leadTimeDays: 21 }] })
  ).variants[0].id;
  wanjiru = (await createArtisan(db, { firstName: "Wanjiru", qualityScore: 9900, skills: [{ skill: "beadwork", weeklyCapacity: 40 }] }))
    .artisan.id;
  kamau = (await createArtisan(db, { firstName: "Kamau", qualityScore: 9500, skills: [{ skill: "beadwork", weeklyCapacity: 40 }] })).artisan
    .id;
  paused = (
    await createArtisan(db, {
      firstName: "Paused",
      qualityScore: 10000,
      available: false,
      skills: [{ skill: "beadwork", weeklyCapacity: 500 }],
    })
  ).artisan.id;
});

describe("dispatch plans a burst of orders once", () => {
  it("a burst of 12 orders: one plan, every line offered once, never to a paused artisan nor past a capacity", async () => {
    // 12 orders of 4 are 48 pieces, more than either artisan's 40 a week; the paused one (best score, room for 500) gets none.
    const placed = await Promise.all(Array.from({ length: 12 }, () => order(4)));
    expect(await dispatchJobs()).toBe(12);
    await runJobs();
    expect(await dispatchJobs()).toBe(0);

    const rows = await requestsOf(placed.map((p) => p.id));
    expect(rows.every((r) => r.status === "offered")).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.quantity, 0)).toBe(48);
    const units = (artisan: number) => rows.filter((r) => r.artisan_id === artisan).reduce((sum, r) => sum + r.quantity, 0);
    expect(units(wanjiru)).toBeLessThanOrEqual(40);
    expect(units(kamau)).toBeLessThanOrEqual(40);
    expect(units(wanjiru) + units(kamau)).toBe(48);
    expect(units(paused)).toBe(0);

    const [offers] = await db.execute<{ requests: number; offers: number; plans: number }>(sql`
      select count(distinct request_id)::int as requests, count(*)::int as offers, count(distinct at)::int as plans
        from production_events where to_status = 'offered' and order_id in ${inList(placed.map((p) => p.id))}`);
    // One event per request (each offered once), all stamped by one transaction's now(): one plan.
    expect(offers).toEqual({ requests: rows.length, offers: rows.length, plans: 1 });
  });

  it("an order committed while a plan runs is not in it, keeps its job and is offered by the next", async () => {
    const first = await order(1);
    const hold = await holdNotifyOffers();
    let second: Awaited<ReturnType<typeof order>>;
    const planning = dispatchQueued({ orderId: first.id });
    try {
      await waitingPlan();
      second = await order(1); // committed while the plan is half-way
    } finally {
      await hold.release();
    }
    expect(await planning).toMatchObject({ jobs: 1, offered: 1 });

    expect((await requestsOf([second.id])).map((r) => r.status)).toEqual(["unassigned"]);
    expect(await dispatchJobs()).toBe(1);
    await runJobs();
    expect((await requestsOf([first.id, second.id])).map((r) => r.status)).toEqual(["offered", "offered"]);
    expect(await dispatchJobs()).toBe(0);
  });

  it("a plan that fails half-way writes nothing and completes no job: the rerun offers each line once", async () => {
    const placed = await Promise.all([order(1), order(2), order(1)]);
    const hold = await holdNotifyOffers();
    const planning = dispatchQueued({ orderId: placed[0].id });
    try {
      const pid = await waitingPlan();
      // Its statement cancelled: the transaction rolls back, as a killed worker's does when its connection goes.
      await admin`select pg_cancel_backend(${pid})`;
      await expect(planning).rejects.toThrow();
    } finally {
      await hold.release();
    }

    expect((await requestsOf(placed.map((p) => p.id))).map((r) => r.status)).toEqual(["unassigned", "unassigned", "unassigned"]);
    expect(await dispatchJobs()).toBe(3);
    await runJobs();
    const rows = await requestsOf(placed.map((p) => p.id));
    expect(rows.map((r) => r.status)).toEqual(["offered", "offered", "offered"]);
    const events = await db
      .select({ requestId: schema.productionEvents.requestId })
      .from(schema.productionEvents)
      .where(eq(schema.productionEvents.toStatus, "offered"));
    for (const row of rows) expect(events.filter((e) => e.requestId === row.id)).toHaveLength(1);
  });

  it("a running worker offers an order's work within 3 seconds of its commit", async () => {
    const worker = await startWorker(process.env.DATABASE_URL!);
    try {
      const started = performance.now();
      const placed = await order(1);
      let status = "unassigned";
      while (status !== "offered" && performance.now() - started < 3000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        [{ status }] = await requestsOf([placed.id]);
      }
      expect(status).toBe("offered");
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      await worker.stop();
    }
  });
});
