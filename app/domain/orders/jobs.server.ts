import { sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { GiftCardSend, OrderConfirmationProps } from "#emails/order-confirmation";
import type { Address } from "#db/schema";
import { GIFT_CARD_SKU } from "~/domain/giftcards/index.server";
import { dateLocaleOf } from "~/domain/markets";
import { queueRenderedEmail, renderEmail } from "~/domain/notifications/index.server";
import { db, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { postSaleEntry } from "./sale.server";
import { statusUrl } from "./status-link.server";
import { includedTaxOf } from "./status.server";

const orderPayload = z.object({ orderId: z.number().int().positive() });

type Confirmation = { to: string; props: OrderConfirmationProps };

/**
 * What an order's confirmation says, in one query (the order, its lines, what gift cards paid).
 * Null for a register sale (its receipt is the POS's) or an order that does not exist.
 */
export async function confirmationOf(orderId: number, executor: Executor = db): Promise<Confirmation | null> {
  const [order] = await executor.execute<{
    number: string;
    email: string;
    currency: string;
    shipping_address: Address | null;
    subtotal: number;
    shipping_total: number;
    tax_total: number;
    discount_total: number;
    total: number;
    market: string | null;
    tax_included: number;
    lines: Array<{ title: string; quantity: number; unitPrice: number; lineTotal: number }>;
    gift_cards: Array<{ last4: string; amount: number }> | null;
    gift_card_sends: GiftCardSend[] | null;
    account_waits: boolean;
    gift_cards_only: boolean;
  }>(sql`
    select o.number, o.email, o.currency, o.shipping_address, o.subtotal, o.shipping_total, o.tax_total, o.discount_total,
           o.total, o.market, o.tax_included,
           coalesce((select json_agg(json_build_object('title', l.title, 'quantity', l.quantity, 'unitPrice', l.unit_price,
                                                       'lineTotal', l.total) order by l.id)
                       from order_lines l where l.order_id = o.id), '[]') as lines,
           (select json_agg(json_build_object('last4', c.last4, 'amount', c.amount) order by c.id)
              from (select g.id, g.last4, (-sum(m.amount))::int as amount
                      from gift_card_movements m join gift_cards g on g.id = m.gift_card_id
                     where m.order_id = o.id and m.kind = 'redeemed'
                     group by g.id, g.last4) c
             where c.amount > 0) as gift_cards,
           -- Gift cards bought in it: to whom, and the day each goes when later than the day it was bought.
           (select json_agg(json_build_object('recipientEmail', g.recipient_email, 'recipientName', g.recipient_name,
                                              'sendOn', case when g.send_on > (o.placed_at at time zone 'UTC')::date
                                                             then g.send_on::text end) order by g.id)
              from gift_cards g where g.order_id = o.id and g.kind = 'digital' and g.recipient_email is not null) as gift_card_sends,
           -- A guest order whose email has an account ("Create an account" ticked with it, or not signed in):
           -- its owner is told to sign in to see it there (docs/decisions/0029).
           (o.customer_id is null and exists (select 1 from customers c
                                                where lower(c.email) = lower(o.email) and c.password_hash is not null)) as account_waits,
           -- Nothing but gift cards: nothing to make or ship.
           (exists (select 1 from order_lines l where l.order_id = o.id)
            and not exists (select 1 from order_lines l where l.order_id = o.id and l.sku <> ${GIFT_CARD_SKU})) as gift_cards_only
      from orders o
     where o.id = ${orderId} and o.channel <> 'pos'`);
  if (!order) return null;
  return {
    to: order.email,
    props: {
      orderNumber: order.number,
      customerName: order.shipping_address?.name,
      currency: order.currency,
      lines: order.lines,
      subtotal: order.subtotal,
      shipping: order.shipping_total,
      tax: order.tax_total,
      includedTax: includedTaxOf({ market: order.market, taxIncluded: order.tax_included }) ?? undefined,
      discount: order.discount_total || undefined,
      total: order.total,
      giftCards: order.gift_cards?.length ? order.gift_cards : undefined,
      giftCardSends: order.gift_card_sends ?? undefined,
      giftCardsOnly: order.gift_cards_only || undefined,
      locale: dateLocaleOf(order.market),
      shippingAddress: order.shipping_address,
      statusUrl: statusUrl(order.number),
      signInUrl: order.account_waits ? new URL("/account/login", env().PUBLIC_URL).toString() : undefined,
    },
  };
}

/**
 * After an order commits: its sale in the ledger (once; nothing for wholesale) and its confirmation
 * email (not for a register sale), in one transaction. The email is read in one query and rendered
 * before the transaction opens. Safe to repeat: the sale's reference and the email's dedupe key (the
 * order number) make a rerun change nothing.
 */
export async function orderPlaced(orderId: number) {
  const confirmation = await confirmationOf(orderId);
  const rendered = confirmation ? await renderEmail("order-confirmation", confirmation.props) : null;
  return db.transaction(async (tx) => {
    const [sale, emailId] = await Promise.all([
      postSaleEntry(tx, orderId),
      confirmation && rendered
        ? queueRenderedEmail(tx, {
            template: "order-confirmation",
            to: confirmation.to,
            rendered,
            dedupeKey: `order-confirmation:${confirmation.props.orderNumber}`,
          })
        : null,
    ]);
    return { sale, emailId };
  });
}

export const orderPlacedTask: Task = async (payload) => {
  const { orderId } = orderPayload.parse(payload);
  await orderPlaced(orderId);
};
