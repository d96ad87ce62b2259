/**
 * How a sale is paid (cash, card, or split between them), how a return is paid back (to the
 * original tenders), and what the drawer should hold at the end of a shift. Pure.
 */

import { csvFrom, decimalAmount } from "~/lib/csv";
import { parseMoneyInput } from "~/lib/money";

/** The flagship's currency: every amount on the register is in it. */
export const REGISTER_CURRENCY = "USD";

/** "12", "12.5", "$1,200.05" typed at the register → minor units; null when it is not an amount (~/lib/money). */
export function parseAmount(raw: string | null | undefined): number | null {
  return parseMoneyInput(raw, REGISTER_CURRENCY);
}

export type TenderMode = "cash" | "card" | "split";

export type TenderPlan = {
  cash: { amount: number; given: number; change: number } | null;
  card: { amount: number } | null;
};

export type TenderInput = { mode: TenderMode; total: number; cashGiven: number | null; cardAmount: number | null };

/**
 * Cash: the amount given covers the total, the rest is change. Card: the whole total on the
 * terminal. Split: the card takes `cardAmount`, cash the rest (with change when more is given).
 */
export function planTenders(input: TenderInput): { ok: true; plan: TenderPlan } | { ok: false; field: string; message: string } {
  const { total } = input;
  if (input.mode === "card") return { ok: true, plan: { cash: null, card: total > 0 ? { amount: total } : null } };
  let cardAmount = 0;
  if (input.mode === "split") {
    if (input.cardAmount === null) return { ok: false, field: "cardAmount", message: "Enter the amount to put on the card." };
    if (input.cardAmount <= 0) return { ok: false, field: "cardAmount", message: "The card amount must be more than zero." };
    if (input.cardAmount >= total)
      return {
        ok: false,
        field: "cardAmount",
        message: "For a split, the card takes part of the total: less than the whole. Use Card for all of it.",
      };
    cardAmount = input.cardAmount;
  }
  const cashDue = total - cardAmount;
  const given = input.cashGiven;
  if (given === null) return { ok: false, field: "cashGiven", message: "Enter the cash the customer handed over." };
  if (given < cashDue) {
    return { ok: false, field: "cashGiven", message: `Cash given (${dollars(given)}) is less than the ${dollars(cashDue)} due in cash.` };
  }
  return {
    ok: true,
    plan: {
      cash: cashDue > 0 || total === 0 ? { amount: cashDue, given, change: given - cashDue } : null,
      card: cardAmount > 0 ? { amount: cardAmount } : null,
    },
  };
}

function dollars(minor: number) {
  return `$${(minor / 100).toFixed(2)}`;
}

export type TenderKind = "cash" | "card" | "gift_card";
export type PaidTender = { id: number; kind: TenderKind; amount: number; providerRef: string | null };
export type RefundPart = { kind: TenderKind; amount: number; providerRef: string | null; tenderId: number | null };

/**
 * Pays a return back to the sale's own tenders: to the card and the gift card first (each up to what
 * it paid and has not had back; a gift card's share never turns into cash), the rest in cash from the drawer. `tenders` are the sale's rows: positive
 * (paid) and negative (already refunded).
 */
export function planRefund(tenders: PaidTender[], amount: number): RefundPart[] {
  const paidCards = tenders.filter((t) => t.kind !== "cash" && t.amount > 0);
  const refundedByRef = new Map<string, number>();
  for (const t of tenders)
    if (t.kind !== "cash" && t.amount < 0 && t.providerRef)
      refundedByRef.set(t.providerRef, (refundedByRef.get(t.providerRef) ?? 0) - t.amount);
  const parts: RefundPart[] = [];
  let left = amount;
  for (const card of paidCards) {
    if (left <= 0) break;
    const room = card.amount - (refundedByRef.get(card.providerRef ?? "") ?? 0);
    const take = Math.min(room, left);
    if (take > 0) {
      parts.push({ kind: card.kind, amount: take, providerRef: card.providerRef, tenderId: card.id });
      left -= take;
    }
  }
  if (left > 0) parts.push({ kind: "cash", amount: left, providerRef: null, tenderId: null });
  return parts;
}

export type ShiftTender = {
  id: number;
  kind: TenderKind;
  amount: number;
  returnId: number | null;
  orderNumber: string;
  createdAt: Date | string;
  cashGiven: number | null;
  changeDue: number | null;
  providerRef: string | null;
};

export type ShiftReport = {
  currency: string;
  openingFloat: number;
  cashSales: number;
  cardSales: number;
  /** Sales paid (in part or whole) by Soko gift cards: never in the drawer. */
  giftCardSales: number;
  cashRefunds: number;
  cardRefunds: number;
  /** Refunds put back onto gift cards. */
  giftCardRefunds: number;
  /** How many payments of each kind (a split sale counts once under each tender it used). */
  cashSalesCount: number;
  cardSalesCount: number;
  giftCardSalesCount: number;
  cashRefundsCount: number;
  cardRefundsCount: number;
  giftCardRefundsCount: number;
  /** Counter exchanges' dearer differences taken (positive tenders of a return): not sales, but in the drawer when cash. */
  cashDifferences: number;
  cardDifferences: number;
  cashDifferencesCount: number;
  cardDifferencesCount: number;
  salesTotal: number;
  refundsTotal: number;
  /** Sales and differences taken, less refunds. */
  netTotal: number;
  salesCount: number;
  /** Returns made in the shift that refunded (no exchange). */
  returnsCount: number;
  /** Exchanges made in the shift, whatever moved: a same-price one moves no money but is counted here. */
  exchangesCount: number;
  expectedCash: number;
  countedCash: number | null;
  variance: number | null;
};

/**
 * What the drawer should hold: the float plus cash taken minus cash paid back (change never
 * enters the sum: a cash tender's amount is what it paid, not what was handed over). Card and gift
 * card tenders are reported beside cash, each with its count, and never touch the drawer.
 */
export function shiftReport(input: {
  currency: string;
  openingFloat: number;
  tenders: ShiftTender[];
  /** The returns taken in the shift (whether each was an exchange): a same-price exchange has no tender. */
  returns: ReadonlyArray<{ id: number; exchange: boolean }>;
  countedCash?: number | null;
}): ShiftReport {
  // A positive tender of a return is an exchange's difference taken, not a sale.
  const pick = (kind: TenderKind, sign: 1 | -1, difference = false) =>
    input.tenders.filter((t) => t.kind === kind && Math.sign(t.amount) === sign && (sign < 0 || (t.returnId !== null) === difference));
  const sum = (rows: ShiftTender[]) => rows.reduce((s, t) => s + Math.abs(t.amount), 0);
  const total = (kind: TenderKind, sign: 1 | -1, difference = false) => sum(pick(kind, sign, difference));
  const cashSales = total("cash", 1);
  const cardSales = total("card", 1);
  const giftCardSales = total("gift_card", 1);
  const cashRefunds = total("cash", -1);
  const cardRefunds = total("card", -1);
  const giftCardRefunds = total("gift_card", -1);
  const cashDifferences = total("cash", 1, true);
  const cardDifferences = total("card", 1, true) + total("gift_card", 1, true);
  const salesCount = new Set(input.tenders.filter((t) => t.amount > 0 && t.returnId === null).map((t) => t.orderNumber)).size;
  const returnsCount = input.returns.filter((r) => !r.exchange).length;
  const exchangesCount = input.returns.filter((r) => r.exchange).length;
  const expectedCash = input.openingFloat + cashSales + cashDifferences - cashRefunds;
  const counted = input.countedCash ?? null;
  const salesTotal = cashSales + cardSales + giftCardSales;
  const refundsTotal = cashRefunds + cardRefunds + giftCardRefunds;
  return {
    currency: input.currency,
    openingFloat: input.openingFloat,
    cashSales,
    cardSales,
    giftCardSales,
    cashRefunds,
    cardRefunds,
    giftCardRefunds,
    cashSalesCount: pick("cash", 1).length,
    cardSalesCount: pick("card", 1).length,
    giftCardSalesCount: pick("gift_card", 1).length,
    cashRefundsCount: pick("cash", -1).length,
    cardRefundsCount: pick("card", -1).length,
    giftCardRefundsCount: pick("gift_card", -1).length,
    cashDifferences,
    cardDifferences,
    cashDifferencesCount: pick("cash", 1, true).length,
    cardDifferencesCount: pick("card", 1, true).length + pick("gift_card", 1, true).length,
    salesTotal,
    refundsTotal,
    netTotal: salesTotal + cashDifferences + cardDifferences - refundsTotal,
    salesCount,
    returnsCount,
    exchangesCount,
    expectedCash,
    countedCash: counted,
    variance: counted === null ? null : counted - expectedCash,
  };
}

/**
 * A closed shift's report as it was frozen, with any line it did not have yet (reports frozen
 * before gift card lines and counts) taken from the shift's tenders. Frozen figures always win.
 */
export function frozenReport(stored: Record<string, unknown>, recomputed: ShiftReport): ShiftReport {
  return { ...recomputed, ...(stored as Partial<ShiftReport>) };
}

const decimal = (minor: number | null) => (minor === null ? "" : decimalAmount(minor));

/** The shift as a spreadsheet: the summary, then every tender in order. */
export function shiftCsv(
  shift: {
    id: number;
    register: string;
    openedAt: Date | string;
    closedAt: Date | string | null;
    openedBy: string;
    closedBy: string | null;
  },
  report: ShiftReport,
  tenders: ShiftTender[],
): string {
  const iso = (d: Date | string | null) => (d === null ? "" : new Date(d).toISOString());
  const rows: (string | number | null)[][] = [
    ["Shift", shift.id],
    ["Register", shift.register],
    ["Opened", iso(shift.openedAt)],
    ["Opened by", shift.openedBy],
    ["Closed", iso(shift.closedAt)],
    ["Closed by", shift.closedBy ?? ""],
    ["Currency", report.currency],
    ["Opening float", decimal(report.openingFloat)],
    ["Cash sales", decimal(report.cashSales), report.cashSalesCount],
    ["Card sales", decimal(report.cardSales), report.cardSalesCount],
    ["Gift card sales", decimal(report.giftCardSales), report.giftCardSalesCount],
    ["Cash refunds", decimal(report.cashRefunds), report.cashRefundsCount],
    ["Card refunds", decimal(report.cardRefunds), report.cardRefundsCount],
    ["Gift card refunds", decimal(report.giftCardRefunds), report.giftCardRefundsCount],
    ["Exchange differences in cash", decimal(report.cashDifferences), report.cashDifferencesCount],
    ["Exchange differences by card", decimal(report.cardDifferences), report.cardDifferencesCount],
    ["Sales", report.salesCount],
    ["Returns", report.returnsCount],
    ["Exchanges", report.exchangesCount],
    ["Expected cash", decimal(report.expectedCash)],
    ["Counted cash", decimal(report.countedCash)],
    ["Variance", decimal(report.variance)],
    [],
    ["Time", "Order", "Type", "Tender", "Amount", "Cash given", "Change", "Reference"],
    ...tenders.map((t) => [
      iso(t.createdAt),
      t.orderNumber,
      t.returnId === null ? "sale" : t.amount > 0 ? "exchange difference" : "refund",
      t.kind,
      decimal(t.amount),
      decimal(t.cashGiven),
      decimal(t.changeDue),
      t.providerRef ?? "",
    ]),
  ];
  return csvFrom(rows);
}

/**
 * What a return pays back: the returned lines' goods plus their share of the sale's tax; the last
 * return of a sale pays exactly what is left, so rounding never loses or makes a cent.
 */
export function returnAmount(input: {
  goods: number;
  saleGoods: number;
  saleTax: number;
  saleTotal: number;
  refundedBefore: number;
  returnsEverything: boolean;
}): number {
  const left = input.saleTotal - input.refundedBefore;
  if (input.returnsEverything) return left;
  const tax = input.saleGoods > 0 ? Math.round((input.goods * input.saleTax) / input.saleGoods) : 0;
  return Math.min(left, input.goods + tax);
}

/** One returned unit's share of a line, the line's last unit taking the remainder. */
export function lineReturnGoods(line: { quantity: number; total: number }, returnedBefore: number, quantity: number): number {
  if (returnedBefore + quantity >= line.quantity) return line.total - Math.round((line.total * returnedBefore) / line.quantity);
  return Math.round((line.total * (returnedBefore + quantity)) / line.quantity) - Math.round((line.total * returnedBefore) / line.quantity);
}

const CARD_BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  american_express: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
  interac: "Interac",
  eftpos_au: "eftpos",
};

/**
 * How a card tender reads on a receipt: "Visa ····4242" from what the reader reported. Never the
 * payment's reference (that is no part of the card); a tender without them reads "Card".
 */
export function cardLabel(brand: string | null | undefined, last4: string | null | undefined): string {
  const name = brand ? (CARD_BRANDS[brand.toLowerCase()] ?? brand[0].toUpperCase() + brand.slice(1)) : "Card";
  return last4 && /^\d{4}$/.test(last4) ? `${name} ····${last4}` : name;
}

export type ReceiptTender = { kind: string; amount: number; cardBrand?: string | null; cardLast4?: string | null };

/** How a sale was paid, as the receipt says it: "Visa ····4242 and cash", "gift card ····7731"; null when nothing was taken. */
export function paidByWords(tenders: ReceiptTender[]): string | null {
  const words = tenders
    .filter((t) => t.amount > 0)
    .map((t) =>
      t.kind === "card" ? cardLabel(t.cardBrand, t.cardLast4) : t.kind === "gift_card" ? `gift card ····${t.cardLast4 ?? ""}` : "cash",
    );
  const kinds = [...new Set(words)];
  return kinds.length ? kinds.join(" and ") : null;
}
