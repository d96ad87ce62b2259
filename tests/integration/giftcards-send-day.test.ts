/**
 * A gift card bought to be sent on a later day says that day, in the order's market's way: the
 * card's own email ("Chosen to reach you on 17 December 2026") and the buyer's confirmation ("will be
 * emailed on 17 December 2026, the day you chose"); a card sent at once says it goes now and names no day.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { placeGiftCardOrder } from "~/domain/checkout/index.server";
import { deliverGiftCard } from "~/domain/giftcards/index.server";
import { confirmationOf } from "~/domain/orders/jobs.server";
import { orderStatus } from "~/domain/orders/status.server";
import { renderEmail } from "~/domain/notifications/index.server";
import { db, schema } from "~/lib/db.server";
import { formatLongDay } from "~/lib/intl";

const DAY = 86_400_000;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

async function buy(currency: "USD" | "GBP", amount: number, sendOn: string, recipient: string) {
  const placed = await db.transaction((tx) =>
    placeGiftCardOrder(
      tx,
      {
        amount,
        currency,
        purchaserEmail: "buyer@example.com",
        recipientEmail: `${recipient.toLowerCase()}@example.com`,
        recipientName: recipient,
        senderName: "Amina",
        message: "",
        sendOn,
        customerId: null,
      },
      { provider: "local", providerRef: `pi_${recipient}_${Date.now()}` },
      `gift-card-send-day:${recipient}:${Date.now()}`,
    ),
  );
  const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, placed.orderNumber));
  const confirmation = await confirmationOf(order.id);
  const rendered = await renderEmail("order-confirmation", confirmation!.props);
  await deliverGiftCard(placed.giftCardId!);
  const [cardEmail] = await db
    .select()
    .from(schema.outbox)
    .where(eq(schema.outbox.dedupeKey, `gift-card:${placed.giftCardId}`));
  return { confirmation: rendered, cardEmail, order, props: confirmation!.props };
}

describe("a gift card's send day in its emails", () => {
  it("a UK card for a later day: both emails write the day the British way", async () => {
    const later = isoDay(new Date(Date.now() + 10 * DAY));
    const day = formatLongDay(later, "en-GB");
    expect(day).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    const { confirmation, cardEmail } = await buy("GBP", 4500, later, "Harriet");
    expect(confirmation.text).toContain(`Your gift card for Harriet (harriet@example.com) will be emailed on ${day}, the day you chose.`);
    expect(confirmation.html).toContain(day);
    expect(cardEmail.text).toContain(`Chosen to reach you on ${day}.`);
    expect(cardEmail.html).toContain(`Chosen to reach you on <strong>${day}</strong>`);
  });

  it("a US card for a later day: the American way", async () => {
    const later = isoDay(new Date(Date.now() + 30 * DAY));
    const day = formatLongDay(later, "en-US");
    expect(day).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
    const { confirmation, cardEmail } = await buy("USD", 5000, later, "Kamau");
    expect(confirmation.text).toContain(`Your gift card for Kamau (kamau@example.com) will be emailed on ${day}, the day you chose.`);
    expect(cardEmail.html).toContain(`Chosen to reach you on <strong>${day}</strong>`);
  });

  it("a card sent today: the confirmation says it goes now, and neither email names a day", async () => {
    const today = isoDay(new Date());
    const { confirmation, cardEmail } = await buy("USD", 5000, today, "Wanjiru");
    expect(confirmation.text).toContain("Your gift card for Wanjiru (wanjiru@example.com) is emailed now.");
    expect(confirmation.text).not.toContain(formatLongDay(today, "en-US"));
    expect(cardEmail.html).not.toContain("Chosen to reach you");
  });

  it("a gift-card-only order: neither its confirmation nor its page says handmade or promises tracking; an order with pieces still does", async () => {
    const later = isoDay(new Date(Date.now() + 5 * DAY));
    const { confirmation, order, props } = await buy("USD", 5000, later, "Otieno");
    for (const part of [confirmation.text, confirmation.html]) {
      expect(part).toContain("There is nothing to make or ship: each gift card is emailed to its recipient on the day you chose");
      expect(part).toContain("See your order");
      expect(part).not.toMatch(/being handmade|tracking|Track your order|workshop|ships/i);
    }
    expect(confirmation.text).toContain(`will be emailed on ${formatLongDay(later, "en-US")}, the day you chose.`);
    expect((await orderStatus(order.number))?.giftCardsOnly).toBe(true);

    // The same order's words with pieces in it (the template's other branch): handmade, followed, tracked.
    const withPieces = await renderEmail("order-confirmation", { ...props, giftCardsOnly: undefined });
    expect(withPieces.text).toContain("Each piece is being handmade for you by an artisan in Kenya");
    expect(withPieces.text).toContain("Track your order");
    expect(withPieces.text).toContain("we will email you again with tracking as soon as your order ships");
  });
});
