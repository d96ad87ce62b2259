import { sql } from "drizzle-orm";
import { excerpt } from "./seo";
import { env } from "~/lib/env.server";
import { db } from "~/lib/db.server";
import type { PurgeKeyCollector } from "~/lib/purge.server";
import { createTaggedCache, type Tagged } from "./cache";
import { pickTileImages } from "./home-tiles";
import { homePageKeys } from "./purge-keys";
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
/** The hero's picture: a featured piece no tile shows, with the product it links to. */
export type HeroPicture = { handle: string; title: string; image: ImageData };
export type MakerStory = MakerCardData & { bio: string };

export type HomePage = {
  hero: HeroPicture | null;
  collections: CollectionTile[];
  newArrivals: ProductCardData[];
  makers: MakerStory[];
};

const cache = createTaggedCache<HomePage>({ ttlMs: () => env().CATALOG_CACHE_SECONDS * 1000, maxEntries: 1 });

/** The home page: featured collections, the newest pieces, and a few makers who chose to be shown. */
export function getHomePage(into?: PurgeKeyCollector): Promise<HomePage> {
  return cache.get("home", loadHomePage, into);
}

export function clearHomePageCache() {
  cache.clear();
}

type CollectionRow = {
  handle: string;
  title: string;
  description: string;
  /** A product whose image could be the tile (several per collection, best first; null: the collection is empty). */
  lead_id: number | null;
  url: string | null;
  alt: string | null;
  width: number | null;
  height: number | null;
};
type MakerRow = {
  id: number;
  handle: string;
  first_name: string;
  settlement: string;
  county: string;
  portrait_url: string | null;
  bio: string;
};

async function loadHomePage(): Promise<Tagged<HomePage>> {
  const [collectionRows, arrivals, makers, heroRows] = await Promise.all([
    // Featured first; if fewer are flagged, the next by position fill the row. Each tile's image is
    // the first image of one of the collection's first products: a few candidates each, so two
    // collections that lead with the same piece still show different ones (pickTileImages).
    db.execute<CollectionRow>(sql`
      select c.handle, c.title, c.description, lead.id as lead_id, ci.url, ci.alt, ci.width, ci.height
      from (
        select * from collections order by featured desc, position, id limit ${FEATURED_COLLECTIONS}
      ) c
      left join lateral (
        select p.id, row_number() over (
          order by cp.position nulls last, p.featured desc, p.published_at desc nulls last, p.id
        ) as rank
        from products p ${COLLECTION_MEMBER_JOIN}
        where p.status = 'active' and ${COLLECTION_MEMBER}
        order by rank
        limit ${FEATURED_COLLECTIONS + 1}
      ) lead on true
      ${firstImageLateral("lead")}
      order by c.featured desc, c.position, c.id, lead.rank
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
      select id, handle, first_name, settlement, county, portrait_url, bio
      from artisans
      where active and public_profile
      order by (portrait_url is not null) desc, pieces_made desc, quality_score desc, id
      limit ${MAKER_STORIES}
    `),
    // Candidates for the hero: featured pieces with a picture, the most recent first.
    db.execute<CardRow>(sql`
      select p.id, p.handle, p.title, p.category, null as price, null as compare_at_price, null as currency, ci.url, ci.alt, ci.width, ci.height
      from (
        select id, handle, title, category, published_at from products
        where status = 'active' and featured
        order by published_at desc nulls last, id desc
        limit ${FEATURED_COLLECTIONS + 1}
      ) p
      ${firstImageLateral("p")}
      where ci.url is not null
      order by p.published_at desc nulls last, p.id desc
    `),
  ]);
  const collections = pickTileImages(collectionRows);
  const shown = new Set(collections.flatMap((c) => (c.lead_id === null ? [] : [c.lead_id])));
  const hero = heroRows.find((p) => !shown.has(p.id)) ?? heroRows[0] ?? null;
  const keys = homePageKeys({
    collectionHandles: collections.map((c) => c.handle),
    productIds: [...shown, ...(hero ? [hero.id] : []), ...arrivals.map((p) => p.id)],
    makerIds: makers.map((m) => m.id),
  });
  return { keys, value: toHomePage(collections, arrivals, makers, hero) };
}

function toHomePage(collections: CollectionRow[], arrivals: CardRow[], makers: MakerRow[], hero: CardRow | null): HomePage {
  return {
    hero: hero ? { handle: hero.handle, title: hero.title, image: cardFromRow(hero).image! } : null,
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
