/**
 * The purge keys of cached catalog pages and queries (docs/decisions/0015-cache-purge.md). A page
 * records the keys of what it shows while it is rendered; a change in the database sends the keys
 * it affects on one PostgreSQL channel (triggers, in the changing transaction); every app process
 * drops the cached pages and queries tagged with any of them. The same keys go out on cached
 * responses as `Surrogate-Key`, so a CDN can be purged the same way.
 *
 *   product:<id>       the product's page, and every page showing its card
 *   maker:<id>         the maker's profile, and every page showing her card
 *   collection:<handle> the collection's pages (every filter, sort and page), the home page's tile
 *   prices:<market>    every page of that market (its price list: docs/decisions/0021)
 *   catalog            every page whose LIST of products or makers may change: home, collections,
 *                      search, the makers directory and profiles, product pages (related pieces,
 *                      made by), the sitemap
 */
export const PURGE_CHANNEL = "catalog_purge";
export const CATALOG_KEY = "catalog";

export const productKey = (id: number) => `product:${id}`;
export const makerKey = (id: number) => `maker:${id}`;
export const collectionKey = (handle: string) => `collection:${handle}`;
export const pricesKey = (market: string) => `prices:${market}`;

/** A key as the triggers write it: a word, optionally `:` and an id or handle. Anything else is ignored. */
const KEY = /^[a-z]+(?::[A-Za-z0-9_-]{1,100})?$/;

export function isPurgeKey(key: string): boolean {
  return KEY.test(key);
}

/** A NOTIFY payload (space-separated keys) → its valid keys, deduplicated. */
export function parsePurgePayload(payload: string): string[] {
  return [...new Set(payload.split(/\s+/).filter(isPurgeKey))];
}

/** The `Surrogate-Key` header value: the keys, sorted, space-separated; "" when there are none. */
export function surrogateKeyHeader(keys: Iterable<string>): string {
  return [...new Set(keys)].filter(isPurgeKey).sort().join(" ");
}

/** Whether an entry tagged `tags` is hit by a purge of `keys` ("all" hits everything). */
export function isPurgedBy(tags: readonly string[], keys: ReadonlySet<string> | "all"): boolean {
  if (keys === "all") return true;
  return tags.some((tag) => keys.has(tag));
}
