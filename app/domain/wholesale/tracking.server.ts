/**
 * A buyer follows a wholesale order per line: units made, QC-passed, packed and shipped, and who
 * made them. Every query is scoped to the buyer's retailer (another retailer's order number is
 * simply not found). Live updates reuse the status page's LISTEN/NOTIFY stream (orders/live.server).
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { queueEmail } from "~/domain/notifications/index.server";
import { isoDate } from "~/domain/orders";
import { dateLocaleOfCountry } from "~/domain/markets";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { termsLabel } from "./invoices";
import { addressLines, billingContacts, invoicesOfOrder, locationLines } from "./invoices.server";
import {
  lineMakers,
  lineProgress,
  lineShipDate,
  orderProgress,
  orderShipDate,
  type LineProgress,
  type LineShipDate,
  type MakerView,
} from "./tracking";

const {
  orders,
  orderLines,
  wholesaleOrders,
  allocations,
  productionRequests,
  artisans,
  shipments,
  retailers,
  retailerLocations,
  variants,
  productImages,
} = schema;

/** The first image of a line's product (by the line's variant), by position. */
const firstImageUrl = sql<string | null>`(
  select ${productImages.url} from ${productImages}
  where ${productImages.productId} = ${variants.productId}
  order by ${productImages.position}, ${productImages.id} limit 1)`;

/** The order's id when it is this retailer's wholesale order; null otherwise (the caller answers 404). */
export async function wholesaleOrderId(retailerId: number, number: string): Promise<number | null> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, orders.id))
    .where(and(eq(orders.number, number), eq(wholesaleOrders.retailerId, retailerId)));
  return row?.id ?? null;
}

export type TrackedLine = {
  id: number;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: number;
  total: number;
  progress: LineProgress;
  makers: MakerView[];
  shipDate: LineShipDate;
  /** The product's first image (generated art or an upload); null when it has none. */
  imageUrl: string | null;
};

export type WholesaleOrderTracking = {
  number: string;
  status: string;
  paymentStatus: string;
  placedAt: string;
  currency: string;
  total: number;
  poNumber: string;
  terms: string;
  termsLabel: string;
  shipWindow: { start: string | null; end: string | null };
  shipTo: string[];
  lines: TrackedLine[];
  progress: LineProgress;
  /** When the last made-to-order line ships; null when nothing waits on production (or it is not planned yet). */
  shipDate: string | null;
  shipment: { carrier: string; trackingNumber: string; shippedAt: string; deliveredAt: string | null } | null;
  invoices: Awaited<ReturnType<typeof invoicesOfOrder>>;
};

/** Everything the order page shows, or null when the number is not this retailer's order. */
export async function wholesaleOrderTracking(retailerId: number, number: string, now = new Date()): Promise<WholesaleOrderTracking | null> {
  const [row] = await db
    .select({ order: orders, wholesale: wholesaleOrders })
    .from(orders)
    .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, orders.id))
    .where(and(eq(orders.number, number), eq(wholesaleOrders.retailerId, retailerId)));
  if (!row) return null;
  const { order, wholesale } = row;
  const [lines, requests, [shipment], location, invoiceRows] = await Promise.all([
    db
      .select({ line: orderLines, imageUrl: firstImageUrl })
      .from(orderLines)
      .leftJoin(variants, eq(variants.id, orderLines.variantId))
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.id)),
    db
      .select({
        orderLineId: productionRequests.orderLineId,
        status: productionRequests.status,
        quantity: productionRequests.quantity,
        unitsMade: productionRequests.unitsMade,
        dueDate: productionRequests.dueDate,
        artisanId: artisans.id,
        firstName: artisans.firstName,
        handle: artisans.handle,
        publicProfile: artisans.publicProfile,
      })
      .from(productionRequests)
      .leftJoin(artisans, eq(artisans.id, productionRequests.artisanId))
      .where(eq(productionRequests.orderId, order.id))
      .orderBy(asc(productionRequests.id)),
    db.select().from(shipments).where(eq(shipments.orderId, order.id)).orderBy(asc(shipments.shippedAt)).limit(1),
    shipToLines(db, retailerId, wholesale.retailerLocationId, order.shippingAddress),
    invoicesOfOrder(retailerId, order.id),
  ]);
  const stock = lines.length
    ? await db
        .select({ orderLineId: allocations.orderLineId, quantity: allocations.quantity })
        .from(allocations)
        .where(
          and(
            inArray(
              allocations.orderLineId,
              lines.map((l) => l.line.id),
            ),
            eq(allocations.kind, "stock"),
            isNull(allocations.releasedAt),
          ),
        )
    : [];

  const today = isoDate(now);
  const tracked = lines.map(({ line, imageUrl }): TrackedLine => {
    const lineRequests = requests.filter((r) => r.orderLineId === line.id);
    const facts = lineRequests.map((r) => ({
      status: r.status,
      quantity: r.quantity,
      unitsMade: r.unitsMade,
      maker:
        r.artisanId && r.firstName ? { artisanId: r.artisanId, firstName: r.firstName, handle: r.publicProfile ? r.handle : null } : null,
    }));
    const stockUnits = stock.filter((s) => s.orderLineId === line.id).reduce((n, s) => n + s.quantity, 0);
    return {
      id: line.id,
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      total: line.total,
      progress: lineProgress({ quantity: line.quantity, stockUnits, requests: facts, orderStatus: order.status }),
      makers: lineMakers(facts),
      shipDate: lineShipDate({
        quantity: line.quantity,
        stockUnits,
        requests: lineRequests,
        orderStatus: order.status,
        shippedOn: shipment ? isoDate(shipment.shippedAt) : null,
        windowStart: wholesale.shipWindowStart,
        today,
      }),
      imageUrl,
    };
  });

  return {
    number: order.number,
    status: order.status,
    paymentStatus: order.paymentStatus,
    placedAt: order.placedAt.toISOString(),
    currency: order.currency,
    total: order.total,
    poNumber: wholesale.poNumber,
    terms: wholesale.paymentTerms,
    termsLabel: termsLabel(wholesale.paymentTerms),
    shipWindow: { start: wholesale.shipWindowStart, end: wholesale.shipWindowEnd },
    shipTo: location,
    lines: tracked,
    progress: orderProgress(tracked.map((l) => l.progress)),
    shipDate: orderShipDate(tracked.map((l) => l.shipDate)),
    shipment: shipment
      ? {
          carrier: shipment.carrier,
          trackingNumber: shipment.trackingNumber,
          shippedAt: shipment.shippedAt.toISOString(),
          deliveredAt: shipment.deliveredAt?.toISOString() ?? null,
        }
      : null,
    invoices: invoiceRows,
  };
}

async function shipToLines(tx: Executor, retailerId: number, locationId: number | null, address: schema.Address | null): Promise<string[]> {
  if (locationId) {
    const [location] = await tx
      .select()
      .from(retailerLocations)
      .where(and(eq(retailerLocations.id, locationId), eq(retailerLocations.retailerId, retailerId)));
    if (location) return locationLines(location);
  }
  return address ? addressLines(address) : [];
}

export type PackingListDocument = {
  orderNumber: string;
  poNumber: string;
  retailerName: string;
  placedAt: Date;
  /** How the retailer reads dates: its country's market locale (a UK store "16 March 2026"). */
  locale: string;
  shipTo: string[];
  carrier: string;
  trackingNumber: string;
  shippedAt: Date;
  lines: Array<{ sku: string; title: string; quantity: number }>;
  units: number;
};

/**
 * The packing list of a shipped order: "not_found" when the number is not this retailer's order,
 * "not_shipped" before it ships.
 */
export async function packingListDocument(
  retailerId: number,
  number: string,
  tx: Executor = db,
): Promise<PackingListDocument | "not_found" | "not_shipped"> {
  const [row] = await tx
    .select({ order: orders, wholesale: wholesaleOrders, retailerName: retailers.name, retailerCountry: retailers.country })
    .from(orders)
    .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, orders.id))
    .innerJoin(retailers, eq(retailers.id, wholesaleOrders.retailerId))
    .where(and(eq(orders.number, number), eq(wholesaleOrders.retailerId, retailerId)));
  if (!row) return "not_found";
  const [[shipment], lines, shipTo] = await Promise.all([
    tx.select().from(shipments).where(eq(shipments.orderId, row.order.id)).orderBy(asc(shipments.shippedAt)).limit(1),
    tx
      .select({ sku: orderLines.sku, title: orderLines.title, quantity: orderLines.quantity })
      .from(orderLines)
      .where(eq(orderLines.orderId, row.order.id))
      .orderBy(asc(orderLines.sku)),
    shipToLines(tx, retailerId, row.wholesale.retailerLocationId, row.order.shippingAddress),
  ]);
  if (!shipment) return "not_shipped";
  return {
    orderNumber: row.order.number,
    poNumber: row.wholesale.poNumber,
    retailerName: row.retailerName,
    placedAt: row.order.placedAt,
    locale: dateLocaleOfCountry(row.retailerCountry),
    shipTo: shipTo.length ? shipTo : [row.retailerName],
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    shippedAt: shipment.shippedAt,
    lines,
    units: lines.reduce((n, l) => n + l.quantity, 0),
  };
}

/**
 * Call inside the ship action's transaction, after the shipment row is written (orders/manage.server
 * shipOrder). For a wholesale order it emails each of the retailer's buyers the packing list link,
 * once per order and buyer; any other order is left alone.
 */
/** The `order_shipped` job: a shipped wholesale order's packing list goes to its buyers. */
export const orderShippedTask: Task = async (payload) => {
  const { orderId } = payload as { orderId: number };
  await db.transaction((tx) => onOrderShipped(tx, orderId));
};

export async function onOrderShipped(tx: Executor, orderId: number): Promise<number> {
  const [row] = await tx
    .select({ number: orders.number, email: orders.email, retailerId: wholesaleOrders.retailerId })
    .from(orders)
    .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, orders.id))
    .where(eq(orders.id, orderId));
  if (!row) return 0;
  const packingList = await packingListDocument(row.retailerId, row.number, tx);
  if (typeof packingList === "string") return 0;
  const recipients = await billingContacts(tx, row.retailerId, row.email);
  const base = env().PUBLIC_URL;
  let queued = 0;
  for (const buyer of recipients) {
    const id = await queueEmail(tx, {
      template: "packing-list-shipped",
      to: buyer.email,
      dedupeKey: `packing-list-shipped:${row.number}:${buyer.email.toLowerCase()}`,
      props: {
        orderNumber: row.number,
        poNumber: packingList.poNumber,
        retailerName: packingList.retailerName,
        buyerName: buyer.name?.split(" ")[0] || undefined,
        carrier: packingList.carrier,
        trackingNumber: packingList.trackingNumber,
        units: packingList.units,
        shipTo: packingList.shipTo.join(", "),
        packingListUrl: new URL(`/wholesale/orders/${row.number}/packing-list.pdf`, base).toString(),
        orderUrl: new URL(`/wholesale/orders/${row.number}`, base).toString(),
      },
    });
    if (id !== null) queued += 1;
  }
  return queued;
}
