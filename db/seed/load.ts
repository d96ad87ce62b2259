/**
 * Writes the generated demo data with bulk inserts in chunks: the whole demo (1,300 artisans, 400
 * retailers, the catalog and its stock) goes in in a couple of seconds. Run it inside a transaction
 * (seedIfEmpty does) so a failure leaves nothing half-written.
 */
import { hashSecret } from "../../app/domain/accounts/password.server";
import type { Executor } from "../client";
import * as schema from "../schema";
import { seedDemoOffers } from "./offers";
import { generateDemoData, type DemoData, type DemoOptions } from "./demo";

export type SeedProgress = (event: { stage: string; done: number; total: number }) => void;

export type SeedSummary = {
  products: number;
  variants: number;
  images: number;
  collections: number;
  artisans: number;
  retailers: number;
  locations: number;
  stockLevels: number;
  ms: number;
};

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const CHUNK = 500;

async function inChunks<T, R>(rows: T[], insert: (chunk: T[]) => Promise<R[]>, onChunk: (n: number) => void, size = CHUNK): Promise<R[]> {
  const result: R[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    result.push(...(await insert(chunk)));
    onChunk(chunk.length);
  }
  return result;
}

function must<V>(map: Map<string, V>, key: string, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`seed: unknown ${what} "${key}"`);
  return value;
}

/** Inserts the demo data into an empty database (it does not check: see seedIfEmpty). */
export async function seedDemo(
  db: Executor,
  options: DemoOptions & { onProgress?: SeedProgress; data?: DemoData; now?: Date } = {},
): Promise<SeedSummary> {
  const started = performance.now();
  const data = options.data ?? generateDemoData(options);
  const variantCount = data.products.reduce((n, p) => n + p.variants.length, 0);
  const imageCount = data.products.reduce((n, p) => n + p.images.length, 0);
  const artisanSkillCount = data.artisans.reduce((n, a) => n + a.skills.length, 0);
  const total =
    data.products.length +
    variantCount +
    imageCount +
    data.artisans.length +
    artisanSkillCount +
    data.retailers.length * 2 +
    data.stock.length +
    1;
  let done = 0;
  let stage = "accounts";
  const report = (n: number) => {
    done += n;
    options.onProgress?.({ stage, done, total });
  };
  options.onProgress?.({ stage, done, total });

  // Secrets first (scrypt runs on libuv's thread pool, in parallel).
  const demoArtisans = data.artisans.filter((a) => a.pin !== undefined);
  const [staffHashes, buyerHashes, pinHashes] = await Promise.all([
    Promise.all(data.staff.map((s) => hashSecret(s.password))),
    Promise.all(data.retailers.map((r) => (r.buyer.password ? hashSecret(r.buyer.password) : null))),
    Promise.all(demoArtisans.map((a) => hashSecret(a.pin!))),
  ]);
  await db
    .insert(schema.staffUsers)
    .values(data.staff.map((s, i) => ({ email: s.email, name: s.name, roles: s.roles, passwordHash: staffHashes[i] })));
  await db.insert(schema.discountCodes).values(data.discountCodes);
  report(1);

  stage = "catalog";
  const skillRows = await db.insert(schema.skills).values(data.skills).returning({ id: schema.skills.id, slug: schema.skills.slug });
  const skillIds = new Map(skillRows.map((s) => [s.slug, s.id]));

  const productRows = await inChunks(
    data.products.map((p) => p.product),
    (chunk) => db.insert(schema.products).values(chunk).returning({ id: schema.products.id, handle: schema.products.handle }),
    report,
  );
  const productIds = new Map(productRows.map((p) => [p.handle, p.id]));

  const variantRows = await inChunks(
    data.products.flatMap((p) => p.variants.map((v) => ({ ...v, productId: must(productIds, p.product.handle, "product") }))),
    (chunk) => db.insert(schema.variants).values(chunk).returning({ id: schema.variants.id, sku: schema.variants.sku }),
    report,
  );
  const variantIds = new Map(variantRows.map((v) => [v.sku, v.id]));

  await inChunks(
    data.products.flatMap((p) => p.images.map((image) => ({ ...image, productId: must(productIds, p.product.handle, "product") }))),
    (chunk) => db.insert(schema.productImages).values(chunk).returning({ id: schema.productImages.id }),
    report,
  );
  await inChunks(
    data.products.flatMap((p) =>
      p.skills.map((slug) => ({ productId: must(productIds, p.product.handle, "product"), skillId: must(skillIds, slug, "skill") })),
    ),
    (chunk) => db.insert(schema.productSkills).values(chunk).returning({ productId: schema.productSkills.productId }),
    () => {},
    2000,
  );
  const collectionRows = await db
    .insert(schema.collections)
    .values(data.collections.map(({ productHandles: _handles, ...c }) => c))
    .returning({ id: schema.collections.id, handle: schema.collections.handle });
  const collectionIds = new Map(collectionRows.map((c) => [c.handle, c.id]));
  await inChunks(
    data.collections.flatMap((c) =>
      c.productHandles.map((handle, position) => ({
        collectionId: must(collectionIds, c.handle, "collection"),
        productId: must(productIds, handle, "product"),
        position,
      })),
    ),
    (chunk) => db.insert(schema.collectionProducts).values(chunk).returning({ productId: schema.collectionProducts.productId }),
    () => {},
    2000,
  );

  stage = "artisans";
  const artisanRows = await inChunks(
    data.artisans.map((a) => (a.pin !== undefined ? { ...a.artisan, pinHash: pinHashes[demoArtisans.indexOf(a)] } : a.artisan)),
    (chunk) => db.insert(schema.artisans).values(chunk).returning({ id: schema.artisans.id, handle: schema.artisans.handle }),
    report,
  );
  const artisanIds = new Map(artisanRows.map((a) => [a.handle, a.id]));
  await inChunks(
    data.artisans.flatMap((a) =>
      a.skills.map((s) => ({
        artisanId: must(artisanIds, a.artisan.handle, "artisan"),
        skillId: must(skillIds, s.slug, "skill"),
        weeklyCapacity: s.weeklyCapacity,
      })),
    ),
    (chunk) => db.insert(schema.artisanSkills).values(chunk).returning({ artisanId: schema.artisanSkills.artisanId }),
    report,
    2000,
  );

  stage = "retailers";
  const retailerRows = await inChunks(
    data.retailers.map((r) => r.retailer),
    (chunk) => db.insert(schema.retailers).values(chunk).returning({ id: schema.retailers.id, handle: schema.retailers.handle }),
    report,
  );
  const retailerIds = new Map(retailerRows.map((r) => [r.handle, r.id]));
  await inChunks(
    data.retailers.map((r, i) => ({
      retailerId: must(retailerIds, r.retailer.handle, "retailer"),
      email: r.buyer.email,
      name: r.buyer.name,
      passwordHash: buyerHashes[i],
    })),
    (chunk) => db.insert(schema.buyerUsers).values(chunk).returning({ id: schema.buyerUsers.id }),
    report,
  );

  stage = "stock";
  const locationRows = await db
    .insert(schema.locations)
    .values(data.locations)
    .returning({ id: schema.locations.id, code: schema.locations.code });
  const locationIds = new Map(locationRows.map((l) => [l.code, l.id]));
  const levels = data.stock.map((s) => ({
    variantId: must(variantIds, s.sku, "variant"),
    locationId: must(locationIds, s.location, "location"),
    onHand: s.onHand,
  }));
  await inChunks(
    levels,
    (chunk) => db.insert(schema.inventoryLevels).values(chunk).returning({ variantId: schema.inventoryLevels.variantId }),
    report,
    2000,
  );
  // Every level has its opening count as a movement, so the ledger of stock adds up from day one.
  await inChunks(
    levels.filter((l) => l.onHand > 0),
    (chunk) =>
      db
        .insert(schema.inventoryMovements)
        .values(
          chunk.map(({ variantId, locationId, onHand }) => ({
            variantId,
            locationId,
            onHandDelta: onHand,
            reason: "stock-count",
            reference: "demo-seed",
            actor: "seed",
          })),
        )
        .returning({ id: schema.inventoryMovements.id }),
    () => {},
    2000,
  );

  // "Now" for everything relative to the day of seeding (offers' expiry, the history's months and
  // last payout run); tests pass fixed dates so the demo is the same whatever the calendar says.
  const now = options.now ?? new Date();
  await seedDemoOffers(db, now);
  await (await import("./pos")).seedPos(db); // the flagship's register
  await (await import("./pos")).seedPosCustomers(db); // regulars the register's customer search finds
  await (await import("./wholesale")).seedWholesale(db); // price tiers, volume breaks, minimums, the demo buyer's ship-to locations
  await (await import("./wholesale")).seedWholesaleHistory(db, { now }); // the demo buyer's three past orders on net 30: paid, overdue, on its way
  await (await import("./giftcards")).seedGiftCards(db, { now }); // an emailed card part spent, a store credit, printed cards for the register
  await (await import("./markets")).seedMarkets(db, { now }); // price lists for the UK, EU, Canada and Australia (one UK price set by hand)
  await (await import("./wholesale-uk")).seedUkWholesale(db, { now }); // a UK department store buying in pounds: its buyer, two past orders, one invoice open
  await (await import("./edi")).seedEdi(db); // a department store as an EDI trading partner (its sample 850s are dropped by app/start.ts)
  await (await import("./edi")).seedEdiDropShip(db); // a TV retailer that has viewers' orders drop-shipped (its sample 850 too)
  await (await import("./history")).seedHistory(db, { now }); // 12 months of QC credits, payouts and late requests (dashboards, impact)
  await (await import("./reviews")).seedDemoReviews(db, now); // buyers' reviews on delivered orders: published, and a few in the ops queue
  await (await import("./returns")).seedReturns(db, { now }); // three delivered web orders with a return at each step (the returns queue)
  await (await import("./packing")).seedPacking(db, { now }); // paid web orders QC-passed at the hub, Standard and Express, with the artisans' work photos
  await (await import("./sales")).seedUkShopper(db, { now }); // a UK shopper's delivered orders in pounds, one partly refunded by a return
  await (await import("./sales")).seedSales(db); // every paid retail order's sale in the ledger, in USD with the shopper's currency beside

  stage = "done";
  options.onProgress?.({ stage, done: total, total });
  return {
    products: productRows.length,
    variants: variantRows.length,
    images: imageCount,
    collections: collectionRows.length,
    artisans: artisanRows.length,
    retailers: retailerRows.length,
    locations: locationRows.length,
    stockLevels: levels.length,
    ms: Math.round(performance.now() - started),
  };
}
