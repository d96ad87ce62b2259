import { sql } from "drizzle-orm";
import { excerpt } from "./seo";
import { env } from "~/lib/env.server";
import { db } from "~/lib/db.server";
import { createTtlCache } from "./cache";
import {
  COLLECTION_MEMBER,
  COLLECTION_MEMBER_JOIN,
  cardFromRow,
  cheapestVariantLateral,
  firstImageLateral,
  type CardRow,
} from "./card-sql.server";
import type { ImageData, MakerCardData, ProductCardData } from "./types";

export const FEATURED_COLLECTIONS = 4;
export const NEW_ARRIVALS = 8;
export const MAKER_STORIES = 3;

export type CollectionTile = { handle: string; title: string; description: string; image: ImageData | null };
export type MakerStory = MakerCardData & { bio: string };

export type HomePage = {
  collections: CollectionTile[];
  newArrivals: ProductCardData[];
  makers: MakerStory[];
};

const cache = createTtlCache<HomePage>({ ttlMs: () => env().CATALOG_CACHE_SECONDS * 1000, maxEntries: 1 });

/** The home page: featured collections, the newest pieces, and a few makers who chose to be shown. */
export function getHomePage(): Promise<HomePage> {
  return cache.get("home", loadHomePage);
}

export function clearHomePageCache() {
  cache.clear();
}

type CollectionRow = {
  handle: string;
  title: string;
  description: string;
  url: string | null;
  alt: string | null;
  width: number | null;
  height: number | null;
};
type MakerRow = { handle: string; first_name: string; settlement: string; county: string; portrait_url: string | null; bio: string };

async function loadHomePage(): Promise<HomePage> {
  const [collections, arrivals, makers] = await Promise.all([
    // Featured first; if fewer are flagged, the next by position fill the row. The tile image is the
    // first image of the collection's first product.
    db.execute<CollectionRow>(sql`
      select c.handle, c.title, c.description, ci.url, ci.alt, ci.width, ci.height
      from collections c
      left join lateral (
        select p.id from products p ${COLLECTION_MEMBER_JOIN}
        where p.status = 'active' and ${COLLECTION_MEMBER}
        order by cp.position nulls last, p.featured desc, p.published_at desc nulls last, p.id
        limit 1
      ) lead on true
      ${firstImageLateral("lead")}
      order by c.featured desc, c.position, c.id
      limit ${FEATURED_COLLECTIONS}
    `),
    db.execute<CardRow>(sql`
      select p.id, p.handle, p.title, p.category, cv.price, cv.compare_at_price, cv.currency, ci.url, ci.alt, ci.width, ci.height
      from (
        select id, handle, title, category, published_at from products
        where status = 'active' and published_at is not null
        order by published_at desc, id desc
        limit ${NEW_ARRIVALS}
      ) p
      ${cheapestVariantLateral("p")}
      ${firstImageLateral("p")}
      order by p.published_at desc, p.id desc
    `),
    db.execute<MakerRow>(sql`
      select handle, first_name, settlement, county, portrait_url, bio
      from artisans
      where active and public_profile
      order by (portrait_url is not null) desc, pieces_made desc, quality_score desc, id
      limit ${MAKER_STORIES}
    `),
  ]);
  return {
    collections: collections.map((c) => ({
      handle: c.handle,
      title: c.title,
      description: c.description,
      image: c.url ? { url: c.url, alt: c.alt ?? c.title, width: c.width ?? 800, height: c.height ?? 800 } : null,
    })),
    newArrivals: arrivals.map(cardFromRow),
    makers: makers.map((m) => ({
      handle: m.handle,
      firstName: m.first_name,
      settlement: m.settlement,
      county: m.county,
      portraitUrl: m.portrait_url ?? `/images/makers/${m.handle}.svg`,
      bio: excerpt(m.bio, 180),
    })),
  };
}
