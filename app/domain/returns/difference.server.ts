/**
 * An exchange for a dearer piece (docs/decisions/0020-returns.md): the return waits "awaiting
 * payment" until the shopper pays the difference; nothing is sent, reserved or made before. It is
 * paid by card — the local provider on the server (`payReturnDifference`), or Stripe's Payment
 * Element (`prepareDifferenceIntent`) confirmed by Stripe's word, the signed webhook or the return
 * page's retrieve, whichever comes first (`recordDifferencePaid`, once per intent). Every payment
 * is recorded on the original order; one that does not fit (the return already paid, changed,
 * cancelled or lapsed; another amount or currency) goes straight back through the one refund path.
 * Unpaid, the shopper may switch to a refund or cancel; `expireReturns` lapses what is left unpaid
 * and what never reached the hub.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { exchangeDifferenceEntry } from "~/domain/ledger";
import { postEntry } from "~/domain/ledger/index.server";
import { refundThroughPayment } from "~/domain/orders/index.server";
import type { CardInput } from "~/domain/payments";
import { paymentProvider } from "~/domain/payments/index.server";
import { Refusal } from "~/lib/refusal";
import { refusable } from "~/lib/transaction.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { RETURN_INSTRUCTIONS } from "./address";
import { returnAddress } from "./address.server";
import { loadReturnPolicy } from "./policy.server";
import { RETURN_ARRIVAL_DAYS } from "./rules";
import { lockReturn, money, refundDue, stepEmail, type OrderRow, type Result, type ReturnRow } from "./returns.server";

const { returns, returnLines, payments, orderEvents, orderLines, allocations } = schema;

/** Only our server writes an intent's metadata: this kind names a return's difference. */
export const DIFFERENCE_INTENT_KIND = "exchange_difference";

/** Payments for a return's difference carry this key prefix (see orders/sale.server.ts). */
export const RETURN_PAYMENT_KEY_PREFIX = "return-payment:";

/** One charge per return and amount: a retry or a second tab asks for the same one. */
const chargeKey = (ret: ReturnRow) => `return:${ret.number}:due:${ret.due}`;

export type DuePayment = { provider: string; providerRef: string; amount: number; currency: string };
export type DueApplied = { status: "paid" | "refunded"; duplicate: boolean; message: string };

/** The return waits for this payment and it is exactly the difference: anything else is refunded. */
function misfit(ret: ReturnRow, payment: DuePayment): string | null {
  if (ret.dueState === "paid") return "the difference was already paid";
  if (ret.status !== "awaiting_payment" || ret.dueState !== "awaiting") return "the return no longer waits for a payment";
  if (payment.currency !== ret.currency || payment.amount !== ret.due) return "the payment does not match the difference";
  return null;
}

/**
 * A succeeded payment for a return's difference, inside the caller's transaction with the order and
 * return locked: recorded once (by provider reference), then either the return goes on (the parcel
 * may be sent; the ledger books the sale) or the payment goes back.
 */
async function applyDuePayment(tx: Executor, ret: ReturnRow, order: OrderRow, payment: DuePayment, actor: string): Promise<DueApplied> {
  const [seen] = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.provider, payment.provider), eq(payments.providerRef, payment.providerRef)));
  if (seen) {
    const kept = seen.id === ret.duePaymentId;
    return {
      status: kept ? "paid" : "refunded",
      duplicate: true,
      message: kept ? `The difference for ${ret.number} is paid; nothing more was charged.` : "This payment was already refunded.",
    };
  }
  const [row] = await tx
    .insert(payments)
    .values({
      orderId: order.id,
      provider: payment.provider,
      providerRef: payment.providerRef,
      amount: payment.amount,
      currency: payment.currency,
      status: "succeeded",
      // Marks it a return's payment: the order's own sale entry (sale:<order>) leaves it out; sale:<RT> books it.
      idempotencyKey: `${RETURN_PAYMENT_KEY_PREFIX}${ret.number}:${payment.provider}:${payment.providerRef}`,
    })
    .returning();
  const why = misfit(ret, payment);
  if (why) {
    const sent = await refundThroughPayment(tx, {
      orderId: order.id,
      currency: payment.currency,
      choice: { ok: true, payment: { ...row, providerRef: payment.providerRef, refunded: 0 }, giftCardId: null },
      amount: payment.amount,
      reason: `Return ${ret.number}: payment not taken (${why})`,
      idempotencyKey: `return:${ret.number}:unneeded:${row.id}`,
      actor,
      storeKey: true,
    });
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "return_payment_refunded",
      actor,
      data: { returnNumber: ret.number, amount: payment.amount, currency: payment.currency, why, error: sent.error },
    });
    await audit(tx, {
      actor,
      action: "returns.difference_refused",
      subject: `return:${ret.number}`,
      data: { providerRef: payment.providerRef, amount: payment.amount, currency: payment.currency, why, error: sent.error },
    });
    return {
      status: "refunded",
      duplicate: false,
      message: `That payment wasn't needed (${why}), so ${money(payment.amount, payment.currency)} went back to your card.`,
    };
  }
  await tx
    .update(returns)
    .set({ status: "requested", dueState: "paid", duePaymentId: row.id, duePaidAt: sql`now()` })
    .where(eq(returns.id, ret.id));
  await tx.insert(orderEvents).values({
    orderId: order.id,
    type: "return_difference_paid",
    actor,
    data: { returnNumber: ret.number, amount: ret.due, currency: ret.currency },
  });
  await postEntry(
    tx,
    exchangeDifferenceEntry({
      returnNumber: ret.number,
      orderNumber: order.number,
      amount: ret.due,
      currency: ret.currency,
      settlement: { currency: order.settlementCurrency, ratePpm: order.settlementRatePpm },
    }),
  );
  const address = await returnAddress(tx);
  await stepEmail(tx, { ...ret, amount: ret.due }, order, "difference_paid", undefined, {
    address: address ?? undefined,
    instructions: RETURN_INSTRUCTIONS,
  });
  return {
    status: "paid",
    duplicate: false,
    message: `Thank you: ${money(ret.due, ret.currency)} paid. Write ${ret.number} on the parcel and send it to the address below.`,
  };
}

async function lockReturnOf(tx: Executor, returnNumber: string, orderNumber: string) {
  const locked = await lockReturn(tx, returnNumber);
  if (locked.order.number !== orderNumber) throw new Refusal(404, `There is no return ${returnNumber} on this order.`);
  return locked;
}

// ---------------------------------------------------------------- the local provider: the card on the server

/** Pays the difference with a card the server charges (the local provider). Two payments in parallel: one charge. */
export async function payReturnDifference(input: {
  returnNumber: string;
  orderNumber: string;
  card: CardInput;
  actor: string;
}): Promise<Result<{ status: "paid" | "refunded" }>> {
  return refusable(async (tx) => {
    const { ret, order } = await lockReturnOf(tx, input.returnNumber, input.orderNumber);
    if (ret.dueState === "paid") {
      return { ok: true, duplicate: true, status: "paid" as const, message: `${ret.number} is already paid; nothing more was charged.` };
    }
    const why = misfit(ret, { provider: "", providerRef: "", amount: ret.due, currency: ret.currency });
    if (why) throw new Refusal(409, `${ret.number} can't be paid now: ${why}.`);
    const provider = paymentProvider();
    if (provider.name !== "local") throw new Refusal(409, "Pay in the card form on this page.");
    const outcome = await provider.charge({
      amount: ret.due,
      currency: ret.currency,
      idempotencyKey: chargeKey(ret),
      description: `Soko exchange ${ret.number}`,
      metadata: { kind: DIFFERENCE_INTENT_KIND, returnNumber: ret.number },
      card: input.card,
    });
    if (outcome.status !== "succeeded") {
      throw new Refusal(402, outcome.status === "declined" ? outcome.message : "The card needs another step; try another card.", "card");
    }
    const applied = await applyDuePayment(
      tx,
      ret,
      order,
      { provider: provider.name, providerRef: outcome.providerRef, amount: ret.due, currency: ret.currency },
      input.actor,
    );
    return { ok: true, duplicate: applied.duplicate, status: applied.status, message: applied.message };
  });
}

// ---------------------------------------------------------------- Stripe: the intent, and Stripe's word

export type PreparedDifference =
  | { status: "ready"; paymentIntentId: string; clientSecret: string; publishableKey: string; amount: number; currency: string }
  | { status: "paid"; paymentIntentId: string }
  | { status: "unavailable"; message: string }
  | { status: "refused"; code: 404 | 409; message: string };

/** The PaymentIntent for a return's difference (one per return and amount); the shopper confirms it in Stripe's form. */
export async function prepareDifferenceIntent(returnNumber: string, orderNumber: string): Promise<PreparedDifference> {
  const provider = paymentProvider();
  if (provider.name !== "stripe" || !provider.publishableKey) throw new Error("prepareDifferenceIntent needs the Stripe provider");
  const [found] = await db
    .select({ ret: returns, orderNumber: schema.orders.number })
    .from(returns)
    .innerJoin(schema.orders, eq(schema.orders.id, returns.orderId))
    .where(eq(returns.number, returnNumber));
  if (!found || found.orderNumber !== orderNumber)
    return { status: "refused", code: 404, message: `There is no return ${returnNumber} on this order.` };
  const { ret } = found;
  const why = misfit(ret, { provider: "", providerRef: "", amount: ret.due, currency: ret.currency });
  if (why) return { status: "refused", code: 409, message: `${ret.number} can't be paid now: ${why}.` };
  try {
    const outcome = await provider.charge({
      amount: ret.due,
      currency: ret.currency,
      idempotencyKey: chargeKey(ret),
      description: `Soko exchange ${ret.number}`,
      metadata: { kind: DIFFERENCE_INTENT_KIND, returnNumber: ret.number },
    });
    if (outcome.status === "declined") return { status: "unavailable", message: outcome.message };
    if (outcome.status === "succeeded") return { status: "paid", paymentIntentId: outcome.providerRef };
    // A repeated key replays the intent as first made: it may have been paid since (in another tab).
    const current = await provider.retrieve(outcome.providerRef);
    if (current.status === "succeeded" || current.status === "processing") return { status: "paid", paymentIntentId: outcome.providerRef };
    return {
      status: "ready",
      paymentIntentId: outcome.providerRef,
      clientSecret: outcome.clientSecret,
      publishableKey: provider.publishableKey,
      amount: ret.due,
      currency: ret.currency,
    };
  } catch (error) {
    console.error("Stripe: could not create an exchange payment intent", error);
    return { status: "unavailable", message: "Card payments are unavailable right now. Please try again in a few minutes." };
  }
}

/**
 * A succeeded Stripe payment for a return's difference (from the webhook, in its transaction, or the
 * return page's retrieve). Null when the intent is not one (its metadata says what it is).
 */
export async function recordDifferencePaid(
  tx: Executor,
  payment: { providerRef: string; amount: number; currency: string; metadata: Record<string, string> },
): Promise<DueApplied | null> {
  if (payment.metadata.kind !== DIFFERENCE_INTENT_KIND) return null;
  const number = payment.metadata.returnNumber ?? "";
  const [found] = await tx.select({ id: returns.id }).from(returns).where(eq(returns.number, number));
  if (!found) return null;
  const { ret, order } = await lockReturn(tx, number);
  return applyDuePayment(
    tx,
    ret,
    order,
    { provider: "stripe", providerRef: payment.providerRef, amount: payment.amount, currency: payment.currency },
    "stripe",
  );
}

export type CompletedDifference = { status: "paid" | "refunded"; message: string } | { status: "processing" | "failed" | "unknown" };

/** Where Stripe sends the shopper back: ask Stripe about the intent (the query string proves nothing), then record it once. */
export async function completeDifferencePayment(paymentIntentId: string, orderNumber: string): Promise<CompletedDifference> {
  let intent: Awaited<ReturnType<ReturnType<typeof paymentProvider>["retrieve"]>>;
  try {
    intent = await paymentProvider().retrieve(paymentIntentId);
  } catch {
    return { status: "unknown" };
  }
  if (intent.metadata.kind !== DIFFERENCE_INTENT_KIND) return { status: "unknown" };
  const [owner] = await db
    .select({ orderNumber: schema.orders.number })
    .from(returns)
    .innerJoin(schema.orders, eq(schema.orders.id, returns.orderId))
    .where(eq(returns.number, intent.metadata.returnNumber ?? ""));
  if (!owner || owner.orderNumber !== orderNumber) return { status: "unknown" };
  if (intent.status === "processing") return { status: "processing" };
  if (intent.status !== "succeeded") return { status: "failed" };
  const applied = await db.transaction((tx) => recordDifferencePaid(tx, intent));
  return applied ? { status: applied.status, message: applied.message } : { status: "unknown" };
}

// ---------------------------------------------------------------- unpaid: a refund instead

/** Unpaid, the shopper may return the pieces for a refund instead (where the policy allows one). Paid, the exchange stands. */
export async function switchToRefund(input: { returnNumber: string; orderNumber: string; actor: string }): Promise<Result> {
  return refusable(async (tx) => {
    const { ret, order } = await lockReturnOf(tx, input.returnNumber, input.orderNumber);
    if (ret.dueState === "paid") {
      throw new Refusal(
        409,
        `The difference for ${ret.number} is already paid, so the exchange stands. Cancel the return before sending it to get the difference back.`,
      );
    }
    if (ret.status !== "awaiting_payment") throw new Refusal(409, `${ret.number} can no longer be changed.`);
    const policy = await loadReturnPolicy(tx);
    const made = await tx
      .selectDistinct({ orderLineId: allocations.orderLineId })
      .from(allocations)
      .innerJoin(returnLines, eq(returnLines.orderLineId, allocations.orderLineId))
      .where(and(eq(returnLines.returnId, ret.id), eq(allocations.kind, "production")));
    if (made.length > 0 && policy.madeToOrder !== "returnable") {
      throw new Refusal(409, "Made-to-order pieces can be exchanged, not refunded. Pay the difference or cancel the return.");
    }
    const lines = await tx.select({ amount: returnLines.amount }).from(returnLines).where(eq(returnLines.returnId, ret.id));
    const amount = lines.reduce((sum, l) => sum + l.amount, 0);
    await tx.update(returnLines).set({ exchangeVariantId: null }).where(eq(returnLines.returnId, ret.id));
    await tx
      .update(returns)
      .set({ resolution: "refund", status: "requested", amount, refundState: "owed", due: 0, dueState: "none", dueExpiresAt: null })
      .where(eq(returns.id, ret.id));
    await tx.insert(orderEvents).values({
      orderId: order.id,
      type: "return_changed",
      actor: input.actor,
      data: { returnNumber: ret.number, resolution: "refund", amount },
    });
    const address = await returnAddress(tx);
    await stepEmail(tx, { ...ret, resolution: "refund", amount }, order, "switched", undefined, {
      address: address ?? undefined,
      instructions: RETURN_INSTRUCTIONS,
    });
    return {
      ok: true,
      message: `Return ${ret.number} is now a refund of ${money(amount, ret.currency)}. Write ${ret.number} on the parcel and send it to the address below.`,
    };
  });
}

// ---------------------------------------------------------------- the job: what lapses

/**
 * Hourly: an exchange left unpaid past its date lapses (cancelled, nothing was reserved); a return
 * that never reached the hub within RETURN_ARRIVAL_DAYS lapses too, and a paid difference goes back.
 */
export async function expireReturns(now = new Date()): Promise<{ lapsed: string[]; notReceived: string[] }> {
  const unpaid = await db
    .select({ number: returns.number })
    .from(returns)
    .where(and(eq(returns.status, "awaiting_payment"), lt(returns.dueExpiresAt, now)));
  const arrivalCutoff = new Date(now.getTime() - RETURN_ARRIVAL_DAYS * 86_400_000);
  const late = await db
    .select({ number: returns.number })
    .from(returns)
    .where(
      and(
        eq(returns.status, "requested"),
        eq(returns.channel, "web"),
        sql`coalesce(${returns.duePaidAt}, ${returns.createdAt}) < ${arrivalCutoff.toISOString()}::timestamptz`,
      ),
    );
  const lapsed: string[] = [];
  const notReceived: string[] = [];
  for (const { number } of unpaid) {
    await db.transaction(async (tx) => {
      const { ret, order } = await lockReturn(tx, number);
      if (ret.status !== "awaiting_payment" || !ret.dueExpiresAt || ret.dueExpiresAt >= now) return;
      await tx
        .update(returns)
        .set({ status: "cancelled", cancelledAt: sql`now()`, dueState: "expired", refundState: "none" })
        .where(eq(returns.id, ret.id));
      await tx.insert(orderEvents).values({ orderId: order.id, type: "return_expired", actor: "system", data: { returnNumber: number } });
      await stepEmail(tx, { ...ret, amount: ret.due }, order, "expired");
      lapsed.push(number);
    });
  }
  for (const { number } of late) {
    await db.transaction(async (tx) => {
      const { ret, order } = await lockReturn(tx, number);
      const since = ret.duePaidAt ?? ret.createdAt;
      if (ret.status !== "requested" || since >= arrivalCutoff) return;
      await tx.update(returns).set({ status: "cancelled", cancelledAt: sql`now()`, refundState: "none" }).where(eq(returns.id, ret.id));
      await tx
        .insert(orderEvents)
        .values({ orderId: order.id, type: "return_not_received", actor: "system", data: { returnNumber: number } });
      await stepEmail(tx, ret, order, "not_received");
      await refundDue(tx, { ...ret, status: "cancelled" }, order, "system", "the parcel never reached the hub");
      notReceived.push(number);
    });
  }
  return { lapsed, notReceived };
}

export const expireReturnsTask = async () => {
  await expireReturns();
};

/** For the order page: what each awaiting return's difference is made of (its pieces and what they're exchanged for). */
export async function differenceLines(returnNumber: string) {
  return db
    .select({ title: orderLines.title, quantity: returnLines.quantity, exchangeFor: schema.variants.title })
    .from(returnLines)
    .innerJoin(returns, eq(returns.id, returnLines.returnId))
    .innerJoin(orderLines, eq(orderLines.id, returnLines.orderLineId))
    .leftJoin(schema.variants, eq(schema.variants.id, returnLines.exchangeVariantId))
    .where(eq(returns.number, returnNumber));
}
