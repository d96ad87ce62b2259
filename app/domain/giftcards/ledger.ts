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
import { toSettlement } from "~/domain/markets";

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
  /**
   * Store credit for an order paid in another currency than its settlement one: the refund is booked
   * as the order's sales were, in the settlement currency at the order's rate (the card's amount
   * beside), the liability in the card's currency, the currency-exchange clearing pair between them
   * (docs/decisions/0028).
   */
  settlement?: { currency: string; ratePpm: number | null } | null;
}): LedgerEntryInput {
  const s = input.settlement;
  if (input.kind === "issued" && input.source === "store_credit" && s?.ratePpm && s.currency !== input.currency) {
    const booked = toSettlement(input.amount, s.ratePpm);
    const beside = (amount: number) => ({ presentment: { amount, currency: input.currency } });
    return {
      kind: "gift_card_issued",
      reference: `gift_card_movement:${input.movementId}`,
      memo: `store credit issued ····${input.last4}`,
      lines: [
        { accountCode: ACCOUNT_CODES.storeCreditRefunds(s.currency), amount: booked, currency: s.currency, ...beside(input.amount) },
        { accountCode: ACCOUNT_CODES.fxClearing(s.currency), amount: -booked, currency: s.currency, ...beside(-input.amount) },
        { accountCode: ACCOUNT_CODES.fxClearing(input.currency), amount: input.amount, currency: input.currency },
        { accountCode: ACCOUNT_CODES.giftCardLiability(input.currency), amount: -input.amount, currency: input.currency },
      ],
    };
  }
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

/** The currency of printed cards and of the register (the San Francisco flagship): US dollars. */
export const GIFT_CARD_CURRENCY = "USD";

/**
 * What a card can be worth in one currency, minor units: the amounts the storefront offers as
 * buttons, and the least and most any whole amount typed may be.
 */
export type GiftCardAmounts = { currency: string; presets: readonly number[]; min: number; max: number };

/**
 * Each market currency's card amounts, set here once (docs/decisions/0022), never converted per
 * view: the dollar amounts at the market's price-list rate, rounded to whole fives of the currency
 * (a card is a gift of a round sum: the .95 endings of a market's prices are for goods). A card
 * sold in pounds is a card in pounds: the rate moving later does not change what it holds.
 */
export const GIFT_CARD_AMOUNTS: Readonly<Record<string, GiftCardAmounts>> = {
  USD: { currency: "USD", presets: [25_00, 50_00, 100_00, 200_00], min: 10_00, max: 1_000_00 },
  GBP: { currency: "GBP", presets: [20_00, 45_00, 90_00, 175_00], min: 10_00, max: 880_00 },
  EUR: { currency: "EUR", presets: [25_00, 55_00, 105_00, 210_00], min: 10_00, max: 1_050_00 },
  CAD: { currency: "CAD", presets: [35_00, 70_00, 140_00, 280_00], min: 15_00, max: 1_400_00 },
  AUD: { currency: "AUD", presets: [45_00, 85_00, 170_00, 340_00], min: 15_00, max: 1_700_00 },
};

/** A currency's card amounts, or null for a currency cards are not sold in. */
export function giftCardAmountsIn(currency: string): GiftCardAmounts | null {
  return Object.hasOwn(GIFT_CARD_AMOUNTS, currency) ? GIFT_CARD_AMOUNTS[currency] : null;
}

/**
 * A dollar amount as a card amount at a rate (USD → currency, parts per million): whole fives of
 * the currency, half up, never below five. How GIFT_CARD_AMOUNTS was made (a test holds it to this).
 */
export function giftCardAmountAt(usdMinor: number, ratePpm: number): number {
  const units = (usdMinor * ratePpm) / 1_000_000 / 100;
  return Math.max(1, Math.floor(units / 5 + 0.5)) * 5 * 100;
}

/** The dollar card amounts (the register sells these; the storefront's US market too). */
export const GIFT_CARD_MIN = GIFT_CARD_AMOUNTS.USD.min;
export const GIFT_CARD_MAX = GIFT_CARD_AMOUNTS.USD.max;
export const GIFT_CARD_PRESETS = GIFT_CARD_AMOUNTS.USD.presets;

/**
 * Why a card is refused where money is in another currency, the same words at web checkout, at
 * the register and on the balance page: a card holds its own currency and is never converted.
 */
export function wrongCurrencyMessage(
  card: { last4: string; currency: string },
  paying: string,
  where: "bag" | "sale" | "payment" | "shop",
): string {
  const subject = { bag: "Your bag is", sale: "This sale is", payment: "This payment is", shop: "You are shopping" }[where];
  return `Gift card ····${card.last4} is in ${card.currency} and can only be used when paying in ${card.currency}. ${subject} in ${paying}.`;
}

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
