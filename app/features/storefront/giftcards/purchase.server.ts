/** The /gift-cards form's action: parse, pay, and say when the card will be emailed. */
import { data, redirect } from "@remix-run/node";
import { signedInCustomerId } from "~/domain/accounts/index.server";
import { giftCardAmountsIn, giftCardSendWhen, purchaseSchema, type GiftCardAmounts } from "~/domain/giftcards";
import { MARKETS, type MarketCode } from "~/domain/markets";
import { buyGiftCard } from "./buy.server";
import { prepareGiftCardIntent, type GiftCardDetails } from "~/domain/checkout/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatMoney } from "~/lib/money";
import { parseWith, type FieldErrors } from "~/lib/validation";
import { visitorMarket } from "../market.server";

/**
 * The cards the visitor's market sells: in its currency, at the amounts set for it (the bag's
 * market once there is a bag, else their choice or hints). Every market's currency has them.
 */
export async function giftCardMarket(request: Request): Promise<{ market: MarketCode; amounts: GiftCardAmounts }> {
  const market = await visitorMarket(request);
  const amounts = giftCardAmountsIn(MARKETS[market].currency);
  if (!amounts) throw new Error(`No gift card amounts for ${MARKETS[market].currency}`);
  return { market, amounts };
}

/** With Stripe, a valid form answers with the intent to pay in Stripe's form, and what it buys. */
export type GiftCardPayment = {
  clientSecret: string;
  publishableKey: string;
  returnUrl: string;
  amount: number;
  currency: string;
  recipientEmail: string;
  /** When the card is emailed: "now", or "on 24 December 2026" in the market's way. */
  sendWhen: string;
};

export type PurchaseReply = { errors: FieldErrors; values: Record<string, string>; message?: string; stripePayment?: GiftCardPayment };

/** The earliest send date accepted: yesterday in UTC, so "today" where the shopper is (west of UTC) is never refused. */
export function earliestSendOn(now = new Date()) {
  return new Date(now.getTime() - 86400_000).toISOString().slice(0, 10);
}

export async function purchaseAction(request: Request, form: FormData) {
  if (form.get("amount") === "other") form.set("amount", String(form.get("otherAmount") ?? ""));
  const { market, amounts } = await giftCardMarket(request);
  const { currency } = amounts;
  const locale = MARKETS[market].locale;
  // The form names the currency its amounts were shown in: should the shopper's market have changed
  // since (a switch in another tab), "50" is not charged in a currency they did not see.
  const shown = form.get("currency");
  if (shown !== null && shown !== currency) {
    const values = Object.fromEntries(
      [...form.entries()].filter(([k]) => !["cardNumber", "cardCvc"].includes(k)).map(([k, v]) => [k, String(v)]),
    );
    delete values.amount;
    delete values.otherAmount;
    return data<PurchaseReply>(
      { errors: {}, values, message: `Your shop is now in ${currency}: please choose the card's amount again, in ${currency}.` },
      { status: 409 },
    );
  }
  const parsed = parseWith(purchaseSchema(amounts, earliestSendOn()), form);
  const values = { ...(parsed.ok ? {} : parsed.values) };
  delete values.cardNumber;
  delete values.cardCvc;
  if (!parsed.ok) return data<PurchaseReply>({ errors: parsed.errors, values, message: Object.values(parsed.errors)[0] }, { status: 422 });
  const input = parsed.data;
  const details: GiftCardDetails = {
    amount: input.amount,
    currency,
    purchaserEmail: input.purchaserEmail,
    recipientEmail: input.recipientEmail,
    recipientName: input.recipientName,
    senderName: input.senderName,
    message: input.message,
    sendOn: input.sendOn,
    customerId: await signedInCustomerId(request),
  };
  if (paymentProvider().name === "stripe") return payWithStripe(input.idempotencyKey, details, form, locale);
  const result = await buyGiftCard({
    ...details,
    idempotencyKey: input.idempotencyKey,
    card: { number: input.cardNumber, expiry: input.cardExpiry, cvc: input.cardCvc },
  });
  if (!result.ok) {
    const kept = Object.fromEntries(
      Object.entries(Object.fromEntries(form))
        .filter(([k]) => !["cardNumber", "cardCvc"].includes(k))
        .map(([k, v]) => [k, String(v)]),
    );
    const errors: FieldErrors = result.field
      ? {
          [result.field === "number"
            ? "cardNumber"
            : result.field === "expiry"
              ? "cardExpiry"
              : result.field === "cvc"
                ? "cardCvc"
                : result.field]: result.message,
        }
      : {};
    return data<PurchaseReply>({ errors, values: kept, message: result.message }, { status: result.status });
  }
  const amount = formatMoney({ amount: input.amount, currency });
  const when = giftCardSendWhen(input.sendOn, locale);
  return redirectWithFlash(
    request,
    "/gift-cards",
    {
      kind: "success",
      message: `Thank you! Your ${amount} gift card for ${input.recipientEmail} is emailed ${when}. Your receipt is order ${result.orderNumber}.`,
    },
    { status: 303 },
  );
}

/** Stripe: the intent for these details; the card is issued when Stripe says the payment succeeded. */
async function payWithStripe(formKey: string, details: GiftCardDetails, form: FormData, locale: string) {
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const prepared = await prepareGiftCardIntent(formKey, details);
  if (prepared.status === "paid")
    throw redirect(`/gift-cards/complete?payment_intent=${encodeURIComponent(prepared.paymentIntentId)}`, 303);
  if (prepared.status === "unavailable") return data<PurchaseReply>({ errors: {}, values, message: prepared.message }, { status: 503 });
  return data<PurchaseReply>({
    errors: {},
    values,
    stripePayment: {
      clientSecret: prepared.clientSecret,
      publishableKey: prepared.publishableKey,
      returnUrl: prepared.returnUrl,
      amount: details.amount,
      currency: details.currency,
      recipientEmail: details.recipientEmail,
      sendWhen: giftCardSendWhen(details.sendOn, locale),
    },
  });
}
