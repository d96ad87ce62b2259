/**
 * "Ready" means every piece made (production's work-rules.readyRefusal), on every channel: the app
 * refuses 4 of 6 without her "all 6 are made", advanceRequest refuses any other count, USSD's
 * option says "all 6 made", and once ready the app's deliveries and the hub show the one number.
 * And the pay pending on accepted work (production's PENDING_PAY_STATUSES) on the earnings page.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct } from "#db/seed/factories";
import { advanceRequest } from "~/domain/production/requests.server";
import { hubRequest } from "~/domain/hub/index.server";
import {
  listDeliveries,
  markReady as markReadyInApp,
  pendingEarnings,
  recordUnitsMade,
  startWork,
} from "~/features/artisan-app/production.server";
import { markReady as markReadyByUssd } from "~/features/artisan-phone/work.server";
import { db, schema } from "~/lib/db.server";

const { productionRequests: requests } = schema;

let variantId: number;
let wanjiru: schema.Artisan;

beforeAll(async () => {
  variantId = (await createProduct(db, { title: "Bead Collar", status: "active", variants: [{ leadTimeDays: 7 }] })).variants[0].id;
  wanjiru = (await createArtisan(db, { firstName: "Wanjiru", phone: "+254711000091", language: "sw", pin: "1234" })).artisan;
});

/** Six pieces accepted by Wanjiru, started, four recorded made. */
async function fourOfSix() {
  const row = await db.transaction(async (tx) => {
    const [{ next }] = await tx.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
    const [created] = await tx
      .insert(requests)
      .values({ number: `PR-${next}`, variantId, quantity: 6, pieceRate: 30_000, dueDate: "2031-01-31", status: "unassigned" })
      .returning();
    await advanceRequest(tx, created.id, "offered", "dispatch", {
      artisanId: wanjiru.id,
      offerExpiresAt: new Date(Date.now() + 86_400_000),
    });
    await advanceRequest(tx, created.id, "accepted", `artisan:${wanjiru.id}`);
    return created;
  });
  expect(await startWork(wanjiru.id, row.id)).toEqual({ ok: true });
  expect(await recordUnitsMade(wanjiru.id, row.id, 4)).toEqual({ ok: true });
  return row;
}

const requestRow = async (id: number) => (await db.select().from(requests).where(eq(requests.id, id)))[0];

describe("ready means every piece made", () => {
  it("the app refuses 4 of 6 without her word that all 6 are made; with it, all 6 show in deliveries and at the hub", async () => {
    const work = await fourOfSix();
    expect(await markReadyInApp(wanjiru.id, work.id, { allMade: false })).toEqual({ ok: false, reason: "not_all_made" });
    expect(await requestRow(work.id)).toMatchObject({ status: "in_progress", unitsMade: 4 });

    expect(await markReadyInApp(wanjiru.id, work.id, { allMade: true })).toEqual({ ok: true });
    expect(await requestRow(work.id)).toMatchObject({ status: "ready", quantity: 6, unitsMade: 6 });
    const delivery = (await listDeliveries(wanjiru.id)).find((d) => d.id === work.id);
    expect(delivery).toMatchObject({ quantity: 6, unitsMade: 6 });
    expect(await hubRequest(work.number)).toMatchObject({ status: "ready", quantity: 6, unitsMade: 6 });
  });

  it("USSD's 'all 6 made' records 6, as the app does", async () => {
    const work = await fourOfSix();
    expect(await markReadyByUssd(wanjiru.id, work.id, `artisan:${wanjiru.id}:ussd:ready-rule`)).toBe("ready");
    expect(await requestRow(work.id)).toMatchObject({ status: "ready", unitsMade: 6 });
    expect(await hubRequest(work.number)).toMatchObject({ quantity: 6, unitsMade: 6 });
  });

  it("advanceRequest, the one place a status changes, refuses ready with fewer made and fills in the count otherwise", async () => {
    const work = await fourOfSix();
    await expect(db.transaction((tx) => advanceRequest(tx, work.id, "ready", `artisan:${wanjiru.id}`, { unitsMade: 4 }))).rejects.toThrow(
      "Ready means all 6 pieces are made, not 4.",
    );
    expect(await requestRow(work.id)).toMatchObject({ status: "in_progress", unitsMade: 4 });
    await db.transaction((tx) => advanceRequest(tx, work.id, "ready", `artisan:${wanjiru.id}`));
    expect(await requestRow(work.id)).toMatchObject({ status: "ready", unitsMade: 6 });
  });
});

describe("pending pay on the earnings page", () => {
  it("counts accepted work until the hub passes it, for her only; offers and passed work are not pending", async () => {
    const { artisan: amani } = await createArtisan(db, { firstName: "Amani", phone: "+254711000092", language: "en", pin: "1234" });
    const add = (quantity: number, status: schema.ProductionStatus) =>
      db.execute(sql`
        insert into production_requests (number, variant_id, quantity, artisan_id, piece_rate, due_date, status)
        values ('PR-' || nextval('production_request_numbers'), ${variantId}, ${quantity}, ${amani.id}, 30000, '2031-01-31', ${status})`);
    expect(await pendingEarnings(amani.id)).toEqual([]);
    for (const [quantity, status] of [
      [2, "accepted"],
      [1, "in_progress"],
      [3, "ready"],
      [1, "collected"],
      [1, "received"],
      [2, "qc_failed"],
      [5, "offered"],
      [4, "qc_passed"],
      [6, "cancelled"],
    ] as const)
      await add(quantity, status);
    expect(await pendingEarnings(amani.id)).toEqual([{ currency: "KES", amount: 30000 * 10, requests: 6 }]);
    expect(await pendingEarnings(wanjiru.id)).not.toContainEqual(expect.objectContaining({ amount: 30000 * 10 }));
  });
});
