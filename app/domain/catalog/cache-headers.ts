import type { HeadersFunction } from "@remix-run/node";

/**
 * Catalog pages are the same for every shopper without a bag or session, so a shared cache may keep
 * them. One that knows nothing of our purges (a CDN not wired to them) keeps them 30 s and serves
 * them a minute longer while it refreshes; one that is purged by key (`Surrogate-Key`: the app's own
 * page cache, or a CDN wired as the README says) keeps them 10 minutes (`Surrogate-Control`): an
 * edit purges them within a second, the expiry is only the safety net
 * (docs/decisions/0015-cache-purge.md). Browsers always revalidate. Prices and stock are checked
 * again at checkout.
 */
export const SHARED_PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=30, stale-while-revalidate=60";
export const PURGED_CACHE_CONTROL = "max-age=600, stale-while-revalidate=60";

export const sharedPageHeaders: HeadersFunction = ({ errorHeaders }): Record<string, string> =>
  errorHeaders
    ? { "Cache-Control": "no-store" }
    : { "Cache-Control": SHARED_PAGE_CACHE_CONTROL, "Surrogate-Control": PURGED_CACHE_CONTROL, Vary: "Cookie" };

/**
 * A shared page whose content no purge key covers (a policy page reading settings and the hub's
 * address): kept by shared caches for the short lifetime only, so an edit shows within a minute or so.
 */
export const unpurgedSharedPageHeaders: HeadersFunction = ({ errorHeaders }): Record<string, string> =>
  errorHeaders ? { "Cache-Control": "no-store" } : { "Cache-Control": SHARED_PAGE_CACHE_CONTROL, Vary: "Cookie" };
