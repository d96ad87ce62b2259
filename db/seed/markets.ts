/**
 * The demo's market price lists (docs/decisions/0021-markets-and-currencies.md): every market but
 * the US generated from the USD prices at its default rate and rounding, as ops would; then one
 * piece priced by hand in the UK, as ops would after a look at the list. Deterministic.
 */
import { sql } from "drizzle-orm";
import { generatePriceList, setMarketPrice } from "../../app/domain/markets/generate.server";
import { MARKET_LIST } from "../../app/domain/markets/markets";
import type { Executor } from "../client";

export async function seedMarkets(db: Executor, { now }: { now: Date }) {
  for (const market of MARKET_LIST) {
    if (!market.prefix) continue;
    await generatePriceList(db, market.code, { ratePpm: market.defaultRatePpm, rounding: market.defaultRounding, now });
  }
  // A hand-set UK price (kept when the list is generated again): the first active product's cheapest piece.
  const [first] = (await db.execute(sql`
    select v.id, v.price from variants v join products p on p.id = v.product_id
    where p.status = 'active' order by p.id, v.price, v.id limit 1
  `)) as unknown as Array<{ id: number; price: number }>;
  if (first)
    await setMarketPrice(db, "gb", first.id, { price: Math.max(100, Math.round((first.price * 0.8) / 100) * 100), compareAtPrice: null });
}
