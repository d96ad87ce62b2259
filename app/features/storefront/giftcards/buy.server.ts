/**
 * Buying a digital gift card on the storefront with the local provider: charged on the server, then
 * the order and the card in one transaction (domain/checkout placeGiftCardOrder). A charge whose
 * order cannot be written is refunded; the same submit key twice makes one order and one card.
 * With Stripe the shopper pays in Stripe's form instead (prepareGiftCardIntent).
 */
import { eq } from "drizzle-orm";
import { placeGiftCardOrder, type GiftCardDetails } from "~/domain/checkout/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { db, schema } from "~/lib/db.server";
import { Refusal } from "~/lib/refusal";

/** What the card is, and the form's submit key and the test card that pays for it. */
export type GiftCardPurchase = GiftCardDetails & { idempotencyKey: string; card: { number: string; expiry: string; cvc: string } };

export type PurchaseResult =
  | { ok: true; orderNumber: string; giftCardId: number | null }
  | { ok: false; status: 402 | 409 | 422; message: string; field?: string };

export async function buyGiftCard(input: GiftCardPurchase): Promise<PurchaseResult> {
  const [previous] = await db
    .select({ number: schema.orders.number })
    .from(schema.orders)
    .where(eq(schema.orders.idempotencyKey, input.idempotencyKey));
  if (previous) return { ok: true, orderNumber: previous.number, giftCardId: null };
  const provider = paymentProvider();
  if (provider.name !== "local") {
    return { ok: false, status: 409, message: "Gift cards can't be bought online right now. Please visit our store, or try again later." };
  }
  const outcome = await provider.charge({
    amount: input.amount,
    currency: input.currency,
    idempotencyKey: input.idempotencyKey,
    description: `Soko gift card for ${input.recipientEmail}`,
    metadata: { giftCard: "1" },
    card: input.card,
  });
  if (outcome.status === "declined") {
    const field =
      outcome.code === "invalid_number"
        ? "number"
        : outcome.code === "invalid_expiry"
          ? "expiry"
          : outcome.code === "invalid_cvc"
            ? "cvc"
            : undefined;
    return { ok: false, status: field ? 422 : 402, message: outcome.message, field };
  }
  if (outcome.status !== "succeeded")
    return { ok: false, status: 402, message: "Your bank asked for more verification. Please try again." };
  try {
    const placed = await db.transaction((tx) =>
      placeGiftCardOrder(tx, input, { provider: provider.name, providerRef: outcome.providerRef }, input.idempotencyKey),
    );
    return { ok: true, orderNumber: placed.orderNumber, giftCardId: placed.giftCardId };
  } catch (error) {
    await provider.refund({ providerRef: outcome.providerRef, amount: input.amount, idempotencyKey: `void:${input.idempotencyKey}` });
    if (error instanceof Refusal && (error.status === 409 || error.status === 422)) {
      return { ok: false, status: error.status, message: error.message, field: error.field };
    }
    throw error;
  }
}
