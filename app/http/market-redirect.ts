/**
 * The storefront's market URLs (docs/decisions/0021-markets-and-currencies.md): a catalog page at its
 * unprefixed (US, x-default) address sends a visitor whose market is another to that market's
 * address of the same page: "/products/x" → "/en-gb/products/x" for a shopper who chose the UK, or
 * whose CDN country or language says so. A market address always shows its market, so each cached
 * page is one market's (the URL, prefix and all, is the cache key) and a hit needs no more than this
 * look at the unprefixed ones. Documents only: a data request of a page follows the page's own URL.
 */
import type { IncomingHttpHeaders } from "node:http";
import { MARKET_PREFIXES, isMarketPage, marketPath, resolveMarket } from "~/domain/markets";

const PAGES = "(?:collections/[^/]+|products/[^/]+|makers(?:/[^/]+)?|search)";

/** Catalog pages at a market's address ("/en-gb", "/en-gb/products/x"). */
export const MARKET_PAGE_PATHS = new RegExp(`^/(?:${MARKET_PREFIXES.join("|")})(?:/${PAGES})?$`);

/** Headers the choice reads: a shared cache in front must key unprefixed pages on them (README). */
export const MARKET_VARY = "Cookie, Accept-Language, CF-IPCountry, X-Country";

/** Where a GET of `url` should go instead (null: serve it), from the visitor's choice and hints. */
export function marketRedirect(method: string | undefined, url: string, headers: IncomingHttpHeaders): string | null {
  if (method !== "GET" && method !== "HEAD") return null;
  const query = url.indexOf("?");
  const pathname = query < 0 ? url : url.slice(0, query);
  if (!isMarketPage(pathname)) return null;
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const { market } = resolveMarket({
    pathname,
    cookie: header("cookie"),
    country: header("cf-ipcountry") ?? header("x-country"),
    acceptLanguage: header("accept-language"),
  });
  return market === "us" ? null : marketPath(market, url);
}
