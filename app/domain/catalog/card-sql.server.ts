import { sql, type SQL } from "drizzle-orm";
import type { ProductCardData } from "./types";

/**
 * SQL shared by every product grid. `alias` is a products alias chosen by our own code, never input.
 * The cheapest variant gives the "from" price (and its compare-at when that is a real markdown); the
 * first image by position is the tile. Both are index lookups (variants_product_idx,
 * product_images_product_idx).
 */
export function cheapestVariantLateral(alias: string, as = "cv"): SQL {
  return sql.raw(
    `left join lateral (select v.price, v.compare_at_price, v.currency from variants v where v.product_id = ${alias}.id order by v.price, v.position, v.id limit 1) ${as} on true`,
  );
}

/** A product's cheapest stored price in a market's list (docs/decisions/0021), as `cheapestVariantLateral` gives the USD one. */
export function cheapestMarketPriceLateral(alias: string, market: string, as = "cv"): SQL {
  return sql`left join lateral (select mp.price, mp.compare_at_price, mp.currency from market_prices mp join variants v on v.id = mp.variant_id where v.product_id = ${sql.raw(alias)}.id and mp.market = ${market} order by mp.price, v.position, v.id limit 1) ${sql.raw(as)} on true`;
}

export function firstImageLateral(alias: string, as = "ci"): SQL {
  return sql.raw(
    `left join lateral (select i.url, i.alt, i.width, i.height from product_images i where i.product_id = ${alias}.id order by i.position, i.id limit 1) ${as} on true`,
  );
}

/** A card as one JSON value (for nesting inside a bigger query). */
export function cardJson(alias: string, variant = "cv", image = "ci"): SQL {
  return sql.raw(`json_build_object(
    'id', ${alias}.id, 'handle', ${alias}.handle, 'title', ${alias}.title, 'category', ${alias}.category,
    'image', case when ${image}.url is null then null else json_build_object('url', ${image}.url, 'alt', ${image}.alt, 'width', ${image}.width, 'height', ${image}.height) end,
    'price', case when ${variant}.price is null then null else json_build_object('amount', ${variant}.price, 'currency', ${variant}.currency) end,
    'compareAtPrice', case when ${variant}.compare_at_price > ${variant}.price then json_build_object('amount', ${variant}.compare_at_price, 'currency', ${variant}.currency) else null end
  )`);
}

/** Flat columns of a card row, as selected by `cardColumns`. */
export type CardRow = {
  id: number;
  handle: string;
  title: string;
  category: string;
  price: number | null;
  compare_at_price: number | null;
  currency: string | null;
  url: string | null;
  alt: string | null;
  width: number | null;
  height: number | null;
};

export function cardFromRow(row: CardRow): ProductCardData {
  const currency = row.currency ?? "USD";
  return {
    id: row.id,
    handle: row.handle,
    title: row.title,
    category: row.category,
    image: row.url ? { url: row.url, alt: row.alt ?? row.title, width: row.width ?? 800, height: row.height ?? 800 } : null,
    price: row.price === null ? null : { amount: row.price, currency },
    compareAtPrice:
      row.compare_at_price !== null && row.price !== null && row.compare_at_price > row.price
        ? { amount: row.compare_at_price, currency }
        : null,
  };
}

/**
 * Membership of collection `c` for product `p`: listed in collection_products, or, for a category
 * collection whose handle is a category, every product in that category. `cp` must be the
 * left-joined collection_products row of (c, p).
 */
export const COLLECTION_MEMBER = sql.raw(`(cp.product_id is not null or (c.kind = 'category' and p.category = c.handle))`);
export const COLLECTION_MEMBER_JOIN = sql.raw(`left join collection_products cp on cp.collection_id = c.id and cp.product_id = p.id`);
