/**
 * The wholesale catalogue as one retailer sees it: their price per variant (domain/wholesale/pricing),
 * MSRP, quantity rules, and availability: in stock now at the web stock locations, or made to order
 * with the earliest ship date the dispatch planner can promise from artisans' actual capacity.
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Retailer } from "#db/schema";
import { loadDispatchArtisans } from "~/domain/production/index.server";
import { earliestShipDate, type DispatchArtisan } from "~/domain/production";
import { WEB_STOCK_LOCATION_CODES } from "~/domain/inventory";
import { isoDate } from "~/domain/orders";
import { includedRateFor, MARKET_LIST } from "~/domain/markets";
import { db, schema, type Executor } from "~/lib/db.server";
import { priceSteps, quoteWholesale, retailPrice, type PriceList } from "./pricing";
import { storedPricesIn } from "./currency.server";
import { smallestOrderable } from "./rules";
import type { CATEGORIES, CatalogSort } from "./forms";
import { escapeLike } from "~/lib/sql";

const { products, variants, productImages, productSkills, priceTiers, retailerPrices, volumeBreaks, inventoryLevels, locations } = schema;

export const CATALOG_PAGE_SIZE = 12;

/**
 * The retailer's price list, in its currency: its tier's share of retail, its negotiated prices, the
 * volume breaks, and (for a currency other than USD) the stored retail and wholesale prices in it,
 * with the VAT/GST that retail market's prices include for the retailer's country.
 */
export async function loadPriceList(
  executor: Executor,
  retailer: Pick<Retailer, "id" | "tier" | "currency" | "country">,
  variantIds?: number[],
): Promise<PriceList> {
  const [tier, overrides, breaks, inCurrency] = await Promise.all([
    executor.select({ percent: priceTiers.percentOfRetail }).from(priceTiers).where(eq(priceTiers.code, retailer.tier)).limit(1),
    executor
      .select({ variantId: retailerPrices.variantId, price: retailerPrices.price })
      .from(retailerPrices)
      .where(
        and(
          eq(retailerPrices.retailerId, retailer.id),
          variantIds ? inArray(retailerPrices.variantId, variantIds.length ? variantIds : [0]) : undefined,
        ),
      ),
    executor
      .select({ variantId: volumeBreaks.variantId, minQty: volumeBreaks.minQty, percentOff: volumeBreaks.percentOff })
      .from(volumeBreaks),
    retailer.currency === "USD" ? undefined : storedPricesIn(executor, retailer.currency, variantIds),
  ]);
  const retailMarket = MARKET_LIST.find((m) => m.currency === retailer.currency);
  return {
    currency: retailer.currency,
    inCurrency,
    tierPercent: tier[0]?.percent ?? null,
    retailTaxBp: retailMarket ? includedRateFor(retailMarket.code, retailer.country) : 0,
    overrides: new Map(overrides.map((o) => [o.variantId, o.price])),
    breaks,
  };
}

/**
 * Earliest ship dates for made-to-order quantities. The artisans' load is read once per request (on
 * first use) and each (skills, quantity) pair is planned once.
 */
export function shipDateEstimator(executor: Executor = db, now = new Date()) {
  let artisans: Promise<DispatchArtisan[]> | undefined;
  const memo = new Map<string, string | null>();
  const today = isoDate(now);
  return async (skillIds: number[], quantity: number): Promise<string | null> => {
    const key = `${[...skillIds].sort((a, b) => a - b).join(".")}:${quantity}`;
    if (memo.has(key)) return memo.get(key)!;
    artisans ??= loadDispatchArtisans(executor);
    const date = skillIds.length ? earliestShipDate({ today, skillIds, quantity, artisans: await artisans }) : null;
    memo.set(key, date);
    return date;
  };
}
export type ShipDateEstimator = ReturnType<typeof shipDateEstimator>;

/** Units on hand and not reserved at the stock locations that fill wholesale orders, by variant. */
export async function webStockByVariant(executor: Executor, variantIds: number[]): Promise<Map<number, number>> {
  if (!variantIds.length) return new Map();
  const rows = await executor
    .select({
      variantId: inventoryLevels.variantId,
      available: sql<number>`sum(${inventoryLevels.onHand} - ${inventoryLevels.reserved})::int`,
    })
    .from(inventoryLevels)
    .innerJoin(locations, eq(locations.id, inventoryLevels.locationId))
    .where(and(inArray(inventoryLevels.variantId, variantIds), inArray(locations.code, WEB_STOCK_LOCATION_CODES)))
    .groupBy(inventoryLevels.variantId);
  return new Map(rows.map((r) => [r.variantId, Math.max(0, r.available)]));
}

export async function skillsByProduct(executor: Executor, productIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (!productIds.length) return map;
  const rows = await executor.select().from(productSkills).where(inArray(productSkills.productId, productIds));
  for (const r of rows) map.set(r.productId, [...(map.get(r.productId) ?? []), r.skillId]);
  return map;
}

export type Availability = { kind: "in_stock"; available: number } | { kind: "made_to_order"; available: number; shipDate: string | null };

export type CatalogVariant = {
  id: number;
  sku: string;
  title: string;
  currency: string;
  msrp: number;
  price: number;
  priceSource: "override" | "tier" | "default";
  steps: Array<{ minQty: number; unit: number; percentOff: number }>;
  minQty: number;
  casePack: number;
  orderFrom: number;
  leadTimeDays: number;
  availability: Availability;
};

export type CatalogProduct = {
  id: number;
  handle: string;
  title: string;
  category: string;
  materials: string[];
  image: { url: string; alt: string; width: number; height: number } | null;
  variants: CatalogVariant[];
};

export type CatalogQuery = { page: number; q?: string; category?: (typeof CATEGORIES)[number]; sort?: CatalogSort };

/** The catalog's order in SQL (price is sorted on this retailer's own prices: pricePage). */
function catalogOrder(sort: CatalogSort | undefined) {
  switch (sort) {
    case "name":
      return [asc(products.title), asc(products.id)];
    case "newest":
      return [desc(products.createdAt), desc(products.id)];
    default:
      return [asc(products.category), asc(products.title), asc(products.id)];
  }
}

/**
 * One page of product ids ordered by this retailer's own price (a product's lowest variant, at one
 * unit, after its tier and any override it has), cheapest or dearest first: the price the card shows.
 */
async function pricePage(
  retailer: Pick<Retailer, "id" | "tier" | "currency" | "country">,
  where: SQL | undefined,
  sort: "price" | "price-desc",
  page: number,
) {
  const matching = await db.select({ id: products.id, title: products.title }).from(products).where(where);
  if (!matching.length) return [];
  const rows = await db
    .select()
    .from(variants)
    .where(
      inArray(
        variants.productId,
        matching.map((p) => p.id),
      ),
    );
  const list = await loadPriceList(
    db,
    retailer,
    rows.map((v) => v.id),
  );
  const lowest = new Map<number, number>();
  for (const v of rows) {
    const base = quoteWholesale(v, list, 1).base;
    lowest.set(v.productId, Math.min(lowest.get(v.productId) ?? Number.POSITIVE_INFINITY, base));
  }
  const sign = sort === "price" ? 1 : -1;
  return matching
    .filter((p) => lowest.has(p.id))
    .sort((a, b) => sign * (lowest.get(a.id)! - lowest.get(b.id)!) || a.title.localeCompare(b.title) || a.id - b.id)
    .slice((page - 1) * CATALOG_PAGE_SIZE, page * CATALOG_PAGE_SIZE)
    .map((p) => p.id);
}

/** One page of active products, priced for this retailer. */
export async function wholesaleCatalog(
  retailer: Pick<Retailer, "id" | "tier" | "currency" | "country">,
  query: CatalogQuery,
  now = new Date(),
) {
  const conditions: SQL[] = [eq(products.status, "active")];
  if (query.category) conditions.push(eq(products.category, query.category));
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    conditions.push(
      or(
        ilike(products.title, like),
        sql`exists (select 1 from variants sv where sv.product_id = ${products.id} and sv.sku ilike ${like})`,
      )!,
    );
  }
  const where = and(...conditions);
  const [{ total }] = await db.select({ total: count() }).from(products).where(where);
  const pageCount = Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE));
  const { page } = query;
  const columns = {
    id: products.id,
    handle: products.handle,
    title: products.title,
    category: products.category,
    materials: products.materials,
  };
  let productRows: Array<{ id: number; handle: string; title: string; category: string; materials: string[] }>;
  if (query.sort === "price" || query.sort === "price-desc") {
    const ids = await pricePage(retailer, where, query.sort, page);
    const rows = ids.length ? await db.select(columns).from(products).where(inArray(products.id, ids)) : [];
    productRows = ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
  } else {
    productRows = await db
      .select(columns)
      .from(products)
      .where(where)
      .orderBy(...catalogOrder(query.sort))
      .limit(CATALOG_PAGE_SIZE)
      .offset((page - 1) * CATALOG_PAGE_SIZE);
  }
  const productIds = productRows.map((p) => p.id);
  if (!productIds.length) return { products: [] as CatalogProduct[], total, page, pageCount };

  const [variantRows, images, skills] = await Promise.all([
    db
      .select()
      .from(variants)
      .where(inArray(variants.productId, productIds))
      .orderBy(asc(variants.productId), asc(variants.position), asc(variants.id)),
    db
      .selectDistinctOn([productImages.productId], {
        productId: productImages.productId,
        url: productImages.url,
        alt: productImages.alt,
        width: productImages.width,
        height: productImages.height,
      })
      .from(productImages)
      .where(inArray(productImages.productId, productIds))
      .orderBy(productImages.productId, asc(productImages.position), asc(productImages.id)),
    skillsByProduct(db, productIds),
  ]);
  const variantIds = variantRows.map((v) => v.id);
  const [list, stock] = await Promise.all([loadPriceList(db, retailer, variantIds), webStockByVariant(db, variantIds)]);
  const estimate = shipDateEstimator(db, now);
  const imageBy = new Map(images.map((i) => [i.productId, i]));

  const result: CatalogProduct[] = [];
  for (const p of productRows) {
    const own = variantRows.filter((v) => v.productId === p.id);
    const priced: CatalogVariant[] = [];
    for (const v of own) {
      const orderFrom = smallestOrderable(v);
      const available = stock.get(v.id) ?? 0;
      const availability: Availability =
        available >= orderFrom
          ? { kind: "in_stock", available }
          : { kind: "made_to_order", available, shipDate: await estimate(skills.get(p.id) ?? [], orderFrom - available) };
      const quote = quoteWholesale(v, list, 1);
      priced.push({
        id: v.id,
        sku: v.sku,
        title: v.title,
        currency: list.currency,
        msrp: retailPrice(v, list),
        price: quote.base,
        priceSource: quote.source,
        steps: priceSteps(v, list),
        minQty: v.minQty,
        casePack: v.casePack,
        orderFrom,
        leadTimeDays: v.leadTimeDays,
        availability,
      });
    }
    const image = imageBy.get(p.id);
    result.push({
      ...p,
      image: image ? { url: image.url, alt: image.alt, width: image.width, height: image.height } : null,
      variants: priced,
    });
  }
  return { products: result, total, page, pageCount };
}

/** Active variants by upper-case SKU with their quantity rules, for quick order and CSV checks. */
export async function orderableVariantsBySku(skus: string[]) {
  const wanted = [...new Set(skus.map((s) => s.trim().toUpperCase()).filter((s) => s && s.length <= 64))];
  if (!wanted.length) return new Map<string, { id: number; sku: string; minQty: number; casePack: number }>();
  const rows = await db
    .select({ id: variants.id, sku: variants.sku, minQty: variants.minQty, casePack: variants.casePack })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(products.status, "active"), inArray(sql`upper(${variants.sku})`, wanted)));
  return new Map(rows.map((r) => [r.sku.toUpperCase(), r]));
}

/** One active variant with its quantity rules, or null (unknown or no longer sold). */
export async function orderableVariant(id: number) {
  const [row] = await db
    .select({ id: variants.id, productId: variants.productId, sku: variants.sku, minQty: variants.minQty, casePack: variants.casePack })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(variants.id, id), eq(products.status, "active")))
    .limit(1);
  return row ?? null;
}
