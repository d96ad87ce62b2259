/**
 * What operations staff do to an order after it is placed: refund (full or partial, through the
 * payment provider), cancel (stops production not yet started, gives reserved stock back), and the
 * fulfilment tail (packed → shipped → delivered). Each action locks the order row, checks the rules
 * in ./refund-rules, writes its order event and an audit row in the same transaction, and answers
 * with a result the route turns into a message: refusals never throw and never half-write.
 */
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { invoiceVoidedEntry } from "~/domain/ledger";
import { postEntry } from "~/domain/ledger/index.server";
import { advanceRequest } from "~/domain/production/index.server";
import { releaseReservation } from "~/domain/inventory/index.server";
import { formatMoney } from "~/lib/money";
import { Refusal, type Refused } from "~/lib/refusal";
import { refusable } from "~/lib/transaction.server";
import { queueEmail } from "~/domain/notifications/index.server";
import { schema, type Executor } from "~/lib/db.server";
import {
  adoptedRefundsMessage,
  checkRefundAmount,
  keptPiecesMessage,
  maxRefundable,
  orderActionRefusal,
  planCancellation,
  refundIdempotencyKey,
  unfinishedPiecesMessage,
} from "./refund-rules";
import { adoptTimedOutRefunds, recordRefundMade } from "./refund-made.server";
import { refundThroughPayment, refundableBalance, refundablePayment } from "./refunds.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { GIFT_CARDS_ONLY_MESSAGE, shipmentProblem, trackingUrl } from "./shipping-rules";
import { GIFT_CARD_SKU } from "~/domain/giftcards/index.server";
import { statusUrl } from "./status-link.server";

const {
  orders,
  orderEvents,
  orderLines,
  allocations,
  productionRequests,
  productionEvents,
  inventoryLevels,
  inventoryMovements,
  shipments,
  locations,
  refunds,
} = schema;

export type { Refused };
export type Done<T = object> = { ok: true; message: string } & T;
export type Result<T = object> = Done<T> | Refused;

/**
 * A Refusal thrown inside rolls the transaction back and comes back as a Refused result (returning a
 * Refused result instead commits what was written: a failed provider refund is kept that way).
 */
const transaction = <T>(work: (tx: Executor) => Promise<Result<T>>): Promise<Result<T>> => refusable(work);

/** The order, locked until the transaction ends: one action at a time per order. */
async function lockOrder(tx: Executor, number: string) {
  const [order] = await tx.select().from(orders).where(eq(orders.number, number)).for("update");
  if (!order) throw new Refusal(404, `There is no order ${number}.`);
  return order;
}

const subjectOf = (number: string) => `order:${number}`;

// ---------------------------------------------------------------- refund

export type RefundInput = {
  number: string;
  /** Minor units, or everything still refundable. */
  amount: number | "remaining";
  reason: string;
  /** The uuid the form was drawn with: the same form submitted twice refunds once. */
  formKey: string;
  actor: string;
};

export type RefundDone = { refundId: number; amount: number; currency: string; duplicate: boolean; paymentStatus: string };

/**
 * Refunds through the provider that took the payment. The order row stays locked across the provider
 * call, so refunds of one order run one at a time: the cap (paid minus refunded) always sees the
 * refunds before it, and a second submit of the same form waits, then finds the first one's event.
 * The provider gets an idempotency key derived from the form's key, so even a retry after a crash
 * between the provider's answer and our commit refunds once. A provider failure is recorded as a
 * failed refund (never succeeded), with its key, and reported. Before anything new is sent, the
 * order's refunds recorded as failed are looked up at the provider by their keys, whichever path
 * asked for them (this console, a return): one it made after all (a timeout, a dropped connection)
 * counts against the cap, so staff refunding again from a new form don't refund the shopper twice
 * (docs/decisions/0020).
 */
export async function refundOrder(input: RefundInput): Promise<Result<RefundDone>> {
  return transaction<RefundDone>(async (tx) => {
    const order = await lockOrder(tx, input.number);
    const adopted = await adoptTimedOutRefunds(tx, order, input.actor);
    const found = adoptedRefundsMessage(adopted, order.currency);
    try {
      return await sendRefund(tx, order, input, { found, adopted: adopted.map((a) => a.refundId) });
    } catch (error) {
      // What was found is kept (a Refusal thrown would roll it back): the refusal is returned instead.
      if (!(found && error instanceof Refusal)) throw error;
      return { ok: false, status: error.status, message: `${found} Nothing more was refunded. ${error.message}` };
    }
  });
}

async function sendRefund(
  tx: Executor,
  order: typeof orders.$inferSelect,
  input: RefundInput,
  /** The refunds just found at the provider, and what staff are told of them first (adoptedRefundsMessage). */
  { found, adopted }: { found: string; adopted: number[] },
): Promise<Result<RefundDone>> {
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  const say = (words: string) => (found ? `${found} ${words}` : words);
  const more = found ? " more" : "";
  const [already] = await tx
    .select({ data: orderEvents.data })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, "refunded"), sql`${orderEvents.data}->>'key' = ${input.formKey}`))
    .limit(1);
  if (already) {
    const data = already.data as { refundId: number; amount: number };
    return {
      ok: true,
      message: adopted.includes(data.refundId)
        ? say("Nothing more was refunded.")
        : say(`That refund of ${money(data.amount)} was already made; nothing more was refunded.`),
      refundId: data.refundId,
      amount: data.amount,
      currency: order.currency,
      duplicate: true,
      paymentStatus: (await currentPaymentStatus(tx, order.id)) ?? order.paymentStatus,
    };
  }

  const balance = await refundableBalance(tx, order.id);
  const amount = input.amount === "remaining" ? maxRefundable(balance) : input.amount;
  const check = checkRefundAmount(amount, { ...balance, currency: order.currency });
  if (!check.ok) throw new Refusal(422, check.message);

  const choice = refundablePayment(balance, amount);
  if (!choice.ok && choice.why === "no_room") {
    throw new Refusal(422, `No single payment on this order has ${money(amount)} left to refund. Refund in smaller parts.`);
  }
  if (!choice.ok) {
    throw new Refusal(409, `This payment was taken through "${choice.provider}", which this console can't refund. Refund it there.`);
  }
  const sent = await refundThroughPayment(tx, {
    orderId: order.id,
    currency: order.currency,
    choice,
    amount,
    reason: input.reason,
    idempotencyKey: await nextRefundKey(tx, order, input.formKey),
    actor: input.actor,
    // Kept where a later refund of the order looks for it if the provider's answer never came.
    storeKey: true,
  });
  const error = sent.error;
  if (error !== null) {
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "refund_failed",
      actor: input.actor,
      data: { refundId: sent.refundId, amount, currency: order.currency, reason: input.reason, error },
    });
    await audit(tx, {
      actor: input.actor,
      action: "order.refund_failed",
      subject: subjectOf(order.number),
      data: { refundId: sent.refundId, amount, currency: order.currency, error },
    });
    // Committed on purpose: the failed attempt stays in the history; no money moved.
    return {
      ok: false,
      status: 502,
      message: say(`The payment provider didn't refund ${money(amount)}: ${error} Nothing${more} was refunded.`),
    };
  }

  const paymentStatus = await recordRefundMade(
    tx,
    order,
    {
      refundId: sent.refundId,
      paymentId: choice.payment.id,
      amount,
      reason: input.reason,
      status: sent.status === "pending" ? "pending" : "succeeded",
      providerRef: sent.providerRef,
      formKey: input.formKey,
      toGiftCard: choice.giftCardId !== null,
      adopted: false,
    },
    input.actor,
  );
  return {
    ok: true,
    message:
      sent.status === "pending"
        ? say(`Refund of ${money(amount)}${more} requested; the provider is still processing it.`)
        : say(`Refunded ${money(amount)}${more}.`),
    refundId: sent.refundId,
    amount,
    currency: order.currency,
    duplicate: false,
    paymentStatus,
  };
}

/**
 * The provider's key for this form's next attempt: the form's own key the first time (or again
 * after a crash left no row), numbered after an attempt recorded as failed, which `adoptTimedOutRefunds`
 * has just found was not made. Each refunds row keeps its key (the index on it is unique).
 */
async function nextRefundKey(tx: Executor, order: { id: number; number: string }, formKey: string) {
  const first = refundIdempotencyKey(order.number, formKey);
  const [{ attempts }] = await tx
    .select({ attempts: sql<number>`count(*)::int` })
    .from(refunds)
    .where(
      and(
        eq(refunds.orderId, order.id),
        sql`(${refunds.idempotencyKey} = ${first} or starts_with(${refunds.idempotencyKey}, ${`${first}:`}))`,
      ),
    );
  return refundIdempotencyKey(order.number, formKey, attempts + 1);
}

async function currentPaymentStatus(tx: Executor, orderId: number) {
  const [row] = await tx.select({ paymentStatus: orders.paymentStatus }).from(orders).where(eq(orders.id, orderId));
  return row?.paymentStatus;
}

// ---------------------------------------------------------------- cancel

export type CancelInput = {
  number: string;
  actor: string;
  reason?: string;
  /** Refund everything still refundable once the cancellation has committed. */
  refundRemaining?: { formKey: string } | null;
};

export type CancelDone = {
  cancelledRequests: string[];
  keptRequests: string[];
  releasedUnits: number;
  refund: Result<RefundDone> | null;
};

/**
 * A cancelled terms order's invoice goes with it, so the retailer owes nothing and the books no
 * longer say they do: an open invoice with nothing paid is voided and its receivable reversed (one
 * ledger entry). One already partly paid, or finalised at Stripe, stays open for finance to settle
 * there; the words say which. Null when the order has no invoice (web and register orders).
 */
async function voidInvoiceOfCancelledOrder(
  tx: Executor,
  order: { id: number; number: string; settlementCurrency: string; settlementRatePpm: number | null },
  actor: string,
): Promise<string | null> {
  const [invoice] = await tx
    .select()
    .from(schema.invoices)
    .where(and(eq(schema.invoices.orderId, order.id), sql`${schema.invoices.status} <> 'void'`))
    .for("update");
  if (invoice?.status !== "open") return null;
  if (invoice.amountPaid > 0)
    return `Invoice ${invoice.number} is partly paid (${formatMoney({ amount: invoice.amountPaid, currency: invoice.currency })}), so it stays open for finance to settle.`;
  if (invoice.provider === "stripe" && invoice.providerRef)
    return `Invoice ${invoice.number} is with Stripe: void it there; it stays open here until then.`;
  await tx.update(schema.invoices).set({ status: "void" }).where(eq(schema.invoices.id, invoice.id));
  await postEntry(
    tx,
    invoiceVoidedEntry({
      invoiceNumber: invoice.number,
      orderNumber: order.number,
      amount: invoice.amount,
      currency: invoice.currency,
      settlement: { currency: order.settlementCurrency, ratePpm: order.settlementRatePpm },
    }),
  );
  await audit(tx, {
    actor,
    action: "invoice.void",
    subject: `invoice:${invoice.number}`,
    data: { order: order.number, amount: invoice.amount },
  });
  return `Invoice ${invoice.number} is void: the retailer owes nothing on it.`;
}

/**
 * In one transaction: production not yet started is cancelled, reserved stock goes back, the order
 * is cancelled. Work already in progress is left (an artisan is making it) and named in the message.
 * The optional refund runs after the cancellation commits, so a provider failure can't undo it.
 */
export async function cancelOrder(input: CancelInput): Promise<Result<CancelDone>> {
  const cancelled = await transaction<Omit<CancelDone, "refund">>(async (tx) => {
    const order = await lockOrder(tx, input.number);
    const refusal = orderActionRefusal("cancel", order.status);
    if (refusal) throw new Refusal(409, refusal);

    // Locked too, so dispatch can't offer a request while we decide what to cancel.
    const requests = await tx
      .select({
        id: productionRequests.id,
        number: productionRequests.number,
        status: productionRequests.status,
        quantity: productionRequests.quantity,
        artisanId: productionRequests.artisanId,
      })
      .from(productionRequests)
      .where(eq(productionRequests.orderId, order.id))
      .orderBy(asc(productionRequests.id))
      .for("update");
    const plan = planCancellation(requests);
    const note = input.reason ? `Order cancelled: ${input.reason}` : "Order cancelled";
    for (const request of plan.cancel) {
      if (request.via === "transition") {
        await advanceRequest(tx, request.id, "cancelled", input.actor, { note, offerExpiresAt: null });
      } else {
        // Declined and expired requests wait to be offered again; the state machine has no edge to
        // cancelled from there, but an order that no longer exists must not be re-offered.
        await tx
          .update(productionRequests)
          .set({ status: "cancelled", offerExpiresAt: null, updatedAt: sql`now()` })
          .where(eq(productionRequests.id, request.id));
        await tx.insert(productionEvents).values({
          requestId: request.id,
          orderId: order.id,
          artisanId: request.artisanId,
          fromStatus: request.status,
          toStatus: "cancelled",
          actor: input.actor,
          note,
        });
      }
    }

    const open = await tx
      .select({
        id: allocations.id,
        kind: allocations.kind,
        locationId: allocations.locationId,
        productionRequestId: allocations.productionRequestId,
        quantity: allocations.quantity,
        variantId: orderLines.variantId,
      })
      .from(allocations)
      .innerJoin(orderLines, eq(orderLines.id, allocations.orderLineId))
      .where(and(eq(orderLines.orderId, order.id), isNull(allocations.releasedAt)))
      .orderBy(asc(orderLines.variantId), asc(allocations.locationId));
    const cancelledIds = new Set(plan.cancel.map((r) => r.id));
    const released: number[] = [];
    let releasedUnits = 0;
    for (const allocation of open) {
      if (allocation.kind === "stock" && allocation.locationId !== null) {
        await releaseReservation(tx, allocation.variantId, allocation.locationId, allocation.quantity, order.number, input.actor);
        releasedUnits += allocation.quantity;
        released.push(allocation.id);
      } else if (
        allocation.kind === "production" &&
        allocation.productionRequestId !== null &&
        cancelledIds.has(allocation.productionRequestId)
      ) {
        released.push(allocation.id);
      }
    }
    if (released.length) await tx.update(allocations).set({ releasedAt: sql`now()` }).where(inArray(allocations.id, released));

    await tx.update(orders).set({ status: "cancelled", cancelledAt: sql`now()` }).where(eq(orders.id, order.id));
    const invoice = await voidInvoiceOfCancelledOrder(tx, order, input.actor);
    const data = {
      reason: input.reason ?? null,
      previousStatus: order.status,
      cancelledRequests: plan.cancel.map((r) => r.number),
      keptRequests: plan.keep.map((r) => r.number),
      releasedUnits,
      invoice,
    };
    await tx.insert(orderEvents).values({ orderId: order.id, type: "cancelled", actor: input.actor, data });
    await audit(tx, { actor: input.actor, action: "order.cancel", subject: subjectOf(order.number), data });

    const parts = [`Order ${order.number} is cancelled.`];
    if (releasedUnits) parts.push(`${releasedUnits} reserved ${releasedUnits === 1 ? "piece went" : "pieces went"} back to stock.`);
    if (plan.cancel.length)
      parts.push(`${plan.cancel.length} production ${plan.cancel.length === 1 ? "request was" : "requests were"} cancelled.`);
    const kept = keptPiecesMessage(plan.keep);
    if (kept) parts.push(kept);
    if (invoice) parts.push(invoice);
    return {
      ok: true,
      message: parts.join(" "),
      cancelledRequests: data.cancelledRequests,
      keptRequests: data.keptRequests,
      releasedUnits,
    };
  });
  if (!cancelled.ok) return cancelled;

  let refund: Result<RefundDone> | null = null;
  if (input.refundRemaining) {
    refund = await refundOrder({
      number: input.number,
      amount: "remaining",
      reason: input.reason ? `Order cancelled: ${input.reason}` : "Order cancelled",
      formKey: input.refundRemaining.formKey,
      actor: input.actor,
    });
  }
  const message = refund
    ? `${cancelled.message} ${refund.ok ? refund.message : `The refund didn't go through: ${refund.message}`}`
    : cancelled.message;
  return { ...cancelled, message, refund };
}

// ---------------------------------------------------------------- fulfilment

/** Packed at the hub. Only once every piece being made has passed QC. */
export async function markPacked(input: { number: string; actor: string }): Promise<Result> {
  return transaction<object>(async (tx) => {
    const order = await lockOrder(tx, input.number);
    const refusal = orderActionRefusal("pack", order.status);
    if (refusal) throw new Refusal(409, refusal);
    const [goods] = await tx
      .select({ id: orderLines.id })
      .from(orderLines)
      .where(and(eq(orderLines.orderId, order.id), ne(orderLines.sku, GIFT_CARD_SKU)))
      .limit(1);
    if (!goods) throw new Refusal(409, GIFT_CARDS_ONLY_MESSAGE);
    const requests = await tx
      .select({
        id: productionRequests.id,
        number: productionRequests.number,
        status: productionRequests.status,
        quantity: productionRequests.quantity,
      })
      .from(productionRequests)
      .where(eq(productionRequests.orderId, order.id));
    const unfinished = unfinishedPiecesMessage(requests);
    if (unfinished) throw new Refusal(409, unfinished);
    await tx.update(orders).set({ status: "packed" }).where(eq(orders.id, order.id));
    await tx.insert(orderEvents).values({ orderId: order.id, type: "packed", actor: input.actor, data: { previousStatus: order.status } });
    await audit(tx, { actor: input.actor, action: "order.pack", subject: subjectOf(order.number), data: { previousStatus: order.status } });
    return { ok: true, message: `Order ${order.number} is packed.` };
  });
}

/**
 * Handed to the carrier: the shipment row, the stock the order reserved leaves the shelf (on hand and
 * reserved both drop, one movement each), the shipped event and the customer's email, all at once.
 */
export async function shipOrder(input: {
  number: string;
  carrier: string;
  trackingNumber: string;
  actor: string;
}): Promise<Result<{ shipmentId: number }>> {
  // The forms check this first (shipping-rules.ts); any other caller is held to the same rule.
  const problem = shipmentProblem(input);
  if (problem) return { ok: false, status: 422, message: problem };
  return transaction<{ shipmentId: number }>(async (tx) => {
    const order = await lockOrder(tx, input.number);
    const refusal = orderActionRefusal("ship", order.status);
    if (refusal) throw new Refusal(409, refusal);

    const stock = await tx
      .select({
        quantity: allocations.quantity,
        locationId: allocations.locationId,
        variantId: orderLines.variantId,
        sku: orderLines.sku,
        locationName: locations.name,
      })
      .from(allocations)
      .innerJoin(orderLines, eq(orderLines.id, allocations.orderLineId))
      .leftJoin(locations, eq(locations.id, allocations.locationId))
      .where(and(eq(orderLines.orderId, order.id), eq(allocations.kind, "stock"), isNull(allocations.releasedAt)))
      .orderBy(asc(orderLines.variantId), asc(allocations.locationId));
    for (const item of stock) {
      if (item.locationId === null) continue;
      const [level] = await tx
        .update(inventoryLevels)
        .set({ onHand: sql`${inventoryLevels.onHand} - ${item.quantity}`, reserved: sql`${inventoryLevels.reserved} - ${item.quantity}` })
        .where(
          and(
            eq(inventoryLevels.variantId, item.variantId),
            eq(inventoryLevels.locationId, item.locationId),
            sql`${inventoryLevels.reserved} >= ${item.quantity}`,
          ),
        )
        .returning({ onHand: inventoryLevels.onHand });
      if (!level) {
        throw new Refusal(
          409,
          `The stock of ${item.sku} at ${item.locationName ?? "its location"} doesn't show the ${item.quantity} units reserved for this order. Check the inventory before shipping.`,
        );
      }
      await tx.insert(inventoryMovements).values({
        variantId: item.variantId,
        locationId: item.locationId,
        onHandDelta: -item.quantity,
        reservedDelta: -item.quantity,
        reason: "shipped",
        reference: order.number,
        actor: input.actor,
      });
    }

    const [shipment] = await tx
      .insert(shipments)
      .values({ orderId: order.id, carrier: input.carrier, trackingNumber: input.trackingNumber })
      .returning({ id: shipments.id });
    await tx.update(orders).set({ status: "shipped" }).where(eq(orders.id, order.id));
    const data = {
      shipmentId: shipment.id,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      unitsFromStock: stock.reduce((sum, s) => sum + s.quantity, 0),
    };
    await tx.insert(orderEvents).values({ orderId: order.id, type: "shipped", actor: input.actor, data });
    // Whoever follows a shipment reacts after commit (a wholesale order's buyers get the packing list).
    await enqueueJob(tx, "order_shipped", { orderId: order.id }, { jobKey: `order_shipped:${order.id}` });
    await audit(tx, { actor: input.actor, action: "order.ship", subject: subjectOf(order.number), data });
    await queueEmail(tx, {
      template: "order-shipped",
      to: order.email,
      dedupeKey: `shipped:${order.number}`,
      props: {
        orderNumber: order.number,
        customerName: order.shippingAddress?.name,
        carrier: input.carrier,
        trackingNumber: input.trackingNumber,
        trackingUrl: trackingUrl(input.carrier, input.trackingNumber) ?? undefined,
        statusUrl: statusUrl(order.number),
      },
    });
    return {
      ok: true,
      message: `Order ${order.number} shipped with ${input.carrier} (${input.trackingNumber}). The customer has been emailed.`,
      shipmentId: shipment.id,
    };
  });
}

export async function markDelivered(input: { number: string; actor: string }): Promise<Result> {
  return transaction<object>(async (tx) => {
    const order = await lockOrder(tx, input.number);
    const refusal = orderActionRefusal("deliver", order.status);
    if (refusal) throw new Refusal(409, refusal);
    await tx
      .update(shipments)
      .set({ deliveredAt: sql`now()` })
      .where(and(eq(shipments.orderId, order.id), isNull(shipments.deliveredAt)));
    await tx.update(orders).set({ status: "delivered" }).where(eq(orders.id, order.id));
    await tx.insert(orderEvents).values({ orderId: order.id, type: "delivered", actor: input.actor, data: {} });
    await audit(tx, { actor: input.actor, action: "order.deliver", subject: subjectOf(order.number), data: {} });
    return { ok: true, message: `Order ${order.number} is marked delivered.` };
  });
}
