/**
 * Wholesale orders paid by card before their sale was booked when placed (docs/decisions/0025) have
 * no ledger entry: `backfillWholesaleCardSales` books each one's sale once (wholesale receipts ←
 * wholesale sales, `sale:<orderNumber>`, at the order's own rate), as placing it now would. Idempotent
 * (the search finds only orders without the entry, and the reference makes a second post a no-op),
 * so `npm start` runs it after migrating, every time: with nothing missing it costs one query.
 */
import { sql } from "drizzle-orm";
import { wholesaleCardSaleEntry } from "~/domain/ledger";
import { postEntry } from "~/domain/ledger/index.server";
import { db, type Executor } from "~/lib/db.server";

export async function backfillWholesaleCardSales(executor: Executor = db): Promise<string[]> {
  const rows = await executor.execute<{
    number: string;
    total: number;
    currency: string;
    settlement_currency: string | null;
    settlement_rate_ppm: number | null;
    provider_ref: string | null;
  }>(sql`
    select o.number, o.total, o.currency, o.settlement_currency, o.settlement_rate_ppm,
           (select p.provider_ref from payments p where p.order_id = o.id order by p.id limit 1) as provider_ref
      from orders o join wholesale_orders w on w.order_id = o.id
     where w.payment_terms = 'card' and o.total > 0
       and o.payment_status in ('paid', 'partially_refunded', 'refunded')
       and not exists (select 1 from ledger_entries e where e.reference = 'sale:' || o.number)
     order by o.id`);
  const booked: string[] = [];
  for (const row of rows) {
    const posted = await postEntry(
      db,
      wholesaleCardSaleEntry({
        orderNumber: row.number,
        amount: Number(row.total),
        currency: row.currency,
        paymentRef: row.provider_ref ?? "card",
        settlement: row.settlement_currency
          ? { currency: row.settlement_currency, ratePpm: row.settlement_rate_ppm === null ? null : Number(row.settlement_rate_ppm) }
          : null,
      }),
    );
    if (posted.created) booked.push(row.number);
  }
  return booked;
}
