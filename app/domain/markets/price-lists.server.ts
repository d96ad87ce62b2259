/**
 * Market price lists (docs/decisions/0021-markets-and-currencies.md): each market's price of each
 * variant, stored in `market_prices` (a new variant gets its row in every market from a trigger) and
 * read, never converted per view. A market's whole list is read once into memory and kept until a
 * purge of `prices:<market>` (a price of the market changed). The US list is the variants' own
 * prices: no read at all.
 */
import { eq, sql } from "drizzle-orm";
import { markets } from "#db/schema";
import { createTaggedCache } from "~/domain/catalog/index.server";
import { db, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { Money } from "~/lib/money";
import { pricesKey } from "~/lib/purge-keys";
import type { PurgeKeyCollector } from "~/lib/purge.server";
import { MARKETS, type MarketCode, type Rounding } from "./markets";

export { generatePriceList, setMarketPrice } from "./generate.server";

type Price = { price: number; compareAtPrice: number | null };

/** A market's prices in memory: per variant, and each product's cheapest (its cards' "from" price). */
export type PriceList = {
  market: MarketCode;
  currency: string;
  variants: ReadonlyMap<number, Price>;
  from: ReadonlyMap<number, Price>;
};

const cache = createTaggedCache<PriceList>({ ttlMs: () => env().CATALOG_CACHE_SECONDS * 1000, maxEntries: 8 });

/** The market's price list, or null for the US (whose prices are the variants' own). */
export async function priceListFor(market: MarketCode, into?: PurgeKeyCollector): Promise<PriceList | null> {
  if (!MARKETS[market].prefix) return null;
  return cache.get(market, async () => ({ value: await loadPriceList(market), keys: [pricesKey(market)] }), into);
}

async function loadPriceList(market: MarketCode): Promise<PriceList> {
  const rows = (await db.execute(sql`
    select mp.variant_id, v.product_id, mp.price, mp.compare_at_price
    from market_prices mp join variants v on v.id = mp.variant_id
    where mp.market = ${market}
  `)) as unknown as Array<{ variant_id: number; product_id: number; price: number; compare_at_price: number | null }>;
  const variants = new Map<number, Price>();
  const from = new Map<number, Price>();
  for (const row of rows) {
    const price = { price: row.price, compareAtPrice: row.compare_at_price };
    variants.set(row.variant_id, price);
    const cheapest = from.get(row.product_id);
    if (!cheapest || price.price < cheapest.price) from.set(row.product_id, price);
  }
  return { market, currency: MARKETS[market].currency, variants, from };
}

export type MarketSettings = { ratePpm: number; rounding: Rounding; priceListGeneratedAt: Date | null };

export async function marketSettings(executor: Executor, market: MarketCode): Promise<MarketSettings> {
  const [row] = await executor.select().from(markets).where(eq(markets.code, market));
  const defaults = MARKETS[market];
  return {
    ratePpm: row?.ratePpm ?? defaults.defaultRatePpm,
    rounding: { ending: row?.roundingEnding ?? defaults.defaultRounding.ending },
    priceListGeneratedAt: row?.priceListGeneratedAt ?? null,
  };
}

const compareAt = (price: Price, currency: string): Money | null =>
  price.compareAtPrice !== null && price.compareAtPrice > price.price ? { amount: price.compareAtPrice, currency } : null;

/** Product cards with the market's "from" prices (the US list: as they are). New objects: cached cards are shared. */
export function priceCards<T extends { id: number; price: Money | null; compareAtPrice?: Money | null }>(
  cards: T[],
  list: PriceList | null,
): T[] {
  if (!list) return cards;
  return cards.map((card) => {
    const price = list.from.get(card.id);
    if (!price || !card.price) return card;
    return { ...card, price: { amount: price.price, currency: list.currency }, compareAtPrice: compareAt(price, list.currency) };
  });
}

/** A product page's variants with the market's prices. */
export function priceVariants<T extends { id: number; price: Money; compareAtPrice: Money | null }>(
  variants: T[],
  list: PriceList | null,
): T[] {
  if (!list) return variants;
  return variants.map((variant) => {
    const price = list.variants.get(variant.id);
    if (!price) return variant;
    return { ...variant, price: { amount: price.price, currency: list.currency }, compareAtPrice: compareAt(price, list.currency) };
  });
}

/** One variant's price in a market (the bag, checkout): the USD price when the market is the US. */
export function variantPrice(list: PriceList | null, variantId: number, usd: Money): Money {
  const price = list?.variants.get(variantId);
  return price && list ? { amount: price.price, currency: list.currency } : usd;
}
