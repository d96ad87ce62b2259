import { and, eq, inArray, sql } from "drizzle-orm";
import type { Address, Channel } from "#db/schema";
import { enqueueJob } from "~/modules/jobs/enqueue.server";
import { reserveStock } from "~/modules/inventory/reserve.server";
import { schema, type Executor } from "~/utils/db.server";
import { addDays, isoDate } from "./dates";

export type OrderLineInput = { variantId: number; quantity: number; unitPrice: number };

export type CommitOrderInput = {
  channel: Channel;
  email: string;
  customerId?: number | null;
  retailerId?: number | null;
  shippingAddress?: Address | null;
  shippingMethod?: string | null;
  currency: string;
  lines: OrderLineInput[];
  totals: { subtotal: number; discountTotal: number; shippingTotal: number; taxTotal: number; total: number };
  discountCode?: string | null;
  idempotencyKey: string;
  /** Stock locations that may fill this order, by code (web: fulfilment centre and hub; POS: the store). */
  stockLocationCodes: string[];
  payment?: { provider: string; providerRef: string; amount: number; currency: string } | null;
  paymentStatus: "paid" | "on_terms" | "pending";
  actor: string;
  today?: Date;
};

export type CommittedOrder = { id: number; number: string; created: boolean };

/**
 * The one place an order is made, for every channel. Inside the caller's transaction: the order and
 * its lines, stock reserved with conditional updates, each line allocated to stock or to new
 * production requests, the events, and the jobs that dispatch the work and send the confirmation.
 * The same idempotency key twice returns the first order and changes nothing.
 */
export async function commitOrder(tx: Executor, input: CommitOrderInput): Promise<CommittedOrder> {
  const [existing] = await tx.select({ id: schema.orders.id, number: schema.orders.number }).from(schema.orders).where(eq(schema.orders.idempotencyKey, input.idempotencyKey));
  if (existing) return { ...existing, created: false };

  const [{ next }] = await tx.execute<{ next: string }>(sql`select nextval('order_numbers')::text as next`);
  const number = `SK-${next}`;
  const [order] = await tx
    .insert(schema.orders)
    .values({
      number,
      channel: input.channel,
      status: "open",
      paymentStatus: input.paymentStatus,
      customerId: input.customerId ?? null,
      retailerId: input.retailerId ?? null,
      email: input.email,
      shippingAddress: input.shippingAddress ?? null,
      shippingMethod: input.shippingMethod ?? null,
      currency: input.currency,
      ...input.totals,
      discountCode: input.discountCode ?? null,
      idempotencyKey: input.idempotencyKey,
    })
    // A concurrent submit with the same key lost the race to us or we to it: the unique index decides.
    .onConflictDoNothing({ target: schema.orders.idempotencyKey })
    .returning({ id: schema.orders.id });
  if (!order) {
    const [winner] = await tx.select({ id: schema.orders.id, number: schema.orders.number }).from(schema.orders).where(eq(schema.orders.idempotencyKey, input.idempotencyKey));
    return { ...winner, created: false };
  }

  // Same variant order in every transaction, so concurrent checkouts lock stock rows without deadlock.
  const lines = [...input.lines].sort((a, b) => a.variantId - b.variantId);
  const variantRows = await tx
    .select({ id: schema.variants.id, sku: schema.variants.sku, variantTitle: schema.variants.title, productTitle: schema.products.title, leadTimeDays: schema.variants.leadTimeDays, pieceRate: schema.variants.pieceRate, pieceRateCurrency: schema.variants.pieceRateCurrency })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(inArray(schema.variants.id, lines.map((l) => l.variantId)));
  const variantsById = new Map(variantRows.map((v) => [v.id, v]));
  const locationRows = input.stockLocationCodes.length
    ? await tx.select({ id: schema.locations.id }).from(schema.locations).where(inArray(schema.locations.code, input.stockLocationCodes))
    : [];
  const locationIds = locationRows.map((l) => l.id);
  const today = input.today ?? new Date();

  let productionUnits = 0;
  for (const line of lines) {
    const variant = variantsById.get(line.variantId);
    if (!variant) throw new Response(`Unknown variant ${line.variantId}`, { status: 422 });
    const [orderLine] = await tx
      .insert(schema.orderLines)
      .values({
        orderId: order.id,
        variantId: line.variantId,
        sku: variant.sku,
        title: variant.variantTitle && variant.variantTitle !== "Default" ? `${variant.productTitle} — ${variant.variantTitle}` : variant.productTitle,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        total: line.unitPrice * line.quantity,
      })
      .returning({ id: schema.orderLines.id });

    const reserved = await reserveStock(tx, line.variantId, line.quantity, locationIds, number);
    const fromStock = reserved.reduce((sum, r) => sum + r.quantity, 0);
    if (reserved.length) {
      await tx.insert(schema.allocations).values(reserved.map((r) => ({ orderLineId: orderLine.id, kind: "stock" as const, locationId: r.locationId, quantity: r.quantity })));
    }
    const toMake = line.quantity - fromStock;
    if (toMake > 0) {
      productionUnits += toMake;
      const [{ prNext }] = await tx.execute<{ prNext: string }>(sql`select nextval('production_request_numbers')::text as "prNext"`);
      const [request] = await tx
        .insert(schema.productionRequests)
        .values({
          number: `PR-${prNext}`,
          orderId: order.id,
          orderLineId: orderLine.id,
          variantId: line.variantId,
          quantity: toMake,
          pieceRate: variant.pieceRate,
          pieceRateCurrency: variant.pieceRateCurrency,
          dueDate: isoDate(addDays(today, variant.leadTimeDays)),
          status: "unassigned",
        })
        .returning({ id: schema.productionRequests.id });
      await tx.insert(schema.allocations).values({ orderLineId: orderLine.id, kind: "production", productionRequestId: request.id, quantity: toMake });
      await tx.insert(schema.productionEvents).values({ requestId: request.id, orderId: order.id, fromStatus: null, toStatus: "unassigned", actor: "system", note: `${toMake} to make` });
    }
  }

  if (input.discountCode) {
    await tx.update(schema.discountCodes).set({ usedCount: sql`${schema.discountCodes.usedCount} + 1` }).where(sql`upper(${schema.discountCodes.code}) = upper(${input.discountCode})`);
  }
  if (input.payment) {
    await tx.insert(schema.payments).values({ orderId: order.id, provider: input.payment.provider, providerRef: input.payment.providerRef, amount: input.payment.amount, currency: input.payment.currency, status: "succeeded" })
      .onConflictDoNothing();
  }
  await tx.insert(schema.orderEvents).values([
    { orderId: order.id, type: "placed", actor: input.actor, data: { channel: input.channel } },
    ...(input.paymentStatus === "paid" ? [{ orderId: order.id, type: "paid", actor: input.payment?.provider ?? "system", data: { amount: input.totals.total, currency: input.currency } }] : []),
  ]);
  if (productionUnits > 0) {
    await tx.update(schema.orders).set({ status: "in_production" }).where(and(eq(schema.orders.id, order.id)));
    // One queue: dispatch plans never race each other for the same artisans' capacity.
    await enqueueJob(tx, "dispatch_requests", { orderId: order.id }, { queueName: "dispatch", jobKey: `dispatch:order:${order.id}` });
  }
  await enqueueJob(tx, "order_placed", { orderId: order.id }, { jobKey: `order_placed:${order.id}` });
  return { id: order.id, number, created: true };
}
