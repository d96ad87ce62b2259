/**
 * Bulk edit of products (/ops/products/bulk) against the real database: the review writes nothing;
 * apply is all or nothing, audited per product by name, and purges exactly the changed products'
 * pages; undo puts the values back, and is refused once a product was edited since.
 */
process.env.CATALOG_CACHE_SECONDS = "600";

import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollection, createProduct, createStaff } from "#db/seed/factories";
import { saveVariant, undoBulkEdit } from "~/domain/catalog/index.server";
import { db, schema, sqlClient } from "~/lib/db.server";
import { PURGE_CHANNEL } from "~/lib/purge-keys";
import { listenForPurges, onPurge } from "~/lib/purge.server";
import { action as bulkRoute, loader as reviewRoute } from "~/routes/ops.products.bulk";
import { loader as storefrontLoader } from "~/routes/products.$handle";
import { staffSessionCookie } from "./session-support";

const BASE = "http://soko.test";
let cookie = "";
let received: string[] = [];
let stopListening: () => Promise<void> = async () => {};

beforeAll(async () => {
  const staff = await createStaff(db, { email: "bulk-ops@soko.test", name: "Wanjiru Bulk", roles: ["ops"] });
  cookie = await staffSessionCookie(staff.id);
  stopListening = await listenForPurges(sqlClient());
  onPurge((keys) => {
    if (keys !== "all") received.push(...keys);
  });
});
afterAll(() => stopListening());

type Fields = Record<string, string | string[]>;
const form = (fields: Fields) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return body;
};

/** POSTs the bulk form as a browser without JavaScript would. */
async function post(fields: Fields): Promise<{ status: number; location: string | null; error?: string }> {
  const request = new Request(`${BASE}/ops/products/bulk`, { method: "POST", headers: { Cookie: cookie }, body: form(fields) });
  const result = await bulkRoute({ request, params: {}, context: {} });
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
  const r = result as unknown as { data: { error: string }; init: { status: number } };
  return { status: r.init.status, location: null, error: r.data.error };
}

async function review(fields: Fields) {
  const request = new Request(`${BASE}/ops/products/bulk?${form(fields)}`, { headers: { Cookie: cookie } });
  return reviewRoute({ request, params: {}, context: {} });
}

async function storefront(handle: string): Promise<number> {
  try {
    await storefrontLoader({ request: new Request(`${BASE}/products/${handle}`), params: { handle }, context: {} });
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

/** Waits for every notification committed so far (they arrive in commit order, a marker last). */
async function settle() {
  const marker = `marker:${Math.random().toString(36).slice(2)}`;
  await db.execute(sql`select pg_notify(${PURGE_CHANNEL}, ${marker})`);
  for (let waited = 0; !received.includes(marker); waited += 5) {
    if (waited > 3000) throw new Error("the purge notification never arrived");
    await new Promise((r) => setTimeout(r, 5));
  }
  return marker;
}

const prices = async (productIds: number[]) =>
  (
    await db
      .select({ productId: schema.variants.productId, price: schema.variants.price })
      .from(schema.variants)
      .where(inArray(schema.variants.productId, productIds))
      .orderBy(schema.variants.id)
  ).map((v) => v.price);

const bulkAudit = (productIds: number[]) =>
  db
    .select()
    .from(schema.auditLog)
    .where(
      and(
        inArray(
          schema.auditLog.subject,
          productIds.map((id) => `product:${id}`),
        ),
        sql`${schema.auditLog.action} like 'product.bulk%'`,
      ),
    )
    .orderBy(schema.auditLog.id);

describe("bulk edit of products", () => {
  it("reviews without writing, then changes every matching price in one go: audited by name, purging exactly those products", async () => {
    const a = await createProduct(db, { title: "Bulkprice Ndovu Hoops", variants: [{ price: 4800 }, { price: 5250, title: "Large" }] });
    const b = await createProduct(db, { title: "Bulkprice Sabi Pendant", variants: [{ price: 9000 }] });
    const other = await createProduct(db, { title: "Untouched Kisumu Ring", variants: [{ price: 6000 }] });
    const edit = { q: "bulkprice", scope: "filter", change: "price", priceMode: "percent", percent: "10", rounding: "dollar" };

    const page = await review(edit);
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.preview).toMatchObject({ selected: 2, plan: { changedProducts: 2, changeCount: 3, refusals: [] } });
    expect(page.preview.rows.map((r) => `${r.title} ${r.from} → ${r.to}`).sort()).toEqual([
      "Bulkprice Ndovu Hoops $48.00 → $53.00",
      "Bulkprice Ndovu Hoops $52.50 → $58.00",
      "Bulkprice Sabi Pendant $90.00 → $99.00",
    ]);
    expect(await prices([a.product.id, b.product.id])).toEqual([4800, 5250, 9000]);

    await settle();
    received = [];
    const applied = await post({ ...edit, intent: "apply", count: "2" });
    expect(applied).toMatchObject({ status: 302, location: "/ops/products?q=bulkprice" });
    const marker = await settle();
    const purged = new Set(received.filter((k) => k !== marker));
    expect(purged).toEqual(new Set([`product:${a.product.id}`, `product:${b.product.id}`, "catalog"]));
    expect(purged.has(`product:${other.product.id}`)).toBe(false);

    expect(await prices([a.product.id, b.product.id])).toEqual([5300, 5800, 9900]);
    expect(await prices([other.product.id])).toEqual([6000]);
    const audit = await bulkAudit([a.product.id, b.product.id]);
    expect(audit).toHaveLength(2);
    expect(audit.map((r) => r.actor)).toEqual([expect.stringMatching(/^staff:\d+$/), expect.stringMatching(/^staff:\d+$/)]);
    expect(audit.find((r) => r.subject === `product:${a.product.id}`)?.data).toMatchObject({
      product: "Bulkprice Ndovu Hoops",
      change: "Price +10%, rounded to whole dollars",
      values: [
        { variant: "Default", from: "$48.00", to: "$53.00" },
        { variant: "Large", from: "$52.50", to: "$58.00" },
      ],
    });
  });

  it("is all or nothing: one product that refuses the new price leaves every product as it was", async () => {
    const fine = await createProduct(db, { title: "Allornone Fine Cuff", variants: [{ price: 6000, wholesalePrice: 2000 }] });
    const dear = await createProduct(db, { title: "Allornone Dear Cuff", variants: [{ price: 6000, wholesalePrice: 4500 }] });
    const edit = { q: "allornone", scope: "filter", change: "price", priceMode: "set", price: "40" };
    const page = await review(edit);
    expect(page.ok && page.preview.plan.refusals).toEqual([
      { productId: dear.product.id, title: "Allornone Dear Cuff", message: "Default: $40.00 would be below its wholesale price $45.00" },
    ]);

    const applied = await post({ ...edit, intent: "apply", count: "2" });
    expect(applied.status).toBe(422);
    expect(applied.error).toMatch(/^Nothing was changed: 1 product refuses this edit: Allornone Dear Cuff/);
    expect(await prices([fine.product.id, dear.product.id])).toEqual([6000, 6000]);
    expect(await bulkAudit([fine.product.id, dear.product.id])).toEqual([]);
  });

  it("refuses to apply when the products matching changed since the review", async () => {
    await createProduct(db, { title: "Drifting Bangle One" });
    const edit = { q: "drifting bangle", scope: "filter", change: "lead-time", leadTime: "21" };
    await createProduct(db, { title: "Drifting Bangle Two" });
    const applied = await post({ ...edit, intent: "apply", count: "1" });
    expect(applied.status).toBe(409);
    expect(applied.error).toMatch(/1 products then, 2 now/);
  });

  it("hides ticked products from the storefront, and the undo brings them back as they were", async () => {
    const one = await createProduct(db, { title: "Hideaway Brass Studs", status: "active" });
    const two = await createProduct(db, { title: "Hideaway Horn Studs", status: "active" });
    const publishedAt = (await db.select().from(schema.products).where(eq(schema.products.id, one.product.id)))[0].publishedAt;
    expect(await storefront(one.product.handle)).toBe(200);

    const applied = await post({
      intent: "apply",
      scope: "ticked",
      ids: [String(one.product.id), String(two.product.id)],
      change: "status",
      newStatus: "draft",
    });
    expect(applied.status).toBe(302);
    expect(await storefront(one.product.handle)).toBe(404);
    expect(await storefront(two.product.handle)).toBe(404);

    const [edit] = await db.select().from(schema.productBulkEdits).orderBy(sql`id desc`).limit(1);
    expect(edit).toMatchObject({ kind: "status", productCount: 2, summary: "Hide (back to draft)", undoneAt: null });
    const undone = await post({ intent: "undo", edit: String(edit.id) });
    expect(undone).toMatchObject({ status: 302, location: "/ops/products" });
    expect(await storefront(one.product.handle)).toBe(200);
    const [after] = await db.select().from(schema.products).where(eq(schema.products.id, one.product.id));
    expect(after).toMatchObject({ status: "active", publishedAt });
    const audit = await bulkAudit([one.product.id]);
    expect(audit.map((r) => [r.action, (r.data as { product: string }).product])).toEqual([
      ["product.bulk_status", "Hideaway Brass Studs"],
      ["product.bulk_undo", "Hideaway Brass Studs"],
    ]);
    // Once undone, it can't be undone again.
    const again = await post({ intent: "undo", edit: String(edit.id) });
    expect(again.status).toBe(302);
    expect(await storefront(one.product.handle)).toBe(200);
    expect((await db.select().from(schema.productBulkEdits).where(eq(schema.productBulkEdits.id, edit.id)))[0].undoneBy).toMatch(/^staff:/);
  });

  it("refuses the undo once a product it changed was edited since, and changes nothing", async () => {
    const collection = await createCollection(db, { handle: "bulk-gifts", title: "Bulk Gifts" });
    const kept = await createProduct(db, { title: "Latecomer Leaf Earrings", variants: [{ price: 4000 }] });
    const edited = await createProduct(db, { title: "Latecomer Drop Earrings", variants: [{ price: 4000 }] });
    const ids = [String(kept.product.id), String(edited.product.id)];
    expect(
      (await post({ intent: "apply", scope: "ticked", ids, change: "collection-add", collection: String(collection.id) })).status,
    ).toBe(302);
    expect((await post({ intent: "apply", scope: "ticked", ids, change: "price", priceMode: "set", price: "45" })).status).toBe(302);
    const [last] = await db.select().from(schema.productBulkEdits).orderBy(sql`id desc`).limit(1);

    // Someone fixes one product's price by hand after the bulk edit.
    const v = edited.variants[0];
    const { sku, barcode, wholesalePrice, minQty, casePack, leadTimeDays, pieceRate } = v;
    const input = {
      title: v.title,
      sku,
      barcode,
      options: {},
      price: 4700,
      compareAtPrice: undefined,
      wholesalePrice,
      minQty,
      casePack,
      leadTimeDays,
      pieceRate,
    };
    expect((await saveVariant(edited.product.id, v.id, input, "staff:1")).ok).toBe(true);

    await expect(undoBulkEdit(last.id, "staff:1")).rejects.toThrow(
      "“Latecomer Drop Earrings” was edited after this bulk edit, so it can't be undone. Change the products again instead.",
    );
    const undo = await post({ intent: "undo", edit: String(last.id) });
    expect(undo).toMatchObject({ status: 302, location: "/ops/products" });
    expect(await prices([kept.product.id, edited.product.id])).toEqual([4500, 4700]);
    const [row] = await db.select().from(schema.productBulkEdits).where(eq(schema.productBulkEdits.id, last.id));
    expect(row.undoneAt).toBeNull();

    // The earlier edit is no longer the last: its undo is refused too; both stay in the collection.
    await expect(undoBulkEdit(last.id - 1, "staff:1")).rejects.toThrow("Only the last bulk edit can be undone, and a later one was made.");
    const members = await db.select().from(schema.collectionProducts).where(eq(schema.collectionProducts.collectionId, collection.id));
    expect(members).toHaveLength(2);
  });

  it("changes 400 products with a few statements, well within a request's time", async () => {
    const category = "bracelets";
    await db.execute(sql`
      with p as (
        insert into products (handle, title, category, status, published_at)
        select 'scale-cuff-' || n, 'Scale Cuff ' || n, ${category}, 'active', now() from generate_series(1, 400) n
        returning id
      )
      insert into variants (product_id, sku, barcode, title, price, wholesale_price, piece_rate)
      select id, 'SCALE-' || id, 'scale-' || id, 'Default', 5000, 2500, 60000 from p`);
    const started = performance.now();
    const applied = await post({
      q: "scale cuff",
      scope: "filter",
      change: "price",
      priceMode: "percent",
      percent: "-10",
      rounding: "dollar",
      intent: "apply",
      count: "400",
    });
    const elapsed = performance.now() - started;
    expect(applied.status).toBe(302);
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from variants where sku like 'SCALE-%' and price = 4500`);
    expect(Number(n)).toBe(400);
    const [{ audits }] = await db.execute<{ audits: number }>(
      sql`select count(*)::int as audits from audit_log l join products p on l.subject = 'product:' || p.id where p.handle like 'scale-cuff-%'`,
    );
    expect(Number(audits)).toBe(400);
    expect(elapsed).toBeLessThan(15_000);
  });
});
