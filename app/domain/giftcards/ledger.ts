/**
 * A gift card's own ledger, pure: what each movement does to a balance, the double-entry entry it
 * posts (app/domain/ledger: the gift card liability), and how a total is split over applied cards.
 *
 * Signs: a movement's `amount` is what it adds to the card's balance (issued and refunded add,
 * redeemed and expired take). Its ledger entry credits the liability by the same amount (negative
 * lines are credits), so at every moment, per currency,
 *   sum(card balances) = sum(card movements) = −balance(soko:gift_card_liability:<currency>).
 */
import { ACCOUNT_CODES, type LedgerEntryInput } from "~/domain/ledger";

export type MovementKind = "issued" | "redeemed" | "refunded" | "expired";
/** Why a card was issued: sold for money (online, at the register), or given as a refund (store credit). */
export type IssueSource = "sold" | "store_credit";

export type MovementResult = { ok: true; amount: number; balanceAfter: number } | { ok: false; message: string };

/** One movement against a balance: the signed amount and the balance after, or why it cannot happen. */
export function applyMovement(balance: number, kind: MovementKind, amount: number): MovementResult {
  if (!Number.isSafeInteger(amount) || amount <= 0) return { ok: false, message: "The amount must be more than zero." };
  const signed = kind === "issued" || kind === "refunded" ? amount : -amount;
  const balanceAfter = balance + signed;
  if (balanceAfter < 0) return { ok: false, message: "The gift card does not hold that much." };
  return { ok: true, amount: signed, balanceAfter };
}

/** A card's balance from its movements, checking each step stays at or above zero (the card's ledger balances). */
export function replayMovements(movements: Array<{ amount: number; balanceAfter: number }>): { ok: boolean; balance: number } {
  let balance = 0;
  for (const m of movements) {
    balance += m.amount;
    if (balance < 0 || balance !== m.balanceAfter) return { ok: false, balance };
  }
  return { ok: true, balance };
}

/** The double-entry side of a movement: liability against receipts, sales, refunds or breakage. */
export function movementEntry(input: {
  movementId: number;
  kind: MovementKind;
  /** The movement's signed amount (what it did to the balance). */
  amount: number;
  currency: string;
  last4: string;
  source?: IssueSource;
}): LedgerEntryInput {
  const other =
    input.kind === "issued"
      ? input.source === "store_credit"
        ? ACCOUNT_CODES.storeCreditRefunds(input.currency)
        : ACCOUNT_CODES.giftCardReceipts(input.currency)
      : input.kind === "expired"
        ? ACCOUNT_CODES.giftCardBreakage(input.currency)
        : ACCOUNT_CODES.giftCardSales(input.currency);
  const what =
    input.kind === "issued" ? (input.source === "store_credit" ? "store credit issued" : "gift card sold") : `gift card ${input.kind}`;
  return {
    kind: `gift_card_${input.kind}`,
    reference: `gift_card_movement:${input.movementId}`,
    memo: `${what} ····${input.last4}`,
    lines: [
      { accountCode: ACCOUNT_CODES.giftCardLiability(input.currency), amount: -input.amount, currency: input.currency },
      { accountCode: other, amount: input.amount, currency: input.currency },
    ],
  };
}

export type AppliedCard = { id: number; last4: string; balance: number; currency: string; status: string };
export type CardUse = { id: number; last4: string; amount: number; balanceAfter: number };

/**
 * How a total is paid by the cards a shopper applied, in the order applied: each takes what it can
 * up to what is still due; the rest is left for another payment (a card, cash). Cards in another
 * currency or not active pay nothing.
 */
export function splitOverCards(total: number, currency: string, cards: AppliedCard[]): { uses: CardUse[]; covered: number; due: number } {
  const uses: CardUse[] = [];
  let due = Math.max(0, total);
  for (const card of cards) {
    if (card.currency !== currency || card.status !== "active" || card.balance <= 0) {
      uses.push({ id: card.id, last4: card.last4, amount: 0, balanceAfter: card.balance });
      continue;
    }
    const amount = Math.min(card.balance, due);
    due -= amount;
    uses.push({ id: card.id, last4: card.last4, amount, balanceAfter: card.balance - amount });
  }
  return { uses, covered: total - due, due };
}

/** The storefront's one currency until markets come (issue #16): cards sold online are in it. */
export const GIFT_CARD_CURRENCY = "USD";

/** Amounts a gift card may be sold for, minor units (USD 10 – 1,000). */
export const GIFT_CARD_MIN = 10_00;
export const GIFT_CARD_MAX = 1_000_00;
/** The amounts the storefront offers as buttons; any whole amount between min and max is accepted. */
export const GIFT_CARD_PRESETS = [25_00, 50_00, 100_00, 200_00];

/** payments.provider for the part of an order a gift card paid; its provider_ref names the card. */
export const GIFT_CARD_PAYMENT_PROVIDER = "gift_card";

export function giftCardPaymentRef(giftCardId: number, orderId: number): string {
  return `gift_card:${giftCardId}:order:${orderId}`;
}

/** The card a gift card payment's provider_ref names, or null. */
export function giftCardOfPayment(providerRef: string): number | null {
  const match = /^gift_card:(\d+):/.exec(providerRef);
  return match ? Number(match[1]) : null;
}
