/**
 * A shopper's order list (/account) for an order of gift cards only: nothing ships, so the order
 * never moves past "open". The list says whether its cards are still to be sent or sent, instead of
 * "Confirmed" for ever.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createCustomer } from "#db/seed/factories";
import { customerOrders } from "~/domain/accounts/index.server";
import { deliverGiftCard } from "~/domain/giftcards/index.server";
import { buyGiftCard } from "~/features/storefront/giftcards/buy.server";
import { db, schema } from "~/lib/db.server";

const card = { number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" };

describe("a gift-card-only order in the shopper's order list", () => {
  it("says its card is to be sent, then sent once it is emailed", async () => {
    const shopper = await createCustomer(db);
    const key = crypto.randomUUID();
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const bought = await buyGiftCard({
      idempotencyKey: key,
      amount: 5000,
      currency: "USD",
      purchaserEmail: shopper.email,
      recipientEmail: "wanjiru@example.com",
      recipientName: "Wanjiru",
      senderName: "Amina",
      message: "",
      sendOn: later,
      card,
      customerId: shopper.id,
    });
    expect(bought).toMatchObject({ ok: true });

    const before = await customerOrders(shopper.id, 1, { emailVerified: true });
    expect(before.orders).toMatchObject([{ status: "open", giftCardsOnly: true, cardsToSend: 1 }]);

    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, key));
    const [issued] = await db.select().from(schema.giftCards).where(eq(schema.giftCards.orderId, order.id));
    await deliverGiftCard(issued.id);

    const after = await customerOrders(shopper.id, 1, { emailVerified: true });
    expect(after.orders).toMatchObject([{ status: "open", giftCardsOnly: true, cardsToSend: 0 }]);
  });
});
