/** /ops/hub on the real database: pickups, receiving, quality checks (pass, split, rework, re-dispatch), packing and shipping, roles. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { ProductionStatus } from "#db/schema";
import { createArtisan, createLocation, createProduct, createStaff } from "#db/seed/factories";
import { advanceRequest } from "~/domain/production/requests.server";
import { nextQualityScore } from "~/domain/hub/rules";
import { artisanBalance } from "~/domain/ledger/ledger.server";
import { commitOrder } from "~/domain/orders/commit.server";
import { action as dashboardAction, loader as dashboardLoader } from "~/routes/ops.hub._index";
import { action as packingAction, loader as packingLoader } from "~/routes/ops.hub.packing";
import { loader as receiveLoader } from "~/routes/ops.hub.receive";
import { action as requestAction, loader as requestLoader } from "~/routes/ops.hub.requests.$number";
import { BASE, staffCookie } from "./staff-support";
import { db, schema } from "~/lib/db.server";

const cookies: Record<string, string> = {};
const PIECE_RATE = 45_000; // KES 450.00 a piece
let variantId: number;
let otherVariantId: number;
let achieng: number;
let baraka: number;

const signIn = staffCookie;

type Outcome = { status: number; location: string | null; cookie: string | null; body: Record<string, unknown> | null };
type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

/** Runs a route function and reports what the browser would get: a redirect, data with a status, or a thrown response. */
async function run(fn: RouteFn, request: Request, params: Record<string, string> = {}): Promise<Outcome> {
  try {
    const result = await fn({ request, params, context: {} });
    if (result instanceof Response) {
      return {
        status: result.status,
        location: result.headers.get("Location"),
        cookie: result.headers.get("Set-Cookie")?.split(";")[0] ?? null,
        body: null,
      };
    }
    if (result && typeof result === "object" && "init" in result && "data" in result) {
      const r = result as { data: Record<string, unknown>; init: { status?: number } | null };
      return { status: r.init?.status ?? 200, location: null, cookie: null, body: r.data };
    }
    return { status: 200, location: null, cookie: null, body: result as Record<string, unknown> };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, location: error.headers.get("Location"), cookie: null, body: { message: await error.text() } };
  }
}

const post = (fn: RouteFn, path: string, who: string, fields: Record<string, string>, params: Record<string, string> = {}) =>
  run(
    fn,
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: cookies[who] ? { Cookie: cookies[who] } : {},
      body: new URLSearchParams(fields),
    }),
    params,
  );
const get = (fn: RouteFn, path: string, who: string, params: Record<string, string> = {}) =>
  run(fn, new Request(`${BASE}${path}`, { headers: cookies[who] ? { Cookie: cookies[who] } : {} }), params);

const atRequest = (number: string, who: string, fields: Record<string, string>) =>
  post(requestAction as RouteFn, `/ops/hub/requests/${number}`, who, fields, { number });
const atDashboard = (who: string, fields: Record<string, string>) => post(dashboardAction as RouteFn, "/ops/hub", who, fields);
const atPacking = (who: string, fields: Record<string, string>) => post(packingAction as RouteFn, "/ops/hub/packing", who, fields);

/** An order of made-to-order pieces (no stock anywhere): one production request per line. */
async function placeOrder(lines: Array<{ variantId: number; quantity: number }>) {
  const priced = lines.map((l) => ({ ...l, unitPrice: 3000 }));
  const total = priced.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const order = await db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "imani@example.test",
      shippingAddress: {
        name: "Imani Njoroge",
        line1: "77 Mission St",
        city: "San Francisco",
        region: "CA",
        postalCode: "94105",
        country: "US",
      },
      currency: "USD",
      lines: priced,
      totals: { subtotal: total, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total },
      idempotencyKey: randomUUID(),
      stockLocationCodes: [],
      payment: { provider: "local", providerRef: `lpi_${randomUUID()}`, amount: total, currency: "USD" },
      paymentStatus: "paid",
      actor: "test",
    }),
  );
  const requests = await db
    .select()
    .from(schema.productionRequests)
    .where(eq(schema.productionRequests.orderId, order.id))
    .orderBy(asc(schema.productionRequests.id));
  return { ...order, requests };
}

/** Offered to, accepted and made by the artisan: ready for pickup. */
async function makeReady(requestId: number, artisanId: number, until: ProductionStatus = "ready") {
  await db.transaction(async (tx) => {
    await advanceRequest(tx, requestId, "offered", "dispatch", { artisanId, offerExpiresAt: new Date(Date.now() + 86_400_000) });
    await advanceRequest(tx, requestId, "accepted", `artisan:${artisanId}`);
    await advanceRequest(tx, requestId, "in_progress", `artisan:${artisanId}`);
    if (until === "in_progress") return;
    await advanceRequest(tx, requestId, "ready", `artisan:${artisanId}`);
  });
}

async function requestRow(number: string) {
  const [row] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.number, number));
  return row;
}

async function eventsOf(requestId: number) {
  return db
    .select()
    .from(schema.productionEvents)
    .where(eq(schema.productionEvents.requestId, requestId))
    .orderBy(asc(schema.productionEvents.id));
}

async function ledgerTotal() {
  const [row] = await db.execute<{ total: number; entries: number }>(
    sql`select coalesce(sum(amount), 0)::int as total, (select count(*)::int from ledger_entries) as entries from ledger_lines`,
  );
  return row;
}

async function receive(number: string) {
  const out = await atRequest(number, "hub", { intent: "receive" });
  expect(out.status).toBe(302);
}

/** A fresh order of `quantity` pieces from `artisanId`, received at the hub and waiting for QC. */
async function receivedRequest(quantity: number, artisanId = achieng) {
  const order = await placeOrder([{ variantId, quantity }]);
  const [request] = order.requests;
  await makeReady(request.id, artisanId);
  await receive(request.number);
  return { order, request };
}

async function artisanRow(id: number) {
  const [row] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, id));
  return row;
}

const future = (hours: number) => {
  const d = new Date(Date.now() + hours * 3_600_000);
  // datetime-local in Nairobi time (UTC+3)
  return new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 16);
};

beforeAll(async () => {
  await createLocation(db, { code: "NBO-HUB", name: "Nairobi Hub", kind: "hub", shipDays: 7 });
  const made = await createProduct(db, {
    handle: "horn-hoops",
    title: "Horn Hoops",
    status: "active",
    variants: [{ price: 3000, pieceRate: PIECE_RATE, leadTimeDays: 10 }],
  });
  variantId = made.variants[0].id;
  const other = await createProduct(db, {
    handle: "bead-cuff",
    title: "Bead Cuff",
    status: "active",
    variants: [{ price: 3000, pieceRate: 30_000 }],
  });
  otherVariantId = other.variants[0].id;
  achieng = (
    await createArtisan(db, { firstName: "Achieng", lastName: "Odhiambo", settlement: "Kibera", language: "en", phone: "+254711000001" })
  ).artisan.id;
  baraka = (
    await createArtisan(db, { firstName: "Baraka", lastName: "Mwangi", settlement: "Mathare", language: "sw", phone: "+254711000002" })
  ).artisan.id;
  await createStaff(db, { email: "hub@soko.test", roles: ["hub"] });
  await createStaff(db, { email: "cashier@soko.test", roles: ["cashier"] });
  await createStaff(db, { email: "admin@soko.test", roles: ["admin"] });
  for (const who of ["hub", "cashier", "admin"]) cookies[who] = await signIn(`${who}@soko.test`);
});

describe("pickups", () => {
  it("books a rider for a ready request, texts the artisan once, and moves a booking", async () => {
    const order = await placeOrder([{ variantId, quantity: 2 }]);
    const [request] = order.requests;
    await makeReady(request.id, achieng);

    const page = await get(dashboardLoader as RouteFn, "/ops/hub", "hub");
    const dashboard = page.body!.dashboard as {
      counts: Record<string, number>;
      ready: Array<{ number: string; artisanName: string; pickup: unknown }>;
    };
    expect(dashboard.ready.find((r) => r.number === request.number)).toMatchObject({ artisanName: "Achieng Odhiambo", pickup: null });

    const when = future(3);
    const booking = {
      intent: "schedule_pickup",
      number: request.number.toLowerCase(),
      scheduledFor: when,
      riderName: "Otieno",
      riderPhone: "0722 111 222",
    };
    const first = await atDashboard("hub", booking);
    expect(first).toMatchObject({ status: 302, location: "/ops/hub" });
    const again = await atDashboard("hub", booking);
    expect(again.status).toBe(302);

    const pickups = await db.select().from(schema.pickups).where(eq(schema.pickups.requestId, request.id));
    expect(pickups).toHaveLength(1);
    expect(pickups[0]).toMatchObject({ artisanId: achieng, riderName: "Otieno", riderPhone: "+254722111222", status: "scheduled" });
    expect(pickups[0].scheduledFor.toISOString()).toBe(new Date(`${when}:00+03:00`).toISOString());
    const sms = await db
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.channel, "sms"), eq(schema.outbox.template, "pickup")));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ to: "+254711000001", status: "queued" });
    const sendJobs = await db.execute<{ payload: { outboxId: number } }>(sql`
      select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'send_sms'`);
    expect([...sendJobs].map((j) => j.payload.outboxId)).toContain(sms[0].id);
    expect(sms[0].text).toContain(`Rider Otieno (+254722111222) will collect ${request.number} (2 x Horn Hoops)`);

    // Moving it texts the new time; still one pickup.
    const moved = await atDashboard("hub", { ...booking, scheduledFor: future(5) });
    expect(moved.status).toBe(302);
    expect(await db.select().from(schema.pickups).where(eq(schema.pickups.requestId, request.id))).toHaveLength(1);
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.template, "pickup"))).toHaveLength(2);
    const audits = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `production_request:${request.number}`))
      .orderBy(asc(schema.auditLog.id));
    expect(audits.map((a) => a.action)).toEqual(["hub.pickup_schedule", "hub.pickup_reschedule"]);

    const after = await get(dashboardLoader as RouteFn, "/ops/hub", "hub");
    expect((after.body!.dashboard as typeof dashboard).ready.find((r) => r.number === request.number)?.pickup).toMatchObject({
      riderName: "Otieno",
    });
  });

  it("refuses bad pickup details with a message per field, and pickups for work that isn't ready", async () => {
    const order = await placeOrder([{ variantId, quantity: 1 }]);
    const [request] = order.requests;
    await makeReady(request.id, achieng, "in_progress");
    const bad = await atDashboard("hub", {
      intent: "schedule_pickup",
      number: request.number,
      scheduledFor: "soon",
      riderName: "",
      riderPhone: "12",
    });
    expect(bad.status).toBe(400);
    expect(bad.body!.errors).toMatchObject({
      scheduledFor: "Enter the pickup time as a date and time (Nairobi time).",
      riderName: "Enter the rider's name.",
      riderPhone: "Enter a Kenyan mobile number like 0712 345 678 or +254712345678.",
    });
    const early = await atDashboard("hub", {
      intent: "schedule_pickup",
      number: request.number,
      scheduledFor: future(2),
      riderName: "Otieno",
      riderPhone: "0722111222",
    });
    expect(early).toMatchObject({
      status: 409,
      body: expect.objectContaining({ error: `${request.number} is in progress; schedule a pickup once the artisan marks it ready.` }),
    });
    await db.transaction((tx) => advanceRequest(tx, request.id, "ready", `artisan:${achieng}`));
    const past = await atDashboard("hub", {
      intent: "schedule_pickup",
      number: request.number,
      scheduledFor: future(-5),
      riderName: "Otieno",
      riderPhone: "0722111222",
    });
    expect(past).toMatchObject({
      status: 422,
      body: expect.objectContaining({ error: "That pickup time has already passed. Choose a time from now on." }),
    });
    const unknown = await atDashboard("hub", {
      intent: "schedule_pickup",
      number: "PR-999999",
      scheduledFor: future(2),
      riderName: "Otieno",
      riderPhone: "0722111222",
    });
    expect(unknown.status).toBe(404);
    expect(await db.select().from(schema.pickups).where(eq(schema.pickups.requestId, request.id))).toHaveLength(0);
  });

  it("the rider confirms collection: the request is collected, on its way; a repeat changes nothing", async () => {
    const order = await placeOrder([{ variantId, quantity: 1 }]);
    const [request] = order.requests;
    await makeReady(request.id, achieng);
    const noPickup = await atDashboard("hub", { intent: "collect", number: request.number });
    expect(noPickup).toMatchObject({
      status: 409,
      body: expect.objectContaining({
        error: `No pickup is booked for ${request.number}. Book a rider first (or receive it if the artisan brought it in).`,
      }),
    });

    await atDashboard("hub", {
      intent: "schedule_pickup",
      number: request.number,
      scheduledFor: future(1),
      riderName: "Otieno",
      riderPhone: "0722111222",
    });
    expect((await atDashboard("hub", { intent: "collect", number: request.number })).status).toBe(302);
    expect((await atDashboard("hub", { intent: "collect", number: request.number })).status).toBe(302);

    expect((await requestRow(request.number)).status).toBe("collected");
    const [pickup] = await db.select().from(schema.pickups).where(eq(schema.pickups.requestId, request.id));
    expect(pickup.status).toBe("handed_over");
    expect(pickup.riderConfirmedAt).toBeInstanceOf(Date);
    const collected = (await eventsOf(request.id)).filter((e) => e.toStatus === "collected");
    expect(collected).toHaveLength(1);
    expect(collected[0]).toMatchObject({ orderId: order.id, artisanId: achieng, note: "Collected by Otieno (+254722111222)" });

    const page = await get(dashboardLoader as RouteFn, "/ops/hub", "hub");
    expect((page.body!.dashboard as { collected: Array<{ number: string }> }).collected.map((r) => r.number)).toContain(request.number);
  });
});

describe("receiving", () => {
  it("finds a request by number or scan, and answers 404 or 400 on the page for unknown or unreadable numbers", async () => {
    const order = await placeOrder([{ variantId, quantity: 1 }]);
    const [request] = order.requests;
    const digits = request.number.slice(3);
    expect(await get(receiveLoader as RouteFn, `/ops/hub/receive?number=${digits}`, "hub")).toMatchObject({
      status: 302,
      location: `/ops/hub/requests/${request.number}`,
    });
    expect(
      await get(receiveLoader as RouteFn, `/ops/hub/receive?number=${encodeURIComponent(` ${request.number.toLowerCase()} `)}`, "hub"),
    ).toMatchObject({ location: `/ops/hub/requests/${request.number}` });
    expect(await get(receiveLoader as RouteFn, "/ops/hub/receive?number=PR-999999", "hub")).toMatchObject({
      status: 404,
      body: { typed: "PR-999999", error: "There is no production request PR-999999. Check the number on the label." },
    });
    expect(await get(receiveLoader as RouteFn, "/ops/hub/receive?number=SK-100001", "hub")).toMatchObject({
      status: 400,
      body: { error: "Enter a request number like PR-50012 (or scan its label)." },
    });
    expect(await get(receiveLoader as RouteFn, "/ops/hub/receive", "hub")).toMatchObject({ status: 200, body: { typed: "", error: null } });
    const missing = await get(requestLoader as RouteFn, "/ops/hub/requests/PR-999999", "hub", { number: "PR-999999" });
    expect(missing).toMatchObject({
      status: 404,
      body: { message: "There is no production request PR-999999. Check the number on the label." },
    });
  });

  it("receives a collected request by its number: the pickup is delivered, and a second click changes nothing", async () => {
    const order = await placeOrder([{ variantId, quantity: 3 }]);
    const [request] = order.requests;
    await makeReady(request.id, achieng);
    await atDashboard("hub", {
      intent: "schedule_pickup",
      number: request.number,
      scheduledFor: future(1),
      riderName: "Otieno",
      riderPhone: "0722111222",
    });
    await atDashboard("hub", { intent: "collect", number: request.number });

    const page = await get(requestLoader as RouteFn, `/ops/hub/requests/${request.number}`, "hub", { number: request.number });
    expect(page.body!.request).toMatchObject({
      number: request.number,
      status: "collected",
      quantity: 3,
      product: "Horn Hoops",
      artisanName: "Achieng Odhiambo",
      pieceRate: PIECE_RATE,
      currency: "KES",
      image: { url: expect.any(String), alt: "Horn Hoops" },
    });

    const first = await atRequest(request.number, "hub", { intent: "receive" });
    expect(first).toMatchObject({ status: 302, location: `/ops/hub/requests/${request.number}` });
    const second = await atRequest(request.number, "hub", { intent: "receive" });
    expect(second.status).toBe(302);
    // The second click lands on the page with a friendly message, not an error.
    const flash = await run(
      requestLoader as RouteFn,
      new Request(`${BASE}/ops/hub/requests/${request.number}`, { headers: { Cookie: second.cookie! } }),
      { number: request.number },
    );
    expect(flash.body!.flash).toEqual({
      kind: "success",
      message: `${request.number} was already received; nothing changed. It is waiting for its quality check.`,
    });

    expect((await requestRow(request.number)).status).toBe("received");
    expect((await eventsOf(request.id)).filter((e) => e.toStatus === "received")).toHaveLength(1);
    const [pickup] = await db.select().from(schema.pickups).where(eq(schema.pickups.requestId, request.id));
    expect(pickup.status).toBe("delivered");
    expect(pickup.deliveredAt).toBeInstanceOf(Date);
    const audits = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "hub.receive"), eq(schema.auditLog.subject, `production_request:${request.number}`)));
    expect(audits).toHaveLength(1);
    expect(audits[0].data).toMatchObject({ from: "collected", quantity: 3 });
  });

  it("receives straight from ready (the artisan brought it in) and stands down a booked rider", async () => {
    const order = await placeOrder([{ variantId, quantity: 1 }]);
    const [request] = order.requests;
    await makeReady(request.id, achieng);
    await atDashboard("hub", {
      intent: "schedule_pickup",
      number: request.number,
      scheduledFor: future(1),
      riderName: "Otieno",
      riderPhone: "0722111222",
    });
    await receive(request.number);
    expect((await requestRow(request.number)).status).toBe("received");
    const [pickup] = await db.select().from(schema.pickups).where(eq(schema.pickups.requestId, request.id));
    expect(pickup).toMatchObject({ status: "cancelled", deliveredAt: null });
    const [event] = (await eventsOf(request.id)).filter((e) => e.toStatus === "received");
    expect(event).toMatchObject({ fromStatus: "ready", note: "Brought to the hub by the artisan" });
  });

  it("refuses work that isn't finished with 409 and the status in words", async () => {
    const order = await placeOrder([{ variantId, quantity: 1 }]);
    const [request] = order.requests;
    await makeReady(request.id, achieng, "in_progress");
    const out = await atRequest(request.number, "hub", { intent: "receive" });
    expect(out).toMatchObject({
      status: 409,
      body: expect.objectContaining({ error: `${request.number} is in progress; it can't be received yet.` }),
    });
    expect((await requestRow(request.number)).status).toBe("in_progress");
    const unknown = await atRequest("PR-999999", "hub", { intent: "receive" });
    expect(unknown).toMatchObject({
      status: 404,
      body: { message: "There is no production request PR-999999. Check the number on the label." },
    });
    const nonsense = await atRequest(request.number, "hub", { intent: "explode" });
    expect(nonsense.status).toBe(400);
  });
});

describe("quality check", () => {
  it("a full pass credits the artisan once, counts the pieces, nudges the score and makes the order ready to pack", async () => {
    const before = await artisanRow(achieng);
    const balanceBefore = (await artisanBalance(achieng)).amount;
    const { order, request } = await receivedRequest(4);
    const fields = { intent: "inspect", passed: "4", failed: "0" };
    const first = await atRequest(request.number, "hub", fields);
    expect(first).toMatchObject({ status: 302, location: `/ops/hub/requests/${request.number}` });
    const second = await atRequest(request.number, "hub", fields);
    expect(second).toMatchObject({
      status: 409,
      body: expect.objectContaining({ error: `${request.number} has already been quality checked; nothing changed.` }),
    });

    expect((await requestRow(request.number)).status).toBe("qc_passed");
    const inspections = await db.select().from(schema.qcInspections).where(eq(schema.qcInspections.requestId, request.id));
    expect(inspections).toHaveLength(1);
    expect(inspections[0]).toMatchObject({
      unitsPassed: 4,
      unitsFailed: 0,
      outcome: "passed",
      defectReason: null,
      inspector: expect.stringMatching(/^staff:\d+$/),
    });
    expect((await artisanBalance(achieng)).amount - balanceBefore).toBe(4 * PIECE_RATE);
    const entries = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.reference, `qc:${inspections[0].id}`));
    expect(entries).toHaveLength(1);
    expect((await ledgerTotal()).total).toBe(0);

    const after = await artisanRow(achieng);
    expect(after.piecesMade).toBe(before.piecesMade + 4);
    expect(after.qualityScore).toBe(nextQualityScore(before.qualityScore, 4, 0));
    const [orderRow] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(orderRow.status).toBe("ready");
    const [qcEvent] = (await eventsOf(request.id)).filter((e) => e.toStatus === "qc_passed");
    expect(qcEvent).toMatchObject({ orderId: order.id, fromStatus: "received", note: "4 units passed QC" });
    const [auditRow] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "hub.qc"), eq(schema.auditLog.subject, `production_request:${request.number}`)));
    expect(auditRow.data).toMatchObject({ passed: 4, failed: 0, outcome: "passed", credited: 4 * PIECE_RATE, currency: "KES" });
  });

  it("a partial pass splits: passed units stay and are paid, the failed ones go back to the same artisan on a new request", async () => {
    const balanceBefore = (await artisanBalance(achieng)).amount;
    const scoreBefore = (await artisanRow(achieng)).qualityScore;
    const { order, request } = await receivedRequest(5);
    const out = await atRequest(request.number, "hub", {
      intent: "inspect",
      passed: "3",
      failed: "2",
      defect: "fastening",
      defectNote: "hooks bent",
      failedAction: "rework",
    });
    expect(out.status).toBe(302);

    const kept = await requestRow(request.number);
    expect(kept).toMatchObject({ status: "qc_passed", quantity: 3, unitsMade: 3, artisanId: achieng });
    const all = await db
      .select()
      .from(schema.productionRequests)
      .where(eq(schema.productionRequests.orderId, order.id))
      .orderBy(asc(schema.productionRequests.id));
    expect(all).toHaveLength(2);
    const split = all[1];
    expect(split).toMatchObject({
      quantity: 2,
      status: "in_progress",
      artisanId: achieng,
      unitsMade: 0,
      orderLineId: request.orderLineId,
      pieceRate: PIECE_RATE,
    });
    expect(split.dueDate >= request.dueDate).toBe(true);
    expect((await eventsOf(split.id)).map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "received"],
      ["received", "qc_failed"],
      ["qc_failed", "in_progress"],
    ]);
    expect((await eventsOf(split.id))[1].note).toBe("2 units failed QC: Clasp, hook or fastening: hooks bent");

    const allocations = await db
      .select()
      .from(schema.allocations)
      .where(eq(schema.allocations.orderLineId, request.orderLineId!))
      .orderBy(asc(schema.allocations.id));
    expect(allocations.map((a) => [a.kind, a.productionRequestId, a.quantity])).toEqual([
      ["production", request.id, 3],
      ["production", split.id, 2],
    ]);
    const [inspection] = await db.select().from(schema.qcInspections).where(eq(schema.qcInspections.requestId, request.id));
    expect(inspection).toMatchObject({
      unitsPassed: 3,
      unitsFailed: 2,
      outcome: "failed_rework",
      defectReason: "Clasp, hook or fastening: hooks bent",
    });
    expect((await artisanBalance(achieng)).amount - balanceBefore).toBe(3 * PIECE_RATE);
    expect((await artisanRow(achieng)).qualityScore).toBe(nextQualityScore(scoreBefore, 3, 2));
    expect((await ledgerTotal()).total).toBe(0);

    // The order isn't ready: two pieces are being remade. The hub can't pack it.
    const [orderRow] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(orderRow.status).toBe("in_production");
    const pack = await atPacking("hub", { intent: "pack", order: order.number });
    expect(pack.status).toBe(409);
    expect(pack.body!.error).toContain(split.number);
  });

  it("a partial pass with re-dispatch: the failed units go back to dispatch without an artisan, and a dispatch job is queued", async () => {
    const { order, request } = await receivedRequest(4, baraka);
    // Only the jobs the quality check queues (placing the order queued its own).
    await db.execute(sql`delete from graphile_worker._private_jobs`);
    const out = await atRequest(request.number, "hub", {
      intent: "inspect",
      passed: "1",
      failed: "3",
      defect: "other",
      defectNote: "Glass chipped",
      failedAction: "redispatch",
    });
    expect(out.status).toBe(302);
    const [, split] = await db
      .select()
      .from(schema.productionRequests)
      .where(eq(schema.productionRequests.orderId, order.id))
      .orderBy(asc(schema.productionRequests.id));
    expect(split).toMatchObject({ quantity: 3, status: "unassigned", artisanId: null, late: false });
    // The failing artisan is on the qc_failed event: what dispatch reads to leave them out.
    const failed = (await eventsOf(split.id)).find((e) => e.toStatus === "qc_failed");
    expect(failed).toMatchObject({ artisanId: baraka, note: "3 units failed QC: Glass chipped" });
    const jobs = await db.execute<{ task: string; payload: { orderId?: number }; queue: string | null }>(sql`
      select t.identifier as task, j.payload, q.queue_name as queue
      from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
      left join graphile_worker._private_job_queues q on q.id = j.job_queue_id`);
    expect([...jobs]).toEqual([{ task: "dispatch_requests", payload: { orderId: order.id }, queue: "dispatch" }]);
    const [inspection] = await db.select().from(schema.qcInspections).where(eq(schema.qcInspections.requestId, request.id));
    expect(inspection.outcome).toBe("failed_redispatch");
  });

  it("a full failure sends the same request back to the artisan (rework) or to dispatch, and credits nothing", async () => {
    const balanceBefore = (await artisanBalance(baraka)).amount;
    const entriesBefore = (await ledgerTotal()).entries;
    const rework = await receivedRequest(2, baraka);
    expect(
      (
        await atRequest(rework.request.number, "hub", {
          intent: "inspect",
          passed: "0",
          failed: "2",
          defect: "finish",
          failedAction: "rework",
        })
      ).status,
    ).toBe(302);
    expect(await requestRow(rework.request.number)).toMatchObject({ status: "in_progress", artisanId: baraka, quantity: 2, unitsMade: 0 });

    const redo = await receivedRequest(2, baraka);
    expect(
      (
        await atRequest(redo.request.number, "hub", {
          intent: "inspect",
          passed: "0",
          failed: "2",
          defect: "broken",
          failedAction: "redispatch",
        })
      ).status,
    ).toBe(302);
    expect(await requestRow(redo.request.number)).toMatchObject({ status: "unassigned", artisanId: null, quantity: 2 });
    expect(await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, redo.order.id))).toHaveLength(1);

    expect((await artisanBalance(baraka)).amount).toBe(balanceBefore);
    expect((await ledgerTotal()).entries).toBe(entriesBefore);
    // The artisan can receive and check their remade pieces later, as usual.
    await db.transaction((tx) => advanceRequest(tx, rework.request.id, "ready", `artisan:${baraka}`));
    await receive(rework.request.number);
    expect((await atRequest(rework.request.number, "hub", { intent: "inspect", passed: "2", failed: "0" })).status).toBe(302);
    expect((await artisanBalance(baraka)).amount - balanceBefore).toBe(2 * PIECE_RATE);
  });

  it("units made for stock (no order) go on the hub's shelf; units made for an order don't", async () => {
    const [{ next }] = await db.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
    const [request] = await db
      .insert(schema.productionRequests)
      .values({
        number: `PR-${next}`,
        variantId: otherVariantId,
        quantity: 3,
        pieceRate: 30_000,
        dueDate: "2030-01-01",
        status: "ready",
        artisanId: baraka,
        unitsMade: 3,
      })
      .returning();
    await receive(request.number);
    expect(
      (await atRequest(request.number, "hub", { intent: "inspect", passed: "2", failed: "1", defect: "size", failedAction: "rework" }))
        .status,
    ).toBe(302);
    const [hub] = await db.select().from(schema.locations).where(eq(schema.locations.code, "NBO-HUB"));
    const [level] = await db
      .select()
      .from(schema.inventoryLevels)
      .where(and(eq(schema.inventoryLevels.variantId, otherVariantId), eq(schema.inventoryLevels.locationId, hub.id)));
    expect(level).toMatchObject({ onHand: 2, reserved: 0 });
    const movements = await db.select().from(schema.inventoryMovements).where(eq(schema.inventoryMovements.reference, request.number));
    expect(movements).toEqual([expect.objectContaining({ onHandDelta: 2, reason: "made (QC passed)", locationId: hub.id })]);
    // Orders' pieces never enter stock.
    expect(await db.select().from(schema.inventoryLevels).where(eq(schema.inventoryLevels.variantId, variantId))).toEqual([]);
  });

  it("refuses counts that don't add up, missing defects, and checks of work not yet received", async () => {
    const { request } = await receivedRequest(3);
    const mismatch = await atRequest(request.number, "hub", { intent: "inspect", passed: "2", failed: "0" });
    expect(mismatch).toMatchObject({
      status: 422,
      body: expect.objectContaining({ error: "This request has 3 units: passed and failed must add up to 3 (you entered 2 + 0)." }),
    });
    const noDefect = await atRequest(request.number, "hub", { intent: "inspect", passed: "2", failed: "1" });
    expect(noDefect.status).toBe(400);
    expect(noDefect.body!.errors).toEqual({
      defect: "Choose the defect when any unit fails.",
      failedAction: "Choose rework by the same artisan or re-dispatch for the failed units.",
    });
    const notNumbers = await atRequest(request.number, "hub", { intent: "inspect", passed: "two", failed: "" });
    expect(Object.keys(notNumbers.body!.errors as object)).toEqual(["passed", "failed"]);
    expect((await requestRow(request.number)).status).toBe("received");
    expect(await db.select().from(schema.qcInspections).where(eq(schema.qcInspections.requestId, request.id))).toHaveLength(0);

    const order = await placeOrder([{ variantId, quantity: 1 }]);
    await makeReady(order.requests[0].id, achieng);
    const early = await atRequest(order.requests[0].number, "hub", { intent: "inspect", passed: "1", failed: "0" });
    expect(early).toMatchObject({
      status: 409,
      body: expect.objectContaining({ error: `${order.requests[0].number} hasn't been received at the hub yet: receive it first.` }),
    });
  });
});

describe("packing and shipping", () => {
  it("lists an order only once every line is ready, packs it, and ships it with a carrier and tracking number", async () => {
    const order = await placeOrder([
      { variantId, quantity: 1 },
      { variantId: otherVariantId, quantity: 2 },
    ]);
    const [first, second] = order.requests;
    const listed = async (show: "pack" | "ship") => {
      const page = await get(packingLoader as RouteFn, `/ops/hub/packing${show === "ship" ? "?show=ship" : ""}`, "hub");
      return (page.body!.list as { orders: Array<{ number: string; lines: Array<{ sources: string[] }> }> }).orders.find(
        (o) => o.number === order.number,
      );
    };
    await makeReady(first.id, achieng);
    await receive(first.number);
    await atRequest(first.number, "hub", { intent: "inspect", passed: "1", failed: "0" });
    expect(await listed("pack")).toBeUndefined();
    const early = await atPacking("hub", { intent: "pack", order: order.number });
    expect(early.status).toBe(409);

    await makeReady(second.id, baraka);
    await receive(second.number);
    await atRequest(second.number, "hub", { intent: "inspect", passed: "2", failed: "0" });
    const ready = await listed("pack");
    expect(ready?.lines.map((l) => l.sources)).toEqual([[`1 made (${first.number})`], [`2 made (${second.number})`]]);

    expect(await atPacking("hub", { intent: "pack", order: order.number })).toMatchObject({
      status: 302,
      location: "/ops/hub/packing?show=ship",
    });
    const twice = await atPacking("hub", { intent: "pack", order: order.number });
    expect(twice).toMatchObject({ status: 409, body: expect.objectContaining({ error: "This order is already packed." }) });
    expect(await listed("pack")).toBeUndefined();
    expect(await listed("ship")).toBeDefined();

    const spaced = await atPacking("hub", { intent: "ship", order: order.number, carrier: "DHL", trackingNumber: "12 34" });
    expect(spaced).toMatchObject({
      status: 400,
      body: expect.objectContaining({ errors: { trackingNumber: "Enter the tracking number without spaces." } }),
    });
    const carrier = await atPacking("hub", { intent: "ship", order: order.number, carrier: "Pigeon", trackingNumber: "1234567890" });
    expect(carrier.body!.errors).toEqual({ carrier: "Choose the carrier: DHL, FedEx, UPS, USPS, Posta Kenya, Aramex, G4S." });
    expect(await db.select().from(schema.shipments).where(eq(schema.shipments.orderId, order.id))).toHaveLength(0);

    expect(
      (await atPacking("hub", { intent: "ship", order: order.number, carrier: "Posta Kenya", trackingNumber: "RR123456789KE" })).status,
    ).toBe(302);
    const shipments = await db.select().from(schema.shipments).where(eq(schema.shipments.orderId, order.id));
    expect(shipments).toEqual([expect.objectContaining({ carrier: "Posta Kenya", trackingNumber: "RR123456789KE" })]);
    const events = await db
      .select({ type: schema.orderEvents.type, actor: schema.orderEvents.actor })
      .from(schema.orderEvents)
      .where(eq(schema.orderEvents.orderId, order.id))
      .orderBy(asc(schema.orderEvents.id));
    expect(events.map((e) => e.type)).toEqual(["placed", "paid", "ready", "packed", "shipped"]);
    const [orderRow] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(orderRow.status).toBe("shipped");
    expect(
      await db
        .select()
        .from(schema.outbox)
        .where(eq(schema.outbox.dedupeKey, `shipped:${order.number}`)),
    ).toHaveLength(1);
    const shipTwice = await atPacking("hub", { intent: "ship", order: order.number, carrier: "DHL", trackingNumber: "1234567890" });
    expect(shipTwice).toMatchObject({ status: 409, body: expect.objectContaining({ error: "This order has already shipped." }) });
    expect((await atPacking("hub", { intent: "pack", order: "SK-1" })).status).toBe(404);
    expect((await get(packingLoader as RouteFn, "/ops/hub/packing?show=lost", "hub")).status).toBe(400);
  });
});

describe("roles", () => {
  it("a cashier gets 403 on every hub page and action; nobody signed in goes to the login page; admin passes", async () => {
    const order = await placeOrder([{ variantId, quantity: 1 }]);
    const [request] = order.requests;
    await makeReady(request.id, achieng);
    const number = request.number;
    const attempts: Array<() => Promise<Outcome>> = [
      () => get(dashboardLoader as RouteFn, "/ops/hub", "cashier"),
      () => get(receiveLoader as RouteFn, `/ops/hub/receive?number=${number}`, "cashier"),
      () => get(requestLoader as RouteFn, `/ops/hub/requests/${number}`, "cashier", { number }),
      () => get(packingLoader as RouteFn, "/ops/hub/packing", "cashier"),
      () =>
        atDashboard("cashier", {
          intent: "schedule_pickup",
          number,
          scheduledFor: future(1),
          riderName: "Otieno",
          riderPhone: "0722111222",
        }),
      () => atDashboard("cashier", { intent: "collect", number }),
      () => atRequest(number, "cashier", { intent: "receive" }),
      () => atRequest(number, "cashier", { intent: "inspect", passed: "1", failed: "0" }),
      () => atPacking("cashier", { intent: "pack", order: order.number }),
      () => atPacking("cashier", { intent: "ship", order: order.number, carrier: "DHL", trackingNumber: "1234567890" }),
    ];
    for (const attempt of attempts) {
      const out = await attempt();
      expect(out.status).toBe(403);
      expect(out.body!.message).toBe("Your account doesn't have access to this page. It needs one of these roles: hub.");
    }
    const anonymous = await atRequest(number, "nobody", { intent: "receive" });
    expect(anonymous).toMatchObject({
      status: 302,
      location: `/ops/login?redirectTo=${encodeURIComponent(`/ops/hub/requests/${number}`)}`,
    });
    expect((await requestRow(number)).status).toBe("ready");
    expect(await db.select().from(schema.pickups).where(eq(schema.pickups.requestId, request.id))).toHaveLength(0);

    expect((await atRequest(number, "admin", { intent: "receive" })).status).toBe(302);
    expect((await requestRow(number)).status).toBe("received");
  });
});
