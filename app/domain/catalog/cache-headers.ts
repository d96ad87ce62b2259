import type { HeadersFunction } from "@remix-run/node";

/**
 * Catalog pages are the same for every shopper without a bag or session, so a shared cache (a CDN,
 * or the app's own page cache) may keep them for 30 s and serve them a minute longer while it
 * refreshes. Browsers always revalidate. Prices and stock are checked again at checkout.
 */
export const SHARED_PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=30, stale-while-revalidate=60";

export const sharedPageHeaders: HeadersFunction = ({ errorHeaders }): Record<string, string> =>
  errorHeaders ? { "Cache-Control": "no-store" } : { "Cache-Control": SHARED_PAGE_CACHE_CONTROL, Vary: "Cookie" };
