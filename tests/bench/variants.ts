/** Purchasable variants of the bench catalog, split by whether web stock can fill them now. */
import postgres from "postgres";
import { WEB_STOCK_LOCATIONS } from "~/domain/checkout/checkout.server";

export type BenchVariant = { id: number; price: number; currency: string };

export async function purchasableVariants(databaseUrl: string): Promise<{ stocked: BenchVariant[]; madeToOrder: BenchVariant[] }> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<(BenchVariant & { free: number })[]>`
      select v.id, v.price, v.currency,
             coalesce((select sum(l.on_hand - l.reserved) from inventory_levels l
                       join locations loc on loc.id = l.location_id
                       where l.variant_id = v.id and loc.code = any(${WEB_STOCK_LOCATIONS})), 0)::int as free
      from variants v join products p on p.id = v.product_id
      where p.status = 'active' and v.currency = 'USD'
      order by v.id`;
    return {
      stocked: rows.filter((r) => r.free >= 5).map(({ id, price, currency }) => ({ id, price, currency })),
      madeToOrder: rows.filter((r) => r.free === 0).map(({ id, price, currency }) => ({ id, price, currency })),
    };
  } finally {
    await sql.end();
  }
}

/** A small deterministic generator, so two runs pick the same variants. */
export function seeded(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(items: T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)];
}
