/**
 * Writing market price lists (docs/decisions/0021-markets-and-currencies.md). Relative imports only:
 * the demo seed generates the lists with the same code ops does.
 */
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { marketPrices, markets } from "../../../db/schema";
import { MARKETS, convertPrice, type MarketCode, type Rounding } from "./markets";

/**
 * Generates a market's price list from the USD prices at `ratePpm` with `rounding`, and keeps them
 * as the market's settings. Prices ops set by hand stay unless `replaceManual`. In the caller's
 * transaction, 2,000 rows a statement; the triggers purge the market's pages (one key) on commit.
 */
export async function generatePriceList(
  executor: Executor,
  market: MarketCode,
  {
    ratePpm,
    rounding,
    replaceManual = false,
    now = new Date(),
  }: { ratePpm: number; rounding: Rounding; replaceManual?: boolean; now?: Date },
): Promise<{ written: number }> {
  const { currency, prefix } = MARKETS[market];
  if (!prefix) throw new Error("The US prices are the variants' own: there is no list to generate.");
  await executor
    .update(markets)
    .set({ ratePpm, roundingEnding: rounding.ending, priceListGeneratedAt: now, updatedAt: now })
    .where(eq(markets.code, market));
  const usd = await executor.execute(sql`select id, price, compare_at_price from variants order by id`);
  const rows = (usd as unknown as Array<{ id: number; price: number; compare_at_price: number | null }>).map((v) => ({
    market,
    variantId: v.id,
    currency,
    price: convertPrice(v.price, ratePpm, rounding),
    compareAtPrice: v.compare_at_price === null ? null : convertPrice(v.compare_at_price, ratePpm, rounding),
    source: "generated" as const,
    updatedAt: now,
  }));
  let written = 0;
  // In slices: one statement's parameters are bounded (65,535).
  for (let start = 0; start < rows.length; start += 2000) {
    written += await writeSlice(executor, rows.slice(start, start + 2000), replaceManual);
  }
  return { written };
}

async function writeSlice(executor: Executor, rows: Array<typeof marketPrices.$inferInsert>, replaceManual: boolean): Promise<number> {
  const written = await executor
    .insert(marketPrices)
    .values(rows)
    .onConflictDoUpdate({
      target: [marketPrices.market, marketPrices.variantId],
      set: {
        price: sql`excluded.price`,
        compareAtPrice: sql`excluded.compare_at_price`,
        currency: sql`excluded.currency`,
        source: sql`excluded.source`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: replaceManual ? undefined : sql`${marketPrices.source} = 'generated'`,
    })
    .returning({ variantId: marketPrices.variantId });
  return written.length;
}

/** Ops sets one variant's price in a market by hand (kept when the list is generated again). */
export async function setMarketPrice(
  executor: Executor,
  market: MarketCode,
  variantId: number,
  { price, compareAtPrice }: { price: number; compareAtPrice: number | null },
): Promise<void> {
  const { currency } = MARKETS[market];
  await executor
    .insert(marketPrices)
    .values({ market, variantId, currency, price, compareAtPrice, source: "manual" })
    .onConflictDoUpdate({
      target: [marketPrices.market, marketPrices.variantId],
      set: { price, compareAtPrice, currency, source: "manual", updatedAt: new Date() },
    });
}
