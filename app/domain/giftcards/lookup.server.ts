/**
 * Finding a card by its code, for people who type one: the balance page, checkout and the register.
 * A well-formed code is looked up only after the attempt is counted (auth_throttles, the same
 * mechanism as every password: docs/decisions/0012), per client address and per bag; a right code
 * takes back its own attempt. A code with a typo (its check character) is refused without a lookup.
 */
import { and, asc, eq } from "drizzle-orm";
import { addressKey, attemptSucceeded, beginAttempt, retryAfter, THROTTLES, type Counter } from "~/domain/accounts/index.server";
import { tryAgainIn } from "~/domain/accounts";
import { db, schema, type Executor } from "~/lib/db.server";
import { parseCode } from "./codes";
import { wrongCurrencyMessage, type AppliedCard } from "./ledger";
import type { EmailedCard } from "./delivery";
import { hashCode } from "./code-hash.server";

const { giftCards, cartGiftCards } = schema;

export type CardView = {
  id: number;
  last4: string;
  balance: number;
  currency: string;
  status: "inactive" | "active" | "disabled";
  kind: string;
};

export type Lookup =
  | { ok: true; card: CardView }
  | { ok: false; status: 404 | 422 | 429; message: string; headers?: Record<string, string> };

/** The card a code names (no throttle: for code that already holds the code, e.g. a sale being recorded). */
export async function cardByCode(code: string, executor: Executor = db): Promise<CardView | null> {
  const parsed = parseCode(code);
  if (!parsed.ok) return null;
  const [card] = await executor
    .select({
      id: giftCards.id,
      last4: giftCards.last4,
      balance: giftCards.balance,
      currency: giftCards.currency,
      status: giftCards.status,
      kind: giftCards.kind,
    })
    .from(giftCards)
    .where(eq(giftCards.codeHash, hashCode(parsed.code)));
  return card ?? null;
}

/**
 * A code someone typed → its card, counted against the client address (and the bag, at checkout).
 * Unknown and unsold cards get the same answer, so the answer says nothing about which codes exist.
 */
export async function lookUpCode(input: { code: string; address: string | null; bag?: string | null }, now = new Date()): Promise<Lookup> {
  const parsed = parseCode(input.code);
  if (!parsed.ok) return { ok: false, status: 422, message: parsed.message };
  const list: Counter[] = [{ rule: THROTTLES.giftCardAddress, key: input.address ? addressKey(input.address) : "unknown" }];
  if (input.bag) list.push({ rule: THROTTLES.giftCardBag, key: input.bag });
  const gate = await beginAttempt(list, now);
  if (!gate.ok) {
    return {
      ok: false,
      status: 429,
      message: `Too many gift card codes tried ${gate.rule.per === "address" ? "from your network" : "on this bag"}. ${tryAgainIn(gate.lockedUntil, now)}`,
      headers: retryAfter(gate.lockedUntil, now),
    };
  }
  const card = await cardByCode(parsed.code);
  if (!card || card.status === "inactive")
    return { ok: false, status: 404, message: "We don't know that gift card code. Please check it." };
  await attemptSucceeded(gate);
  return { ok: true, card };
}

/** Cards applied to a bag, in the order applied (they pay in that order). */
export async function bagGiftCards(cartId: string, executor: Executor = db): Promise<AppliedCard[]> {
  return executor
    .select({
      id: giftCards.id,
      last4: giftCards.last4,
      balance: giftCards.balance,
      currency: giftCards.currency,
      status: giftCards.status,
    })
    .from(cartGiftCards)
    .innerJoin(giftCards, eq(giftCards.id, cartGiftCards.giftCardId))
    .where(eq(cartGiftCards.cartId, cartId))
    .orderBy(asc(cartGiftCards.addedAt), asc(giftCards.id));
}

export type ApplyResult =
  | { ok: true; card: CardView }
  | { ok: false; status: 404 | 409 | 422 | 429; message: string; headers?: Record<string, string> };

/** Applies a typed code to the bag (throttled): refused when the card is empty, disabled or in another currency. */
export async function applyGiftCardToBag(input: {
  cartId: string;
  currency: string;
  code: string;
  address: string | null;
}): Promise<ApplyResult> {
  const found = await lookUpCode({ code: input.code, address: input.address, bag: input.cartId });
  if (!found.ok) return found;
  const { card } = found;
  if (card.status !== "active")
    return { ok: false, status: 409, message: `Gift card ····${card.last4} can't be used right now. Please contact us.` };
  if (card.currency !== input.currency) return { ok: false, status: 409, message: wrongCurrencyMessage(card, input.currency, "bag") };
  if (card.balance <= 0) return { ok: false, status: 409, message: `Gift card ····${card.last4} has nothing left on it.` };
  await db.insert(cartGiftCards).values({ cartId: input.cartId, giftCardId: card.id }).onConflictDoNothing();
  return { ok: true, card };
}

export async function removeGiftCardFromBag(cartId: string, giftCardId: number) {
  await db.delete(cartGiftCards).where(and(eq(cartGiftCards.cartId, cartId), eq(cartGiftCards.giftCardId, giftCardId)));
}

export type UnsoldCard = { ok: true; id: number; last4: string } | { ok: false; status: 404 | 409 | 422 | 429; message: string };

/**
 * A printed card the register is about to sell: its number (scanned or typed, counted against the
 * register's address like every typed code) must name an unsold physical card in the register's
 * currency. Staff only: unlike the shoppers' lookup, the answer says why a card can't be sold.
 */
export async function unsoldCard(input: { code: string; currency: string; address: string | null }, now = new Date()): Promise<UnsoldCard> {
  const parsed = parseCode(input.code);
  if (!parsed.ok) return { ok: false, status: 422, message: parsed.message };
  const gate = await beginAttempt([{ rule: THROTTLES.giftCardAddress, key: input.address ? addressKey(input.address) : "unknown" }], now);
  if (!gate.ok)
    return { ok: false, status: 429, message: `Too many gift card numbers tried on this register. ${tryAgainIn(gate.lockedUntil, now)}` };
  const card = await cardByCode(parsed.code);
  const ending = parsed.code.slice(-4);
  if (!card)
    return {
      ok: false,
      status: 404,
      message: `No Soko gift card has the number ending ${ending}: check it, or take another card from the stack.`,
    };
  await attemptSucceeded(gate);
  if (card.kind !== "physical")
    return {
      ok: false,
      status: 409,
      message: `····${card.last4} is a ${card.kind === "digital" ? "digital card" : "store credit"}, not a printed card: it can't be sold here.`,
    };
  if (card.status === "active")
    return {
      ok: false,
      status: 409,
      message: `Gift card ····${card.last4} is already active (it was sold before): take another card from the stack.`,
    };
  if (card.status !== "inactive")
    return { ok: false, status: 409, message: `Gift card ····${card.last4} is ${card.status}: it can't be sold.` };
  if (card.currency !== input.currency)
    return { ok: false, status: 409, message: `Gift card ····${card.last4} is printed for ${card.currency}, not ${input.currency}.` };
  return { ok: true, id: card.id, last4: card.last4 };
}

/** Printed cards a sale activated, with what they hold now: for its receipt. */
export async function cardsSoldWith(orderId: number, executor: Executor = db) {
  return executor
    .select({
      id: giftCards.id,
      last4: giftCards.last4,
      initialAmount: giftCards.initialAmount,
      balance: giftCards.balance,
      currency: giftCards.currency,
    })
    .from(giftCards)
    .where(and(eq(giftCards.orderId, orderId), eq(giftCards.kind, "physical")))
    .orderBy(asc(giftCards.id));
}

/**
 * The cards an order bought to be emailed: for whom, the day chosen (UTC) and when each went out
 * (null while it waits for its day). What the order's pages show instead of a shipment.
 */
export async function cardsEmailedFor(orderId: number, executor: Executor = db): Promise<EmailedCard[]> {
  const rows = await executor
    .select({
      last4: giftCards.last4,
      recipientName: giftCards.recipientName,
      recipientEmail: giftCards.recipientEmail,
      sendOn: giftCards.sendOn,
      deliveredAt: giftCards.deliveredAt,
    })
    .from(giftCards)
    .where(and(eq(giftCards.orderId, orderId), eq(giftCards.kind, "digital")))
    .orderBy(asc(giftCards.id));
  return rows.map((row) => ({ ...row, deliveredAt: row.deliveredAt?.toISOString() ?? null }));
}
