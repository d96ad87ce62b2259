/**
 * Buying a digital gift card on the storefront: charged through the payment provider like a bag,
 * then, in one transaction, an order through the one order model (a gift card line: nothing to
 * reserve or make) and the card issued against it (domain/giftcards). A charge whose order cannot
 * be written is refunded; the same submit key twice makes one order and one card.
 */
import { eq } from "drizzle-orm";
import { giftCardVariantId, issueDigitalCard } from "~/domain/giftcards/index.server";
import { commitOrder } from "~/domain/orders/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { db, schema } from "~/lib/db.server";
import { Refusal } from "~/lib/refusal";

export type GiftCardPurchase = {
  idempotencyKey: string;
  amount: number;
  currency: string;
  purchaserEmail: string;
  recipientEmail: string;
  recipientName: string;
  senderName: string;
  message: string;
  sendOn: string;
  card: { number: string; expiry: string; cvc: string };
  customerId: number | null;
};

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
    return await db.transaction(async (tx) => {
      const variantId = await giftCardVariantId(tx);
      const actor = `customer:${input.purchaserEmail}`;
      const order = await commitOrder(tx, {
        channel: "web",
        email: input.purchaserEmail,
        customerId: input.customerId,
        currency: input.currency,
        lines: [{ variantId, quantity: 1, unitPrice: input.amount, giftCard: true }],
        totals: { subtotal: input.amount, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: input.amount },
        idempotencyKey: input.idempotencyKey,
        stockLocationCodes: [],
        payment: { provider: provider.name, providerRef: outcome.providerRef, amount: input.amount, currency: input.currency },
        paymentStatus: "paid",
        actor,
      });
      if (!order.created) return { ok: true as const, orderNumber: order.number, giftCardId: null };
      const card = await issueDigitalCard(tx, {
        amount: input.amount,
        currency: input.currency,
        recipientEmail: input.recipientEmail,
        recipientName: input.recipientName,
        senderName: input.senderName,
        message: input.message,
        sendOn: input.sendOn,
        orderId: order.id,
        customerId: input.customerId,
        actor,
      });
      return { ok: true as const, orderNumber: order.number, giftCardId: card.id };
    });
  } catch (error) {
    await provider.refund({ providerRef: outcome.providerRef, amount: input.amount, idempotencyKey: `void:${input.idempotencyKey}` });
    if (error instanceof Refusal && (error.status === 409 || error.status === 422)) {
      return { ok: false, status: error.status, message: error.message, field: error.field };
    }
    throw error;
  }
}
