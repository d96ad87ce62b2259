import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { CATALOG_KEY } from "~/lib/purge-keys";
import { recordPurgeKeys, type PurgeKeyCollector } from "~/lib/purge.server";
import { absoluteUrl } from "./seo";
import type { SitemapEntry } from "./sitemap";

type Row = { kind: "home" | "makers" | "collection" | "product" | "maker"; handle: string | null; lastmod: string | null };

/**
 * Every public storefront URL with its last change: active products (publish date), collections and
 * the home page (their newest product), and makers who consented to a public profile (joined date).
 */
export async function getSitemapEntries(publicUrl: string, into?: PurgeKeyCollector): Promise<SitemapEntry[]> {
  recordPurgeKeys(into, [CATALOG_KEY]);
  const rows = await db.execute<Row>(sql`
    select kind, handle, to_char(lastmod at time zone 'UTC', 'YYYY-MM-DD') as lastmod from (
    select 'home' as kind, null::text as handle, max(coalesce(published_at, created_at)) as lastmod
      from products where status = 'active'
    union all
    select 'makers', null, max(joined_at) from artisans where active and public_profile
    union all
    select 'collection', c.handle, (
        select max(coalesce(p.published_at, p.created_at))
        from products p left join collection_products cp on cp.collection_id = c.id and cp.product_id = p.id
        where p.status = 'active' and (cp.product_id is not null or (c.kind = 'category' and p.category = c.handle))
      )
      from collections c
    union all
    select 'product', handle, coalesce(published_at, created_at) from products where status = 'active'
    union all
    select 'maker', handle, joined_at from artisans where active and public_profile
    ) entries
  `);
  const path = (row: Row) =>
    row.kind === "home"
      ? "/"
      : row.kind === "makers"
        ? "/makers"
        : row.kind === "collection"
          ? `/collections/${row.handle}`
          : row.kind === "product"
            ? `/products/${row.handle}`
            : `/makers/${row.handle}`;
  return rows.map((row) => ({ loc: absoluteUrl(publicUrl, path(row)), lastmod: row.lastmod }));
}
