/**
 * Web checkout paid through Stripe's Payment Element. The browser confirms the PaymentIntent with
 * Stripe.js, but only Stripe's word makes an order: the signed webhook or a server-side retrieve on
 * the return page. Both paths meet in `commitPaidCart`, idempotent by `stripe:<payment intent id>`,
 * so whichever comes first makes the order and the other finds it.
 */
import { and, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { checkoutState, redeemBagGiftCards, WEB_STOCK_LOCATIONS, type CheckoutState } from "./checkout.server";
import { adoptTimedOutRefunds, commitOrder } from "~/domain/orders/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { paymentProvider } from "~/domain/payments/index.server";
import type { ChargeOutcome } from "~/domain/payments";

const PROVIDER = "stripe";

/** The order key for a paid intent: the webhook and the return page use the same one. */
export const orderKeyFor = (paymentIntentId: string) => `${PROVIDER}:${paymentIntentId}`;

export type PreparedPayment =
  | { status: "ready"; paymentIntentId: string; clientSecret: string; publishableKey: string; returnUrl: string }
  /** This bag's intent already succeeded (paid in another tab): finish on the return page. */
  | { status: "paid"; paymentIntentId: string }
  | { status: "unavailable"; message: string };

/**
 * One PaymentIntent per bag and total: reloading the page reuses it (Stripe's idempotency key), and a
 * changed total gets a new one, so an intent's amount always equals the total it was made for.
 */
export async function preparePaymentIntent(cartId: string, state: CheckoutState): Promise<PreparedPayment> {
  const provider = paymentProvider();
  if (provider.name !== PROVIDER || !provider.publishableKey) throw new Error("preparePaymentIntent needs the Stripe provider");
  // What the gift cards applied leave to pay (all of it without any): the intent is for that.
  const total = state.amountDue;
  let outcome: ChargeOutcome;
  try {
    outcome = await provider.charge({
      amount: total,
      currency: state.cart.currency,
      idempotencyKey: `cart:${cartId}:${total}`,
      // Nothing that can change for the same key (Stripe refuses a key reused with other parameters).
      description: "Soko web order",
      metadata: { cartId },
    });
  } catch (error) {
    console.error("Stripe: could not create a payment intent", error);
    return { status: "unavailable", message: "Card payments are unavailable right now. Please try again in a few minutes." };
  }
  if (outcome.status === "succeeded") return { status: "paid", paymentIntentId: outcome.providerRef };
  if (outcome.status === "declined") return { status: "unavailable", message: outcome.message };
  // A repeated key replays the intent as it was when first made, so ask for its status now: it may
  // have been paid in another tab while its order is still on the way (webhook or return page).
  const current = await provider.retrieve(outcome.providerRef);
  if (current.status === "succeeded" || current.status === "processing") return { status: "paid", paymentIntentId: outcome.providerRef };
  if (current.status === "canceled")
    return { status: "unavailable", message: "This payment was cancelled. Please change your bag or contact us to pay again." };
  return {
    status: "ready",
    paymentIntentId: outcome.providerRef,
    clientSecret: outcome.clientSecret,
    publishableKey: provider.publishableKey,
    returnUrl: new URL("/checkout/complete", env().PUBLIC_URL).toString(),
  };
}

/** A payment the provider says succeeded; `provider` is Stripe's unless said (the local charge reconciler uses "local"). */
export type PaidPayment = { providerRef: string; amount: number; currency: string; provider?: "stripe" | "local" };

export type CommitPaidResult =
  | { status: "placed"; orderId: number; orderNumber: string; created: boolean }
  /** The money could not become an order (bag changed or gone): it was refunded and recorded. */
  | { status: "refunded"; reason: "amount_mismatch" | "cart_gone"; message: string };

/**
 * Turns a payment Stripe says succeeded into the bag's order: bag row locked, totals recomputed and
 * compared with what was paid, order committed, bag deleted. A second call with the same key returns
 * the first order. Runs inside `executor` when it is a transaction (the webhook's), else in its own.
 */
export async function commitPaidCart(
  cartId: string,
  payment: PaidPayment,
  idempotencyKey: string,
  options: { executor?: Executor; customerId?: number | null } = {},
): Promise<CommitPaidResult> {
  const run = (tx: Executor) => commitPaidCartIn(tx, cartId, payment, idempotencyKey, options.customerId ?? null);
  return options.executor ? run(options.executor) : db.transaction((tx) => run(tx));
}

async function commitPaidCartIn(
  tx: Executor,
  cartId: string,
  payment: PaidPayment,
  idempotencyKey: string,
  customerId: number | null,
): Promise<CommitPaidResult> {
  const placed = async () => {
    const [order] = await tx
      .select({ id: schema.orders.id, number: schema.orders.number })
      .from(schema.orders)
      .where(eq(schema.orders.idempotencyKey, idempotencyKey));
    return order ? ({ status: "placed", orderId: order.id, orderNumber: order.number, created: false } as const) : null;
  };
  const earlier = await placed();
  if (earlier) return earlier;

  // Serialises the webhook and the return page: the second waits here, then finds the first's order.
  const [cart] = await tx
    .select({ id: schema.carts.id, customerId: schema.carts.customerId })
    .from(schema.carts)
    .where(eq(schema.carts.id, cartId))
    .for("update");
  if (!cart) {
    const winner = await placed();
    if (winner) return winner;
    return refundUnplaceable(tx, payment, "cart_gone", "Your bag was already checked out or has expired, so we refunded this payment.");
  }

  // The bag's gift cards are locked before their balances are read: what the state says they pay is
  // what they will pay (a card spent elsewhere meanwhile shows here as a changed amount due, refunded).
  await tx.execute(
    sql`select id from gift_cards where id in (select gift_card_id from cart_gift_cards where cart_id = ${cartId}) order by id for update`,
  );
  const state = await checkoutState(cartId, tx);
  if (
    !state?.ready ||
    !state.email ||
    !state.address ||
    !state.shippingMethod ||
    state.amountDue !== payment.amount ||
    state.cart.currency !== payment.currency.toUpperCase()
  ) {
    return refundUnplaceable(
      tx,
      payment,
      "amount_mismatch",
      "Your bag changed while you were paying, so we refunded that payment. Please review your order and pay again.",
    );
  }
  const order = await commitOrder(tx, {
    channel: "web",
    email: state.email,
    customerId: customerId ?? cart.customerId,
    shippingAddress: state.address,
    shippingMethod: state.shippingMethod,
    currency: state.cart.currency,
    market: state.cart.market,
    settlement: state.settlement,
    lines: state.cart.lines
      .filter((l) => l.purchasable)
      .map((l) => ({ variantId: l.variantId, quantity: l.quantity, unitPrice: l.unitPrice.amount })),
    totals: state.totals,
    discountCode: state.discount?.ok ? state.discount.code : null,
    idempotencyKey,
    stockLocationCodes: WEB_STOCK_LOCATIONS,
    payment: {
      provider: payment.provider ?? PROVIDER,
      providerRef: payment.providerRef,
      amount: payment.amount,
      currency: state.cart.currency,
    },
    paymentStatus: "paid",
    actor: `customer:${state.email}`,
  });
  if (order.created) {
    // A gift card spent elsewhere meanwhile refuses here and rolls the order back; the caller refunds the charge.
    await redeemBagGiftCards(tx, state.giftCards, {
      id: order.id,
      currency: state.cart.currency,
      key: idempotencyKey,
      actor: `customer:${state.email}`,
    });
  }
  await tx.delete(schema.carts).where(eq(schema.carts.id, cartId));
  if (order.created) await applyRefundsSeenBeforeOrder(tx, payment);
  return { status: "placed", orderId: order.id, orderNumber: order.number, created: order.created };
}

/**
 * Gives the money back (the idempotency key makes a retried webhook refund once) and keeps a
 * payments row with no order, so the refund is visible and a later event for it is recognised.
 */
async function refundUnplaceable(
  tx: Executor,
  payment: PaidPayment,
  reason: "amount_mismatch" | "cart_gone",
  message: string,
): Promise<CommitPaidResult> {
  await paymentProvider().refund({
    providerRef: payment.providerRef,
    amount: payment.amount,
    idempotencyKey: `unplaceable:${payment.providerRef}`,
    reason,
  });
  await tx
    .insert(schema.payments)
    .values({
      orderId: null,
      provider: payment.provider ?? PROVIDER,
      providerRef: payment.providerRef,
      amount: payment.amount,
      currency: payment.currency.toUpperCase(),
      status: "refunded",
    })
    .onConflictDoNothing();
  console.warn(`${payment.provider ?? PROVIDER}: refunded ${payment.providerRef} (${reason})`);
  return { status: "refunded", reason, message };
}

/**
 * For an order just made from a paid intent: a refund event may have arrived before the payment's
 * own event (Stripe does not promise order). The largest refunded amount recorded for the intent
 * is applied now.
 */
export async function applyRefundsSeenBeforeOrder(tx: Executor, payment: PaidPayment) {
  const [row] = await tx.execute<{ refunded: number | null }>(sql`
    select max((payload->'data'->'object'->>'amount_refunded')::int) as refunded from ${schema.webhookEvents}
    where provider = ${PROVIDER} and type = 'charge.refunded' and payload->'data'->'object'->>'payment_intent' = ${payment.providerRef}`);
  const refunded = row?.refunded ?? 0;
  if (refunded > 0) await applyRefundTotal(tx, { providerRef: payment.providerRef, amountRefunded: refunded, currency: payment.currency });
}

/** For an order that exists: its payment is succeeded, and a pending or failed order becomes paid. */
export async function markPaymentSucceeded(tx: Executor, orderId: number, payment: PaidPayment) {
  await tx
    .insert(schema.payments)
    .values({
      orderId,
      provider: PROVIDER,
      providerRef: payment.providerRef,
      amount: payment.amount,
      currency: payment.currency.toUpperCase(),
      status: "succeeded",
    })
    .onConflictDoUpdate({
      target: [schema.payments.provider, schema.payments.providerRef],
      set: { status: "succeeded", orderId: sql`coalesce(${schema.payments.orderId}, excluded.order_id)` },
      setWhere: sql`${schema.payments.status} in ('pending', 'failed', 'requires_payment_method')`,
    });
  await tx
    .update(schema.orders)
    .set({ paymentStatus: "paid" })
    .where(and(eq(schema.orders.id, orderId), inArray(schema.orders.paymentStatus, ["pending", "failed"])));
}

/** A failed attempt: recorded on the payment if we have one, and never undoes a success or refund. */
export async function markPaymentFailed(tx: Executor, providerRef: string) {
  await tx
    .update(schema.payments)
    .set({ status: "failed" })
    .where(
      and(
        eq(schema.payments.provider, PROVIDER),
        eq(schema.payments.providerRef, providerRef),
        inArray(schema.payments.status, ["pending", "requires_payment_method"]),
      ),
    );
}

const PAYMENT_RANK: Record<string, number> = { pending: 0, failed: 0, on_terms: 0, paid: 1, partially_refunded: 2, refunded: 3 };

/**
 * Stripe reports the charge's cumulative refunded amount. We record the part not yet recorded as one
 * refunds row (keyed `<intent>:<cumulative amount>`), so a repeated or older event adds nothing, and
 * move the order's payment status forward only: paid → partially_refunded → refunded.
 * Returns false when no order is paid by this intent (yet).
 */
export async function applyRefundTotal(
  tx: Executor,
  input: { providerRef: string; amountRefunded: number; currency: string },
): Promise<boolean> {
  const [payment] = await tx
    .select({ id: schema.payments.id, orderId: schema.payments.orderId })
    .from(schema.payments)
    .where(
      and(eq(schema.payments.provider, PROVIDER), eq(schema.payments.providerRef, input.providerRef), isNotNull(schema.payments.orderId)),
    );
  if (!payment?.orderId) return false;
  // Locks the order: two refund events for it apply one after the other, and after any refund of it
  // being asked for now (the console's and a return's hold the same lock across the provider call).
  const [order] = await tx.select().from(schema.orders).where(eq(schema.orders.id, payment.orderId)).for("update");
  const recordedOf = async () => {
    const [{ recorded }] = await tx
      .select({ recorded: sql<number>`coalesce(sum(${schema.refunds.amount}), 0)::int` })
      .from(schema.refunds)
      .where(and(eq(schema.refunds.paymentId, payment.id), ne(schema.refunds.status, "failed")));
    return recorded;
  };
  let recorded = await recordedOf();
  if (input.amountRefunded > recorded) {
    // Money we have no row for may be a refund of ours answered as failed (a timeout): asked about
    // by its key first, it is recorded as itself, once, not as money refunded through Stripe beside
    // it (docs/decisions/0020). Stripe unreachable throws, and Stripe sends the event again.
    if ((await adoptTimedOutRefunds(tx, order, PROVIDER)).length) recorded = await recordedOf();
  }
  if (input.amountRefunded > recorded) {
    const amount = input.amountRefunded - recorded;
    await tx.insert(schema.refunds).values({
      orderId: order.id,
      paymentId: payment.id,
      amount,
      currency: input.currency.toUpperCase(),
      reason: "Refunded through Stripe",
      providerRef: `${input.providerRef}:${input.amountRefunded}`,
      status: "succeeded",
    });
    await tx.insert(schema.orderEvents).values({
      orderId: order.id,
      type: "refunded",
      actor: PROVIDER,
      data: { amount, currency: input.currency.toUpperCase(), totalRefunded: input.amountRefunded },
    });
  }
  if (input.amountRefunded >= recorded) {
    // Refunds we asked for ourselves are done once the charge shows them.
    await tx
      .update(schema.refunds)
      .set({ status: "succeeded" })
      .where(and(eq(schema.refunds.paymentId, payment.id), eq(schema.refunds.status, "pending")));
  }
  const next = input.amountRefunded >= order.total ? "refunded" : input.amountRefunded > 0 ? "partially_refunded" : null;
  if (next && PAYMENT_RANK[next] > (PAYMENT_RANK[order.paymentStatus] ?? 0)) {
    await tx.update(schema.orders).set({ paymentStatus: next }).where(eq(schema.orders.id, order.id));
  }
  // The payments row stays "succeeded": it records the charge; the refunds rows record what went back.
  return true;
}

/** A return page's intent as Stripe has it now, or null when Stripe is not configured or has no such intent. */
export async function retrieveStripeIntent(paymentIntentId: string) {
  const provider = paymentProvider();
  if (provider.name !== PROVIDER) return null;
  try {
    return await provider.retrieve(paymentIntentId);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

export type CompletedCheckout =
  | { status: "placed"; orderNumber: string; cartId: string }
  | { status: "processing" }
  | { status: "failed"; notice: "failed" | "refunded" }
  | { status: "unknown" };

/**
 * The return page's question to Stripe: what happened to this intent? Query parameters such as
 * `redirect_status` are the browser's word and are ignored.
 */
export async function completeCheckout(paymentIntentId: string, customerId: number | null): Promise<CompletedCheckout> {
  const intent = await retrieveStripeIntent(paymentIntentId);
  if (!intent) return { status: "unknown" };
  const cartId = intent.metadata.cartId;
  if (!cartId) return { status: "unknown" };
  if (intent.status === "processing") return { status: "processing" };
  if (intent.status !== "succeeded") return { status: "failed", notice: "failed" };
  const result = await commitPaidCart(
    cartId,
    { providerRef: intent.providerRef, amount: intent.amount, currency: intent.currency },
    orderKeyFor(intent.providerRef),
    { customerId },
  );
  if (result.status === "refunded") return { status: "failed", notice: "refunded" };
  return { status: "placed", orderNumber: result.orderNumber, cartId };
}
