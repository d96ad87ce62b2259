/** /ops/inventory on the real database: levels, search, low stock, CSV, transfers and counts (one transaction each, audited). */
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createStaff, setStock } from "#db/seed/factories";
import { transferStock } from "~/domain/inventory/admin.server";
import { loader as listLoader } from "~/routes/ops.inventory._index";
import { loader as csvLoader } from "~/routes/ops.inventory[.]csv";
import { action as variantAction, loader as variantLoader } from "~/routes/ops.inventory.$sku";
import { db, schema } from "~/lib/db.server";
import { staffSessionCookie } from "./session-support";
import { call, flashAfter, get, post } from "./artisan-support";

async function staffCookie(roles: schema.StaffRole[]) {
  const staff = await createStaff(db, { roles });
  return { id: staff.id, cookie: await staffSessionCookie(staff.id) };
}

let ops: { id: number; cookie: string };
let hubStaff: { id: number; cookie: string };
let cashier: { id: number; cookie: string };
let hub: schema.Location;
let flagship: schema.Location;
let variantId: number;
const SKU = "EAR-TEST-HORN";

async function level(locationId: number) {
  const [row] = await db
    .select()
    .from(schema.inventoryLevels)
    .where(and(eq(schema.inventoryLevels.variantId, variantId), eq(schema.inventoryLevels.locationId, locationId)));
  return row ?? null;
}

const page = (search = "", who = ops.cookie) => call(listLoader, get(`/ops/inventory${search}`, who));
const variantPage = (who = ops.cookie) => call(variantLoader, get(`/ops/inventory/${SKU}`, who), { sku: SKU });
const submit = (fields: Record<string, string>, who = ops.cookie) =>
  call(variantAction, post(`/ops/inventory/${SKU}`, fields, who), { sku: SKU });

beforeAll(async () => {
  ops = await staffCookie(["ops"]);
  hubStaff = await staffCookie(["hub"]);
  cashier = await staffCookie(["cashier"]);
  hub = await createLocation(db, { code: "NBO-HUB", name: "Nairobi Hub", kind: "hub" });
  flagship = await createLocation(db, { code: "SF-FLAGSHIP", name: "San Francisco Flagship", kind: "store" });
  const product = await createProduct(db, {
    handle: "petite-horn-stud",
    title: "Petite Horn Paddle Stud",
    status: "active",
    variants: [{ sku: SKU }],
  });
  variantId = product.variants[0].id;
  await setStock(db, variantId, hub.id, 10);
  await db
    .update(schema.inventoryLevels)
    .set({ reserved: 2 })
    .where(and(eq(schema.inventoryLevels.variantId, variantId), eq(schema.inventoryLevels.locationId, hub.id)));
  const other = await createProduct(db, {
    handle: "brass-cuff",
    title: "Mixed Shapes Stacking Cuff",
    status: "active",
    variants: [{ sku: "BRA-TEST-CUFF" }],
  });
  await setStock(db, other.variants[0].id, flagship.id, 40);
});

describe("/ops/inventory", () => {
  it("lists levels for ops and hub, refuses a cashier", async () => {
    const result = await page();
    expect(result.status).toBe(200);
    const levels = (
      result.body as { levels: { rows: Array<{ sku: string; locationCode: string; available: number; low: boolean }>; total: number } }
    ).levels;
    expect(levels.total).toBe(2);
    expect(levels.rows.find((r) => r.sku === SKU)).toMatchObject({ locationCode: "NBO-HUB", available: 8, low: false });
    expect((await page("", hubStaff.cookie)).body).toMatchObject({ canEdit: false });
    expect((await page("", cashier.cookie)).status).toBe(403);
    expect((await page("?page=0")).status).toBe(400);
  });

  it("searches by SKU or product and filters low stock and location", async () => {
    const bySku = (await page("?q=horn")).body as { levels: { rows: Array<{ sku: string }> } };
    expect(bySku.levels.rows.map((r) => r.sku)).toEqual([SKU]);
    const byTitle = (await page("?q=Stacking%20Cuff")).body as { levels: { rows: Array<{ sku: string }> } };
    expect(byTitle.levels.rows.map((r) => r.sku)).toEqual(["BRA-TEST-CUFF"]);
    const percent = (await page("?q=%25")).body as { levels: { total: number } };
    expect(percent.levels.total).toBe(0);
    const byLocation = (await page(`?location=${flagship.id}`)).body as { levels: { rows: Array<{ sku: string }> } };
    expect(byLocation.levels.rows.map((r) => r.sku)).toEqual(["BRA-TEST-CUFF"]);
    const low = (await page("?low=1")).body as { levels: { total: number } };
    expect(low.levels.total).toBe(0);
  });

  it("past the last page still counts the levels (an old link, a list that shrank), so the page says so and links back", async () => {
    type Levels = { levels: { rows: unknown[]; total: number; pageCount: number; page: number } };
    const past = await page("?page=40");
    expect(past.status).toBe(200);
    expect((past.body as Levels).levels).toMatchObject({ rows: [], total: 2, pageCount: 1, page: 40 });
    expect(((await page("?page=40&q=EAR-TEST")).body as Levels).levels.total).toBe(1);
    expect(((await page("?page=40&q=nothing-like-this")).body as Levels).levels.total).toBe(0);
  });

  it("exports the filtered levels as CSV", async () => {
    const response = (await csvLoader({
      request: get("/ops/inventory.csv?q=horn", ops.cookie),
      params: {},
      context: {},
    })) as Response;
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toEqual([
      "sku,product,variant,location_code,location,on_hand,reserved,available",
      `${SKU},Petite Horn Paddle Stud,${lines[1].split(",")[2]},NBO-HUB,Nairobi Hub,10,2,8`,
    ]);
  });

  it("refuses to move more than is free (on hand less reserved), writing nothing", async () => {
    const before = await db.select().from(schema.inventoryMovements);
    const result = await submit({ intent: "transfer", from: String(hub.id), to: String(flagship.id), quantity: "9", key: randomUUID() });
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ errors: { quantity: "Only 8 units are free to move at Nairobi Hub." } });
    expect(await level(hub.id)).toMatchObject({ onHand: 10, reserved: 2 });
    expect(await level(flagship.id)).toBeNull();
    expect(await db.select().from(schema.inventoryMovements)).toHaveLength(before.length);
    expect((await submit({ intent: "transfer", from: String(hub.id), to: String(hub.id), quantity: "1", key: randomUUID() })).status).toBe(
      400,
    );
  });

  it("moves stock hub → flagship: both levels, two movements and an audit row, once per form", async () => {
    const key = randomUUID();
    const result = await submit({
      intent: "transfer",
      from: String(hub.id),
      to: String(flagship.id),
      quantity: "5",
      note: "Carton 3",
      key,
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/ops/inventory/${SKU}`);
    expect(await flashAfter(result, (args) => variantLoader({ ...args, params: { sku: SKU } }))).toEqual({
      kind: "success",
      message: "Moved 5 units from Nairobi Hub to San Francisco Flagship.",
    });
    expect(await level(hub.id)).toMatchObject({ onHand: 5, reserved: 2 });
    expect(await level(flagship.id)).toMatchObject({ onHand: 5, reserved: 0 });
    const moves = await db
      .select()
      .from(schema.inventoryMovements)
      .where(eq(schema.inventoryMovements.reference, `transfer:${key}`))
      .orderBy(asc(schema.inventoryMovements.id));
    expect(moves.map((m) => [m.locationId, m.onHandDelta, m.reason, m.actor])).toEqual([
      [hub.id, -5, "transfer to SF-FLAGSHIP — Carton 3", `staff:${ops.id}`],
      [flagship.id, 5, "transfer from NBO-HUB — Carton 3", `staff:${ops.id}`],
    ]);
    const audits = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "inventory.transfer"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor: `staff:${ops.id}`,
      subject: `variant:${SKU}`,
      data: { from: "NBO-HUB", to: "SF-FLAGSHIP", quantity: 5 },
    });

    // The same form again (a double click, a retry): nothing more moves.
    const again = await submit({ intent: "transfer", from: String(hub.id), to: String(flagship.id), quantity: "5", note: "Carton 3", key });
    expect(again.status).toBe(302);
    expect(await level(hub.id)).toMatchObject({ onHand: 5 });
    expect(await level(flagship.id)).toMatchObject({ onHand: 5 });
    expect(await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "inventory.transfer"))).toHaveLength(1);
  });

  it("never lets two transfers at once take the same free units", async () => {
    // 5 on hand, 2 reserved: 3 free. Two transfers of 3 race; one wins.
    const results = await Promise.all(
      [1, 2].map(() =>
        transferStock({
          variantId,
          fromLocationId: hub.id,
          toLocationId: flagship.id,
          quantity: 3,
          actor: "staff:test",
          key: randomUUID(),
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await level(hub.id)).toMatchObject({ onHand: 2, reserved: 2 });
    expect(await level(flagship.id)).toMatchObject({ onHand: 8 });
  });

  it("records a count with a reason, never below reserved", async () => {
    const below = await submit({ intent: "count", location: String(hub.id), counted: "1", reason: "damaged", key: randomUUID() });
    expect(below.status).toBe(422);
    expect((below.body as { errors: Record<string, string> }).errors.counted).toContain("can't be below 2");
    const noReason = await submit({ intent: "count", location: String(flagship.id), counted: "7", reason: "", key: randomUUID() });
    expect(noReason.status).toBe(400);
    expect((noReason.body as { errors: Record<string, string> }).errors.reason).toBe("Choose a reason for the change.");
    const otherWithoutWords = await submit({
      intent: "count",
      location: String(flagship.id),
      counted: "7",
      reason: "other",
      key: randomUUID(),
    });
    expect(otherWithoutWords.status).toBe(400);
    expect(await level(flagship.id)).toMatchObject({ onHand: 8 });

    const key = randomUUID();
    const ok = await submit({
      intent: "count",
      location: String(flagship.id),
      counted: "7",
      reason: "damaged",
      note: "One clasp bent",
      key,
    });
    expect(ok.status).toBe(302);
    expect(await level(flagship.id)).toMatchObject({ onHand: 7 });
    const [move] = await db
      .select()
      .from(schema.inventoryMovements)
      .where(eq(schema.inventoryMovements.reference, `count:${key}`));
    expect(move).toMatchObject({
      locationId: flagship.id,
      onHandDelta: -1,
      reason: "count: damaged — One clasp bent",
      actor: `staff:${ops.id}`,
    });
    const [entry] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "inventory.count"));
    expect(entry.data).toMatchObject({ location: "SF-FLAGSHIP", before: 8, counted: 7, delta: -1, reason: "damaged" });
  });

  it("shows one variant's levels everywhere and its movements; only ops may change stock", async () => {
    const result = await variantPage();
    expect(result.status).toBe(200);
    const body = result.body as {
      levels: Array<{ code: string; onHand: number; available: number }>;
      movements: { total: number; rows: Array<{ reason: string }> };
      canEdit: boolean;
    };
    expect(body.canEdit).toBe(true);
    expect(body.levels.map((l) => [l.code, l.onHand, l.available])).toEqual([
      ["NBO-HUB", 2, 0],
      ["SF-FLAGSHIP", 7, 7],
    ]);
    expect(body.movements.rows[0].reason).toBe("count: damaged — One clasp bent");
    expect(body.movements.total).toBe(6);
    expect((await variantPage(hubStaff.cookie)).body).toMatchObject({ canEdit: false });
    const refused = await submit(
      { intent: "transfer", from: String(flagship.id), to: String(hub.id), quantity: "1", key: randomUUID() },
      hubStaff.cookie,
    );
    expect(refused.status).toBe(403);
    expect((await call(variantLoader, get("/ops/inventory/NOPE", ops.cookie), { sku: "NOPE" })).status).toBe(404);
  });
});
