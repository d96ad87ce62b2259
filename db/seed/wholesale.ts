/**
 * Demo wholesale data: the price tiers, a few negotiated prices and volume breaks, the demo buyer's
 * ship-to locations and the order minimums. Deterministic: the same rows on every run.
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../client";
import * as schema from "../schema";
import { DEMO_LOGINS } from "./demo";

export const PRICE_TIERS = [
  { code: "standard", name: "Standard", percentOfRetail: 5000 },
  { code: "preferred", name: "Preferred", percentOfRetail: 4500 },
  { code: "key", name: "Key account", percentOfRetail: 4000 },
];

/** Catalogue-wide breaks by line quantity (basis points off the wholesale price). */
export const VOLUME_BREAKS = [
  { minQty: 48, percentOff: 500 },
  { minQty: 144, percentOff: 1000 },
];

export const WHOLESALE_SETTINGS = [
  { key: "wholesale.openingMinimum", value: 50_000 },
  { key: "wholesale.reorderMinimum", value: 25_000 },
];

export async function seedWholesale(db: Executor): Promise<void> {
  await db.insert(schema.priceTiers).values(PRICE_TIERS).onConflictDoNothing();
  await db
    .insert(schema.settings)
    .values(WHOLESALE_SETTINGS.map((s) => ({ ...s, updatedBy: "seed" })))
    .onConflictDoNothing();
  await db.insert(schema.volumeBreaks).values(VOLUME_BREAKS.map((b) => ({ ...b, variantId: null })));

  const [buyer] = await db
    .select({ retailerId: schema.buyerUsers.retailerId })
    .from(schema.buyerUsers)
    .where(eq(schema.buyerUsers.email, DEMO_LOGINS.buyer.email))
    .limit(1);
  if (!buyer) return;
  await db.insert(schema.retailerLocations).values([
    {
      retailerId: buyer.retailerId,
      name: "Oakland store",
      line1: "4018 Piedmont Ave",
      city: "Oakland",
      region: "CA",
      postalCode: "94611",
      country: "US",
      isDefault: true,
    },
    {
      retailerId: buyer.retailerId,
      name: "Berkeley warehouse",
      line1: "930 Ashby Ave",
      line2: "Unit 4",
      city: "Berkeley",
      region: "CA",
      postalCode: "94710",
      country: "US",
      isDefault: false,
    },
  ]);

  // A few negotiated prices: the first variant of the first three active products, 40% of retail.
  const firsts = await db
    .selectDistinctOn([schema.variants.productId], {
      id: schema.variants.id,
      price: schema.variants.price,
      productId: schema.variants.productId,
    })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(inArray(schema.products.status, ["active"]))
    .orderBy(schema.variants.productId, asc(schema.variants.position), asc(schema.variants.id))
    .limit(3);
  if (firsts.length) {
    await db
      .insert(schema.retailerPrices)
      .values(firsts.map((v) => ({ retailerId: buyer.retailerId, variantId: v.id, price: Math.max(1, Math.round(v.price * 0.4)) })));
    // And one variant-specific break on the first of them: 10% off from 24.
    await db.insert(schema.volumeBreaks).values({ variantId: firsts[0].id, minQty: 24, percentOff: 1000 });
  }
}
