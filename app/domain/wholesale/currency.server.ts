/**
 * Wholesale in the retailer's currency (docs/decisions/0025-wholesale-in-the-retailers-currency.md):
 * the stored price lists per currency, their settings, and generating one from the USD wholesale
 * prices. Relative imports of the schema: the demo seed generates the lists with this same code.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { marketPrices, markets, wholesalePriceLists, wholesalePrices, type WholesalePriceListRow } from "../../../db/schema";
import { wholesalePriceOf } from "./pricing";

/** A currency's list settings: its rate from USD (also the rate its orders are booked at), rounding and minimums. */
export async function wholesaleList(executor: Executor, currency: string): Promise<WholesalePriceListRow> {
  const [row] = await executor.select().from(wholesalePriceLists).where(eq(wholesalePriceLists.currency, currency)).limit(1);
  if (!row) throw new Error(`There is no wholesale price list in ${currency}.`);
  return row;
}

/**
 * The stored retail (the retail market's list in that currency) and wholesale prices in `currency`
 * by variant, for the given variants or all of them.
 */
export async function storedPricesIn(
  executor: Executor,
  currency: string,
  variantIds?: number[],
): Promise<{ retail: Map<number, number>; wholesale: Map<number, number> }> {
  const ids = variantIds ? (variantIds.length ? variantIds : [0]) : undefined;
  const [retail, wholesale] = await Promise.all([
    executor
      .select({ variantId: marketPrices.variantId, price: marketPrices.price })
      .from(marketPrices)
      .innerJoin(markets, eq(markets.code, marketPrices.market))
      .where(and(eq(markets.currency, currency), ids ? inArray(marketPrices.variantId, ids) : undefined)),
    executor
      .select({ variantId: wholesalePrices.variantId, price: wholesalePrices.price })
      .from(wholesalePrices)
      .where(and(eq(wholesalePrices.currency, currency), ids ? inArray(wholesalePrices.variantId, ids) : undefined)),
  ]);
  return {
    retail: new Map(retail.map((r) => [r.variantId, r.price])),
    wholesale: new Map(wholesale.map((r) => [r.variantId, r.price])),
  };
}

/**
 * Generates a currency's wholesale list from the USD wholesale prices at `ratePpm` and `step`, and
 * keeps them as the list's settings. Prices set by hand stay unless `replaceManual`. In the caller's
 * transaction, 2,000 rows a statement.
 */
export async function generateWholesaleList(
  executor: Executor,
  currency: string,
  {
    ratePpm,
    step,
    replaceManual = false,
    actor = null,
    now = new Date(),
  }: { ratePpm: number; step: number; replaceManual?: boolean; actor?: string | null; now?: Date },
): Promise<{ written: number }> {
  if (currency === "USD") throw new Error("The USD wholesale prices are the variants' own: there is no list to generate.");
  await executor
    .update(wholesalePriceLists)
    .set({ ratePpm, roundingStep: step, generatedAt: now, generatedBy: actor, updatedAt: now })
    .where(eq(wholesalePriceLists.currency, currency));
  const usd = (await executor.execute(sql`select id, wholesale_price from variants order by id`)) as unknown as Array<{
    id: number;
    wholesale_price: number;
  }>;
  const rows = usd.map((v) => ({
    currency,
    variantId: v.id,
    price: wholesalePriceOf(v.wholesale_price, ratePpm, step),
    source: "generated" as const,
    updatedAt: now,
  }));
  let written = 0;
  for (let start = 0; start < rows.length; start += 2000) {
    const slice = await executor
      .insert(wholesalePrices)
      .values(rows.slice(start, start + 2000))
      .onConflictDoUpdate({
        target: [wholesalePrices.currency, wholesalePrices.variantId],
        set: { price: sql`excluded.price`, source: sql`excluded.source`, updatedAt: sql`excluded.updated_at` },
        setWhere: replaceManual ? undefined : sql`${wholesalePrices.source} = 'generated'`,
      })
      .returning({ variantId: wholesalePrices.variantId });
    written += slice.length;
  }
  return { written };
}
