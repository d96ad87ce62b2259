/**
 * EDI demo: a department store, Hollis & Vane, set up as a trading partner in test mode — its Reno
 * DC as ship-to 0588, its item numbers (IN) for the first active variants, our EANs (EN) too. The
 * sample interchanges are dropped in its inbox folder when `npm start` seeds (app/start.ts), so the
 * worker turns them into an order within a minute.
 */
import { and, asc, eq, sql } from "drizzle-orm";
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
      // Its vendor agreement: 2% off every order, and it pays $35 freight per order (both on the 810 as SACs).
      allowanceBps: 200,
      freightCharge: 3_500,
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

/** A TV retailer that sells on air and has the brand ship each sale straight to its viewer (drop-ship). */
export const DEMO_DROP_SHIP_PARTNER = {
  name: "Brightline TV Shopping",
  handle: "brightline-tv",
  theirId: "BRIGHTLINETV",
  folder: "brightline",
  slipText:
    "Thank you for shopping with Brightline TV! Questions about your order? Call 1-800-555-0142. Returns within 30 days at brightline.test/returns.",
};

/**
 * Brightline TV Shopping: net 30, its returns centre as its one location, its own item numbers (IN
 * BTV…) for pieces the hub has in stock, and the packing slip text its viewers see. Its sample
 * drop-ship 850 is dropped in its inbox by app/start.ts, like Hollis & Vane's.
 */
/** Pieces of each of Brightline's items put on the hub's shelf. */
const BRIGHTLINE_SHELF = 30;

export async function seedEdiDropShip(db: Executor): Promise<void> {
  const p = DEMO_DROP_SHIP_PARTNER;
  const [retailer] = await db
    .insert(schema.retailers)
    .values({
      handle: p.handle,
      name: p.name,
      kind: "tv retailer",
      city: "West Chester",
      country: "US",
      status: "approved",
      tier: "standard",
      paymentTerms: "net30",
      creditLimit: 25_000_000,
      contactName: "Drop-ship desk",
      contactEmail: "dropship@brightline.test",
      decidedAt: new Date("2026-02-02T16:00:00Z"),
      decidedBy: "seed",
    })
    .returning();
  const [buyer] = await db
    .insert(schema.buyerUsers)
    .values({ retailerId: retailer.id, email: "dropship@brightline.test", name: "Brightline drop-ship desk" })
    .returning();
  await db.insert(schema.retailerLocations).values({
    retailerId: retailer.id,
    name: "Returns centre",
    line1: "200 Commerce Parkway",
    city: "West Chester",
    region: "PA",
    postalCode: "19380",
    country: "US",
    isDefault: true,
  });
  const [partner] = await db
    .insert(schema.ediPartners)
    .values({
      retailerId: retailer.id,
      buyerId: buyer.id,
      name: p.name,
      theirId: p.theirId,
      theirGsId: p.theirId,
      ourId: "SOKOEDI",
      ourGsId: "SOKOEDI",
      folder: p.folder,
      packingSlipText: p.slipText,
    })
    .returning();
  // Its line: pieces the US warehouse does not hold, with a shelf of them at the Nairobi hub (an
  // opening count, like every level's), so a viewer's order ships from the hub without waiting.
  const [hub] = await db.select({ id: schema.locations.id }).from(schema.locations).where(eq(schema.locations.code, "NBO-HUB"));
  const stocked = await db
    .select({ id: schema.variants.id, barcode: schema.variants.barcode })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(
      and(
        eq(schema.products.status, "active"),
        sql`not exists (select 1 from inventory_levels l join locations w on w.id = l.location_id
          where l.variant_id = ${schema.variants.id} and w.code = 'US-FC' and l.on_hand > 0)`,
      ),
    )
    .orderBy(asc(schema.variants.id))
    .limit(hub ? 4 : 0);
  for (const v of stocked) {
    await db
      .insert(schema.inventoryLevels)
      .values({ variantId: v.id, locationId: hub.id, onHand: BRIGHTLINE_SHELF })
      .onConflictDoUpdate({
        target: [schema.inventoryLevels.variantId, schema.inventoryLevels.locationId],
        set: { onHand: sql`${schema.inventoryLevels.onHand} + ${BRIGHTLINE_SHELF}` },
      });
    await db.insert(schema.inventoryMovements).values({
      variantId: v.id,
      locationId: hub.id,
      onHandDelta: BRIGHTLINE_SHELF,
      reason: "stock-count",
      reference: "demo-seed",
      actor: "seed",
    });
  }
  if (stocked.length)
    await db
      .insert(schema.ediItemRefs)
      .values(
        stocked.flatMap((v, i) => [
          { partnerId: partner.id, qualifier: "IN", value: `BTV${String(510001 + i)}`, variantId: v.id },
          ...(v.barcode ? [{ partnerId: partner.id, qualifier: "EN", value: v.barcode, variantId: v.id }] : []),
        ]),
      )
      .onConflictDoNothing();
}
