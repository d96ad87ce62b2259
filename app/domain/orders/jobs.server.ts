import { asc, eq } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { queueEmail } from "~/domain/notifications/index.server";
import { db, schema } from "~/lib/db.server";
import { postSaleEntry } from "./sale.server";
import { statusUrl } from "./status-link.server";
import { giftCardsPaying, includedTaxOf } from "./status.server";

const orderPayload = z.object({ orderId: z.number().int().positive() });

/**
 * After an order commits: the confirmation email (rendered here, off the checkout's hot path).
 * Safe to repeat: the email's dedupe key is the order number.
 */
export async function sendOrderConfirmation(orderId: number) {
  const [order] = await db.select().from(schema.orders).where(eq(schema.orders.id, orderId));
  if (!order || order.channel === "pos") return null;
  const [lines, giftCards] = await Promise.all([
    db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, orderId)).orderBy(asc(schema.orderLines.id)),
    giftCardsPaying(orderId),
  ]);
  return db.transaction((tx) =>
    queueEmail(tx, {
      template: "order-confirmation",
      to: order.email,
      dedupeKey: `order-confirmation:${order.number}`,
      props: {
        orderNumber: order.number,
        customerName: order.shippingAddress?.name,
        currency: order.currency,
        lines: lines.map((l) => ({ title: l.title, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.total })),
        subtotal: order.subtotal,
        shipping: order.shippingTotal,
        tax: order.taxTotal,
        includedTax: includedTaxOf(order) ?? undefined,
        discount: order.discountTotal || undefined,
        total: order.total,
        giftCards: giftCards.length ? giftCards : undefined,
        shippingAddress: order.shippingAddress,
        statusUrl: statusUrl(order.number),
      },
    }),
  );
}

/** After an order commits: its sale in the ledger (once; nothing for wholesale), then the confirmation. */
export const orderPlacedTask: Task = async (payload) => {
  const { orderId } = orderPayload.parse(payload);
  await db.transaction((tx) => postSaleEntry(tx, orderId));
  await sendOrderConfirmation(orderId);
};
