import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createLocation, createProduct } from "#db/seed/factories";
import { dispatchUnassigned, expireOffers } from "~/domain/production/dispatch.server";
import { notifyNewOffers } from "~/domain/production/offer-sms.server";
import { advanceRequest, TransitionRefused } from "~/domain/production/requests.server";
import { commitOrder } from "~/domain/orders/commit.server";
import { db, schema } from "~/lib/db.server";

const now = new Date("2026-11-25T08:00:00Z");
let hornCuff: number;
let brassRing: number;
let nobodyCanMake: number;
let akinyi: number;
let otieno: number;

async function order(variantId: number, quantity: number) {
  return db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "s@example.com",
      currency: "USD",
      lines: [{ variantId, quantity, unitPrice: 5000 }],
      totals: { subtotal: 5000 * quantity, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 5000 * quantity },
      idempotencyKey: crypto.randomUUID(),
      stockLocationCodes: ["US-FC"],
      paymentStatus: "paid",
      actor: "test",
      today: now,
    }),
  );
}

const requestsOf = (orderId: number) =>
  db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, orderId)).orderBy(schema.productionRequests.id);

beforeAll(async () => {
  await createLocation(db, { code: "US-FC", kind: "fulfilment" });
  hornCuff = (
    await createProduct(db, {
      handle: "horn-cuff",
      status: "active",
      skills: ["horn-carving", "polishing"],
      variants: [{ leadTimeDays: 21, pieceRate: 40000 }],
    })
  ).variants[0].id;
  brassRing = (
    await createProduct(db, { handle: "brass-ring", status: "active", skills: ["brass-casting"], variants: [{ leadTimeDays: 14 }] })
  ).variants[0].id;
  nobodyCanMake = (
    await createProduct(db, { handle: "glass-drop", status: "active", skills: ["glass-recycling"], variants: [{ leadTimeDays: 14 }] })
  ).variants[0].id;
  akinyi = (
    await createArtisan(db, {
      firstName: "Akinyi",
      qualityScore: 9800,
      language: "sw",
      skills: [
        { skill: "horn-carving", weeklyCapacity: 10 },
        { skill: "polishing", weeklyCapacity: 10 },
      ],
    })
  ).artisan.id;
  otieno = (
    await createArtisan(db, {
      firstName: "Otieno",
      qualityScore: 9700,
      language: "en",
      skills: [
        { skill: "horn-carving", weeklyCapacity: 10 },
        { skill: "polishing", weeklyCapacity: 10 },
        { skill: "brass-casting", weeklyCapacity: 5 },
      ],
    })
  ).artisan.id;
});

describe("dispatching an order's production requests", () => {
  it("offers the work to a skilled artisan with an expiry, and texts them", async () => {
    const placed = await order(hornCuff, 4);
    const summary = await dispatchUnassigned({ orderId: placed.id, now });
    expect(summary).toMatchObject({ offered: 1, late: 0 });
    const [request] = await requestsOf(placed.id);
    expect(request).toMatchObject({ status: "offered", artisanId: akinyi, quantity: 4, late: false });
    expect(request.offerExpiresAt!.getTime()).toBeGreaterThan(now.getTime());
    expect(await notifyNewOffers()).toBe(1);
    expect(await notifyNewOffers()).toBe(0);
    const [sms] = await db.select().from(schema.outbox).where(eq(schema.outbox.channel, "sms"));
    expect(sms.text).toContain(request.number);
    expect(sms.text).toContain("Kazi mpya");
  });

  it("splits a quantity beyond one artisan's capacity, and the line's allocations follow", async () => {
    const placed = await order(hornCuff, 12);
    await dispatchUnassigned({ orderId: placed.id, now });
    const rows = await requestsOf(placed.id);
    expect(rows.reduce((s, r) => s + r.quantity, 0)).toBe(12);
    expect(new Set(rows.map((r) => r.artisanId)).size).toBe(rows.length);
    expect(rows.every((r) => r.status === "offered")).toBe(true);
    const [alloc] = await db.execute<{ units: number; n: number }>(sql`
      select sum(a.quantity)::int as units, count(*)::int as n from allocations a
      join order_lines ol on ol.id = a.order_line_id where ol.order_id = ${placed.id} and a.kind = 'production'`);
    expect(alloc).toEqual({ units: 12, n: rows.length });
  });

  it("flags work nobody can make as late and leaves it unassigned for operations", async () => {
    const placed = await order(nobodyCanMake, 2);
    const summary = await dispatchUnassigned({ orderId: placed.id, now });
    expect(summary).toMatchObject({ offered: 0, late: 1 });
    const [request] = await requestsOf(placed.id);
    expect(request).toMatchObject({ status: "unassigned", late: true, artisanId: null });
  });

  it("an expired offer goes to the next artisan, never back to the same one", async () => {
    const placed = await order(brassRing, 1);
    await dispatchUnassigned({ orderId: placed.id, now });
    const [first] = await requestsOf(placed.id);
    expect(first.artisanId).toBe(otieno);
    const later = new Date(first.offerExpiresAt!.getTime() + 60_000);
    expect(await expireOffers(later)).toBeGreaterThanOrEqual(1);
    await dispatchUnassigned({ orderId: placed.id, now: later });
    const [again] = await requestsOf(placed.id);
    // Otieno was the only brass caster: nobody else can take it, so it is late, not re-offered to him.
    expect(again).toMatchObject({ status: "unassigned", artisanId: null, late: true });
    const events = await db
      .select({ to: schema.productionEvents.toStatus })
      .from(schema.productionEvents)
      .where(eq(schema.productionEvents.requestId, first.id))
      .orderBy(schema.productionEvents.id);
    expect(events.map((e) => e.to)).toEqual(["unassigned", "offered", "expired", "unassigned"]);
  });

  it("refuses transitions that skip steps, and only one of two concurrent moves wins", async () => {
    const placed = await order(hornCuff, 1);
    await dispatchUnassigned({ orderId: placed.id, now });
    const [request] = await requestsOf(placed.id);
    await expect(db.transaction((tx) => advanceRequest(tx, request.id, "qc_passed", "test"))).rejects.toBeInstanceOf(TransitionRefused);
    const results = await Promise.allSettled([
      db.transaction((tx) => advanceRequest(tx, request.id, "accepted", "artisan")),
      db.transaction((tx) => advanceRequest(tx, request.id, "declined", "artisan")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });
});
