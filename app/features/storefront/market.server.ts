/**
 * A catalog page's market and price list (docs/decisions/0021-markets-and-currencies.md). Its market
 * is its address's alone: the page is shared by everybody who asks for that address, so its loader
 * reads neither the cookie nor a hint.
 */
import { absoluteUrl } from "~/domain/catalog";
import { bagMarketFor } from "~/domain/cart/index.server";
import {
  MARKET_COOKIE,
  chosenMarket,
  countryHint,
  isMarketPage,
  marketFromPath,
  marketPath,
  resolveMarket,
  type MarketCode,
} from "~/domain/markets";
import { priceListFor, type PriceList } from "~/domain/markets/index.server";
import { env } from "~/lib/env.server";
import type { PurgeKeyCollector } from "~/lib/purge.server";

export type PageMarket = { market: MarketCode; prices: PriceList | null; url: (path: string) => string };

export async function pageMarket(request: Request, into?: PurgeKeyCollector): Promise<PageMarket> {
  const { market } = marketFromPath(new URL(request.url).pathname);
  const publicUrl = env().PUBLIC_URL;
  return { market, prices: await priceListFor(market, into), url: (path) => absoluteUrl(publicUrl, marketPath(market, path)) };
}

/**
 * The market of a page that is one visitor's (the bag, checkout): a catalog address says it; else
 * the shopper's choice, the CDN's country or the language's region (resolveMarket).
 */
export function requestMarket(request: Request): MarketCode {
  const { pathname } = new URL(request.url);
  const fromPath = marketFromPath(pathname);
  if (fromPath.prefixed || isMarketPage(fromPath.rest)) return fromPath.market;
  return resolveMarket({
    pathname,
    cookie: request.headers.get("Cookie"),
    country: countryHint(request.headers),
    acceptLanguage: request.headers.get("Accept-Language"),
  }).market;
}

/**
 * The market of a visitor's own page (the bag, checkout, gift cards, the account): a catalog address
 * says it; else the bag's market once there is a bag (so the header, the prices and the bag agree,
 * whatever the language or country hints say now); else `requestMarket`.
 */
export async function visitorMarket(request: Request): Promise<MarketCode> {
  const fromPath = marketFromPath(new URL(request.url).pathname);
  if (fromPath.prefixed || isMarketPage(fromPath.rest)) return fromPath.market;
  return (await bagMarketFor(request.headers.get("Cookie"))) ?? requestMarket(request);
}

/**
 * Whether the shopper's kept choice (the cookie, not a hint) is already `market`: a bag's market is
 * always written into the cookie too, so the catalog pages (chosen without a database read) follow
 * the bag even when the browser's language or the CDN's country later says otherwise.
 */
export function choiceIs(market: MarketCode, request: Request): boolean {
  return chosenMarket(request.headers.get("Cookie")) === market;
}

/** The `Set-Cookie` that keeps `market` as the shopper's choice (the switcher, or adding from a market's page). */
export function marketCookie(market: MarketCode, request: Request): string {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${MARKET_COOKIE}=${market}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}
