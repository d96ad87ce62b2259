/**
 * Purge by NOTIFY within one process: the catalog tables' triggers send exactly the keys a change
 * affects, in the changing transaction, and the cached catalog queries drop what they tag.
 * (Across processes, with the page cache and Surrogate-Key: cache-purge-processes.test.ts.)
 */
process.env.CATALOG_CACHE_SECONDS = "600";

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createCollection, createLocation, createProduct, setStock } from "#db/seed/factories";
import { getProductPage, saveVariant } from "~/domain/catalog/index.server";
import { db, schema, sqlClient } from "~/lib/db.server";
import { PURGE_CHANNEL } from "~/lib/purge-keys";
import { listenForPurges, onPurge } from "~/lib/purge.server";

let received: string[] = [];
let stop: () => Promise<void> = async () => {};

beforeAll(async () => {
  stop = await listenForPurges(sqlClient());
  onPurge((keys) => {
    if (keys !== "all") received.push(...keys);
  });
});
afterAll(() => stop());

/** Waits for every notification committed so far (they arrive in commit order, a marker last). */
async function settle() {
  const marker = `marker:${Math.random().toString(36).slice(2)}`;
  await db.execute(sql`select pg_notify(${PURGE_CHANNEL}, ${marker})`);
  for (let waited = 0; !received.includes(marker); waited += 5) {
    if (waited > 2000) throw new Error("the purge notification never arrived");
    await new Promise((r) => setTimeout(r, 5));
  }
  return marker;
}

/** The keys purged by what `change` commits, and nothing committed before it. */
async function keysPurgedBy(change: () => Promise<unknown>): Promise<string[]> {
  await settle();
  received = [];
  await change();
  const marker = await settle();
  return [...new Set(received.filter((k) => k !== marker))].sort();
}

describe("purge keys sent by the catalog's triggers", () => {
  it("a price edit purges the product and the lists, and the cached page shows the new price at once", async () => {
    const { product, variants } = await createProduct(db, { handle: "purge-ring", status: "active", variants: [{ price: 5000 }] });
    expect((await getProductPage("purge-ring"))?.variants[0].price.amount).toBe(5000);
    const keys = await keysPurgedBy(() => db.update(schema.variants).set({ price: 6100 }).where(eq(schema.variants.id, variants[0].id)));
    expect(keys).toEqual(["catalog", `product:${product.id}`]);
    expect((await getProductPage("purge-ring"))?.variants[0].price.amount).toBe(6100);
  });

  it("an edit through the ops domain function (saveVariant) is seen by the cached page", async () => {
    const { product, variants } = await createProduct(db, { handle: "purge-ops", status: "active", variants: [{ price: 4000 }] });
    const v = variants[0];
    expect((await getProductPage("purge-ops"))?.variants[0].title).toBe(v.title);
    const keys = await keysPurgedBy(() =>
      saveVariant(
        product.id,
        v.id,
        {
          sku: v.sku,
          barcode: v.barcode,
          title: "Renamed finish",
          price: v.price,
          compareAtPrice: null,
          wholesalePrice: v.wholesalePrice,
          minQty: v.minQty,
          casePack: v.casePack,
          leadTimeDays: v.leadTimeDays,
          pieceRate: v.pieceRate,
        } as never,
        "test",
      ),
    );
    expect(keys).toContain(`product:${product.id}`);
    expect((await getProductPage("purge-ops"))?.variants[0].title).toBe("Renamed finish");
  });

  it("care text purges only the product; a draft's edits and a rolled-back change purge nothing", async () => {
    const { product } = await createProduct(db, { status: "active" });
    expect(
      await keysPurgedBy(() => db.update(schema.products).set({ care: "Wipe dry." }).where(eq(schema.products.id, product.id))),
    ).toEqual([`product:${product.id}`]);
    const { product: draft } = await createProduct(db, { status: "draft" });
    expect(
      await keysPurgedBy(() => db.update(schema.products).set({ title: "Still a draft" }).where(eq(schema.products.id, draft.id))),
    ).toEqual([]);
    const rolledBack = keysPurgedBy(() =>
      db
        .transaction(async (tx) => {
          await tx.update(schema.products).set({ title: "Never" }).where(eq(schema.products.id, product.id));
          throw new Error("rollback");
        })
        .catch(() => {}),
    );
    expect(await rolledBack).toEqual([]);
  });

  it("publishing a product purges the lists (and a cached 'no such product')", async () => {
    const { product } = await createProduct(db, { handle: "purge-later", status: "draft" });
    expect(await getProductPage("purge-later")).toBeNull();
    expect(
      await keysPurgedBy(() => db.update(schema.products).set({ status: "active" }).where(eq(schema.products.id, product.id))),
    ).toEqual(["catalog", `product:${product.id}`]);
    expect((await getProductPage("purge-later"))?.id).toBe(product.id);
  });

  it("stock purges only when a variant goes in or out of stock where web orders ship from", async () => {
    const { product, variants } = await createProduct(db, { handle: "purge-stock", status: "active" });
    const fulfilment = await createLocation(db, { kind: "fulfilment", shipDays: 3 });
    const store = await createLocation(db, { kind: "store" });
    const v = variants[0].id;
    expect((await getProductPage("purge-stock"))?.variants[0].availability.inStock).toBe(false);
    expect(await keysPurgedBy(() => setStock(db, v, fulfilment.id, 5))).toEqual([`product:${product.id}`]);
    expect((await getProductPage("purge-stock"))?.variants[0].availability.inStock).toBe(true);
    expect(await keysPurgedBy(() => setStock(db, v, fulfilment.id, 4))).toEqual([]);
    expect(await keysPurgedBy(() => setStock(db, v, store.id, 9))).toEqual([]);
    expect(await keysPurgedBy(() => setStock(db, v, fulfilment.id, 0))).toEqual([`product:${product.id}`]);
  });

  it("a maker purges only with a public profile; what lists show purges the lists", async () => {
    const { artisan } = await createArtisan(db, { publicProfile: true, active: true });
    const { artisan: hidden } = await createArtisan(db, { publicProfile: false });
    const where = eq(schema.artisans.id, artisan.id);
    expect(await keysPurgedBy(() => db.update(schema.artisans).set({ bio: "New story" }).where(where))).toEqual([`maker:${artisan.id}`]);
    expect(await keysPurgedBy(() => db.update(schema.artisans).set({ qualityScore: 9100 }).where(where))).toEqual([]);
    expect(await keysPurgedBy(() => db.update(schema.artisans).set({ county: "Kisumu" }).where(where))).toEqual([
      "catalog",
      `maker:${artisan.id}`,
    ]);
    expect(await keysPurgedBy(() => db.update(schema.artisans).set({ bio: "Hidden" }).where(eq(schema.artisans.id, hidden.id)))).toEqual(
      [],
    );
    expect(
      await keysPurgedBy(() => db.update(schema.artisans).set({ publicProfile: true }).where(eq(schema.artisans.id, hidden.id))),
    ).toEqual(["catalog", `maker:${hidden.id}`]);
  });

  it("collection membership purges the collection", async () => {
    const collection = await createCollection(db, { handle: "purge-picks" });
    const { product } = await createProduct(db, { status: "active" });
    expect(
      await keysPurgedBy(() => db.insert(schema.collectionProducts).values({ collectionId: collection.id, productId: product.id })),
    ).toEqual(["collection:purge-picks"]);
  });
});
