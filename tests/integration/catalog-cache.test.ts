/** The short catalog cache: repeat views skip the database, and an edit is visible after a clear. */
process.env.CATALOG_CACHE_SECONDS = "60";

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createCollection, createProduct } from "#db/seed/factories";
import { getCollectionPage } from "~/domain/catalog/collection-page.server";
import { parseCollectionFilters } from "~/domain/catalog/filters";
import { getHomePage } from "~/domain/catalog/home-page.server";
import { clearCatalogCaches } from "~/domain/catalog/invalidate.server";
import { getProductPage } from "~/domain/catalog/product-page.server";
import { db, schema } from "~/lib/db.server";

describe("catalog cache", () => {
  it("serves repeat views from memory until cleared", async () => {
    await createCollection(db, { handle: "rings", kind: "category", title: "Rings" });
    const { variants } = await createProduct(db, { handle: "cached-ring", category: "rings", variants: [{ price: 5000 }] });
    const filters = parseCollectionFilters(new URLSearchParams());

    expect((await getProductPage("cached-ring"))?.variants[0].price.amount).toBe(5000);
    expect((await getCollectionPage("rings", filters))?.products[0].price?.amount).toBe(5000);
    expect((await getHomePage()).newArrivals[0].price?.amount).toBe(5000);

    await db.update(schema.variants).set({ price: 6100 }).where(eq(schema.variants.id, variants[0].id));
    expect((await getProductPage("cached-ring"))?.variants[0].price.amount).toBe(5000);
    expect((await getCollectionPage("rings", filters))?.products[0].price?.amount).toBe(5000);

    clearCatalogCaches();
    expect((await getProductPage("cached-ring"))?.variants[0].price.amount).toBe(6100);
    expect((await getCollectionPage("rings", filters))?.products[0].price?.amount).toBe(6100);
    expect((await getHomePage()).newArrivals[0].price?.amount).toBe(6100);
  });

  it("keys collection pages by their filters", async () => {
    const all = await getCollectionPage("rings", parseCollectionFilters(new URLSearchParams()));
    const none = await getCollectionPage("rings", parseCollectionFilters(new URLSearchParams("material=gold")));
    expect(all?.total).toBe(1);
    expect(none?.total).toBe(0);
  });
});
