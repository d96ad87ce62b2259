/** A gift card bought to be emailed is the order's delivery: nothing is packed or shipped. Pure. */

/** The catalog's one gift card variant: an order line with it is a card to email, never a piece to make or ship. */
export const GIFT_CARD_SKU = "GIFT-CARD";

export type EmailedCard = {
  last4: string;
  recipientName: string | null;
  recipientEmail: string | null;
  /** The day chosen (YYYY-MM-DD, UTC); null when it went at once. */
  sendOn: string | null;
  /** When its email was queued; null while it waits for its day. */
  deliveredAt: string | null;
};

/** Whom the card is for, as the order's pages name them: their name, else their email. */
export function emailedCardFor(card: EmailedCard): string {
  return card.recipientName?.trim() || card.recipientEmail || "its recipient";
}
