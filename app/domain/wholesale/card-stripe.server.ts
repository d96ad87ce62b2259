/**
 * Wholesale orders paid by card through Stripe's Payment Element, the storefront's flow for a draft:
 * the review step makes a PaymentIntent for the draft's total (metadata: draft, retailer, buyer), the
 * browser confirms it with Stripe.js, and only Stripe's word places the order: the return page's
 * server-side retrieve or the signed `payment_intent.succeeded` webhook. Both meet in
 * `commitPaidWholesaleDraft`, idempotent by `stripe:<payment intent id>` (the key the webhook already
 * looks up), which commits through the same `commitPlacement` as every wholesale order: channel
 * wholesale, paid, no invoice. Whichever comes first makes the order; the other finds it.
 */
import { isoDate } from "~/domain/orders";
import { and, eq, isNull } from "drizzle-orm";
import { paymentProvider } from "~/domain/payments/index.server";
import type { ChargeOutcome } from "~/domain/payments";
import { applyRefundsSeenBeforeOrder, orderKeyFor, retrieveStripeIntent, type PaidPayment } from "~/domain/checkout/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { BuyerContext } from "./auth.server";
import { findDraft, saveDraftDetails, type DraftDetails } from "./drafts.server";
import { check, commitPlacement, type PlaceRefused } from "./place.server";

const PROVIDER = "stripe";
/** Where Stripe sends the buyer back after confirming (a stable route: Stripe keeps the URL on the intent). */
export const WHOLESALE_CARD_RETURN_PATH = "/wholesale/checkout/complete";
/** A draft whose earlier intents at this total were refunded gets a fresh one; past this many, we stop. */
const MAX_INTENTS_PER_TOTAL = 5;

/** Which wholesale draft an intent pays for, read back from its metadata. */
export type WholesaleCardRef = { draftId: number; retailerId: number; buyerId: number };

const ID = /^[1-9]\d{0,11}$/;

/** The wholesale reference on an intent we made, or null (a web checkout's, or one made elsewhere). */
export function wholesaleCardRef(metadata: Record<string, string>): WholesaleCardRef | null {
  const { wholesaleDraftId, retailerId, buyerId } = metadata;
  if (![wholesaleDraftId, retailerId, buyerId].every((v) => typeof v === "string" && ID.test(v))) return null;
  return { draftId: Number(wholesaleDraftId), retailerId: Number(retailerId), buyerId: Number(buyerId) };
}

export type PreparedCardPayment =
  | {
      ok: true;
      status: "ready";
      paymentIntentId: string;
      clientSecret: string;
      publishableKey: string;
      returnUrl: string;
      amount: number;
      currency: string;
    }
  /** This draft's intent already succeeded (paid in another tab): finish on the return page. */
  | { ok: true; status: "paid"; paymentIntentId: string };

export type PrepareCardResult = PreparedCardPayment | PlaceRefused | { ok: false; status: 503; field: "payment"; message: string };

/**
 * The review step's "pay by card" with Stripe: the draft's details are saved, every rule checked (as
 * placing on terms would, without the credit limit), then one PaymentIntent per draft, buyer and
 * total: submitting again or reloading reuses it (Stripe's idempotency key), and a changed total gets
 * a new one, so an intent's amount is always the total it was made for. Nothing is ordered here.
 */
export async function prepareWholesaleCardPayment(
  { buyer, retailer }: BuyerContext,
  draftId: number,
  input: { details: DraftDetails; expectedTotal: number; today?: Date },
): Promise<PrepareCardResult> {
  const provider = paymentProvider();
  if (provider.name !== PROVIDER || !provider.publishableKey) throw new Error("prepareWholesaleCardPayment needs the Stripe provider");
  const draft = await findDraft(retailer.id, draftId);
  if (!draft) return { ok: false, status: 404, reason: "draft_gone", message: "That draft isn't on your account any more." };
  // The buyer's entries are kept on the draft: the order is made from them when Stripe says paid.
  if (!(await saveDraftDetails(retailer.id, draftId, input.details)))
    return { ok: false, status: 404, field: "retailerLocationId", message: "Choose one of your ship-to locations." };
  const today = isoDate(input.today ?? new Date());
  const checked = await check(
    db,
    retailer,
    draft.lines,
    { details: input.details, payment: "card", expectedTotal: input.expectedTotal, today: input.today },
    today,
  );
  if (!checked.ok) return checked;
  const { total, currency } = checked.review;

  const unavailable = {
    ok: false,
    status: 503,
    field: "payment",
    message: "Card payments are unavailable right now. Please try again in a few minutes, or choose your terms.",
  } as const;
  const base = `wholesale-card:${draft.id}:${buyer.id}:${total}`;
  let key = base;
  for (let attempt = 0; attempt < MAX_INTENTS_PER_TOTAL; attempt++) {
    let outcome: ChargeOutcome;
    try {
      outcome = await provider.charge({
        amount: total,
        currency,
        idempotencyKey: key,
        // Nothing that can change for the same key (Stripe refuses a key reused with other parameters).
        description: `Soko wholesale order, draft ${draft.id}`,
        metadata: { wholesaleDraftId: String(draft.id), retailerId: String(retailer.id), buyerId: String(buyer.id) },
      });
    } catch (error) {
      console.error("Stripe: could not create a wholesale payment intent", error);
      return unavailable;
    }
    if (outcome.status === "declined") return { ok: false, status: 402, field: "payment", message: outcome.message };
    // A repeated key replays the intent as first made: ask Stripe how it stands now.
    const status = outcome.status === "succeeded" ? "succeeded" : (await provider.retrieve(outcome.providerRef)).status;
    const spent =
      status === "canceled" || ((status === "succeeded" || status === "processing") && (await refundedUnplaced(db, outcome.providerRef)));
    if (spent) {
      // That intent's money went back (or it was cancelled): this total needs a new one.
      key = `${base}:after:${outcome.providerRef}`;
      continue;
    }
    if (status === "succeeded" || status === "processing") return { ok: true, status: "paid", paymentIntentId: outcome.providerRef };
    if (outcome.status !== "requires_action") return unavailable;
    return {
      ok: true,
      status: "ready",
      paymentIntentId: outcome.providerRef,
      clientSecret: outcome.clientSecret,
      publishableKey: provider.publishableKey,
      returnUrl: new URL(WHOLESALE_CARD_RETURN_PATH, env().PUBLIC_URL).toString(),
      amount: total,
      currency,
    };
  }
  return unavailable;
}

export type CommitPaidWholesaleResult =
  | { status: "placed"; orderId: number; orderNumber: string; created: boolean }
  /** The money could not become an order (draft changed, gone or refused): refunded and recorded. */
  | { status: "refunded"; reason: "amount_mismatch" | "draft_gone" | "refused"; message: string };

/**
 * Turns a payment Stripe says succeeded into the draft's order, through `commitPlacement` (retailer
 * and draft locked, every rule and the total checked again against what was paid). A second call for
 * the same intent returns the first order. Runs inside `executor` when given (the webhook's
 * transaction), else in its own.
 */
export async function commitPaidWholesaleDraft(
  ref: WholesaleCardRef,
  payment: PaidPayment,
  options: { executor?: Executor; today?: Date } = {},
): Promise<CommitPaidWholesaleResult> {
  const run = (tx: Executor) => commitIn(tx, ref, payment, options.today);
  return options.executor ? run(options.executor) : db.transaction((tx) => run(tx));
}

async function commitIn(tx: Executor, ref: WholesaleCardRef, payment: PaidPayment, today?: Date): Promise<CommitPaidWholesaleResult> {
  const orderKey = orderKeyFor(payment.providerRef);
  const [earlier] = await tx
    .select({ id: schema.orders.id, number: schema.orders.number })
    .from(schema.orders)
    .where(eq(schema.orders.idempotencyKey, orderKey));
  if (earlier) return { status: "placed", orderId: earlier.id, orderNumber: earlier.number, created: false };
  // Already given back (a replayed event, or a reload of the return page after a refund).
  if (await refundedUnplaced(tx, payment.providerRef)) return { status: "refunded", reason: "refused", message: REFUNDED_EARLIER };

  const [buyer] = await tx
    .select({ id: schema.buyerUsers.id, email: schema.buyerUsers.email })
    .from(schema.buyerUsers)
    .where(and(eq(schema.buyerUsers.id, ref.buyerId), eq(schema.buyerUsers.retailerId, ref.retailerId)));
  if (!buyer) return refundUnplaceable(tx, payment, "refused", "We couldn't find the buyer this payment was for, so we refunded it.");

  const committed = await commitPlacement(tx, {
    retailerId: ref.retailerId,
    buyer,
    draftId: ref.draftId,
    // The details saved on the draft when the intent was made (or since).
    input: { payment: "card", expectedTotal: payment.amount, currency: payment.currency, today },
    orderKey,
    paid: { provider: PROVIDER, providerRef: payment.providerRef, amount: payment.amount, currency: payment.currency.toUpperCase() },
    today: isoDate(today ?? new Date()),
  });
  if (!committed.ok) {
    if (committed.reason === "draft_gone")
      return refundUnplaceable(
        tx,
        payment,
        "draft_gone",
        "This order was already placed or its draft was deleted, so we refunded your card payment.",
      );
    if (committed.reason === "total_changed")
      return refundUnplaceable(
        tx,
        payment,
        "amount_mismatch",
        "Your order changed while you were paying, so we refunded that payment. Please review your order and pay again.",
      );
    return refundUnplaceable(tx, payment, "refused", `${committed.message} We refunded your card payment.`);
  }
  const { order } = committed;
  if (order.created) await applyRefundsSeenBeforeOrder(tx, payment);
  return { status: "placed", orderId: order.id, orderNumber: order.number, created: order.created };
}

const REFUNDED_EARLIER = "We refunded this payment because your order couldn't be placed as paid. Please review your order and pay again.";

/** True when we already refunded this intent because it could not become an order. */
async function refundedUnplaced(executor: Executor, paymentIntentId: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: schema.payments.id })
    .from(schema.payments)
    .where(
      and(
        eq(schema.payments.provider, PROVIDER),
        eq(schema.payments.providerRef, paymentIntentId),
        isNull(schema.payments.orderId),
        eq(schema.payments.status, "refunded"),
      ),
    );
  return Boolean(row);
}

/**
 * Gives the money back (the idempotency key makes a retried webhook refund once; it is the storefront's
 * key, so either flow's refund of an intent is the same refund) and keeps a payments row with no order,
 * so the refund is visible and a later event or reload for it is recognised.
 */
async function refundUnplaceable(
  tx: Executor,
  payment: PaidPayment,
  reason: "amount_mismatch" | "draft_gone" | "refused",
  message: string,
): Promise<CommitPaidWholesaleResult> {
  await paymentProvider().refund({
    providerRef: payment.providerRef,
    amount: payment.amount,
    idempotencyKey: `unplaceable:${payment.providerRef}`,
    reason: `wholesale_${reason}`,
  });
  await tx
    .insert(schema.payments)
    .values({
      orderId: null,
      provider: PROVIDER,
      providerRef: payment.providerRef,
      amount: payment.amount,
      currency: payment.currency.toUpperCase(),
      status: "refunded",
    })
    .onConflictDoNothing();
  console.warn(`Stripe: refunded wholesale payment ${payment.providerRef} (${reason})`);
  return { status: "refunded", reason, message };
}

export type CompletedCardPayment =
  | { status: "placed"; orderNumber: string; draftId: number }
  | { status: "processing" }
  | { status: "failed" }
  | { status: "refunded"; message: string }
  | { status: "unknown" };

/**
 * The return page's question to Stripe: what happened to this intent? Query parameters such as
 * `redirect_status` are the browser's word and are ignored. An intent that is not one of this
 * buyer's retailer's is unknown (the page answers 404), and nothing is committed for it.
 */
export async function completeWholesaleCardPayment(
  { retailer }: BuyerContext,
  paymentIntentId: string,
  today?: Date,
): Promise<CompletedCardPayment> {
  const intent = await retrieveStripeIntent(paymentIntentId);
  if (!intent) return { status: "unknown" };
  const ref = wholesaleCardRef(intent.metadata);
  if (!ref || ref.retailerId !== retailer.id) return { status: "unknown" };
  if (intent.status === "processing") return { status: "processing" };
  if (intent.status !== "succeeded") return { status: "failed" };
  const result = await commitPaidWholesaleDraft(
    ref,
    { providerRef: intent.providerRef, amount: intent.amount, currency: intent.currency },
    { today },
  );
  if (result.status === "refunded") return { status: "refunded", message: result.message };
  return { status: "placed", orderNumber: result.orderNumber, draftId: ref.draftId };
}
