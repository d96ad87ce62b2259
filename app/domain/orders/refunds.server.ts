/**
 * Money back on an order, one home for everyone who refunds: the console's refund (manage.server)
 * and a return's refund (domain/returns). `refundableBalance` reads what was paid and what has gone
 * back; `refundThroughPayment` sends one refund through the payment it came from — onto the gift
 * card that paid, in the caller's transaction, or through the payment provider — and records it.
 * The caller holds the order row's lock, so the balance it read is still true when it refunds.
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, like, ne, sql } from "drizzle-orm";
import { GIFT_CARD_PAYMENT_PROVIDER, giftCardOfPayment } from "~/domain/giftcards";
import { refundToGiftCard } from "~/domain/giftcards/index.server";
import { answeredPayments, type RefundOutcome } from "~/domain/payments";
import { paymentProvider } from "~/domain/payments/index.server";
import { schema, type Executor } from "~/lib/db.server";
import { choosePayment, refundedTotal, splitOverPayments } from "./refund-rules";

const { orderEvents, payments, refunds } = schema;

type PaymentRow = typeof payments.$inferSelect & { providerRef: string };
export type RefundablePayment = PaymentRow & { refunded: number };

export type RefundableBalance = {
  /** Succeeded payments, oldest first, each with what has gone back through it. */
  payments: RefundablePayment[];
  paid: number;
  refunded: number;
};

/**
 * What was paid on the order and what went back (failed refunds don't count). Several orders: a web
 * exchange's own order and the order its pieces were paid on (docs/decisions/0020), one balance.
 */
export async function refundableBalance(tx: Executor, orderId: number | readonly number[]): Promise<RefundableBalance> {
  const ids = typeof orderId === "number" ? [orderId] : [...orderId];
  const [paid, past] = await Promise.all([
    tx
      .select()
      .from(payments)
      .where(and(ids.length === 1 ? eq(payments.orderId, ids[0]) : inArray(payments.orderId, ids), eq(payments.status, "succeeded")))
      .orderBy(asc(payments.createdAt), asc(payments.id))
      .then(answeredPayments),
    tx
      .select({ paymentId: refunds.paymentId, amount: refunds.amount, status: refunds.status })
      .from(refunds)
      .where(ids.length === 1 ? eq(refunds.orderId, ids[0]) : inArray(refunds.orderId, ids)),
  ]);
  return {
    payments: paid.map((p) => ({ ...p, refunded: refundedTotal(past.filter((r) => r.paymentId === p.id)) })),
    paid: paid.reduce((sum, p) => sum + p.amount, 0),
    refunded: refundedTotal(past),
  };
}

export type PaymentChoice =
  | { ok: true; payment: RefundablePayment; giftCardId: number | null }
  /** No single payment has that much left: refund in smaller parts. */
  | { ok: false; why: "no_room" }
  /** Taken through a provider this system can't refund (a terminal's card): refund it there. */
  | { ok: false; why: "elsewhere"; provider: string };

/**
 * The payment a refund of `amount` goes back through: the oldest with that much left on it, if this
 * system can refund it (a gift card, or the configured provider; a terminal's card is refunded there).
 */
export function refundablePayment(balance: RefundableBalance, amount: number): PaymentChoice {
  const payment = choosePayment(balance.payments, amount);
  if (!payment) return { ok: false, why: "no_room" };
  const giftCardId = payment.provider === GIFT_CARD_PAYMENT_PROVIDER ? giftCardOfPayment(payment.providerRef) : null;
  if (giftCardId === null && payment.provider !== paymentProvider().name) {
    return { ok: false, why: "elsewhere", provider: payment.provider };
  }
  return { ok: true, payment, giftCardId };
}

/**
 * A refund over several payments when no one of them has `amount` left (a web exchange's piece:
 * the original card, the card that paid a dearer difference, a gift card's part): the payments this
 * system can refund, oldest first, each up to what it has left. The one payment `refundablePayment`
 * picks when one has room.
 */
export function refundableParts(
  balance: RefundableBalance,
  amount: number,
): { ok: true; parts: Array<{ choice: Extract<PaymentChoice, { ok: true }>; amount: number }> } | Exclude<PaymentChoice, { ok: true }> {
  const one = refundablePayment(balance, amount);
  if (one.ok) return { ok: true, parts: [{ choice: one, amount }] };
  const sendable = balance.payments
    .map((payment) => refundablePayment({ ...balance, payments: [payment] }, Math.max(1, payment.amount - payment.refunded)))
    .filter((c): c is Extract<PaymentChoice, { ok: true }> => c.ok);
  const split = splitOverPayments(
    sendable.map((c) => c.payment),
    amount,
  );
  if (!split) return one;
  return { ok: true, parts: split.map((p) => ({ choice: sendable.find((c) => c.payment.id === p.payment.id)!, amount: p.amount })) };
}

export type RefundSent = {
  refundId: number;
  status: RefundOutcome["status"];
  providerRef: string | null;
  /** Set when the provider refused or could not be reached; the refund row is kept as failed. */
  error: string | null;
};

/**
 * Sends the refund through `choice` and writes its refunds row (failed ones too, so the history shows
 * the attempt). A gift card is credited in this transaction; the provider gets `idempotencyKey`, so a
 * replay of the same attempt refunds once.
 */
export async function refundThroughPayment(
  tx: Executor,
  input: {
    orderId: number;
    currency: string;
    choice: Extract<PaymentChoice, { ok: true }>;
    amount: number;
    reason: string;
    idempotencyKey: string;
    actor: string;
    /** Stored on the refunds row when the caller looks attempts up by it. */
    storeKey?: boolean;
  },
): Promise<RefundSent> {
  const { payment, giftCardId } = input.choice;
  let outcome: RefundOutcome | { status: "failed"; refundRef: null; error: string; refused: boolean };
  if (giftCardId !== null) {
    await refundToGiftCard(tx, {
      giftCardId,
      amount: input.amount,
      orderId: input.orderId,
      reference: input.idempotencyKey,
      actor: input.actor,
      memo: input.reason,
    });
    outcome = { status: "succeeded", refundRef: `gift_card:${giftCardId}` };
  } else {
    const provider = paymentProvider();
    try {
      outcome = await provider.refund({
        providerRef: payment.providerRef,
        amount: input.amount,
        idempotencyKey: input.idempotencyKey,
        reason: input.reason,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { status: "failed", refundRef: null, error: message, refused: provider.refundRefused(error) };
    }
  }
  // A refund the provider answered as failed was refused; one it never answered may have been made.
  const failure = outcome.status !== "failed" ? null : "refused" in outcome && !outcome.refused ? "unanswered" : "refused";
  const [refund] = await tx
    .insert(refunds)
    .values({
      orderId: input.orderId,
      paymentId: payment.id,
      amount: input.amount,
      currency: input.currency,
      reason: input.reason,
      providerRef: outcome.refundRef,
      status: outcome.status,
      idempotencyKey: input.storeKey ? input.idempotencyKey : null,
      failure,
      actor: input.actor,
    })
    .returning({ id: refunds.id });
  const error = outcome.status === "failed" ? ("error" in outcome ? outcome.error : "The provider marked the refund as failed.") : null;
  return { refundId: refund.id, status: outcome.status, providerRef: outcome.refundRef, error };
}

export type AdoptedRefund = {
  refundId: number;
  paymentId: number;
  amount: number;
  providerRef: string;
  status: Exclude<RefundOutcome["status"], "failed">;
  /** The key it was asked for under, why, and who asked (as the refunds row has them; null on older rows). */
  key: string;
  reason: string;
  actor: string | null;
};

/**
 * Refunds recorded as failed under a key whose request may have reached the provider anyway (a
 * timeout, or the connection dropped after it made the refund): each is looked up at the provider by
 * its key and, when it was made, recorded as made, so a retry counts it instead of sending it again
 * under a new key (the shopper refunded twice). `scope` is a key prefix (one return's parts) or an
 * order: every keyed refund of it, whichever path asked for it (the console, a return). A provider
 * that can't be asked throws: nothing new may go out until it answers.
 */
export async function adoptUnansweredRefunds(tx: Executor, scope: string | { orderId: number }): Promise<AdoptedRefund[]> {
  const provider = paymentProvider();
  const failed = await tx
    .select({
      id: refunds.id,
      key: refunds.idempotencyKey,
      amount: refunds.amount,
      reason: refunds.reason,
      actor: refunds.actor,
      paymentId: payments.id,
      ref: payments.providerRef,
    })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(
      and(
        typeof scope === "string" ? like(refunds.idempotencyKey, `${scope}%`) : eq(refunds.orderId, scope.orderId),
        isNotNull(refunds.idempotencyKey),
        eq(refunds.status, "failed"),
        isNull(refunds.providerRef),
        eq(payments.provider, provider.name),
      ),
    )
    .orderBy(asc(refunds.id));
  const adopted: AdoptedRefund[] = [];
  for (const row of failed) {
    if (row.key === null || row.ref === null) continue;
    const made = await provider.findRefund({ providerRef: row.ref, idempotencyKey: row.key });
    if (!made || made.status === "failed") continue;
    await tx.update(refunds).set({ status: made.status, providerRef: made.refundRef }).where(eq(refunds.id, row.id));
    await withdrawEchoes(tx, { ...row, ref: row.ref });
    adopted.push({
      refundId: row.id,
      paymentId: row.paymentId,
      amount: row.amount,
      providerRef: made.refundRef,
      status: made.status,
      key: row.key,
      reason: row.reason,
      actor: row.actor,
    });
  }
  return adopted;
}

/**
 * Stripe's charge.refunded webhook records money refunded at Stripe that no row of ours stands for
 * (applyRefundTotal: no key, `<intent>:<total refunded>`, and a `refunded` event of that amount). It
 * asks Stripe about the order's refunds answered as failed first (so it no longer records one of
 * them that way), but an event applied before it did, while the refund stood as failed: the rows
 * recorded after it counted the money already. They give way by its amount, oldest first, now that
 * its own row stands for it, so the order doesn't count the money twice (a later event adds back
 * anything Stripe still has beyond our rows), and so does each one's history line: gone with its
 * row, or showing what is left of it, so the history shows each refund once.
 */
async function withdrawEchoes(tx: Executor, adopted: { id: number; paymentId: number; ref: string; amount: number }) {
  const echoes = await tx
    .select({ id: refunds.id, amount: refunds.amount, orderId: refunds.orderId, providerRef: refunds.providerRef })
    .from(refunds)
    .where(
      and(
        eq(refunds.paymentId, adopted.paymentId),
        gt(refunds.id, adopted.id),
        isNull(refunds.idempotencyKey),
        like(refunds.providerRef, `${adopted.ref}:%`),
        ne(refunds.status, "failed"),
      ),
    )
    .orderBy(asc(refunds.id));
  let left = adopted.amount;
  for (const echo of echoes) {
    if (left === 0) break;
    const take = Math.min(left, echo.amount);
    if (take === echo.amount) await tx.delete(refunds).where(eq(refunds.id, echo.id));
    else
      await tx
        .update(refunds)
        .set({ amount: echo.amount - take })
        .where(eq(refunds.id, echo.id));
    await withdrawEchoLine(tx, echo, take);
    left -= take;
  }
}

/** The `refunded` event applyRefundTotal wrote beside an echo row (the same Stripe total), by `take` less. */
async function withdrawEchoLine(tx: Executor, echo: { orderId: number; amount: number; providerRef: string | null }, take: number) {
  const total = Number(echo.providerRef?.slice(echo.providerRef.lastIndexOf(":") + 1));
  const [line] = await tx
    .select({ id: orderEvents.id })
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.orderId, echo.orderId),
        eq(orderEvents.type, "refunded"),
        sql`(${orderEvents.data}->>'totalRefunded')::int = ${total}`,
        sql`${orderEvents.data}->'refundId' is null`,
        sql`(${orderEvents.data}->>'amount')::int = ${echo.amount}`,
      ),
    )
    .orderBy(asc(orderEvents.id))
    .limit(1);
  if (!line) return;
  if (take === echo.amount) await tx.delete(orderEvents).where(eq(orderEvents.id, line.id));
  else
    await tx
      .update(orderEvents)
      .set({ data: sql`${orderEvents.data} || jsonb_build_object('amount', ${echo.amount - take}::int)` })
      .where(eq(orderEvents.id, line.id));
}
