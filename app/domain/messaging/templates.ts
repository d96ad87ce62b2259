/**
 * The SMS Soko sends artisans, in their language, each written to fit one GSM-7 SMS (160
 * characters): only the product title is shortened when a message would run over. Pure.
 */
import { USSD_CODE } from "./texts";
import { formatMoney, formatShortMoney } from "~/lib/money";
import { formatShortDate, type Language } from "./format";
import { fitSmsAround } from "./gsm";

export type OfferSmsInput = {
  language: Language;
  number: string;
  quantity: number;
  product: string;
  pieceRate: number;
  currency: string;
  dueDate: string;
};

/** A new offer: what, how many, the pay, the due date, and how to accept without data. */
export function offerSmsText(offer: OfferSmsInput): string {
  const pay = formatShortMoney(offer.pieceRate, offer.currency);
  const total = formatShortMoney(offer.pieceRate * offer.quantity, offer.currency);
  const due = formatShortDate(offer.dueDate, offer.language);
  return fitSmsAround(
    (product) =>
      offer.language === "sw"
        ? `Soko: Kazi mpya ${offer.number}: ${offer.quantity}x ${product}, ${pay} kila kipande (jumla ${total}), tarehe ${due}. Piga ${USSD_CODE} au tuma KUBALI ${offer.number}.`
        : `Soko: New offer ${offer.number}: ${offer.quantity}x ${product} at ${pay} each (${total} in all), due ${due}. Dial ${USSD_CODE} or text ACCEPT ${offer.number}.`,
    offer.product,
  );
}

export type ReminderSmsInput = { language: Language; number: string; quantity: number; product: string; dueDate: string };

/** Work due soon: which request, when, and how to say it is ready without data. */
export function dueReminderSmsText(work: ReminderSmsInput): string {
  const due = formatShortDate(work.dueDate, work.language);
  return fitSmsAround(
    (product) =>
      work.language === "sw"
        ? `Soko: Kumbuka, ${work.number} (${work.quantity}x ${product}) inatakiwa tarehe ${due}. Ikiwa tayari, piga ${USSD_CODE} au fungua programu.`
        : `Soko: Reminder: ${work.number} (${work.quantity}x ${product}) is due ${due}. When it is ready, dial ${USSD_CODE} or open the app.`,
    work.product,
  );
}

export type ReceiptSmsInput = {
  store: string;
  number: string;
  /** The day of the sale as the shop writes it ("Dec 6"). */
  day: string;
  pieces: number;
  total: number;
  currency: string;
  /** How it was paid ("Cash", "Visa ....4242"), or null. */
  paidBy: string | null;
};

/** A shopper's receipt by text: the store, the sale number to quote, what was paid and how. One SMS. */
export function receiptSmsText(r: ReceiptSmsInput): string {
  const total = formatMoney({ amount: r.total, currency: r.currency });
  return `${r.store}: thank you! Receipt ${r.number}, ${r.day}: ${r.pieces} ${r.pieces === 1 ? "piece" : "pieces"}, ${total}${r.paidBy ? ` paid by ${r.paidBy}` : ""}. Quote ${r.number} for any return or question.`;
}

/**
 * An exchange at the counter by text: the sale it came from, the new pieces' own number to quote,
 * and the difference paid or given back (or none). One SMS.
 */
export function exchangeSmsText(r: {
  store: string;
  saleNumber: string;
  exchangeNumber: string;
  currency: string;
  difference: { direction: "paid" | "back"; amount: number; by: string } | null;
}): string {
  const money = r.difference ? formatMoney({ amount: r.difference.amount, currency: r.currency }) : "";
  const said = !r.difference
    ? "no difference to pay"
    : r.difference.direction === "paid"
      ? `${money} paid ${r.difference.by}`
      : `${money} back ${r.difference.by}`;
  return `${r.store}: your exchange on ${r.saleNumber}: new piece ${r.exchangeNumber}, ${said}. Quote ${r.exchangeNumber} for any return.`;
}
