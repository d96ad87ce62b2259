/**
 * Markets (docs/decisions/0021-markets-and-currencies.md): where a shopper buys from, with its
 * currency, how tax is shown, its URL prefix, shipping rates and duties. Pure and browser-safe: the
 * header's switcher and every price on the storefront read it. The rate and rounding a price list is
 * generated with live in the `markets` table (ops changes them); the defaults here seed it.
 */
import type { Money } from "~/lib/money";

export const MARKET_CODES = ["us", "gb", "eu", "ca", "au"] as const;
export type MarketCode = (typeof MARKET_CODES)[number];

/** The market of the unprefixed URLs, of `x-default`, and of a visitor we know nothing about. */
export const DEFAULT_MARKET: MarketCode = "us";

/** The shopper's own choice (the header's switcher). Not one of `__soko_*`: it is a preference, not a session. */
export const MARKET_COOKIE = "soko_market";

export type TaxDisplay =
  /** Prices exclude tax; it is added at checkout for the destination. */
  | { mode: "added"; note: string }
  /** Prices include the tax; checkout shows the part of the total that is tax. */
  | { mode: "included"; name: "VAT" | "GST"; note: string };

/** Rounding of a generated price: to the nearest amount whose minor part is `ending` (0: whole units, 95: x.95). */
export type Rounding = { ending: number };

export type MarketShipping = {
  /** Standard shipping in the market's minor units, free from `freeFrom` (goods after discount). */
  standard: number;
  express: number;
  freeFrom: number;
};

export type Market = {
  code: MarketCode;
  /** "United Kingdom": the switcher's words. */
  name: string;
  currency: string;
  /** "" for the US (the root), "/en-gb" for the UK… */
  prefix: string;
  /** The pages' language (`<html lang>`, money written the market's way); the EU's pages are in Irish English (euros, English). */
  locale: string;
  /** The same as Open Graph writes it (`og:locale`). */
  ogLocale: string;
  /** hreflang values of the market's pages (one per country for the EU). */
  hreflang: readonly string[];
  /** ISO 3166 countries the market sells to (the country hint picks the market). */
  countries: readonly string[];
  tax: TaxDisplay;
  /** VAT/GST in basis points by destination, for the tax part of an included price ("*": the rest). */
  includedRates: Readonly<Record<string, number>>;
  shipping: MarketShipping;
  duties: string;
  /** Defaults the seed and the migration give the `markets` table: USD → this currency, parts per million. */
  defaultRatePpm: number;
  defaultRounding: Rounding;
};

const EURO_COUNTRIES = ["AT", "BE", "DE", "ES", "FI", "FR", "IE", "IT", "NL", "PT"] as const;

export const MARKETS: Readonly<Record<MarketCode, Market>> = {
  us: {
    code: "us",
    locale: "en-US",
    ogLocale: "en_US",
    name: "United States",
    currency: "USD",
    prefix: "",
    hreflang: ["en-US"],
    countries: ["US"],
    tax: { mode: "added", note: "Tax calculated at checkout" },
    includedRates: {},
    shipping: { standard: 600, express: 1800, freeFrom: 7500 },
    duties: "Shipped from our Nairobi workshop with any import duties paid: nothing more to pay on delivery.",
    defaultRatePpm: 1_000_000,
    defaultRounding: { ending: 0 },
  },
  gb: {
    code: "gb",
    locale: "en-GB",
    ogLocale: "en_GB",
    name: "United Kingdom",
    currency: "GBP",
    prefix: "/en-gb",
    hreflang: ["en-GB"],
    countries: ["GB"],
    tax: { mode: "included", name: "VAT", note: "VAT included" },
    includedRates: { "*": 2000 },
    shipping: { standard: 800, express: 2500, freeFrom: 7500 },
    duties: "UK import VAT and duties are paid by us: nothing more to pay on delivery.",
    defaultRatePpm: 880_000,
    defaultRounding: { ending: 0 },
  },
  eu: {
    code: "eu",
    locale: "en-IE",
    ogLocale: "en_IE",
    name: "European Union",
    currency: "EUR",
    prefix: "/en-eu",
    hreflang: EURO_COUNTRIES.map((c) => `en-${c}`),
    countries: EURO_COUNTRIES,
    tax: { mode: "included", name: "VAT", note: "VAT included" },
    // One price in every EU country; the VAT inside it is the destination's (the EU's one-stop shop).
    includedRates: { AT: 2000, BE: 2100, DE: 1900, ES: 2100, FI: 2550, FR: 2000, IE: 2300, IT: 2200, NL: 2100, PT: 2300, "*": 2100 },
    shipping: { standard: 1000, express: 3000, freeFrom: 9000 },
    duties: "EU import VAT and duties are paid by us: nothing more to pay on delivery.",
    defaultRatePpm: 1_050_000,
    defaultRounding: { ending: 0 },
  },
  ca: {
    code: "ca",
    locale: "en-CA",
    ogLocale: "en_CA",
    name: "Canada",
    currency: "CAD",
    prefix: "/en-ca",
    hreflang: ["en-CA"],
    countries: ["CA"],
    tax: { mode: "added", note: "Taxes calculated at checkout" },
    includedRates: {},
    shipping: { standard: 1200, express: 4000, freeFrom: 10000 },
    // GST/HST is charged at checkout (the tax rates by province), so the carrier collects no tax again: only duty, where it applies.
    duties: "GST/HST is charged at checkout, so no tax is due on delivery; any Canadian import duty is collected by the carrier.",
    defaultRatePpm: 1_400_000,
    defaultRounding: { ending: 95 },
  },
  au: {
    code: "au",
    locale: "en-AU",
    ogLocale: "en_AU",
    name: "Australia",
    currency: "AUD",
    prefix: "/en-au",
    hreflang: ["en-AU"],
    countries: ["AU"],
    tax: { mode: "included", name: "GST", note: "GST included" },
    includedRates: { "*": 1000 },
    shipping: { standard: 1400, express: 4500, freeFrom: 12000 },
    duties: "Australian GST and duties are paid by us: nothing more to pay on delivery.",
    defaultRatePpm: 1_700_000,
    defaultRounding: { ending: 95 },
  },
};

export const MARKET_LIST: readonly Market[] = MARKET_CODES.map((code) => MARKETS[code]);

export function isMarketCode(value: unknown): value is MarketCode {
  return typeof value === "string" && (MARKET_CODES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------- URLs

/** Prefixes of the markets that have one, e.g. "en-gb" (remix.config.js defines the same routes). */
export const MARKET_PREFIXES: readonly string[] = MARKET_LIST.filter((m) => m.prefix).map((m) => m.prefix.slice(1));

const PREFIXED = new RegExp(`^/(${MARKET_PREFIXES.join("|")})(?=/|$)`);

/** The storefront pages every market has its own address of (the unprefixed path). */
const MARKET_PAGE = /^\/(?:collections\/[^/]+|products\/[^/]+|makers(?:\/[^/]+)?|search)?$/;

export function isMarketPage(unprefixedPath: string): boolean {
  return MARKET_PAGE.test(unprefixedPath);
}

/** The market a path names, and the path without its prefix ("/en-gb/products/x" → gb, "/products/x"). */
export function marketFromPath(pathname: string): { market: MarketCode; rest: string; prefixed: boolean } {
  const match = PREFIXED.exec(pathname);
  if (!match) return { market: DEFAULT_MARKET, rest: pathname, prefixed: false };
  const market = MARKET_LIST.find((m) => m.prefix === `/${match[1]}`)!.code;
  return { market, rest: pathname.slice(match[0].length) || "/", prefixed: true };
}

/** A link on a page of `market`: the market's address of a market page, any other path as it is. */
export function marketHref(market: MarketCode, to: string): string {
  const end = to.search(/[?#]/);
  return isMarketPage(end < 0 ? to : to.slice(0, end)) ? marketPath(market, to) : to;
}

/** `path` (unprefixed, may carry a query) as the market's URL: "/products/x" → "/en-gb/products/x", "/" → "/en-gb". */
export function marketPath(market: MarketCode, path: string): string {
  const { prefix } = MARKETS[market];
  if (!prefix) return path;
  if (path === "/") return prefix;
  if (path.startsWith("/?") || path.startsWith("/#")) return `${prefix}${path.slice(1)}`;
  return `${prefix}${path}`;
}

/**
 * Where the switcher goes after a change: the same page (`from`, an unprefixed local path) in the
 * chosen market; the home page when `from` is not a path on this site.
 */
export function switchTarget(market: MarketCode, from: string | null | undefined): string {
  const local = isLocalPath(from) ? from : "/";
  const end = local.search(/[?#]/) < 0 ? local.length : local.search(/[?#]/);
  const target = marketHref(market, marketFromPath(local.slice(0, end)).rest + local.slice(end));
  // Asked again once the prefix is off: "/en-gb//evil.example" would otherwise become "//evil.example".
  return isLocalPath(target) ? target : marketHref(market, "/");
}

/** A path on this site: one slash, then neither a second slash nor a backslash (another origin), no control characters. */
function isLocalPath(path: string | null | undefined): path is string {
  return typeof path === "string" && /^\/(?![/\\])/.test(path) && !/[\\\u0000-\u001f\u007f]/.test(path);
}

/** `<link rel="alternate" hreflang>` of a page: every market's URL of it, and x-default (the US one). */
export function alternateLinks(publicUrl: string, path: string): Array<{ hreflang: string; href: string }> {
  const base = publicUrl.replace(/\/$/, "");
  const links = MARKET_LIST.flatMap((m) => m.hreflang.map((hreflang) => ({ hreflang, href: base + marketPath(m.code, path) })));
  links.push({ hreflang: "x-default", href: base + marketPath(DEFAULT_MARKET, path) });
  return links;
}

// ---------------------------------------------------------------- which market a visitor gets

/** The market a country sells in, or null for a country outside every market. */
export function marketForCountry(country: string | null | undefined): MarketCode | null {
  if (!country) return null;
  const upper = country.trim().toUpperCase();
  return MARKET_LIST.find((m) => m.countries.includes(upper))?.code ?? null;
}

/** The market cookie's value in a Cookie header (made once: every request with the cookie reads it, #14). */
const CHOSEN_MARKET = new RegExp(`(?:^|;\\s*)${MARKET_COOKIE}=([a-z]{2})(?:;|$)`);

/** The shopper's chosen market from a Cookie header, or null. */
export function chosenMarket(cookieHeader: string | null | undefined): MarketCode | null {
  if (!cookieHeader?.includes(MARKET_COOKIE)) return null;
  const match = CHOSEN_MARKET.exec(cookieHeader);
  return match && isMarketCode(match[1]) ? match[1] : null;
}

/** The first region of Accept-Language, by preference ("en-GB,en;q=0.9" → GB; "fr;q=0.5, de-AT" → AT). */
export function languageRegion(acceptLanguage: string | null | undefined): string | null {
  if (!acceptLanguage) return null;
  let best: { region: string; q: number } | null = null;
  for (const part of acceptLanguage.split(",").slice(0, 20)) {
    const [tag, ...params] = part.trim().split(";");
    const region = /^[a-z]{2,3}-([a-z]{2})$/i.exec(tag.trim())?.[1];
    if (!region) continue;
    const qParam = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    const q = qParam === undefined ? 1 : Number(qParam);
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { region: region.toUpperCase(), q };
  }
  return best?.region ?? null;
}

export type MarketHints = {
  pathname: string;
  cookie?: string | null;
  /** A country the CDN in front of us names (CF-IPCountry, X-Country): a hint, like the language. */
  country?: string | null;
  acceptLanguage?: string | null;
};

export type MarketSource = "path" | "cookie" | "country" | "language" | "default";

/**
 * The one place a visitor's market is decided: a market URL says it; else the shopper's own
 * choice (cookie); else the country the CDN names; else the region of their language; else the US.
 * We never look an address up ourselves.
 */
export function resolveMarket(hints: MarketHints): { market: MarketCode; source: MarketSource } {
  const fromPath = marketFromPath(hints.pathname);
  if (fromPath.prefixed) return { market: fromPath.market, source: "path" };
  const chosen = chosenMarket(hints.cookie);
  if (chosen) return { market: chosen, source: "cookie" };
  const byCountry = marketForCountry(hints.country);
  if (byCountry) return { market: byCountry, source: "country" };
  const byLanguage = marketForCountry(languageRegion(hints.acceptLanguage));
  if (byLanguage) return { market: byLanguage, source: "language" };
  return { market: DEFAULT_MARKET, source: "default" };
}

/** The country hint of a request's headers (lower-case names, as node gives them). */
export function countryHint(headers: { get(name: string): string | null } | Record<string, string | string[] | undefined>): string | null {
  const read = (name: string) => {
    if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
    const value = (headers as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  };
  const value = read("cf-ipcountry") ?? read("x-country");
  return value && /^[A-Za-z]{2}$/.test(value.trim()) ? value.trim().toUpperCase() : null;
}

// ---------------------------------------------------------------- prices

/**
 * A price rounded to the nearest amount ending in `rounding.ending` minor units, half up, never below
 * the smallest such amount: 3792 → 3800 (whole), 6576 → 6595 (.95), 6540 → 6495 (.95).
 */
export function roundPrice(minor: number, rounding: Rounding, currencyDigits = 2): number {
  const step = 10 ** currencyDigits;
  const offset = (step - (rounding.ending % step)) % step;
  const n = Math.max(1, Math.floor((minor + offset + step / 2) / step));
  return n * step - offset;
}

/** A USD price (minor units) in a market's currency at `ratePpm` (parts per million), then rounded. */
export function convertPrice(usdMinor: number, ratePpm: number, rounding: Rounding): number {
  // Integers only: the product stays well inside 2^53 for any price an integer column holds.
  const raw = Math.round((usdMinor * ratePpm) / 1_000_000);
  return roundPrice(raw, rounding);
}

/** The tax inside a tax-included amount at `rateBp` basis points, half up: £120 at 20% → £20. */
export function includedTax(amount: number, rateBp: number): number {
  if (rateBp <= 0) return 0;
  return Math.round((amount * rateBp) / (10_000 + rateBp));
}

/** The VAT/GST rate inside an included market's prices for a destination country. */
export function includedRateFor(market: MarketCode, country: string | null | undefined): number {
  const rates = MARKETS[market].includedRates;
  return (country ? rates[country.toUpperCase()] : undefined) ?? rates["*"] ?? 0;
}

/**
 * The VAT/GST inside `amount` on an order of `market` sent to `country`, as the checkout computes it
 * (`includedTax` at `includedRateFor`); 0 where tax is added at checkout (US, CA) or there is no market.
 */
export function includedTaxOfOrder(market: string | null | undefined, country: string | null | undefined, amount: number): number {
  if (!market || !isMarketCode(market) || MARKETS[market].tax.mode !== "included") return 0;
  return includedTax(amount, includedRateFor(market, country));
}

/** The market selling in `currency` (one currency, one market), null for none: a gift card's market is its currency's. */
export function marketOfCurrency(currency: string): MarketCode | null {
  return MARKET_LIST.find((m) => m.currency === currency)?.code ?? null;
}

/** How an order's dates are written: the locale of the market it was bought in (US English for none: the register, older orders). */
export function dateLocaleOf(market: string | null | undefined): string {
  return market && isMarketCode(market) ? MARKETS[market].locale : MARKETS[DEFAULT_MARKET].locale;
}

/** How a business in `country` reads dates: its market's locale (a UK store "16 March 2026"), US English outside every market. */
export function dateLocaleOfCountry(country: string | null | undefined): string {
  return dateLocaleOf(marketForCountry(country));
}

/** "VAT" / "GST" when a market's prices include tax (an order's "including £x VAT"), else null. */
export function includedTaxName(market: string | null | undefined): "VAT" | "GST" | null {
  const tax = market && isMarketCode(market) ? MARKETS[market].tax : null;
  return tax?.mode === "included" ? tax.name : null;
}

/** Standard shipping for a market and a subtotal of goods: free from the market's threshold. */
export function standardShipping(market: MarketCode, goods: number): Money {
  const { shipping, currency } = MARKETS[market];
  return { amount: goods >= shipping.freeFrom ? 0 : shipping.standard, currency };
}

/**
 * An amount in a market's currency in US dollars at the market's rate (USD → currency, parts per
 * million), half up: what an order settles as for ops and the ledger. £88.00 at 0.88 → $100.00.
 */
export function toSettlement(presentment: number, ratePpm: number): number {
  if (!Number.isSafeInteger(presentment) || !Number.isSafeInteger(ratePpm) || ratePpm <= 0) throw new RangeError("Bad settlement input");
  return Math.round((presentment * 1_000_000) / ratePpm);
}
