import { eq, inArray, sql } from "drizzle-orm";
import type { Address, Channel } from "#db/schema";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { reserveStock } from "~/domain/inventory/index.server";
import { schema, type Executor } from "~/lib/db.server";
import { addDays, isoDate } from "./dates";
import { Refusal } from "~/lib/refusal";

/**
 * `discount`: minor units off the whole line (POS line discounts). `giftCard`: the line sells a gift
 * card (domain/giftcards issues it in the same transaction): nothing to reserve or make, and two
 * cards of different values are two lines.
 */
export type OrderLineInput = { variantId: number; quantity: number; unitPrice: number; discount?: number; giftCard?: boolean };

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
  /**
   * The payment the order was paid with. With `idempotencyKey`, the charge's row already on record
   * under that key (a web checkout writes it before charging) becomes this order's; otherwise a new row.
   */
  payment?: { provider: string; providerRef: string; amount: number; currency: string; idempotencyKey?: string } | null;
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
  const lines = mergeLines(input.lines);
  const [[order], variantRows, locationRows] = await Promise.all([
    tx
      .insert(schema.orders)
      .values({
        number: sql`'SK-' || nextval('order_numbers')`,
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
      // The same submit key twice: the unique index keeps the first order, and we return it.
      .onConflictDoNothing({ target: schema.orders.idempotencyKey })
      .returning({ id: schema.orders.id, number: schema.orders.number }),
    tx
      .select({
        id: schema.variants.id,
        sku: schema.variants.sku,
        variantTitle: schema.variants.title,
        productTitle: schema.products.title,
        leadTimeDays: schema.variants.leadTimeDays,
        pieceRate: schema.variants.pieceRate,
        pieceRateCurrency: schema.variants.pieceRateCurrency,
      })
      .from(schema.variants)
      .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
      .where(
        inArray(
          schema.variants.id,
          lines.map((l) => l.variantId),
        ),
      ),
    input.stockLocationCodes.length
      ? tx.select({ id: schema.locations.id }).from(schema.locations).where(inArray(schema.locations.code, input.stockLocationCodes))
      : Promise.resolve([]),
  ]);
  if (!order) {
    const [first] = await tx
      .select({ id: schema.orders.id, number: schema.orders.number })
      .from(schema.orders)
      .where(eq(schema.orders.idempotencyKey, input.idempotencyKey));
    return { ...first, created: false };
  }
  const { number } = order;
  const variantsById = new Map(variantRows.map((v) => [v.id, v]));
  const locationIds = locationRows.map((l) => l.id);
  const today = input.today ?? new Date();

  // The lines and the stock reservations do not wait for each other: sent together on the
  // transaction's connection (one round trip), the reservations still run one after another in
  // variant order, so concurrent checkouts lock rows without deadlock.
  const [orderLines, reservations] = await Promise.all([
    tx
      .insert(schema.orderLines)
      .values(
        lines.map((line) => {
          const variant = variantsById.get(line.variantId);
          if (!variant) throw new Refusal(422, `Unknown variant ${line.variantId}`);
          return {
            orderId: order.id,
            variantId: line.variantId,
            sku: variant.sku,
            title:
              variant.variantTitle && variant.variantTitle !== "Default"
                ? `${variant.productTitle} — ${variant.variantTitle}`
                : variant.productTitle,
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            discount: line.discount ?? 0,
            total: line.unitPrice * line.quantity - (line.discount ?? 0),
          };
        }),
      )
      .returning({ id: schema.orderLines.id, variantId: schema.orderLines.variantId }),
    Promise.all(lines.map((line) => (line.giftCard ? [] : reserveStock(tx, line.variantId, line.quantity, locationIds, number)))),
  ]);
  const lineIdByVariant = new Map(orderLines.map((l) => [l.variantId, l.id]));

  // Stock first, the rest to make.
  const stockAllocations: Array<typeof schema.allocations.$inferInsert> = [];
  const toMake: Array<{ line: OrderLineInput; orderLineId: number; quantity: number }> = [];
  lines.forEach((line, i) => {
    if (line.giftCard) return;
    const orderLineId = lineIdByVariant.get(line.variantId)!;
    const reserved = reservations[i];
    for (const r of reserved) stockAllocations.push({ orderLineId, kind: "stock", locationId: r.locationId, quantity: r.quantity });
    const remaining = line.quantity - reserved.reduce((sum, r) => sum + r.quantity, 0);
    if (remaining > 0) toMake.push({ line, orderLineId, quantity: remaining });
  });

  const requests = toMake.length
    ? await tx
        .insert(schema.productionRequests)
        .values(
          toMake.map(({ line, orderLineId, quantity }) => {
            const variant = variantsById.get(line.variantId)!;
            return {
              number: sql`'PR-' || nextval('production_request_numbers')`,
              orderId: order.id,
              orderLineId,
              variantId: line.variantId,
              quantity,
              pieceRate: variant.pieceRate,
              pieceRateCurrency: variant.pieceRateCurrency,
              dueDate: isoDate(addDays(today, variant.leadTimeDays)),
              status: "unassigned" as const,
            };
          }),
        )
        .returning({
          id: schema.productionRequests.id,
          orderLineId: schema.productionRequests.orderLineId,
          quantity: schema.productionRequests.quantity,
        })
    : [];
  const allocations = [
    ...stockAllocations,
    ...requests.map((r) => ({ orderLineId: r.orderLineId!, kind: "production" as const, productionRequestId: r.id, quantity: r.quantity })),
  ];

  // Independent writes, sent together on the transaction's connection.
  await Promise.all([
    allocations.length ? tx.insert(schema.allocations).values(allocations) : null,
    requests.length
      ? tx.insert(schema.productionEvents).values(
          requests.map((r) => ({
            requestId: r.id,
            orderId: order.id,
            fromStatus: null,
            toStatus: "unassigned",
            actor: "system",
            note: `${r.quantity} to make`,
          })),
        )
      : null,
    input.discountCode
      ? tx
          .update(schema.discountCodes)
          .set({ usedCount: sql`${schema.discountCodes.usedCount} + 1` })
          .where(sql`upper(${schema.discountCodes.code}) = upper(${input.discountCode})`)
      : null,
    input.payment?.idempotencyKey
      ? tx
          .insert(schema.payments)
          .values({
            orderId: order.id,
            provider: input.payment.provider,
            providerRef: input.payment.providerRef,
            idempotencyKey: input.payment.idempotencyKey,
            amount: input.payment.amount,
            currency: input.payment.currency,
            status: "succeeded",
          })
          .onConflictDoUpdate({ target: schema.payments.idempotencyKey, set: { orderId: order.id, updatedAt: sql`now()` } })
      : input.payment
        ? tx
            .insert(schema.payments)
            .values({
              orderId: order.id,
              provider: input.payment.provider,
              providerRef: input.payment.providerRef,
              amount: input.payment.amount,
              currency: input.payment.currency,
              status: "succeeded",
            })
            .onConflictDoNothing()
        : null,
    tx.insert(schema.orderEvents).values([
      { orderId: order.id, type: "placed", actor: input.actor, data: { channel: input.channel } },
      ...(input.paymentStatus === "paid"
        ? [
            {
              orderId: order.id,
              type: "paid",
              actor: input.payment?.provider ?? "system",
              data: { amount: input.totals.total, currency: input.currency },
            },
          ]
        : []),
    ]),
    requests.length ? tx.update(schema.orders).set({ status: "in_production" }).where(eq(schema.orders.id, order.id)) : null,
    // One queue: dispatch plans never race each other for the same artisans' capacity.
    requests.length
      ? enqueueJob(tx, "dispatch_requests", { orderId: order.id }, { queueName: "dispatch", jobKey: `dispatch:order:${order.id}` })
      : null,
    enqueueJob(tx, "order_placed", { orderId: order.id }, { jobKey: `order_placed:${order.id}` }),
  ]);
  return { id: order.id, number, created: true };
}

/** One line per variant (quantities summed), in variant order. Two prices for one variant is a caller's bug. */
function mergeLines(lines: OrderLineInput[]): OrderLineInput[] {
  const byVariant = new Map<number, OrderLineInput>();
  const giftCards = lines.filter((line) => line.giftCard);
  for (const line of lines) {
    if (line.giftCard) continue;
    const seen = byVariant.get(line.variantId);
    if (seen && seen.unitPrice !== line.unitPrice) throw new Refusal(422, `Variant ${line.variantId} appears at two prices`);
    byVariant.set(
      line.variantId,
      seen ? { ...seen, quantity: seen.quantity + line.quantity, discount: (seen.discount ?? 0) + (line.discount ?? 0) } : { ...line },
    );
  }
  return [...[...byVariant.values()].sort((a, b) => a.variantId - b.variantId), ...giftCards];
}
