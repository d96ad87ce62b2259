import { sql, type SQL } from "drizzle-orm";
import { env } from "~/lib/env.server";
import { pricesKey } from "~/lib/purge-keys";
import { db } from "~/lib/db.server";
import type { PurgeKeyCollector } from "~/lib/purge.server";
import { createTaggedCache, type Tagged } from "./cache";
import { MISSING_PAGE_KEYS, collectionPageKeys } from "./purge-keys";
import {
  COLLECTION_MEMBER,
  COLLECTION_MEMBER_JOIN,
  cardFromRow,
  cheapestMarketPriceLateral,
  cheapestVariantLateral,
  firstImageLateral,
  type CardRow,
} from "./card-sql.server";
import { PAGE_SIZE, filtersToSearchParams, pageCountFor, priceRange, type CollectionFilters, type Sort } from "./filters";
import type { ProductCardData } from "./types";

export type CollectionPage = {
  collection: { id: number; handle: string; title: string; description: string; kind: string };
  /** Every material among the collection's active products, for the filter checkboxes. */
  materials: string[];
  products: ProductCardData[];
  total: number;
  page: number;
  pageCount: number;
};

const cache = createTaggedCache<CollectionPage | null>({ ttlMs: () => env().CATALOG_CACHE_SECONDS * 1000 });

/** Whose prices a page filters and sorts by: the US list (the variants' own) or a market's stored list, in its currency. */
export type PriceListRef = { market: string; currency: string };
const US_LIST: PriceListRef = { market: "us", currency: "USD" };

/**
 * A page of a collection with filters and sort applied. Two statements run side by side: the
 * collection with its material facet, and the page of cards with the filtered total. Null for an
 * unknown handle. A page past the end is answered with the last page. In a market other than the
 * US, the price filter and sort read the market's stored prices (and the page carries its
 * `prices:<market>` key).
 */
export function getCollectionPage(
  handle: string,
  filters: CollectionFilters,
  into?: PurgeKeyCollector,
  list: PriceListRef = US_LIST,
): Promise<CollectionPage | null> {
  return cache.get(`${list.market}:${handle}?${filtersToSearchParams(filters)}`, () => loadCollectionPage(handle, filters, list), into);
}

export function clearCollectionPageCache() {
  cache.clear();
}

async function loadCollectionPage(handle: string, filters: CollectionFilters, list: PriceListRef): Promise<Tagged<CollectionPage | null>> {
  const [collectionRows, firstTry] = await Promise.all([collectionWithFacets(handle), pageOfCards(handle, filters, list, filters.page)]);
  const collection = collectionRows[0];
  if (!collection) return { value: null, keys: [...MISSING_PAGE_KEYS] };

  let rows = firstTry;
  let page = filters.page;
  if (rows.length === 0 && page > 1) {
    // Past the end: find the total, then show the last page (rare; bookmarks and bots).
    const probe = await pageOfCards(handle, filters, list, 1, 1);
    const last = pageCountFor(probe[0]?.total ?? 0);
    page = last;
    rows = last > 1 ? await pageOfCards(handle, filters, list, last) : await pageOfCards(handle, filters, list, 1);
  }
  const total = rows[0]?.total ?? 0;
  const keys = collectionPageKeys(
    collection.handle,
    rows.map((r) => r.id),
  );
  if (list.market !== US_LIST.market) keys.push(pricesKey(list.market));
  return { keys, value: toCollectionPage(collection, rows, total, page) };
}

function toCollectionPage(collection: CollectionRow, rows: PageRow[], total: number, page: number): CollectionPage {
  return {
    collection: {
      id: collection.id,
      handle: collection.handle,
      title: collection.title,
      description: collection.description,
      kind: collection.kind,
    },
    materials: collection.materials ?? [],
    products: rows.map(cardFromRow),
    total,
    page: total === 0 ? 1 : page,
    pageCount: pageCountFor(total),
  };
}

type CollectionRow = { id: number; handle: string; title: string; description: string; kind: string; materials: string[] | null };

function collectionWithFacets(handle: string) {
  return db.execute<CollectionRow>(sql`
    select c.id, c.handle, c.title, c.description, c.kind,
      array(
        select distinct m
        from products p ${COLLECTION_MEMBER_JOIN}, unnest(p.materials) m
        where p.status = 'active' and ${COLLECTION_MEMBER}
        order by m
      ) as materials
    from collections c
    where c.handle = ${handle}
  `);
}

/** Bare output-column names, so the same ORDER BY works inside the page query and around it. */
const ORDER_BY: Record<Sort, SQL> = {
  featured: sql.raw("cp_position asc nulls last, featured desc, published_at desc nulls last, id desc"),
  newest: sql.raw("published_at desc nulls last, id desc"),
  "price-asc": sql.raw("price asc nulls last, id desc"),
  "price-desc": sql.raw("price desc nulls last, id desc"),
};

type PageRow = CardRow & { total: number };

function pageOfCards(handle: string, filters: CollectionFilters, list: PriceListRef, page: number, limit = PAGE_SIZE) {
  const { min, max } = priceRange(filters, list.currency);
  const conditions: SQL[] = [sql`c.handle = ${handle}`, sql`p.status = 'active'`, COLLECTION_MEMBER];
  // Any of the chosen materials (checkboxes within one facet widen the choice).
  if (filters.materials.length) conditions.push(sql`p.materials && ${sql.param(filters.materials)}::text[]`);
  if (min !== null) conditions.push(sql`cv.price >= ${min}`);
  if (max !== null) conditions.push(sql`cv.price <= ${max}`);
  const orderBy = ORDER_BY[filters.sort];
  // The inner query filters, counts and cuts the page; only the page's rows then look up an image.
  return db.execute<PageRow>(sql`
    select pg.*, ci.url, ci.alt, ci.width, ci.height
    from (
      select p.id, p.handle, p.title, p.category, p.featured, p.published_at, cp.position as cp_position,
        cv.price, cv.compare_at_price, cv.currency, count(*) over ()::int as total
      from collections c
      join products p on true
      ${COLLECTION_MEMBER_JOIN}
      ${list.market === US_LIST.market ? cheapestVariantLateral("p") : cheapestMarketPriceLateral("p", list.market)}
      where ${sql.join(conditions, sql` and `)}
      order by ${orderBy}
      limit ${limit} offset ${(page - 1) * limit}
    ) pg
    ${firstImageLateral("pg")}
    order by ${orderBy}
  `);
}
