/** The /ops dashboard's numbers on a small, known database: each figure checked against what was put in. */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct, createStaff } from "#db/seed/factories";
import { postEntry } from "~/domain/ledger/ledger.server";
import { qcCreditEntry } from "~/domain/ledger/entries";
import { loadDashboard } from "~/features/ops/dashboard.server";
import { loader as dashboardLoader } from "~/routes/ops._index";
import { loader as orderLoader } from "~/routes/ops.orders.$number";
import { db, schema } from "~/lib/db.server";
import { staffSessionCookie } from "./session-support";
import { call, get } from "./artisan-support";

// Friday 20 November 2026, noon in Nairobi.
const NOW = new Date("2026-11-20T09:00:00Z");
let seq = 0;

async function order(
  channel: "web" | "wholesale" | "pos",
  total: number,
  placedAt: string,
  status: "open" | "cancelled" = "open",
  currency = "USD",
) {
  seq += 1;
  await db.insert(schema.orders).values({
    number: `SK-T${seq}`,
    channel,
    status,
    email: "a@example.test",
    currency,
    subtotal: total,
    total,
    placedAt: new Date(placedAt),
  });
}

async function credit(artisanId: number, amount: number, at: string) {
  seq += 1;
  await postEntry(db, qcCreditEntry({ inspectionId: 10_000 + seq, artisanId, units: 1, pieceRate: amount, currency: "KES" }));
  await db
    .update(schema.ledgerEntries)
    .set({ at: new Date(at) })
    .where(eq(schema.ledgerEntries.reference, `qc:${10_000 + seq}`));
}

async function cookie(roles: schema.StaffRole[]) {
  const staff = await createStaff(db, { roles });
  return staffSessionCookie(staff.id);
}

let amina: number;
let baraka: number;

beforeAll(async () => {
  await order("web", 5_000, "2026-11-20T06:00:00Z");
  await order("web", 7_000, "2026-11-20T08:59:00Z");
  await order("web", 2_500, "2026-11-19T21:30:00Z"); // 00:30 on the 20th in Nairobi: today
  await order("web", 9_999, "2026-11-19T20:30:00Z"); // 23:30 on the 19th in Nairobi: yesterday
  await order("web", 4_000, "2026-11-20T07:00:00Z", "cancelled");
  await order("pos", 3_000, "2026-11-20T08:00:00Z");
  await order("wholesale", 120_000, "2026-11-19T10:00:00Z");
  await order("wholesale", 80_000, "2026-11-20T05:00:00Z", "open", "EUR");

  const variantId = (
    await createProduct(db, { handle: "horn-stud", title: "Horn Stud", status: "active", variants: [{ sku: "EAR-HORN-1" }] })
  ).variants[0].id;
  amina = (await createArtisan(db, { firstName: "Amina", lastName: "Otieno", phone: "+254755000001" })).artisan.id;
  baraka = (await createArtisan(db, { firstName: "Baraka", lastName: "Mwangi", phone: "+254755000002" })).artisan.id;
  const request = (number: string, status: schema.ProductionStatus, dueDate: string, late = false, artisanId: number | null = amina) => ({
    number,
    variantId,
    quantity: 4,
    artisanId,
    pieceRate: 30_000,
    dueDate,
    status,
    late,
  });
  const requests = await db
    .insert(schema.productionRequests)
    .values([
      request("PR-1", "unassigned", "2026-12-10", false, null),
      request("PR-2", "unassigned", "2026-12-11", false, null),
      request("PR-3", "in_progress", "2026-11-19"), // past due: late
      request("PR-4", "accepted", "2026-11-25", true), // flagged by dispatch: late
      request("PR-5", "qc_passed", "2026-11-01"), // done: not late
      request("PR-6", "cancelled", "2026-11-02"), // cancelled: not late
      request("PR-7", "in_progress", "2026-11-20"), // due today: not yet late
    ])
    .returning();
  const byNumber = new Map(requests.map((r) => [r.number, r.id]));
  await db.insert(schema.qcInspections).values([
    {
      requestId: byNumber.get("PR-5")!,
      unitsPassed: 10,
      unitsFailed: 0,
      outcome: "passed",
      inspector: "t",
      at: new Date("2026-11-10T08:00:00Z"),
    },
    {
      requestId: byNumber.get("PR-5")!,
      unitsPassed: 8,
      unitsFailed: 2,
      outcome: "failed_rework",
      inspector: "t",
      at: new Date("2026-10-25T08:00:00Z"),
    },
    {
      requestId: byNumber.get("PR-5")!,
      unitsPassed: 0,
      unitsFailed: 50,
      outcome: "failed_redispatch",
      inspector: "t",
      at: new Date("2026-10-15T08:00:00Z"),
    }, // over 30 days ago
  ]);

  await credit(amina, 100_000, "2026-10-05T08:00:00Z");
  await credit(baraka, 50_000, "2026-10-25T08:00:00Z");
  await credit(amina, 120_000, "2026-11-03T08:00:00Z");
  await credit(baraka, 30_000, "2026-11-21T08:00:00Z"); // after "now": owed, but not yet in this month's figure
});

describe("dashboard", () => {
  it("counts today's orders by channel in Nairobi's day, without cancelled ones", async () => {
    const d = await loadDashboard({ threshold: 60_000, now: NOW });
    expect(d.today).toBe("2026-11-20");
    expect(d.orders.channels).toEqual([
      { channel: "web", orders: 3, revenue: [{ currency: "USD", amount: 14_500 }] },
      { channel: "wholesale", orders: 1, revenue: [{ currency: "EUR", amount: 80_000 }] },
      { channel: "pos", orders: 1, revenue: [{ currency: "USD", amount: 3_000 }] },
    ]);
    expect(d.orders.total).toBe(5);
  });

  it("counts the pipeline by state and lists late requests, oldest first", async () => {
    const d = await loadDashboard({ threshold: 60_000, now: NOW });
    const counts = Object.fromEntries(d.pipeline.map((p) => [p.status, p.requests]));
    expect(counts).toMatchObject({ unassigned: 2, in_progress: 2, accepted: 1, qc_passed: 1, cancelled: 1, offered: 0 });
    expect(d.pipeline.find((p) => p.status === "unassigned")!.units).toBe(8);
    expect(d.late.total).toBe(2);
    // Every row is badged, in the board's words: past due, or flagged before its due date.
    expect(d.late.rows.map((r) => [r.number, r.flagged, r.daysOverdue, r.lateWords, r.artisan])).toEqual([
      ["PR-3", false, 1, "1 day late", "Amina Otieno"],
      ["PR-4", true, 0, "Won't make it in time", "Amina Otieno"],
    ]);
  });

  it("gives the QC pass rate over the last 30 days in units", async () => {
    const d = await loadDashboard({ threshold: 60_000, now: NOW });
    expect(d.qc).toMatchObject({ passed: 18, failed: 2, inspections: 2, days: 30 });
    expect(d.qc.rate).toBeCloseTo(0.9);
  });

  it("totals payouts due above the threshold, and earnings this month against last", async () => {
    const d = await loadDashboard({ threshold: 60_000, now: NOW });
    expect(d.payoutsDue).toEqual({ artisans: 2, total: 300_000, threshold: 60_000, currency: "KES" });
    expect((await loadDashboard({ threshold: 100_000, now: NOW })).payoutsDue).toMatchObject({ artisans: 1, total: 220_000 });
    expect(d.earnings.thisMonth).toEqual({ key: "2026-11", amount: 120_000 });
    expect(d.earnings.lastMonth).toEqual({ key: "2026-10", amount: 150_000, toSameDay: 100_000 });
    expect(d.earnings.change).toBeCloseTo(0.2);
    expect(d.earnings.series.days).toHaveLength(31);
    expect(d.earnings.series.thisMonth.slice(0, 4)).toEqual([0, 0, 120_000, 120_000]);
    expect(d.earnings.series.thisMonth[19]).toBe(120_000);
    expect(d.earnings.series.thisMonth[20]).toBeNull();
    expect(d.earnings.series.lastMonth[4]).toBe(100_000);
    expect(d.earnings.series.lastMonth[30]).toBe(150_000);
  });

  it("is for every role but the cashier, and shows links by role", async () => {
    const manager = await call(dashboardLoader, get("/ops", await cookie(["manager"])));
    expect(manager.status).toBe(200);
    expect(manager.body).toMatchObject({ can: { payouts: false, production: false, orders: false } });
    expect((await call(dashboardLoader, get("/ops", await cookie(["finance"])))).body).toMatchObject({
      can: { payouts: true, orders: true },
    });
    const cashier = await call(dashboardLoader, get("/ops", await cookie(["cashier"])));
    expect(cashier.status).toBe(403);
  });

  it("links a late request's order number for each role the order's own page lets in, and for no other", async () => {
    // The hub may not list all orders but opens one to pack and ship it: its late table links the number.
    for (const role of ["ops", "hub", "finance", "manager", "admin"] as const) {
      const staff = await cookie([role]);
      const home = await call(dashboardLoader, get("/ops", staff));
      const page = await call(orderLoader, get("/ops/orders/SK-T1", staff), { number: "SK-T1" });
      expect(page.status === 200, `${role} opens an order's page`).toBe(role !== "manager");
      expect(home.body, role).toMatchObject({ can: { order: page.status === 200 } });
    }
    expect((await call(dashboardLoader, get("/ops", await cookie(["hub"])))).body).toMatchObject({ can: { orders: false, order: true } });
  });
});
