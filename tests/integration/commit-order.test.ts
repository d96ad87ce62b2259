import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { commitOrder, type CommitOrderInput } from "~/domain/orders/commit.server";
import { db, schema } from "~/lib/db.server";

let variantId: number;
let madeToOrderId: number;
let fcId: number;

const base = (over: Partial<CommitOrderInput> = {}): CommitOrderInput => ({
  channel: "web",
  email: "shopper@example.com",
  currency: "USD",
  lines: [{ variantId, quantity: 1, unitPrice: 4800 }],
  totals: { subtotal: 4800, discountTotal: 0, shippingTotal: 600, taxTotal: 0, total: 5400 },
  idempotencyKey: crypto.randomUUID(),
  stockLocationCodes: ["US-FC", "NBO-HUB"],
  payment: null,
  paymentStatus: "paid",
  actor: "test",
  today: new Date("2026-11-25T10:00:00Z"),
  ...over,
});

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  const hub = await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  await createLocation(db, { code: "SF-FLAGSHIP", kind: "store", shipDays: 1 });
  fcId = fc.id;
  const { variants } = await createProduct(db, { handle: "brass-hoops", status: "active", variants: [{ price: 4800, leadTimeDays: 14 }] });
  variantId = variants[0].id;
  await setStock(db, variantId, fc.id, 30);
  await setStock(db, variantId, hub.id, 20);
  const mto = await createProduct(db, { handle: "horn-cuff", status: "active", variants: [{ price: 9600, leadTimeDays: 21 }] });
  madeToOrderId = mto.variants[0].id;
});

describe("commitOrder", () => {
  it("dates production on the factory's clock: an order at 01:00 in Nairobi (22:00 UTC the day before) is due lead days from Nairobi's today", async () => {
    const order = await commitOrder(
      db,
      base({ lines: [{ variantId: madeToOrderId, quantity: 1, unitPrice: 9600 }], today: new Date("2026-11-25T22:00:00Z") }),
    );
    const [request] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    expect(request.dueDate).toBe("2026-12-17");
  });

  it("allocates from stock first, fastest location first, and the rest to a production request", async () => {
    const order = await commitOrder(
      db,
      base({
        lines: [
          { variantId: madeToOrderId, quantity: 3, unitPrice: 9600 },
          { variantId, quantity: 2, unitPrice: 4800 },
        ],
      }),
    );
    expect(order.created).toBe(true);
    expect(order.number).toMatch(/^SK-1\d{5}$/);
    const allocations = await db.execute<{ variant_id: number; kind: string; code: string | null; quantity: number }>(sql`
      select ol.variant_id, a.kind, l.code, a.quantity from allocations a
      join order_lines ol on ol.id = a.order_line_id left join locations l on l.id = a.location_id
      where ol.order_id = ${order.id} order by ol.variant_id, a.kind`);
    expect(allocations.map((a) => ({ ...a }))).toEqual([
      { variant_id: variantId, kind: "stock", code: "US-FC", quantity: 2 },
      { variant_id: madeToOrderId, kind: "production", code: null, quantity: 3 },
    ]);
    const [request] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    expect(request).toMatchObject({ quantity: 3, status: "unassigned", dueDate: "2026-12-16", variantId: madeToOrderId });
    const jobs = await db.execute<{ task_identifier: string }>(sql`select task_identifier from graphile_worker.jobs order by id`);
    expect(jobs.map((j) => j.task_identifier)).toEqual(expect.arrayContaining(["dispatch_requests", "order_placed"]));
    const events = await db
      .select({ type: schema.orderEvents.type })
      .from(schema.orderEvents)
      .where(eq(schema.orderEvents.orderId, order.id));
    expect(events.map((e) => e.type)).toEqual(["placed", "paid"]);
  });

  it("returns the first order for a repeated idempotency key and writes nothing more", async () => {
    const key = crypto.randomUUID();
    const first = await db.transaction((tx) => commitOrder(tx, base({ idempotencyKey: key })));
    const [before] = await db.execute<{ n: number }>(sql`select count(*)::int as n from order_lines`);
    const again = await db.transaction((tx) => commitOrder(tx, base({ idempotencyKey: key })));
    const [after] = await db.execute<{ n: number }>(sql`select count(*)::int as n from order_lines`);
    expect(again).toEqual({ ...first, created: false });
    expect(after.n).toBe(before.n);
  });

  it("merges repeated variants into one line, and refuses one variant at two prices", async () => {
    const order = await commitOrder(
      db,
      base({
        lines: [
          { variantId: madeToOrderId, quantity: 1, unitPrice: 9600 },
          { variantId: madeToOrderId, quantity: 2, unitPrice: 9600 },
        ],
      }),
    );
    const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
    expect(lines.map((l) => l.quantity)).toEqual([3]);
    await expect(
      commitOrder(
        db,
        base({
          lines: [
            { variantId, quantity: 1, unitPrice: 4800 },
            { variantId, quantity: 1, unitPrice: 100 },
          ],
        }),
      ),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("writes each line with its SKU, title and totals, and refuses an unknown variant with nothing written", async () => {
    const named = await createProduct(db, {
      handle: "sabi-drops",
      title: "Sabi Drops",
      variants: [
        { price: 5200, title: "Brass", sku: "SABI-BRASS", leadTimeDays: 10 },
        { price: 6400, title: "Silver", sku: "SABI-SILVER", leadTimeDays: 10 },
      ],
    });
    const [brass, silver] = named.variants;
    const order = await commitOrder(
      db,
      base({
        lines: [
          { variantId: silver.id, quantity: 1, unitPrice: 6400, discount: 400 },
          { variantId, quantity: 2, unitPrice: 4800 },
          { variantId: brass.id, quantity: 2, unitPrice: 5200 },
        ],
      }),
    );
    const lines = await db
      .select({
        variantId: schema.orderLines.variantId,
        sku: schema.orderLines.sku,
        title: schema.orderLines.title,
        total: schema.orderLines.total,
      })
      .from(schema.orderLines)
      .where(eq(schema.orderLines.orderId, order.id))
      .orderBy(schema.orderLines.id);
    // In variant order; a "Default" variant's line is the product's title alone.
    expect(lines).toEqual([
      { variantId, sku: expect.stringMatching(/^TEST-/), title: expect.not.stringContaining("—"), total: 9600 },
      { variantId: brass.id, sku: "SABI-BRASS", title: "Sabi Drops — Brass", total: 10400 },
      { variantId: silver.id, sku: "SABI-SILVER", title: "Sabi Drops — Silver", total: 6000 },
    ]);

    const key = crypto.randomUUID();
    const [before] = await db.execute<{ n: number; reserved: number }>(
      sql`select (select count(*) from order_lines)::int as n, (select sum(reserved) from inventory_levels)::int as reserved`,
    );
    await expect(
      db.transaction((tx) =>
        commitOrder(
          tx,
          base({
            idempotencyKey: key,
            lines: [
              { variantId, quantity: 1, unitPrice: 4800 },
              { variantId: 987654, quantity: 1, unitPrice: 100 },
            ],
          }),
        ),
      ),
    ).rejects.toMatchObject({ status: 422 });
    const [after] = await db.execute<{ n: number; reserved: number }>(
      sql`select (select count(*) from order_lines)::int as n, (select sum(reserved) from inventory_levels)::int as reserved`,
    );
    expect(after).toEqual(before);
    expect(await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, key))).toEqual([]);
  });

  it("rolls back everything when the transaction fails", async () => {
    const [before] = await db.execute<{ n: number; reserved: number }>(
      sql`select (select count(*) from orders)::int as n, (select sum(reserved) from inventory_levels)::int as reserved`,
    );
    await expect(
      db.transaction(async (tx) => {
        await commitOrder(tx, base());
        throw new Error("payment record failed");
      }),
    ).rejects.toThrow("payment record failed");
    const [after] = await db.execute<{ n: number; reserved: number }>(
      sql`select (select count(*) from orders)::int as n, (select sum(reserved) from inventory_levels)::int as reserved`,
    );
    expect(after).toEqual(before);
  });

  it("queues the order's jobs in its own transaction, each under its order's key, and a later job under that key replaces it", async () => {
    type Job = {
      task: string;
      queue: string | null;
      key: string | null;
      payload: unknown;
      max_attempts: number;
      attempts: number;
      revision: number;
      due: boolean;
    };
    const jobsOf = (orderId: number) =>
      db.execute<Job>(sql`
        select t.identifier as task, q.queue_name as queue, j.key, j.payload, j.max_attempts, j.attempts, j.revision, j.run_at <= now() as due
          from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
          left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
         where j.key in (${`order_placed:${orderId}`}, ${`dispatch:order:${orderId}`}) order by t.identifier`);
    const order = await commitOrder(db, base({ lines: [{ variantId: madeToOrderId, quantity: 1, unitPrice: 9600 }] }));
    const queued = { max_attempts: 25, attempts: 0, revision: 0, due: true, payload: { orderId: order.id } };
    expect((await jobsOf(order.id)).map((j) => ({ ...j }))).toEqual([
      { task: "dispatch_requests", queue: "dispatch", key: `dispatch:order:${order.id}`, ...queued },
      { task: "order_placed", queue: null, key: `order_placed:${order.id}`, ...queued },
    ]);
    // An order change queues the dispatch again under the same key (change.server.ts): the waiting job is replaced, not doubled.
    await db.execute(
      sql`select graphile_worker.add_job('dispatch_requests', ${JSON.stringify({ orderId: order.id })}::json, queue_name => 'dispatch', job_key => ${`dispatch:order:${order.id}`})`,
    );
    expect((await jobsOf(order.id)).map((j) => [j.task, j.revision])).toEqual([
      ["dispatch_requests", 1],
      ["order_placed", 0],
    ]);
    // An order rolled back leaves no job behind.
    let rolledBack = 0;
    await expect(
      db.transaction(async (tx) => {
        rolledBack = (await commitOrder(tx, base({ lines: [{ variantId: madeToOrderId, quantity: 1, unitPrice: 9600 }] }))).id;
        expect(await tx.execute(sql`select 1 from graphile_worker._private_jobs where key = ${`order_placed:${rolledBack}`}`)).toHaveLength(
          1,
        );
        throw new Error("payment record failed");
      }),
    ).rejects.toThrow("payment record failed");
    expect(rolledBack).toBeGreaterThan(order.id);
    expect(await jobsOf(rolledBack)).toHaveLength(0);
  });

  it("never oversells: 200 parallel checkouts for the last units in stock", async () => {
    const { variants } = await createProduct(db, { handle: "sabi-pendant", status: "active", variants: [{ price: 7200 }] });
    const contested = variants[0].id;
    await setStock(db, contested, fcId, 50);
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        db.transaction((tx) => commitOrder(tx, base({ lines: [{ variantId: contested, quantity: 1, unitPrice: 7200 }] }))),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(200);
    const [stock] = await db.execute<{ from_stock: number; to_make: number }>(sql`
      select coalesce(sum(a.quantity) filter (where a.kind = 'stock'), 0)::int as from_stock,
             coalesce(sum(a.quantity) filter (where a.kind = 'production'), 0)::int as to_make
      from allocations a join order_lines ol on ol.id = a.order_line_id where ol.variant_id = ${contested}`);
    expect(stock).toEqual({ from_stock: 50, to_make: 150 });
    const [level] = await db.select().from(schema.inventoryLevels).where(eq(schema.inventoryLevels.variantId, contested));
    expect(level.reserved).toBe(50);
    expect(level.onHand - level.reserved).toBe(0);
  });

  it("splits an order across locations, fastest first, and never oversells across them under contention", async () => {
    const { variants } = await createProduct(db, { handle: "kazuri-drops", status: "active", variants: [{ price: 3000 }] });
    const contested = variants[0].id;
    const [hub] = await db.select({ id: schema.locations.id }).from(schema.locations).where(eq(schema.locations.code, "NBO-HUB"));
    await setStock(db, contested, fcId, 3);
    await setStock(db, contested, hub.id, 4);

    // One order for 5: the fulfilment centre's 3 (ships in 2 days), then 2 of the hub's 4.
    const first = await commitOrder(db, base({ lines: [{ variantId: contested, quantity: 5, unitPrice: 3000 }] }));
    const split = await db.execute<{ code: string; quantity: number }>(sql`
      select l.code, a.quantity from allocations a join order_lines ol on ol.id = a.order_line_id
      join locations l on l.id = a.location_id where ol.order_id = ${first.id} order by l.ship_days`);
    expect(split.map((r) => ({ ...r }))).toEqual([
      { code: "US-FC", quantity: 3 },
      { code: "NBO-HUB", quantity: 2 },
    ]);

    // 60 orders of 1–3 units at once for the last 2 + 10 more put on the shelf.
    await setStock(db, contested, fcId, 13);
    const quantities = Array.from({ length: 60 }, (_, i) => 1 + (i % 3));
    const orders = await Promise.all(
      quantities.map((quantity) =>
        db.transaction((tx) => commitOrder(tx, base({ lines: [{ variantId: contested, quantity, unitPrice: 3000 }] }))),
      ),
    );
    const ids = sql.join(
      orders.map((o) => sql`${o.id}`),
      sql`, `,
    );
    const [totals] = await db.execute<{ from_stock: number; to_make: number }>(sql`
      select coalesce(sum(a.quantity) filter (where a.kind = 'stock'), 0)::int as from_stock,
             coalesce(sum(a.quantity) filter (where a.kind = 'production'), 0)::int as to_make
      from allocations a join order_lines ol on ol.id = a.order_line_id where ol.order_id in (${ids})`);
    expect(totals).toEqual({ from_stock: 12, to_make: quantities.reduce((a, b) => a + b, 0) - 12 });
    const levels = await db.select().from(schema.inventoryLevels).where(eq(schema.inventoryLevels.variantId, contested));
    for (const level of levels) expect(level.onHand - level.reserved).toBe(0);
    const [moved] = await db.execute<{ reserved: number }>(sql`
      select coalesce(sum(reserved_delta), 0)::int as reserved from inventory_movements where variant_id = ${contested}`);
    expect(moved.reserved).toBe(levels.reduce((sum, l) => sum + l.reserved, 0));
  });
});
