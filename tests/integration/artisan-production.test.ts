/**
 * The artisan's offers, work and deliveries on the real database: accept, accept part (split and
 * re-dispatch), decline with a reason, expiry, start → N made → ready (with a photo), hand-over —
 * and another artisan's ids on every action: 404 and nothing changes.
 */
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createArtisan, createLocation, createProduct, createStaff } from "#db/seed/factories";
import { dispatchUnassigned } from "~/domain/production/dispatch.server";
import { commitOrder } from "~/domain/orders/commit.server";
import { action as deliveriesAction, loader as deliveriesLoader } from "~/routes/artisan.deliveries";
import { action as offersAction, loader as offersLoader } from "~/routes/artisan.offers";
import { loader as photoLoader } from "~/routes/artisan.photos.$name";
import { action as workAction, loader as workLoader } from "~/routes/artisan.work";
import { db, schema } from "~/lib/db.server";
import { artisanCookie, call, flashAfter, get, jobsNamed, offerTo, post } from "./artisan-support";
import { staffSessionCookie } from "./session-support";

const { productionRequests: requests, productionEvents: events } = schema;

let cuff: number;
let akinyi: number;
let otieno: number;
let akinyiCookie: string;
let otienoCookie: string;

beforeAll(async () => {
  process.env.UPLOAD_DIR = await mkdtemp(path.join(tmpdir(), "soko-uploads-"));
  await createLocation(db, { code: "US-FC", kind: "fulfilment" });
  cuff = (
    await createProduct(db, {
      handle: "horn-cuff",
      title: "Horn cuff",
      status: "active",
      skills: ["horn-carving"],
      variants: [{ leadTimeDays: 21, pieceRate: 40000 }],
    })
  ).variants[0].id;
  akinyi = (
    await createArtisan(db, {
      firstName: "Akinyi",
      qualityScore: 9900,
      language: "en",
      skills: [{ skill: "horn-carving", weeklyCapacity: 50 }],
    })
  ).artisan.id;
  otieno = (
    await createArtisan(db, {
      firstName: "Otieno",
      qualityScore: 9000,
      language: "sw",
      skills: [{ skill: "horn-carving", weeklyCapacity: 50 }],
    })
  ).artisan.id;
  akinyiCookie = await artisanCookie(akinyi);
  otienoCookie = await artisanCookie(otieno);
});

beforeEach(async () => {
  await db.execute(sql`delete from graphile_worker._private_jobs`);
});

async function orderOffered(quantity: number) {
  const placed = await db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "s@example.com",
      currency: "USD",
      lines: [{ variantId: cuff, quantity, unitPrice: 5000 }],
      totals: { subtotal: 5000 * quantity, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 5000 * quantity },
      idempotencyKey: crypto.randomUUID(),
      stockLocationCodes: ["US-FC"],
      paymentStatus: "paid",
      actor: "test",
      today: new Date(),
    }),
  );
  await dispatchUnassigned({ orderId: placed.id });
  // Only the jobs the artisan's action enqueues are of interest from here.
  await db.execute(sql`delete from graphile_worker._private_jobs`);
  const rows = await db.select().from(requests).where(eq(requests.orderId, placed.id)).orderBy(asc(requests.id));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: "offered", artisanId: akinyi });
  return { order: placed, request: rows[0] };
}

const requestRow = async (id: number) => (await db.select().from(requests).where(eq(requests.id, id)))[0];
const eventsOf = async (id: number) => db.select().from(events).where(eq(events.requestId, id)).orderBy(asc(events.id));

describe("offers", () => {
  it("lists only my open offers, with picture, quantity, due date and pay", async () => {
    const mine = await offerTo(akinyi, cuff, { quantity: 4 });
    const theirs = await offerTo(otieno, cuff);
    const expired = await offerTo(akinyi, cuff, { expiresAt: new Date(Date.now() - 60_000) });
    const page = await call(offersLoader, get("/artisan/offers", akinyiCookie));
    const offers = page.body!.offers as Array<Record<string, unknown>>;
    const ids = offers.map((o) => o.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(ids).not.toContain(expired.id);
    expect(offers.find((o) => o.id === mine.id)).toMatchObject({
      quantity: 4,
      pieceRate: 35000,
      currency: "KES",
      dueDate: "2030-01-15",
      product: "Horn cuff",
      imageUrl: expect.stringContaining("horn-cuff"),
    });
  });

  it("accept all: the request is mine and accepted, with an event for the live order page", async () => {
    const { request } = await orderOffered(2);
    const outcome = await call(offersAction, post("/artisan/offers", { intent: "accept", requestId: String(request.id) }, akinyiCookie));
    expect(outcome).toMatchObject({ status: 302, location: "/artisan/offers" });
    expect(await flashAfter(outcome, offersLoader)).toMatchObject({ kind: "success", message: expect.stringMatching(/Accepted/) });
    expect(await requestRow(request.id)).toMatchObject({ status: "accepted", artisanId: akinyi });
    expect((await eventsOf(request.id)).at(-1)).toMatchObject({
      fromStatus: "offered",
      toStatus: "accepted",
      actor: `artisan:${akinyi}`,
      orderId: request.orderId,
    });
    // Twice: nothing more happens, and she is told it already changed.
    const again = await call(offersAction, post("/artisan/offers", { intent: "accept", requestId: String(request.id) }, akinyiCookie));
    expect(await flashAfter(again, offersLoader)).toMatchObject({ kind: "error" });
    expect((await eventsOf(request.id)).filter((e) => e.toStatus === "accepted")).toHaveLength(1);
  });

  it("accept part: keeps 3 of 5, the other 2 become a new request that dispatch offers to someone else; allocations follow", async () => {
    const { request, order } = await orderOffered(5);
    const outcome = await call(
      offersAction,
      post("/artisan/offers", { intent: "accept_part", requestId: String(request.id), quantity: "3", max: "5" }, akinyiCookie),
    );
    expect(outcome.status).toBe(302);
    const rows = await db.select().from(requests).where(eq(requests.orderId, order.id)).orderBy(asc(requests.id));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: request.id, quantity: 3, status: "accepted", artisanId: akinyi });
    expect(rows[1]).toMatchObject({ quantity: 2, status: "unassigned", artisanId: null, orderLineId: request.orderLineId });
    const allocations = await db
      .select()
      .from(schema.allocations)
      .where(eq(schema.allocations.orderLineId, request.orderLineId!))
      .orderBy(asc(schema.allocations.id));
    expect(allocations.filter((a) => a.kind === "production").map((a) => [a.productionRequestId, a.quantity])).toEqual([
      [request.id, 3],
      [rows[1].id, 2],
    ]);
    expect((await eventsOf(rows[1].id)).map((e) => e.toStatus)).toEqual(["offered", "declined", "unassigned"]);
    expect(await jobsNamed("dispatch_requests")).toEqual([expect.objectContaining({ queue_name: "dispatch" })]);

    await dispatchUnassigned({ orderId: order.id });
    expect(await requestRow(rows[1].id)).toMatchObject({ status: "offered", artisanId: otieno });
  });

  it("accept part refuses 0, all, or more — nothing changes", async () => {
    const { request, order } = await orderOffered(3);
    for (const quantity of ["0", "3", "7", "abc"]) {
      const outcome = await call(
        offersAction,
        post("/artisan/offers?lang=en", { intent: "accept_part", requestId: String(request.id), quantity, max: "3" }, akinyiCookie),
      );
      expect(outcome.status).toBe(400);
      expect(outcome.body?.error).toMatch(/from 1 to 2/);
    }
    expect(await db.select().from(requests).where(eq(requests.orderId, order.id))).toEqual([
      expect.objectContaining({ quantity: 3, status: "offered" }),
    ]);
  });

  it("decline with a reason: declined → unassigned → re-dispatched without me", async () => {
    const { request } = await orderOffered(1);
    const outcome = await call(
      offersAction,
      post("/artisan/offers", { intent: "decline", requestId: String(request.id), reason: "no_materials" }, akinyiCookie),
    );
    expect(outcome.status).toBe(302);
    expect(await requestRow(request.id)).toMatchObject({ status: "unassigned", artisanId: null, offerExpiresAt: null });
    const trail = await eventsOf(request.id);
    expect(trail.slice(-2)).toEqual([
      expect.objectContaining({ toStatus: "declined", artisanId: akinyi, note: "Declined: no materials" }),
      expect.objectContaining({ toStatus: "unassigned" }),
    ]);
    expect(await jobsNamed("dispatch_requests")).toHaveLength(1);
    await dispatchUnassigned({ orderId: request.orderId! });
    expect(await requestRow(request.id)).toMatchObject({ status: "offered", artisanId: otieno });
  });

  it("decline needs a known reason (400)", async () => {
    const offer = await offerTo(akinyi, cuff);
    const outcome = await call(
      offersAction,
      post("/artisan/offers", { intent: "decline", requestId: String(offer.id), reason: "lazy" }, akinyiCookie),
    );
    expect(outcome.status).toBe(400);
    expect(await requestRow(offer.id)).toMatchObject({ status: "offered" });
  });

  it("an expired offer is refused with a message, whatever the action", async () => {
    const offer = await offerTo(akinyi, cuff, { quantity: 4, expiresAt: new Date(Date.now() - 1000) });
    for (const fields of [
      { intent: "accept" },
      { intent: "accept_part", quantity: "2", max: "4" },
      { intent: "decline", reason: "too_busy" },
    ] as Record<string, string>[]) {
      const outcome = await call(offersAction, post("/artisan/offers", { ...fields, requestId: String(offer.id) }, akinyiCookie));
      expect(await flashAfter(outcome, offersLoader)).toEqual({
        kind: "error",
        message: "That offer has expired and went to another artisan.",
      });
    }
    expect(await requestRow(offer.id)).toMatchObject({ status: "offered", quantity: 4 });
  });

  it("another artisan's offer: 404 on every action, nothing changes", async () => {
    const offer = await offerTo(akinyi, cuff, { quantity: 4 });
    for (const fields of [
      { intent: "accept" },
      { intent: "accept_part", quantity: "2", max: "4" },
      { intent: "decline", reason: "too_busy" },
    ] as Record<string, string>[]) {
      const outcome = await call(offersAction, post("/artisan/offers", { ...fields, requestId: String(offer.id) }, otienoCookie));
      expect(outcome.status).toBe(404);
    }
    expect(await requestRow(offer.id)).toMatchObject({ status: "offered", quantity: 4, artisanId: akinyi });
    expect(await eventsOf(offer.id)).toHaveLength(0);
  });

  it("bad ids and unknown intents are 400s; signed-out posts go to the login page", async () => {
    expect((await call(offersAction, post("/artisan/offers", { intent: "accept", requestId: "x" }, akinyiCookie))).status).toBe(400);
    expect((await call(offersAction, post("/artisan/offers", { intent: "steal", requestId: "1" }, akinyiCookie))).status).toBe(400);
    expect(await call(offersAction, post("/artisan/offers", { intent: "accept", requestId: "1" }))).toMatchObject({
      status: 302,
      location: "/artisan",
    });
  });
});

describe("work", () => {
  it("start → N of M made → ready, each an event; the list shows accepted, in progress and rework", async () => {
    const job = await offerTo(akinyi, cuff, { quantity: 4, status: "accepted" });
    const list = async () =>
      (await call(workLoader, get("/artisan/work", akinyiCookie))).body!.work as Array<{ id: number; status: string; unitsMade: number }>;
    expect((await list()).find((w) => w.id === job.id)).toMatchObject({ status: "accepted", unitsMade: 0 });

    const started = await call(workAction, post("/artisan/work", { intent: "start", requestId: String(job.id) }, akinyiCookie));
    expect(await flashAfter(started, workLoader)).toMatchObject({ kind: "success" });
    expect(await requestRow(job.id)).toMatchObject({ status: "in_progress" });

    await call(
      workAction,
      post("/artisan/work", { intent: "made", requestId: String(job.id), unitsMade: "3", quantity: "4" }, akinyiCookie),
    );
    expect((await list()).find((w) => w.id === job.id)).toMatchObject({ status: "in_progress", unitsMade: 3 });
    const tooMany = await call(
      workAction,
      post("/artisan/work", { intent: "made", requestId: String(job.id), unitsMade: "5", quantity: "4" }, akinyiCookie),
    );
    expect(tooMany.status).toBe(400);
    expect((await requestRow(job.id)).unitsMade).toBe(3);

    // Ready means every piece made: 3 of 4 recorded and no "all 4 are made" is refused, nothing moves.
    const partial = await call(
      workAction,
      post("/artisan/work?lang=en", { intent: "ready", requestId: String(job.id), unitsMade: "3", quantity: "4" }, akinyiCookie),
    );
    expect(partial.status).toBe(422);
    expect(partial.body?.error).toBe("Ready means every piece is made (3 of 4 recorded). Tick the box when all 4 are made.");
    expect(await requestRow(job.id)).toMatchObject({ status: "in_progress", unitsMade: 3 });
    const ready = await call(
      workAction,
      post("/artisan/work", { intent: "ready", requestId: String(job.id), allMade: "yes" }, akinyiCookie),
    );
    expect(ready.status).toBe(302);
    expect(await requestRow(job.id)).toMatchObject({ status: "ready", unitsMade: 4 });
    expect((await eventsOf(job.id)).map((e) => e.toStatus)).toEqual(["in_progress", "ready"]);
    expect((await list()).find((w) => w.id === job.id)).toBeUndefined();
  });

  it("rework after a failed QC shows the hub's note and can start again from zero", async () => {
    const job = await offerTo(akinyi, cuff, { quantity: 2, status: "qc_failed" });
    await db.update(requests).set({ unitsMade: 2 }).where(eq(requests.id, job.id));
    await db.insert(schema.qcInspections).values({
      requestId: job.id,
      unitsPassed: 0,
      unitsFailed: 2,
      defectReason: "Uneven polish",
      outcome: "failed_rework",
      inspector: "hub",
    });
    const item = ((await call(workLoader, get("/artisan/work", akinyiCookie))).body!.work as Array<{ id: number; defect: string }>).find(
      (w) => w.id === job.id,
    );
    expect(item?.defect).toBe("Uneven polish");
    await call(workAction, post("/artisan/work", { intent: "start", requestId: String(job.id) }, akinyiCookie));
    expect(await requestRow(job.id)).toMatchObject({ status: "in_progress", unitsMade: 0 });
  });

  it("ready with a photo: stored under UPLOAD_DIR, on the event, served to her and to nobody else", async () => {
    const job = await offerTo(akinyi, cuff, { quantity: 1, status: "in_progress" });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const form = new FormData();
    form.set("intent", "ready");
    form.set("allMade", "yes");
    form.set("requestId", String(job.id));
    form.set("photo", new File([png], "done.png", { type: "image/png" }));
    const outcome = await call(workAction, post("/artisan/work", form, akinyiCookie));
    expect(outcome.status).toBe(302);
    const readyEvent = (await eventsOf(job.id)).at(-1)!;
    expect(readyEvent.photoUrl).toMatch(/^\/artisan\/photos\/[a-f0-9-]{36}\.png$/);
    expect(await readdir(path.join(process.env.UPLOAD_DIR!, "work-photos"))).toContain(readyEvent.photoUrl!.split("/").pop());
    const name = readyEvent.photoUrl!.split("/").pop()!;
    const served = await photoLoader({ request: get(readyEvent.photoUrl!, akinyiCookie), params: { name }, context: {} });
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    expect((await call(photoLoader, get(readyEvent.photoUrl!, otienoCookie), { name })).status).toBe(404);
    expect((await call(photoLoader, get("/artisan/photos/..%2F..%2Fetc", akinyiCookie), { name: "../../etc/passwd" })).status).toBe(404);
    // Nobody signed in: 404. Staff: the hub (QC), operations and admin see it; finance, a cashier, a manager get a 403.
    expect((await call(photoLoader, get(readyEvent.photoUrl!), { name })).status).toBe(404);
    for (const [roles, status] of [
      [["hub"], 200],
      [["ops"], 200],
      [["admin"], 200],
      [["finance"], 403],
      [["cashier"], 403],
      [["cashier", "manager"], 403],
    ] as const) {
      const cookie = await staffSessionCookie((await createStaff(db, { roles: [...roles] })).id);
      const outcome = await call(photoLoader, get(readyEvent.photoUrl!, cookie), { name });
      expect(outcome.status, roles.join("+")).toBe(status);
    }
  });

  it("a photo that isn't a JPEG/PNG/WebP (whatever it claims) is refused and nothing changes", async () => {
    const job = await offerTo(akinyi, cuff, { quantity: 1, status: "in_progress" });
    const form = new FormData();
    form.set("intent", "ready");
    form.set("allMade", "yes");
    form.set("requestId", String(job.id));
    form.set("photo", new File(["<svg onload=alert(1)>"], "x.png", { type: "image/png" }));
    const outcome = await call(workAction, post("/artisan/work?lang=en", form, akinyiCookie));
    expect(outcome.status).toBe(422);
    expect(outcome.body?.error).toMatch(/JPEG, PNG or WebP/);
    expect(await requestRow(job.id)).toMatchObject({ status: "in_progress" });
  });

  it("a photo for another artisan's work, or for an offer not yet accepted, is never written to disk", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const photos = async () => (await readdir(path.join(process.env.UPLOAD_DIR!, "work-photos")).catch(() => [] as string[])).sort();
    const before = await photos();
    const ready = (requestId: number) => {
      const form = new FormData();
      form.set("intent", "ready");
      form.set("allMade", "yes");
      form.set("requestId", String(requestId));
      form.set("photo", new File([png], "done.png", { type: "image/png" }));
      return form;
    };
    const hers = await offerTo(akinyi, cuff, { quantity: 1, status: "in_progress" });
    expect((await call(workAction, post("/artisan/work", ready(hers.id), otienoCookie))).status).toBe(404);
    const notStarted = await offerTo(akinyi, cuff, { quantity: 1, status: "offered" });
    expect((await call(workAction, post("/artisan/work", ready(notStarted.id), akinyiCookie))).status).toBe(302);
    expect(await requestRow(notStarted.id)).toMatchObject({ status: "offered" });
    expect(await photos()).toEqual(before);
  });

  it("another artisan's work: 404 on start, made and ready; nothing changes", async () => {
    const accepted = await offerTo(akinyi, cuff, { quantity: 3, status: "accepted" });
    const inProgress = await offerTo(akinyi, cuff, { quantity: 3, status: "in_progress" });
    expect((await call(workAction, post("/artisan/work", { intent: "start", requestId: String(accepted.id) }, otienoCookie))).status).toBe(
      404,
    );
    expect(
      (
        await call(
          workAction,
          post("/artisan/work", { intent: "made", requestId: String(inProgress.id), unitsMade: "2", quantity: "3" }, otienoCookie),
        )
      ).status,
    ).toBe(404);
    expect(
      (await call(workAction, post("/artisan/work", { intent: "ready", requestId: String(inProgress.id) }, otienoCookie))).status,
    ).toBe(404);
    expect(await requestRow(accepted.id)).toMatchObject({ status: "accepted" });
    expect(await requestRow(inProgress.id)).toMatchObject({ status: "in_progress", unitsMade: 0 });
    const theirList = (await call(workLoader, get("/artisan/work", otienoCookie))).body!.work as Array<{ id: number }>;
    expect(theirList.map((w) => w.id)).not.toContain(accepted.id);
  });

  it("an out-of-order move (ready twice, start an offer) changes nothing and says so", async () => {
    const offer = await offerTo(akinyi, cuff);
    const start = await call(workAction, post("/artisan/work", { intent: "start", requestId: String(offer.id) }, akinyiCookie));
    expect(await flashAfter(start, workLoader)).toMatchObject({ kind: "error" });
    expect(await requestRow(offer.id)).toMatchObject({ status: "offered" });
  });
});

describe("deliveries", () => {
  it("a ready request without a pickup waits for a time; with one she confirms the hand-over; the rider's confirmation collects it", async () => {
    const job = await offerTo(akinyi, cuff, { quantity: 2, status: "ready" });
    let rows = (await call(deliveriesLoader, get("/artisan/deliveries", akinyiCookie))).body!.deliveries as Array<Record<string, unknown>>;
    expect(rows.find((r) => r.id === job.id)).toMatchObject({ pickupId: null });

    const [pickup] = await db
      .insert(schema.pickups)
      .values({
        requestId: job.id,
        artisanId: akinyi,
        scheduledFor: new Date("2030-01-10T07:00:00Z"),
        riderName: "Juma",
        riderPhone: "+254711000222",
        riderConfirmedAt: new Date(),
      })
      .returning();
    rows = (await call(deliveriesLoader, get("/artisan/deliveries", akinyiCookie))).body!.deliveries as Array<Record<string, unknown>>;
    expect(rows.find((r) => r.id === job.id)).toMatchObject({ pickupId: pickup.id, riderName: "Juma", artisanConfirmedAt: null });

    // Not Otieno's pickup: 404, nothing recorded.
    expect(
      (await call(deliveriesAction, post("/artisan/deliveries", { intent: "hand_over", pickupId: String(pickup.id) }, otienoCookie)))
        .status,
    ).toBe(404);
    expect((await db.select().from(schema.pickups).where(eq(schema.pickups.id, pickup.id)))[0].artisanConfirmedAt).toBeNull();

    const outcome = await call(
      deliveriesAction,
      post("/artisan/deliveries", { intent: "hand_over", pickupId: String(pickup.id) }, akinyiCookie),
    );
    expect(await flashAfter(outcome, deliveriesLoader)).toMatchObject({ kind: "success" });
    const [after] = await db.select().from(schema.pickups).where(eq(schema.pickups.id, pickup.id));
    expect(after.artisanConfirmedAt).not.toBeNull();
    expect(after.status).toBe("handed_over");
    expect(await requestRow(job.id)).toMatchObject({ status: "collected" });
    // Twice: nothing more.
    const again = await call(
      deliveriesAction,
      post("/artisan/deliveries", { intent: "hand_over", pickupId: String(pickup.id) }, akinyiCookie),
    );
    expect(await flashAfter(again, deliveriesLoader)).toMatchObject({ kind: "error" });
  });

  it("before the rider confirms, her confirmation alone leaves the request ready", async () => {
    const job = await offerTo(akinyi, cuff, { quantity: 1, status: "ready" });
    const [pickup] = await db
      .insert(schema.pickups)
      .values({ requestId: job.id, artisanId: akinyi, scheduledFor: new Date("2030-01-10T07:00:00Z"), riderName: "Juma" })
      .returning();
    await call(deliveriesAction, post("/artisan/deliveries", { intent: "hand_over", pickupId: String(pickup.id) }, akinyiCookie));
    const [after] = await db.select().from(schema.pickups).where(eq(schema.pickups.id, pickup.id));
    expect(after).toMatchObject({ status: "scheduled", riderConfirmedAt: null });
    expect(after.artisanConfirmedAt).not.toBeNull();
    expect(await requestRow(job.id)).toMatchObject({ status: "ready" });
    const otherList = (await call(deliveriesLoader, get("/artisan/deliveries", otienoCookie))).body!.deliveries as Array<{ id: number }>;
    expect(otherList.map((d) => d.id)).not.toContain(job.id);
  });

  it("after the rider confirmed (collected), she can still add her side; the request stays collected", async () => {
    const job = await offerTo(akinyi, cuff, { quantity: 1, status: "collected" });
    const [pickup] = await db
      .insert(schema.pickups)
      .values({
        requestId: job.id,
        artisanId: akinyi,
        scheduledFor: new Date(),
        riderName: "Juma",
        riderConfirmedAt: new Date(),
        status: "handed_over",
      })
      .returning();
    const rows = (await call(deliveriesLoader, get("/artisan/deliveries", akinyiCookie))).body!.deliveries as Array<
      Record<string, unknown>
    >;
    expect(rows.find((r) => r.id === job.id)).toMatchObject({ status: "collected", pickupId: pickup.id, artisanConfirmedAt: null });
    const outcome = await call(
      deliveriesAction,
      post("/artisan/deliveries", { intent: "hand_over", pickupId: String(pickup.id) }, akinyiCookie),
    );
    expect(await flashAfter(outcome, deliveriesLoader)).toMatchObject({ kind: "success" });
    expect(await requestRow(job.id)).toMatchObject({ status: "collected" });
    expect((await db.select().from(schema.pickups).where(eq(schema.pickups.id, pickup.id)))[0]).toMatchObject({
      status: "handed_over",
      artisanConfirmedAt: expect.any(Date),
    });
  });
});
