/** /ops/production against the real database: the board, reassigning one request, and bulk re-dispatch. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct, createStaff } from "#db/seed/factories";
import { dispatchUnassigned } from "~/domain/production/dispatch.server";
import { advanceRequest } from "~/domain/production/requests.server";
import { commitOrder } from "~/domain/orders/commit.server";
import { action as requestAction, loader as requestLoader } from "~/routes/ops.production.$number";
import { action as boardAction, loader as boardLoader } from "~/routes/ops.production._index";
import { loadDashboard } from "~/features/ops/dashboard.server";
import { db, schema } from "~/lib/db.server";
import { staffSessionCookie } from "./session-support";

const BASE = "http://soko.test";
const cookies: Record<string, string> = {};
const people: Record<string, number> = {};
let variantId: number;
let otherVariantId: number;

async function cookieFor(staffId: number) {
  return staffSessionCookie(staffId);
}

type Outcome = { status: number; location: string | null; body: Record<string, unknown> | null };

async function call(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = await fn();
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), body: null };
    const r = result as { data?: Record<string, unknown>; init?: { status?: number } | null };
    if (r && typeof r === "object" && "data" in r && r.init !== undefined)
      return { status: r.init?.status ?? 200, location: null, body: r.data ?? null };
    return { status: 200, location: null, body: result as Record<string, unknown> };
  } catch (error) {
    if (error instanceof Response)
      return { status: error.status, location: error.headers.get("Location"), body: { message: await error.text() } };
    throw error;
  }
}

const board = (qs = "", who = "ops") =>
  call(() =>
    boardLoader({ request: new Request(`${BASE}/ops/production${qs}`, { headers: { Cookie: cookies[who] } }), params: {}, context: {} }),
  );
const view = (number: string, who = "ops") =>
  call(() =>
    requestLoader({
      request: new Request(`${BASE}/ops/production/${number}`, { headers: { Cookie: cookies[who] } }),
      params: { number },
      context: {},
    }),
  );
const reassign = (number: string, artisanId: number | string, who = "ops") =>
  call(() =>
    requestAction({
      request: new Request(`${BASE}/ops/production/${number}`, {
        method: "POST",
        headers: { Cookie: cookies[who] },
        body: new URLSearchParams({ artisanId: String(artisanId) }),
      }),
      params: { number },
      context: {},
    }),
  );
const redispatch = (ids: number[], who = "ops") => {
  const body = new URLSearchParams({ intent: "redispatch", back: "/ops/production?state=unassigned" });
  for (const id of ids) body.append("requestId", String(id));
  return call(() =>
    boardAction({
      request: new Request(`${BASE}/ops/production`, { method: "POST", headers: { Cookie: cookies[who] }, body }),
      params: {},
      context: {},
    }),
  );
};

async function request(number: string) {
  const [row] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.number, number));
  return row;
}

async function newRequest(over: Partial<typeof schema.productionRequests.$inferInsert> = {}) {
  const [{ next }] = await db.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
  const [row] = await db
    .insert(schema.productionRequests)
    .values({ number: `PR-${next}`, variantId, quantity: 3, pieceRate: 35000, dueDate: "2031-06-30", status: "unassigned", ...over })
    .returning();
  await db.insert(schema.productionEvents).values({ requestId: row.id, orderId: row.orderId, toStatus: row.status, actor: "test" });
  return row;
}

async function placeOrder(channel: "web" | "wholesale") {
  return db.transaction((tx) =>
    commitOrder(tx, {
      channel,
      email: "buyer@example.test",
      currency: "USD",
      lines: [{ variantId, quantity: 2, unitPrice: 4800 }],
      totals: { subtotal: 9600, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 9600 },
      idempotencyKey: randomUUID(),
      stockLocationCodes: [],
      payment: null,
      paymentStatus: channel === "wholesale" ? "on_terms" : "pending",
      actor: "test",
    }),
  );
}

const outbox = (to: string) => db.select().from(schema.outbox).where(eq(schema.outbox.to, to)).orderBy(asc(schema.outbox.id));

beforeAll(async () => {
  const ops = await createStaff(db, { email: "ops-board@soko.test", roles: ["ops"] });
  const hub = await createStaff(db, { email: "hub-board@soko.test", roles: ["hub"] });
  const cashier = await createStaff(db, { email: "cashier-board@soko.test", roles: ["cashier"] });
  cookies.ops = await cookieFor(ops.id);
  cookies.hub = await cookieFor(hub.id);
  cookies.cashier = await cookieFor(cashier.id);
  const made = await createProduct(db, {
    title: "Board Test Cuff",
    status: "active",
    skills: ["brass-casting", "polishing"],
    variants: [{ price: 4800, sku: "BTC-1" }],
  });
  variantId = made.variants[0].id;
  otherVariantId = (
    await createProduct(db, { title: "Board Other Ring", status: "active", skills: ["beadwork"], variants: [{ sku: "BOR-1" }] })
  ).variants[0].id;
  const skilled = [
    { skill: "brass-casting", weeklyCapacity: 14 },
    { skill: "polishing", weeklyCapacity: 14 },
  ];
  people.amina = (
    await createArtisan(db, {
      firstName: "Amina",
      lastName: "Board",
      county: "Nairobi",
      qualityScore: 9800,
      skills: skilled,
      phone: "+254711000001",
    })
  ).artisan.id;
  people.baraka = (
    await createArtisan(db, {
      firstName: "Baraka",
      lastName: "Board",
      county: "Kiambu",
      qualityScore: 9100,
      skills: skilled,
      phone: "+254711000002",
    })
  ).artisan.id;
  people.chebet = (
    await createArtisan(db, {
      firstName: "Chebet",
      lastName: "Board",
      county: "Nairobi",
      skills: [{ skill: "brass-casting", weeklyCapacity: 30 }],
      phone: "+254711000003",
    })
  ).artisan.id;
  people.dalia = (
    await createArtisan(db, { firstName: "Dalia", lastName: "Board", active: false, skills: skilled, phone: "+254711000004" })
  ).artisan.id;
});

describe("/ops/production board", () => {
  it("ops and hub read it, a cashier can't; hub can't act", async () => {
    expect((await board("", "cashier")).status).toBe(403);
    expect((await board("", "hub")).status).toBe(200);
    expect((await board("", "hub")).body).toMatchObject({ canAct: false });
    const pending = await newRequest();
    expect((await redispatch([pending.id], "hub")).status).toBe(403);
    expect((await reassign(pending.number, people.amina, "hub")).status).toBe(403);
    expect((await view(pending.number, "hub")).body).toMatchObject({ canAct: false });
  });

  it("tabs count by state; filters by late, channel, county and product", async () => {
    const late = await newRequest({ late: true, dueDate: "2020-01-01" });
    const web = await placeOrder("web");
    const wholesale = await placeOrder("wholesale");
    const offered = await newRequest();
    await advanceRequest(db, offered.id, "offered", "test", { artisanId: people.baraka, offerExpiresAt: new Date(Date.now() + 3600_000) });
    await newRequest({ variantId: otherVariantId });

    const all = (await board()).body as { tabs: { key: string; count: number }[]; rows: { number: string; late: boolean }[] };
    const unassignedCount = all.tabs.find((t) => t.key === "unassigned")!.count;
    expect(unassignedCount).toBeGreaterThanOrEqual(5);
    expect(all.tabs.find((t) => t.key === "offered")!.count).toBe(1);
    expect(all.rows[0].number).toBe(late.number);

    const lateOnly = (await board("?late=1")).body as { rows: { number: string }[] };
    expect(lateOnly.rows.map((r) => r.number)).toEqual([late.number]);
    const byChannel = (await board("?channel=wholesale")).body as { rows: { orderNumber: string | null }[] };
    expect(byChannel.rows.length).toBeGreaterThan(0);
    expect(byChannel.rows.every((r) => r.orderNumber === wholesale.number)).toBe(true);
    const stock = (await board("?channel=stock")).body as { rows: { orderNumber: string | null }[] };
    expect(stock.rows.every((r) => r.orderNumber === null)).toBe(true);
    expect(((await board("?channel=web")).body as { rows: { orderNumber: string }[] }).rows.map((r) => r.orderNumber)).toContain(
      web.number,
    );
    const kiambu = (await board("?state=offered&county=Kiambu")).body as { rows: { number: string }[] };
    expect(kiambu.rows.map((r) => r.number)).toEqual([offered.number]);
    expect(((await board("?state=offered&county=Nairobi")).body as { rows: unknown[] }).rows).toHaveLength(0);
    const ring = (await board("?product=other+ring")).body as { rows: { product: string }[] };
    expect(ring.rows.length).toBe(1);
    expect(ring.rows[0].product).toBe("Board Other Ring");
    expect((await board("?state=nowhere")).status).toBe(400);
  });
});

/** Takes these requests out again, so the capacity they hold doesn't change what dispatch does in later tests. */
async function forget(ids: number[]) {
  await db.delete(schema.productionEvents).where(inArray(schema.productionEvents.requestId, ids));
  await db.delete(schema.productionRequests).where(inArray(schema.productionRequests.id, ids));
}

describe("late work and the opening tab (issue 15)", () => {
  it("one rule: accepted work past its due date is late on the board, in its filter and on the dashboard, flagged or not", async () => {
    const overdue = await newRequest({ dueDate: "2021-01-10" });
    await advanceRequest(db, overdue.id, "offered", "test", { artisanId: people.baraka, offerExpiresAt: new Date(Date.now() + 3600_000) });
    await advanceRequest(db, overdue.id, "accepted", `artisan:${people.baraka}`, { artisanId: people.baraka });
    const received = await newRequest({ dueDate: "2021-01-10", status: "received", late: true });

    type Board = { state: string; rows: { number: string; late: boolean; flagged: boolean }[] };
    const accepted = (await board(`?state=accepted&product=${overdue.number}`)).body as Board;
    expect(accepted.rows).toEqual([expect.objectContaining({ number: overdue.number, late: true, flagged: false })]);
    const lateOnly = (await board(`?state=accepted&late=1&product=${overdue.number}`)).body as Board;
    expect(lateOnly.rows.map((r) => r.number)).toEqual([overdue.number]);
    // At the hub, it is not late any more, even if dispatch once flagged it.
    const atHub = (await board(`?state=received&product=${received.number}`)).body as Board;
    expect(atHub.rows).toEqual([expect.objectContaining({ number: received.number, late: false })]);

    const dashboard = await loadDashboard({ threshold: 50_000 });
    const listed = dashboard.late.rows.map((r) => r.number);
    expect(listed).toContain(overdue.number);
    expect(listed).not.toContain(received.number);
    await forget([overdue.id, received.id]);
  });

  it("opens on the first tab with something in it when no tab is asked for", async () => {
    const offered = await newRequest({ dueDate: "2031-01-10" });
    await advanceRequest(db, offered.id, "offered", "test", { artisanId: people.baraka, offerExpiresAt: new Date(Date.now() + 3600_000) });
    type Board = { state: string; query: { state?: string }; rows: { number: string }[] };
    const opened = (await board(`?product=${offered.number}`)).body as Board;
    expect(opened.state).toBe("offered");
    expect(opened.rows.map((r) => r.number)).toEqual([offered.number]);
    const asked = (await board(`?state=unassigned&product=${offered.number}`)).body as Board;
    expect(asked.state).toBe("unassigned");
    expect(asked.rows).toEqual([]);
    await forget([offered.id]);
  });
});

describe("reassign", () => {
  it("lists only active artisans with every skill, ranked by the dispatch engine, with capacity", async () => {
    const pending = await newRequest({ late: true, dueDate: "2020-02-01" });
    const page = (await view(pending.number)).body as {
      candidates: { artisanId: number; remainingCapacity: number; inTime: boolean }[];
      canAct: boolean;
    };
    expect(page.canAct).toBe(true);
    const ids = page.candidates.map((c) => c.artisanId);
    expect(ids.slice(0, 2)).toEqual([people.amina, people.baraka]);
    expect(ids).not.toContain(people.chebet);
    expect(ids).not.toContain(people.dalia);
    // Past its due date: nobody is in time, but they can still make it.
    expect(page.candidates.every((c) => !c.inTime && c.remainingCapacity > 0)).toBe(true);
  });

  it("refuses an artisan without the skills or inactive, and changes nothing", async () => {
    const pending = await newRequest({ late: true });
    for (const who of [people.chebet, people.dalia]) {
      const result = await reassign(pending.number, who);
      expect(result.status).toBe(422);
    }
    expect((await reassign(pending.number, "nobody")).status).toBe(400);
    expect((await reassign("PR-999999", people.amina)).status).toBe(404);
    const after = await request(pending.number);
    expect(after).toMatchObject({ status: "unassigned", artisanId: null, late: true });
    expect(await db.$count(schema.auditLog, eq(schema.auditLog.action, "production.reassign"))).toBe(0);
  });

  it("a late unassigned request goes to the chosen artisan as an offer with a fresh expiry and an SMS, audited", async () => {
    const pending = await newRequest({ late: true, dueDate: "2020-03-01" });
    const before = Date.now();
    const result = await reassign(pending.number, people.baraka);
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/ops/production/${pending.number}`);
    const after = await request(pending.number);
    expect(after).toMatchObject({ status: "offered", artisanId: people.baraka, late: false });
    expect(after.offerExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 23.9 * 3600_000);
    const sms = await outbox("+254711000002");
    expect(sms.at(-1)).toMatchObject({ channel: "sms", template: "offer", dedupeKey: `offer-sms:${pending.id}:${people.baraka}` });
    expect(sms.at(-1)!.text).toContain(pending.number);
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "production.reassign"), eq(schema.auditLog.subject, `production_request:${pending.number}`)));
    expect(entry.data).toMatchObject({ from: { status: "unassigned", artisanId: null }, to: { artisanId: people.baraka } });
  });

  it("an offer to someone else is withdrawn (expired, by staff) and offered again to the new artisan", async () => {
    const pending = await newRequest();
    await advanceRequest(db, pending.id, "offered", "dispatch", {
      artisanId: people.baraka,
      offerExpiresAt: new Date(Date.now() + 3600_000),
    });
    expect((await reassign(pending.number, people.baraka)).status).toBe(422);
    expect((await reassign(pending.number, people.amina)).status).toBe(302);
    expect(await request(pending.number)).toMatchObject({ status: "offered", artisanId: people.amina });
    const events = await db
      .select()
      .from(schema.productionEvents)
      .where(eq(schema.productionEvents.requestId, pending.id))
      .orderBy(asc(schema.productionEvents.id));
    expect(events.slice(-3).map((e) => [e.fromStatus, e.toStatus, e.artisanId])).toEqual([
      ["offered", "expired", people.baraka],
      ["expired", "unassigned", people.baraka],
      ["unassigned", "offered", people.amina],
    ]);
    expect(events.at(-3)!.actor).toMatch(/^staff:/);
    expect(events.at(-3)!.note).toMatch(/withdrawn: reassigned to amina board/i);
  });

  it("accepted work is cancelled and replaced by a new request for the same order line; the first artisan is told to stop", async () => {
    const order = await placeOrder("web");
    const [original] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    await advanceRequest(db, original.id, "offered", "dispatch", {
      artisanId: people.baraka,
      offerExpiresAt: new Date(Date.now() + 3600_000),
    });
    await advanceRequest(db, original.id, "accepted", `artisan:${people.baraka}`);
    const result = await reassign(original.number, people.amina);
    expect(result.status).toBe(302);
    const old = await request(original.number);
    expect(old.status).toBe("cancelled");
    const replacementNumber = /\/ops\/production\/(PR-\d+)/.exec(result.location!)![1];
    expect(replacementNumber).not.toBe(original.number);
    const replacement = await request(replacementNumber);
    expect(replacement).toMatchObject({
      status: "offered",
      artisanId: people.amina,
      orderId: order.id,
      orderLineId: original.orderLineId,
      quantity: original.quantity,
      pieceRate: original.pieceRate,
      dueDate: original.dueDate,
    });
    const [allocation] = await db.select().from(schema.allocations).where(eq(schema.allocations.orderLineId, original.orderLineId!));
    expect(allocation.productionRequestId).toBe(replacement.id);
    const toBaraka = await outbox("+254711000002");
    expect(toBaraka.at(-1)).toMatchObject({ template: "work_moved", dedupeKey: `work-moved-sms:${original.id}` });
    expect((await outbox("+254711000001")).at(-1)).toMatchObject({
      template: "offer",
      dedupeKey: `offer-sms:${replacement.id}:${people.amina}`,
    });
  });

  it("work with pieces made, or already at the hub, is not reassigned", async () => {
    const started = await newRequest();
    await advanceRequest(db, started.id, "offered", "dispatch", { artisanId: people.baraka });
    await advanceRequest(db, started.id, "accepted", "artisan");
    await advanceRequest(db, started.id, "in_progress", "artisan", { unitsMade: 1 });
    const result = await reassign(started.number, people.amina);
    expect(result.status).toBe(422);
    expect(String(result.body?.error)).toMatch(/already made/);
    await advanceRequest(db, started.id, "ready", "artisan", { unitsMade: 3 });
    expect((await reassign(started.number, people.amina)).status).toBe(422);
    expect(await request(started.number)).toMatchObject({ status: "ready", artisanId: people.baraka });
  });
});

describe("bulk re-dispatch", () => {
  it("puts declined, expired and unassigned work back in the pool and queues the dispatch engine; skips the rest", async () => {
    await db.execute(sql`delete from graphile_worker._private_jobs`);
    const declined = await newRequest();
    await advanceRequest(db, declined.id, "offered", "dispatch", { artisanId: people.baraka });
    await advanceRequest(db, declined.id, "declined", `artisan:${people.baraka}`);
    const waiting = await newRequest({ late: true, dueDate: "2031-07-30" });
    const offered = await newRequest();
    await advanceRequest(db, offered.id, "offered", "dispatch", { artisanId: people.amina });

    expect((await redispatch([])).status).toBe(400);
    const result = await redispatch([declined.id, waiting.id, offered.id]);
    expect(result.status).toBe(302);
    expect(await request(declined.number)).toMatchObject({ status: "unassigned", artisanId: null });
    expect((await request(offered.number)).status).toBe("offered");
    const jobs = await db.execute<{ queue_name: string | null }>(sql`
      select q.queue_name from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      left join graphile_worker._private_job_queues q on q.id = j.job_queue_id where t.identifier = 'dispatch_requests'`);
    expect(jobs.map((j) => j.queue_name)).toEqual(["dispatch"]);
    const [entry] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "production.redispatch"));
    expect(entry.data).toMatchObject({ requests: [declined.number, waiting.number], skipped: [offered.number] });

    // What the dispatch worker then does with them: offers, never to the artisan who declined.
    await dispatchUnassigned();
    const d = await request(declined.number);
    expect(d.status).toBe("offered");
    expect(d.artisanId).not.toBe(people.baraka);
    expect(await request(waiting.number)).toMatchObject({ status: "offered", late: false });
  });
});
