/**
 * EDI demo: a department store, Hollis & Vane, set up as a trading partner in test mode — its Reno
 * DC as ship-to 0588, its item numbers (IN) for the first active variants, our EANs (EN) too. The
 * sample interchanges are dropped in its inbox folder when `npm start` seeds (app/start.ts), so the
 * worker turns them into an order within a minute.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../client";
import * as schema from "../schema";

export const DEMO_PARTNER = { name: "Hollis & Vane", handle: "hollis-vane", theirId: "HOLLISVANE", folder: "hollisvane", dcCode: "0588" };

export async function seedEdi(db: Executor): Promise<void> {
  const [retailer] = await db
    .insert(schema.retailers)
    .values({
      handle: DEMO_PARTNER.handle,
      name: DEMO_PARTNER.name,
      kind: "department store",
      city: "Reno",
      country: "US",
      status: "approved",
      tier: "standard",
      paymentTerms: "net60",
      creditLimit: 50_000_000,
      contactName: "EDI desk",
      contactEmail: "edi@hollisvane.test",
      decidedAt: new Date("2026-01-05T16:00:00Z"),
      decidedBy: "seed",
    })
    .returning();
  const [buyer] = await db
    .insert(schema.buyerUsers)
    .values({ retailerId: retailer.id, email: "edi@hollisvane.test", name: "Hollis & Vane EDI desk" })
    .returning();
  const [dc] = await db
    .insert(schema.retailerLocations)
    .values({
      retailerId: retailer.id,
      name: "Reno DC",
      line1: "1 Distribution Way",
      city: "Reno",
      region: "NV",
      postalCode: "89502",
      country: "US",
      isDefault: true,
    })
    .returning();
  const [partner] = await db
    .insert(schema.ediPartners)
    .values({
      retailerId: retailer.id,
      buyerId: buyer.id,
      name: DEMO_PARTNER.name,
      theirId: DEMO_PARTNER.theirId,
      theirGsId: DEMO_PARTNER.theirId,
      ourId: "SOKOEDI",
      ourGsId: "SOKOEDI",
      folder: DEMO_PARTNER.folder,
      // Hollis & Vane's buyers read an 846 every morning at 06:00 in New York.
      documentsOut: ["997", "855", "856", "810", "846"],
      packingSlipText: "Thank you for shopping Hollis & Vane. Returns within 30 days at any store.",
    })
    .returning();
  await db.insert(schema.ediShipTos).values({ partnerId: partner.id, code: DEMO_PARTNER.dcCode, retailerLocationId: dc.id });
  const items = await db
    .select({ id: schema.variants.id, barcode: schema.variants.barcode })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(and(eq(schema.products.status, "active")))
    .orderBy(asc(schema.variants.id))
    .limit(12);
  await db
    .insert(schema.ediItemRefs)
    .values(
      items.flatMap((v, i) => [
        { partnerId: partner.id, qualifier: "IN", value: `HV${String(70001 + i)}`, variantId: v.id },
        ...(v.barcode ? [{ partnerId: partner.id, qualifier: "EN", value: v.barcode, variantId: v.id }] : []),
      ]),
    );
}
