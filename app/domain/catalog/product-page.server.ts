import { sql } from "drizzle-orm";
import { env } from "~/lib/env.server";
import type { PurgeKeyCollector } from "~/lib/purge.server";
import { db } from "~/lib/db.server";
import { availabilityFor } from "./availability";
import { createTaggedCache, type Tagged } from "./cache";
import { MISSING_PAGE_KEYS, productPageKeys } from "./purge-keys";
import { cardJson, cheapestVariantLateral, firstImageLateral } from "./card-sql.server";
import type { MakerCardData, ProductCardData, ProductImageView, VariantView } from "./types";

export const MADE_BY_LIMIT = 4;
export const RELATED_LIMIT = 4;

export type ProductPage = {
  id: number;
  handle: string;
  title: string;
  story: string;
  category: string;
  materials: string[];
  care: string;
  images: ProductImageView[];
  variants: VariantView[];
  makers: MakerCardData[];
  related: ProductCardData[];
};

type Row = {
  id: number;
  handle: string;
  title: string;
  story: string;
  category: string;
  materials: string[];
  care: string;
  images: ProductImageView[];
  variants: Array<{
    id: number;
    sku: string;
    title: string;
    options: Record<string, string>;
    currency: string;
    price: number;
    compareAtPrice: number | null;
    leadTimeDays: number;
    available: number;
    shipDays: number | null;
  }>;
  makers: Array<{ id: number; handle: string; firstName: string; settlement: string; county: string; portraitUrl: string | null }>;
  related: ProductCardData[];
};

const cache = createTaggedCache<ProductPage | null>({ ttlMs: () => env().CATALOG_CACHE_SECONDS * 1000 });

/**
 * Everything the product page shows, in ONE statement (one round trip, every part an index lookup):
 * the product by handle (active only), its images, its variants with stock summed over every
 * location, the artisans who could make it, and related pieces. Null when there is no such active
 * product. Cached per handle until a purge of its keys (productPageKeys), CATALOG_CACHE_SECONDS at most;
 * the keys go `into` the page's collector.
 */
export function getProductPage(handle: string, into?: PurgeKeyCollector): Promise<ProductPage | null> {
  return cache.get(handle, () => loadProductPage(handle), into);
}

export function clearProductPageCache() {
  cache.clear();
}

/** The one statement behind the page (exported for EXPLAIN in benchmarks). */
export function productPageQuery(handle: string) {
  return sql`
    select p.id, p.handle, p.title, p.story, p.category, p.materials, p.care,
      coalesce((
        select json_agg(json_build_object('url', i.url, 'alt', i.alt, 'width', i.width, 'height', i.height, 'finish', i.finish) order by i.position, i.id)
        from product_images i where i.product_id = p.id
      ), '[]'::json) as images,
      coalesce((
        select json_agg(json_build_object(
          'id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options, 'currency', v.currency,
          'price', v.price, 'compareAtPrice', v.compare_at_price, 'leadTimeDays', v.lead_time_days,
          'available', coalesce(s.available, 0), 'shipDays', s.ship_days
        ) order by v.position, v.id)
        from variants v
        left join lateral (
          select sum(l.on_hand - l.reserved)::int as available,
                 min(loc.ship_days) filter (where l.on_hand > l.reserved) as ship_days
          from inventory_levels l join locations loc on loc.id = l.location_id
          -- the stock a web order can be filled from (domain/inventory/locations.ts)
          where l.variant_id = v.id and loc.kind in ('fulfilment', 'hub')
        ) s on true
        where v.product_id = p.id
      ), '[]'::json) as variants,
      coalesce((
        select json_agg(json_build_object('id', m.id, 'handle', m.handle, 'firstName', m.first_name, 'settlement', m.settlement, 'county', m.county, 'portraitUrl', m.portrait_url)
          order by m.pieces_made desc, m.quality_score desc, m.id)
        from (
          -- consenting, active artisans holding every skill the product needs
          select a.id, a.handle, a.first_name, a.settlement, a.county, a.portrait_url, a.pieces_made, a.quality_score
          from artisans a
          join (
            select s.artisan_id
            from product_skills ps join artisan_skills s on s.skill_id = ps.skill_id
            where ps.product_id = p.id
            group by s.artisan_id
            having count(*) = (select count(*) from product_skills x where x.product_id = p.id)
          ) able on able.artisan_id = a.id
          where a.active and a.public_profile
          order by a.pieces_made desc, a.quality_score desc, a.id
          limit ${MADE_BY_LIMIT}
        ) m
      ), '[]'::json) as makers,
      coalesce((
        select json_agg(${cardJson("r")} order by r.featured desc, r.published_at desc nulls last, r.id desc)
        from (
          select rp.id, rp.handle, rp.title, rp.category, rp.featured, rp.published_at
          from products rp
          where rp.category = p.category and rp.status = 'active' and rp.id <> p.id
          order by rp.featured desc, rp.published_at desc nulls last, rp.id desc
          limit ${RELATED_LIMIT}
        ) r
        ${cheapestVariantLateral("r")}
        ${firstImageLateral("r")}
      ), '[]'::json) as related
    from products p
    where p.handle = ${handle} and p.status = 'active'
  `;
}

async function loadProductPage(handle: string): Promise<Tagged<ProductPage | null>> {
  const rows = await db.execute<Row>(productPageQuery(handle));
  const row = rows[0];
  if (!row) return { value: null, keys: [...MISSING_PAGE_KEYS] };
  const keys = productPageKeys({ id: row.id, relatedIds: row.related.map((r) => r.id), makerIds: row.makers.map((m) => m.id) });
  return { keys, value: toProductPage(row) };
}

function toProductPage(row: Row): ProductPage {
  return {
    id: row.id,
    handle: row.handle,
    title: row.title,
    story: row.story,
    category: row.category,
    materials: row.materials,
    care: row.care,
    images: row.images,
    variants: row.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      title: v.title,
      options: v.options ?? {},
      price: { amount: v.price, currency: v.currency },
      compareAtPrice: v.compareAtPrice !== null && v.compareAtPrice > v.price ? { amount: v.compareAtPrice, currency: v.currency } : null,
      availability: availabilityFor({ available: v.available, shipDays: v.shipDays, leadTimeDays: v.leadTimeDays }),
    })),
    makers: row.makers.map((m) => ({
      handle: m.handle,
      firstName: m.firstName,
      settlement: m.settlement,
      county: m.county,
      portraitUrl: m.portraitUrl ?? `/images/makers/${m.handle}.svg`,
    })),
    related: row.related,
  };
}
