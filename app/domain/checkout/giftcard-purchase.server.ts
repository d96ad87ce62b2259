/**
 * Buying a digital gift card: an order through the one order model (a gift card line — nothing to
 * reserve or make) and the card issued against it, in one transaction. The local provider charges
 * on the server (features/storefront/giftcards); with Stripe the shopper pays in Stripe's form and
 * the card is issued only on Stripe's word — the signed webhook or the return page's retrieve —
 * both through `commitPaidGiftCard`, idempotent by the intent's order key, whichever comes first.
 */
import { giftCardVariantId, issueDigitalCard } from "~/domain/giftcards/index.server";
import { marketOfCurrency } from "~/domain/markets";
import { marketSettings } from "~/domain/markets/index.server";
import { commitOrder } from "~/domain/orders/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import type { ChargeOutcome } from "~/domain/payments";
import { db, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { giftCardFromIntent, giftCardIntentKey, giftCardIntentMetadata, type GiftCardDetails } from "./giftcard-purchase";
import { orderKeyFor, retrieveStripeIntent, type PreparedPayment } from "./stripe-checkout.server";
import { settlementOf } from "./checkout.server";

export type PlacedGiftCard = { orderNumber: string; giftCardId: number | null; created: boolean };

/** The order and the card, in the caller's transaction; the same idempotency key twice places once. */
export async function placeGiftCardOrder(
  tx: Executor,
  details: GiftCardDetails,
  payment: { provider: string; providerRef: string },
  idempotencyKey: string,
): Promise<PlacedGiftCard> {
  const variantId = await giftCardVariantId(tx);
  const actor = `customer:${details.purchaserEmail}`;
  // A card is sold in its market's currency (one currency, one market): the order keeps that market
  // and its USD settlement at the market's stored rate, as a bag's order does (docs/decisions/0021).
  const market = marketOfCurrency(details.currency);
  const ratePpm = market ? (await marketSettings(tx, market)).ratePpm : null;
  const order = await commitOrder(tx, {
    channel: "web",
    email: details.purchaserEmail,
    customerId: details.customerId,
    currency: details.currency,
    market,
    settlement: ratePpm ? settlementOf(details.amount, details.currency, ratePpm) : null,
    lines: [{ variantId, quantity: 1, unitPrice: details.amount, giftCard: true }],
    totals: { subtotal: details.amount, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: details.amount },
    idempotencyKey,
    stockLocationCodes: [],
    payment: { provider: payment.provider, providerRef: payment.providerRef, amount: details.amount, currency: details.currency },
    paymentStatus: "paid",
    actor,
  });
  if (!order.created) return { orderNumber: order.number, giftCardId: null, created: false };
  const card = await issueDigitalCard(tx, {
    amount: details.amount,
    currency: details.currency,
    recipientEmail: details.recipientEmail,
    recipientName: details.recipientName,
    senderName: details.senderName,
    message: details.message,
    sendOn: details.sendOn,
    orderId: order.id,
    customerId: details.customerId,
    actor,
  });
  return { orderNumber: order.number, giftCardId: card.id, created: true };
}

/**
 * The PaymentIntent for one gift card form, its details in the metadata. Submitting the same form
 * again reuses the intent; a form changed after it was first sent gets its own.
 */
export async function prepareGiftCardIntent(formKey: string, details: GiftCardDetails): Promise<PreparedPayment> {
  const provider = paymentProvider();
  if (provider.name !== "stripe" || !provider.publishableKey) throw new Error("prepareGiftCardIntent needs the Stripe provider");
  let outcome: ChargeOutcome;
  try {
    outcome = await provider.charge({
      amount: details.amount,
      currency: details.currency,
      idempotencyKey: giftCardIntentKey(formKey, details),
      description: "Soko gift card",
      metadata: giftCardIntentMetadata(details),
    });
  } catch (error) {
    console.error("Stripe: could not create a gift card payment intent", error);
    return { status: "unavailable", message: "Card payments are unavailable right now. Please try again in a few minutes." };
  }
  if (outcome.status === "succeeded") return { status: "paid", paymentIntentId: outcome.providerRef };
  if (outcome.status === "declined") return { status: "unavailable", message: outcome.message };
  return {
    status: "ready",
    paymentIntentId: outcome.providerRef,
    clientSecret: outcome.clientSecret,
    publishableKey: provider.publishableKey,
    returnUrl: new URL("/gift-cards/complete", env().PUBLIC_URL).toString(),
  };
}

/**
 * A succeeded Stripe payment for a gift card becomes its order and card. Null when the intent is not
 * a gift card purchase (its metadata says what it is, and only our server writes metadata).
 */
export async function commitPaidGiftCard(
  tx: Executor,
  payment: { providerRef: string; amount: number; currency: string; metadata: Record<string, string> },
): Promise<(PlacedGiftCard & { details: GiftCardDetails }) | null> {
  const details = giftCardFromIntent(payment);
  if (!details) return null;
  const placed = await placeGiftCardOrder(
    tx,
    details,
    { provider: "stripe", providerRef: payment.providerRef },
    orderKeyFor(payment.providerRef),
  );
  return { ...placed, details };
}

export type CompletedGiftCard =
  | { status: "placed"; orderNumber: string; details: GiftCardDetails }
  | { status: "processing" }
  | { status: "failed" }
  | { status: "unknown" };

/** The return page's question to Stripe; the query string Stripe's redirect adds proves nothing. */
export async function completeGiftCardPurchase(paymentIntentId: string): Promise<CompletedGiftCard> {
  const intent = await retrieveStripeIntent(paymentIntentId);
  if (!intent || !giftCardFromIntent(intent)) return { status: "unknown" };
  if (intent.status === "processing") return { status: "processing" };
  if (intent.status !== "succeeded") return { status: "failed" };
  const placed = await db.transaction((tx) => commitPaidGiftCard(tx, intent));
  if (!placed) return { status: "unknown" };
  return { status: "placed", orderNumber: placed.orderNumber, details: placed.details };
}
