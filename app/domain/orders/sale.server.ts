/**
 * A paid retail order's sale in the ledger (docs/decisions/0022): posted by the order's own
 * `order_placed` job (enqueued in the order's transaction, so it exists exactly when the order
 * does), and by an hourly sweep that books any paid retail order still without its sale. Both are
 * idempotent by the entry's reference (`sale:<orderNumber>`), so a retry, a replay or two workers
 * at once book it once.
 */
import { sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { GIFT_CARD_PAYMENT_PROVIDER } from "~/domain/giftcards";
import { GIFT_CARD_SKU } from "~/domain/giftcards/index.server";
import { saleEntry, type SaleTender } from "~/domain/ledger";
import { postEntry } from "~/domain/ledger/index.server";
import { CASH_PROVIDER } from "~/domain/payments";
import { db, type Executor } from "~/lib/db.server";

/**
 * The payments an order's sale is made of: money taken when it was placed. Not gift cards (their own
 * entries), nor a payment taken later on the same order for a return's dearer exchange (booked as
 * `sale:<returnNumber>`, or refunded as not needed): a sale posted late, by the sweep, counts neither.
 */
const TENDERS = sql`p.status = 'succeeded' and p.provider <> ${GIFT_CARD_PAYMENT_PROVIDER}
  and not exists (select 1 from returns r where r.due_payment_id = p.id)
  and not exists (select 1 from refunds f where f.payment_id = p.id and f.idempotency_key like 'return:%:unneeded:%')`;

/** Orders whose payment makes them a sale (a refund later is the refund's own entry). */
const SOLD = sql`o.channel in ('web', 'pos') and o.payment_status in ('paid', 'partially_refunded', 'refunded')`;

export type PostedSale = { orderNumber: string; created: boolean; entryId: number | null } | null;

/**
 * Books one order's sale, once. Null when there is nothing to book: not a paid retail order
 * (wholesale books its invoice), or no money in it (gift cards paid it all, or it only sold gift cards).
 */
export async function postSaleEntry(tx: Executor, orderId: number): Promise<PostedSale> {
  const [order] = await tx.execute<{
    number: string;
    currency: string;
    settlement_currency: string | null;
    settlement_rate_ppm: number | null;
    tenders: Array<{ provider: string; amount: number }> | null;
    gift_cards_sold: string;
  }>(sql`
    select o.number, o.currency, o.settlement_currency, o.settlement_rate_ppm,
           (select json_agg(json_build_object('provider', p.provider, 'amount', p.amount) order by p.id)
              from payments p
             where p.order_id = o.id and ${TENDERS}) as tenders,
           (select coalesce(sum(l.total), 0) from order_lines l where l.order_id = o.id and l.sku = ${GIFT_CARD_SKU})::text as gift_cards_sold
      from orders o
     where o.id = ${orderId} and ${SOLD}`);
  if (!order) return null;
  const entry = saleEntry({
    orderNumber: order.number,
    currency: order.currency,
    tenders: (order.tenders ?? []).map(
      (t): SaleTender => ({ kind: t.provider === CASH_PROVIDER ? "cash" : "card", amount: Number(t.amount) }),
    ),
    giftCardsSold: Number(order.gift_cards_sold),
    settlement: order.settlement_currency
      ? { currency: order.settlement_currency, ratePpm: order.settlement_rate_ppm === null ? null : Number(order.settlement_rate_ppm) }
      : null,
  });
  if (!entry) return null;
  const posted = await postEntry(tx, entry);
  return { orderNumber: order.number, ...posted };
}

/**
 * Paid retail orders with money left to book and no sale entry yet, oldest first: the money taken
 * must be more than the gift cards the order sold (those were booked when issued), as `saleEntry`
 * counts it. So a register sale whose goods gift cards paid, with cash only for a gift card it sold,
 * or an order that only sold gift cards, is never picked up: it has nothing to book.
 */
export async function missingSales(limit = 500, executor: Executor = db): Promise<number[]> {
  const rows = await executor.execute<{ id: number }>(sql`
    select o.id from orders o
     where ${SOLD}
       and not exists (select 1 from ledger_entries e where e.reference = 'sale:' || o.number)
       and (select coalesce(sum(p.amount), 0) from payments p where p.order_id = o.id and ${TENDERS})
         > (select coalesce(sum(l.total), 0) from order_lines l where l.order_id = o.id and l.sku = ${GIFT_CARD_SKU})
     order by o.id
     limit ${limit}`);
  return rows.map((row) => Number(row.id));
}

/**
 * The safety net (and the backfill): `missingSales`, each booked in its own transaction. Returns how
 * many were booked.
 */
export async function postMissingSales(limit = 500, executor: Executor = db): Promise<number> {
  let booked = 0;
  for (const id of await missingSales(limit, executor)) {
    const posted = await db.transaction((tx) => postSaleEntry(tx, id));
    if (posted?.created) booked += 1;
  }
  return booked;
}

/** The hourly sweep's job name and crontab line (app/worker.server.ts). */
export const SALES_SWEEP_CRONTAB = "35 * * * * post_missing_sales ?jobKey=post_missing_sales";

export const postMissingSalesTask: Task = async () => {
  await postMissingSales();
};
