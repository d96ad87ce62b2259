/**
 * A digital gift card bought on the storefront, as a payment carries it. With Stripe the shopper
 * pays in Stripe's form and the card is issued when Stripe says the payment succeeded (webhook or
 * return page), so what the card is — amount, recipient, message, send date — travels in the
 * PaymentIntent's metadata, which only our server writes. Pure: the metadata both ways.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

export type GiftCardDetails = {
  amount: number;
  currency: string;
  purchaserEmail: string;
  recipientEmail: string;
  recipientName: string;
  senderName: string;
  message: string;
  sendOn: string;
  customerId: number | null;
};

/** Marks an intent as a gift card purchase (a bag's intent carries `cartId` instead). */
export const GIFT_CARD_INTENT = "gift_card_purchase";

/** Stripe's metadata values are strings of at most 500 characters: every field here is within that. */
export function giftCardIntentMetadata(details: GiftCardDetails): Record<string, string> {
  return {
    kind: GIFT_CARD_INTENT,
    gc_purchaser: details.purchaserEmail,
    gc_recipient: details.recipientEmail,
    gc_recipient_name: details.recipientName,
    gc_sender_name: details.senderName,
    gc_message: details.message,
    gc_send_on: details.sendOn,
    gc_customer: details.customerId === null ? "" : String(details.customerId),
  };
}

const metadataSchema = z.object({
  kind: z.literal(GIFT_CARD_INTENT),
  gc_purchaser: z.string().email(),
  gc_recipient: z.string().email(),
  gc_recipient_name: z.string().max(100),
  gc_sender_name: z.string().max(100),
  gc_message: z.string().max(300),
  gc_send_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  gc_customer: z.string().regex(/^\d*$/),
});

/** The purchase an intent's metadata describes, with the amount Stripe took; null when it is not a gift card intent. */
export function giftCardFromIntent(payment: {
  amount: number;
  currency: string;
  metadata: Record<string, string>;
}): GiftCardDetails | null {
  const parsed = metadataSchema.safeParse(payment.metadata);
  if (!parsed.success) return null;
  const m = parsed.data;
  return {
    amount: payment.amount,
    currency: payment.currency.toUpperCase(),
    purchaserEmail: m.gc_purchaser,
    recipientEmail: m.gc_recipient,
    recipientName: m.gc_recipient_name,
    senderName: m.gc_sender_name,
    message: m.gc_message,
    sendOn: m.gc_send_on,
    customerId: m.gc_customer === "" ? null : Number(m.gc_customer),
  };
}

/**
 * The provider's idempotency key for one gift card form: the same form submitted twice reuses its
 * intent, and the form sent again with other details gets a new one (Stripe refuses a key reused
 * with other parameters).
 */
export function giftCardIntentKey(formKey: string, details: GiftCardDetails): string {
  const digest = createHash("sha256").update(JSON.stringify(details)).digest("hex").slice(0, 16);
  return `giftcard:${formKey}:${digest}`;
}
