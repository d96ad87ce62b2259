import { isoDate } from "./dates";
import { dateLocaleOf, includedTaxName } from "~/domain/markets";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { EmailedCard } from "~/domain/giftcards";
import { cardsEmailedFor, GIFT_CARD_SKU } from "~/domain/giftcards/index.server";
import { db, schema } from "~/lib/db.server";
import { deliveryEstimate, type DeliveryEstimate } from "./delivery-estimate";
import { buildLineTimeline, type TrackView } from "./timeline";

export type OrderStatusView = {
  id: number;
  number: string;
  email: string;
  customerId: number | null;
  /** A sale at the register (channel pos): its account owner sees it once their email is proven. */
  inStore: boolean;
  placedAt: string;
  status: string;
  paymentStatus: string;
  currency: string;
  /** How its dates are written: the locale of the market it was bought in ("en-GB": 7 December 2026). */
  locale: string;
  totals: { subtotal: number; discountTotal: number; shippingTotal: number; taxTotal: number; total: number };
  /** The VAT/GST inside the total where the market's prices include it (GB, EU, AU), with its name. */
  includedTax: { name: "VAT" | "GST"; amount: number } | null;
  shippingAddress: schema.Address | null;
  /** When it should arrive (null: cancelled, or no address to ship to). */
  delivery: DeliveryEstimate | null;
  lines: Array<{
    id: number;
    title: string;
    sku: string;
    quantity: number;
    unitPrice: number;
    total: number;
    handle: string;
    image: { url: string; alt: string } | null;
    tracks: TrackView[];
  }>;
  refunded: number;
  /** What gift cards paid of the total (each card by its last four), and so what was left for the card. */
  giftCards: Array<{ last4: string; amount: number }>;
  /** Nothing but gift cards: emailed to their recipients, nothing made or shipped. */
  giftCardsOnly: boolean;
  /** The cards this order bought to be emailed: sent, or waiting for their day. */
  emailedCards: EmailedCard[];
};

/** Production past making: its due date no longer holds the order back. */
const DONE_MAKING = new Set(["qc_passed"]);

/** Everything the status page shows, in a handful of indexed queries. Null for an unknown number. */
export async function orderStatus(number: string, now = new Date()): Promise<OrderStatusView | null> {
  const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
  if (!order) return null;
  const [lines, events, requests, shipments, refunds, giftCards, emailedCards] = await Promise.all([
    db
      .select({ line: schema.orderLines, handle: schema.products.handle, productId: schema.products.id })
      .from(schema.orderLines)
      .innerJoin(schema.variants, eq(schema.variants.id, schema.orderLines.variantId))
      .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
      .where(eq(schema.orderLines.orderId, order.id))
      .orderBy(asc(schema.orderLines.id)),
    db.select().from(schema.orderEvents).where(eq(schema.orderEvents.orderId, order.id)).orderBy(asc(schema.orderEvents.at)),
    db
      .select({
        request: schema.productionRequests,
        firstName: schema.artisans.firstName,
        settlement: schema.artisans.settlement,
        handle: schema.artisans.handle,
        publicProfile: schema.artisans.publicProfile,
      })
      .from(schema.productionRequests)
      .leftJoin(schema.artisans, eq(schema.artisans.id, schema.productionRequests.artisanId))
      .where(eq(schema.productionRequests.orderId, order.id))
      .orderBy(asc(schema.productionRequests.id)),
    db.select().from(schema.shipments).where(eq(schema.shipments.orderId, order.id)).orderBy(asc(schema.shipments.shippedAt)),
    db
      .select({ amount: schema.refunds.amount, status: schema.refunds.status })
      .from(schema.refunds)
      .where(eq(schema.refunds.orderId, order.id)),
    giftCardsPaying(order.id),
    cardsEmailedFor(order.id),
  ]);
  const lineIds = lines.map((l) => l.line.id);
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const [allocations, productionEvents, images] = await Promise.all([
    lineIds.length
      ? db
          .select({ allocation: schema.allocations, locationName: schema.locations.name })
          .from(schema.allocations)
          .leftJoin(schema.locations, eq(schema.locations.id, schema.allocations.locationId))
          .where(inArray(schema.allocations.orderLineId, lineIds))
      : [],
    db
      .select({
        requestId: schema.productionEvents.requestId,
        toStatus: schema.productionEvents.toStatus,
        at: schema.productionEvents.at,
        photoUrl: schema.productionEvents.photoUrl,
      })
      .from(schema.productionEvents)
      .where(eq(schema.productionEvents.orderId, order.id))
      .orderBy(asc(schema.productionEvents.at)),
    productIds.length
      ? db
          .select({
            productId: schema.productImages.productId,
            url: schema.productImages.url,
            alt: schema.productImages.alt,
            position: schema.productImages.position,
          })
          .from(schema.productImages)
          .where(inArray(schema.productImages.productId, productIds))
          .orderBy(asc(schema.productImages.position))
      : [],
  ]);

  const at = (type: string) => events.find((e) => e.type === type)?.at.toISOString() ?? null;
  const shipment = shipments[0];
  const reachedByRequest = new Map<number, Record<string, string>>();
  const photoByRequest = new Map<number, string>();
  for (const event of productionEvents) {
    const reached = reachedByRequest.get(event.requestId) ?? {};
    reached[event.toStatus] ??= event.at.toISOString();
    reachedByRequest.set(event.requestId, reached);
    if (event.photoUrl) photoByRequest.set(event.requestId, event.photoUrl); // the latest wins
  }
  const live = requests.filter((r) => r.request.status !== "cancelled");
  const delivery = deliveryEstimate({
    status: order.status,
    country: order.shippingAddress?.country ?? null,
    shippingMethod: order.shippingMethod,
    shippedAt: shipment?.shippedAt.toISOString() ?? null,
    deliveredAt: shipment?.deliveredAt?.toISOString() ?? at("delivered"),
    pendingDueDates: live.filter((r) => !DONE_MAKING.has(r.request.status)).map((r) => String(r.request.dueDate)),
    // The hub's day: due dates and the day it ships are Nairobi days.
    today: isoDate(now),
  });
  const firstImage = new Map<number, { url: string; alt: string }>();
  for (const image of images) if (!firstImage.has(image.productId)) firstImage.set(image.productId, { url: image.url, alt: image.alt });

  return {
    id: order.id,
    number: order.number,
    email: order.email,
    customerId: order.customerId,
    inStore: order.channel === "pos",
    placedAt: order.placedAt.toISOString(),
    status: order.status,
    paymentStatus: order.paymentStatus,
    currency: order.currency,
    locale: dateLocaleOf(order.market),
    totals: {
      subtotal: order.subtotal,
      discountTotal: order.discountTotal,
      shippingTotal: order.shippingTotal,
      taxTotal: order.taxTotal,
      total: order.total,
    },
    includedTax: includedTaxOf(order),
    shippingAddress: order.shippingAddress,
    delivery,
    refunded: refunds.filter((r) => r.status !== "failed").reduce((sum, r) => sum + r.amount, 0),
    giftCards,
    giftCardsOnly: lines.length > 0 && lines.every(({ line }) => line.sku === GIFT_CARD_SKU),
    emailedCards,
    lines: lines.map(({ line, handle, productId }) => ({
      id: line.id,
      title: line.title,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      total: line.total,
      handle,
      image: firstImage.get(productId) ?? null,
      tracks: buildLineTimeline({
        paidAt: at("paid"),
        packedAt: at("packed"),
        shipped: shipment
          ? { at: shipment.shippedAt.toISOString(), carrier: shipment.carrier, trackingNumber: shipment.trackingNumber }
          : null,
        deliveredAt: shipment?.deliveredAt?.toISOString() ?? at("delivered"),
        cancelled: order.status === "cancelled",
        stock: allocations
          .filter((a) => a.allocation.orderLineId === line.id && a.allocation.kind === "stock" && !a.allocation.releasedAt)
          .map((a) => ({ quantity: a.allocation.quantity, locationName: a.locationName ?? "our stock" })),
        requests: requests
          .filter((r) => r.request.orderLineId === line.id && r.request.status !== "cancelled")
          .map((r) => ({
            id: r.request.id,
            quantity: r.request.quantity,
            status: r.request.status,
            // Only consenting makers are named with a link; others by first name and place.
            maker:
              r.firstName &&
              ["accepted", "in_progress", "ready", "collected", "received", "qc_passed", "qc_failed"].includes(r.request.status)
                ? { firstName: r.firstName, settlement: r.settlement ?? "", handle: r.publicProfile ? r.handle : null }
                : null,
            reached: { ...reachedByRequest.get(r.request.id), ...(r.request.late ? { late: "yes" } : {}) },
            photoUrl: photoByRequest.get(r.request.id) ?? null,
          })),
      }),
    })),
  };
}

/** What each gift card paid of an order (its redemptions; by the card's last four), for its page and receipt. */
export async function giftCardsPaying(orderId: number): Promise<Array<{ last4: string; amount: number }>> {
  const rows = await db
    .select({ last4: schema.giftCards.last4, amount: sql<number>`(-sum(${schema.giftCardMovements.amount}))::int` })
    .from(schema.giftCardMovements)
    .innerJoin(schema.giftCards, eq(schema.giftCards.id, schema.giftCardMovements.giftCardId))
    .where(and(eq(schema.giftCardMovements.orderId, orderId), eq(schema.giftCardMovements.kind, "redeemed")))
    .groupBy(schema.giftCards.id, schema.giftCards.last4)
    .orderBy(asc(schema.giftCards.id));
  return rows.filter((row) => row.amount > 0);
}

/** An order's "including £x VAT", when its market's prices include tax. */
export function includedTaxOf(order: { market: string | null; taxIncluded: number }): { name: "VAT" | "GST"; amount: number } | null {
  const name = includedTaxName(order.market);
  return name ? { name, amount: order.taxIncluded } : null;
}
