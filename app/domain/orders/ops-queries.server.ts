/** Read side of /ops/orders: the filtered list, and one order with everything that happened to it. */
import { includedTaxOf } from "./status.server";
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Channel, Order } from "#db/schema";
import { db, schema } from "~/lib/db.server";
import { maxRefundable, refundedTotal } from "./refund-rules";
import { statusPath } from "./status-link.server";
import { escapeLike } from "~/lib/sql";
import { cardsEmailedFor } from "~/domain/giftcards/index.server";

const {
  orders,
  orderLines,
  allocations,
  locations,
  productionRequests,
  productionEvents,
  orderEvents,
  payments,
  refunds,
  shipments,
  artisans,
} = schema;

export type OpsOrderFilter = {
  channel?: Channel;
  status?: Order["status"];
  paymentStatus?: Order["paymentStatus"];
  /** An order number (or part of one) or an email (or part of one). */
  q?: string;
  page: number;
  perPage?: number;
};

/** `%` and `_` typed by staff are literal characters, not wildcards. */

function filterWhere({ channel, status, paymentStatus, q }: Omit<OpsOrderFilter, "page" | "perPage">): SQL | undefined {
  const conditions: SQL[] = [];
  if (channel) conditions.push(eq(orders.channel, channel));
  if (status) conditions.push(eq(orders.status, status));
  if (paymentStatus) conditions.push(eq(orders.paymentStatus, paymentStatus));
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(or(ilike(orders.number, pattern), ilike(orders.email, pattern))!);
  }
  return conditions.length ? and(...conditions) : undefined;
}

export const ORDER_EXPORT_BATCH = 500;

/**
 * Every order the filter matches, newest first, for the CSV export: a batch at a time by keyset
 * (placed_at, id), so each batch is one short query and the export holds no connection between.
 */
export async function* exportOrders(filter: Omit<OpsOrderFilter, "page" | "perPage">, batch = ORDER_EXPORT_BATCH) {
  const where = filterWhere(filter);
  // The cursor keeps placed_at as PostgreSQL wrote it (microseconds; a JS Date would cut them to ms).
  let after: { placedAt: string; id: number } | null = null;
  for (;;) {
    const page = await db
      .select({
        id: orders.id,
        number: orders.number,
        placedAt: orders.placedAt,
        channel: orders.channel,
        status: orders.status,
        paymentStatus: orders.paymentStatus,
        email: orders.email,
        shippingAddress: orders.shippingAddress,
        shippingMethod: orders.shippingMethod,
        currency: orders.currency,
        subtotal: orders.subtotal,
        discountTotal: orders.discountTotal,
        shippingTotal: orders.shippingTotal,
        taxTotal: orders.taxTotal,
        total: orders.total,
        cursor: sql<string>`${orders.placedAt}::text`,
        // Spelled out: drizzle writes its columns unqualified here, and order_lines has an id too.
        units: sql<number>`(select coalesce(sum(ol.quantity), 0)::int from order_lines ol where ol.order_id = "orders"."id")`,
      })
      .from(orders)
      .where(and(where, after ? sql`(${orders.placedAt}, ${orders.id}) < (${after.placedAt}::timestamptz, ${after.id})` : undefined))
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .limit(batch);
    if (page.length) yield page;
    if (page.length < batch) return;
    const last: { cursor: string; id: number } = page[page.length - 1];
    after = { placedAt: last.cursor, id: last.id };
  }
}

/** Newest first. */
export async function listOrders({ channel, status, paymentStatus, q, page, perPage = 25 }: OpsOrderFilter) {
  const where = filterWhere({ channel, status, paymentStatus, q });
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        number: orders.number,
        placedAt: orders.placedAt,
        channel: orders.channel,
        email: orders.email,
        status: orders.status,
        paymentStatus: orders.paymentStatus,
        total: orders.total,
        currency: orders.currency,
        settlementTotal: orders.settlementTotal,
        settlementCurrency: orders.settlementCurrency,
      })
      .from(orders)
      .where(where)
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ total: count() }).from(orders).where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, placedAt: r.placedAt.toISOString() })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
  };
}

export type HistoryEntry = {
  key: string;
  at: string;
  source: "order" | "production";
  /** "refunded", "shipped" … or the production status reached ("offered", "cancelled"). */
  type: string;
  summary: string;
  /** Who, as recorded ("staff:12", "artisan:360", "dispatch"): name it with the audit domain's resolveActors. */
  actor: string;
  requestNumber: string | null;
};

/** The order page: lines and where each unit comes from, money in and out, shipments, and the full history. */
export async function orderDetail(number: string) {
  const [order] = await db.select().from(orders).where(eq(orders.number, number));
  if (!order) return null;
  const [lines, requests, paymentRows, refundRows, shipmentRows, orderEventRows, productionEventRows, invoiceRows, emailedCards] =
    await Promise.all([
      db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.id)),
      db
        .select({
          id: productionRequests.id,
          number: productionRequests.number,
          orderLineId: productionRequests.orderLineId,
          status: productionRequests.status,
          quantity: productionRequests.quantity,
          dueDate: productionRequests.dueDate,
          late: productionRequests.late,
          artisanId: productionRequests.artisanId,
          artisanName: artisans.firstName,
          artisanLastName: artisans.lastName,
          artisanSettlement: artisans.settlement,
        })
        .from(productionRequests)
        .leftJoin(artisans, eq(artisans.id, productionRequests.artisanId))
        .where(eq(productionRequests.orderId, order.id))
        .orderBy(asc(productionRequests.id)),
      db.select().from(payments).where(eq(payments.orderId, order.id)).orderBy(asc(payments.createdAt), asc(payments.id)),
      db.select().from(refunds).where(eq(refunds.orderId, order.id)).orderBy(asc(refunds.createdAt), asc(refunds.id)),
      db.select().from(shipments).where(eq(shipments.orderId, order.id)).orderBy(asc(shipments.shippedAt)),
      db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(asc(orderEvents.at), asc(orderEvents.id)),
      db
        .select({ event: productionEvents, requestNumber: productionRequests.number })
        .from(productionEvents)
        .innerJoin(productionRequests, eq(productionRequests.id, productionEvents.requestId))
        .where(eq(productionEvents.orderId, order.id))
        .orderBy(asc(productionEvents.at), asc(productionEvents.id)),
      db
        .select({
          number: schema.invoices.number,
          status: schema.invoices.status,
          amount: schema.invoices.amount,
          amountPaid: schema.invoices.amountPaid,
          dueDate: schema.invoices.dueDate,
          currency: schema.invoices.currency,
        })
        .from(schema.invoices)
        .where(eq(schema.invoices.orderId, order.id)),
      // Cards bought to be emailed: what the order delivers instead of (or beside) a parcel.
      cardsEmailedFor(order.id),
    ]);
  const lineIds = lines.map((l) => l.id);
  const allocationRows = lineIds.length
    ? await db
        .select({ allocation: allocations, locationName: locations.name, locationCode: locations.code })
        .from(allocations)
        .leftJoin(locations, eq(locations.id, allocations.locationId))
        .where(inArray(allocations.orderLineId, lineIds))
        .orderBy(asc(allocations.id))
    : [];

  const requestsById = new Map(requests.map((r) => [r.id, r]));
  const money = (amount: unknown, currency: unknown) => ({ amount: Number(amount), currency: String(currency ?? order.currency) });

  const history: Array<HistoryEntry & { money: { amount: number; currency: string } | null; seq: number }> = [
    ...orderEventRows.map((e) => ({
      key: `o${e.id}`,
      at: e.at.toISOString(),
      source: "order" as const,
      type: e.type,
      summary: orderEventSummary(e.type, e.data),
      money: typeof e.data.amount === "number" ? money(e.data.amount, e.data.currency) : null,
      actor: e.actor ?? "system",
      requestNumber: null,
      seq: e.id,
    })),
    ...productionEventRows.map(({ event, requestNumber }) => ({
      key: `p${event.id}`,
      at: event.at.toISOString(),
      source: "production" as const,
      type: event.toStatus,
      summary: `${event.fromStatus ? `${words(event.fromStatus)} → ` : ""}${words(event.toStatus)}${event.note ? `: ${event.note}` : ""}`,
      money: null,
      actor: event.actor ?? "system",
      requestNumber,
      seq: event.id,
    })),
  ];
  // One clock for both tables; within the same instant the order's own event comes first.
  history.sort((a, b) => a.at.localeCompare(b.at) || (a.source === b.source ? a.seq - b.seq : a.source === "order" ? -1 : 1));

  const paid = paymentRows.filter((p) => p.status === "succeeded").reduce((sum, p) => sum + p.amount, 0);
  const refunded = refundedTotal(refundRows);
  // Failed through Stripe with no key kept (before refunds kept theirs): nothing here can ask Stripe
  // whether it was made after all (docs/decisions/0020), so staff are told to look before refunding.
  // Stripe's refusal made nothing: only one left unanswered (or failed before that was kept) is named.
  const stripePayments = new Map(paymentRows.filter((p) => p.provider === "stripe").map((p) => [p.id, p.providerRef]));
  const unverifiable = refundRows
    .filter(
      (r) =>
        r.status === "failed" &&
        r.failure !== "refused" &&
        r.idempotencyKey === null &&
        r.providerRef === null &&
        stripePayments.has(r.paymentId ?? -1),
    )
    .map((r) => ({
      id: r.id,
      amount: r.amount,
      currency: r.currency,
      createdAt: r.createdAt.toISOString(),
      payment: stripePayments.get(r.paymentId ?? -1) ?? null,
    }));

  return {
    order: {
      number: order.number,
      channel: order.channel,
      status: order.status,
      paymentStatus: order.paymentStatus,
      email: order.email,
      placedAt: order.placedAt.toISOString(),
      cancelledAt: order.cancelledAt?.toISOString() ?? null,
      currency: order.currency,
      shippingAddress: order.shippingAddress,
      shippingMethod: order.shippingMethod,
      totals: {
        subtotal: order.subtotal,
        discountTotal: order.discountTotal,
        shippingTotal: order.shippingTotal,
        taxTotal: order.taxTotal,
        total: order.total,
      },
      includedTax: includedTaxOf(order),
      market: order.market,
      /** What the order settles as in USD and the rate it was taken at; null where none (wholesale in a retailer's currency). */
      settlement:
        order.currency !== order.settlementCurrency && order.settlementTotal !== null && order.settlementRatePpm !== null
          ? { amount: order.settlementTotal, currency: order.settlementCurrency, ratePpm: order.settlementRatePpm }
          : null,
      discountCode: order.discountCode,
      statusPath: statusPath(order.number),
    },
    lines: lines.map((line) => ({
      id: line.id,
      title: line.title,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      total: line.total,
      allocations: allocationRows
        .filter((a) => a.allocation.orderLineId === line.id)
        .map(({ allocation, locationName, locationCode }) => {
          const request = allocation.productionRequestId ? requestsById.get(allocation.productionRequestId) : undefined;
          return {
            id: allocation.id,
            kind: allocation.kind,
            quantity: allocation.quantity,
            released: allocation.releasedAt !== null,
            location: locationName ? { name: locationName, code: locationCode ?? "" } : null,
            request: request
              ? {
                  number: request.number,
                  status: request.status,
                  dueDate: request.dueDate,
                  late: request.late,
                  artisan: request.artisanName
                    ? {
                        name: [request.artisanName, request.artisanLastName].filter(Boolean).join(" "),
                        settlement: request.artisanSettlement ?? "",
                      }
                    : null,
                }
              : null,
          };
        }),
    })),
    // Requests split off by dispatch point at the line, not at an allocation: list them all too.
    requests: requests.map((r) => ({
      number: r.number,
      status: r.status,
      quantity: r.quantity,
      dueDate: r.dueDate,
      late: r.late,
      artisan: r.artisanName
        ? { name: [r.artisanName, r.artisanLastName].filter(Boolean).join(" "), settlement: r.artisanSettlement ?? "" }
        : null,
    })),
    payments: paymentRows.map((p) => ({
      id: p.id,
      provider: p.provider,
      providerRef: p.providerRef,
      amount: p.amount,
      currency: p.currency,
      status: p.status,
      createdAt: p.createdAt.toISOString(),
    })),
    refunds: refundRows.map((r) => ({
      id: r.id,
      amount: r.amount,
      currency: r.currency,
      reason: r.reason,
      status: r.status,
      providerRef: r.providerRef,
      createdAt: r.createdAt.toISOString(),
    })),
    invoices: invoiceRows,
    emailedCards,
    shipments: shipmentRows.map((s) => ({
      id: s.id,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      shippedAt: s.shippedAt.toISOString(),
      deliveredAt: s.deliveredAt?.toISOString() ?? null,
    })),
    money: { paid, refunded, refundable: maxRefundable({ paid, refunded }) },
    unverifiable,
    history: history.map(({ seq: _seq, ...entry }) => entry),
  };
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof orderDetail>>>;

function words(status: string) {
  return status.replace(/_/g, " ");
}

function orderEventSummary(type: string, data: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  switch (type) {
    case "placed":
      return `Placed (${text(data.channel) || "web"})`;
    case "paid":
      return "Paid";
    case "refunded":
      // Stripe's charge.refunded event for money no refund here asked for (applyRefundTotal).
      if (typeof data.totalRefunded === "number" && !text(data.reason)) return "Refunded through Stripe (not from this console)";
      return `Refunded${data.status === "pending" ? " (pending at the provider)" : ""}${
        data.adopted ? " after all (an attempt answered as failed, found at the provider)" : ""
      }: ${text(data.reason)}`;
    case "refund_found":
      // The amount is the return's own line once its retry records it: not shown twice.
      return `${text(data.returnNumber) ? `Return ${text(data.returnNumber)}'s refund` : "A refund"} that timed out did go through after all (found at the provider): it counts as refunded; "Try the refund again" on the return records it and sends nothing more`;
    case "refund_failed":
      return `Refund failed: ${text(data.error)}`;
    case "cancelled": {
      const parts = ["Cancelled"];
      if (text(data.reason)) parts[0] += `: ${text(data.reason)}`;
      if (list(data.cancelledRequests).length) parts.push(`production cancelled ${list(data.cancelledRequests).join(", ")}`);
      if (list(data.keptRequests).length) parts.push(`still being made ${list(data.keptRequests).join(", ")}`);
      if (typeof data.releasedUnits === "number" && data.releasedUnits > 0) parts.push(`${data.releasedUnits} reserved back to stock`);
      return parts.join("; ");
    }
    case "ready":
      return "Ready to pack";
    case "packed":
      return "Packed";
    case "shipped":
      return `Shipped with ${text(data.carrier)}, tracking ${text(data.trackingNumber)}`;
    case "delivered":
      return "Delivered";
    default:
      return words(type).replace(/^./, (c) => c.toUpperCase());
  }
}

/** Just enough to read a form against the order (its currency), or null for an unknown number. */
export async function orderCurrency(number: string): Promise<string | null> {
  const [row] = await db.select({ currency: orders.currency }).from(orders).where(eq(orders.number, number));
  return row?.currency ?? null;
}
