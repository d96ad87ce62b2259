/** The gift card jobs: emailing a card on its send date, a safety net for any that missed it, and nightly expiry. */
import type { Task } from "graphile-worker";
import { and, isNotNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "~/lib/db.server";
import { deliverGiftCard, expireGiftCards } from "./cards.server";

const payload = z.object({ giftCardId: z.number().int().positive() });

export const deliverGiftCardTask: Task = async (raw) => {
  await deliverGiftCard(payload.parse(raw).giftCardId);
};

/** Cards due today or earlier whose code is still sealed (a job lost with a restored backup): sent now. */
export async function deliverDueGiftCards(now = new Date()) {
  const today = now.toISOString().slice(0, 10);
  const due = await db
    .select({ id: schema.giftCards.id })
    .from(schema.giftCards)
    .where(and(isNotNull(schema.giftCards.sealedCode), lte(schema.giftCards.sendOn, today), sql`${schema.giftCards.sendOn} is not null`));
  for (const card of due) await deliverGiftCard(card.id);
  return due.length;
}

export const deliverDueGiftCardsTask: Task = async () => {
  await deliverDueGiftCards();
};

export const expireGiftCardsTask: Task = async () => {
  await expireGiftCards();
};

export const GIFT_CARD_CRONTAB = [
  "15 * * * * deliver_due_gift_cards ?jobKey=deliver_due_gift_cards",
  "45 3 * * * expire_gift_cards ?jobKey=expire_gift_cards",
].join("\n");

export function giftCardTasks() {
  return {
    deliver_gift_card: deliverGiftCardTask,
    deliver_due_gift_cards: deliverDueGiftCardsTask,
    expire_gift_cards: expireGiftCardsTask,
  };
}
