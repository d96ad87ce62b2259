/**
 * Money, the one home for its rules (docs/decisions/0001-money.md): integer minor units plus an ISO
 * currency code everywhere, converted only at the edges — hydrogen-react's MoneyV2, text for people,
 * and amounts people type. Pure and browser-safe (the register computes change with it).
 */
import { numberFormat } from "./intl";

export type Money = { amount: number; currency: string };

const digitsCache = new Map<string, number>();

/** ISO 4217 minor-unit exponent (USD 2, KES 2, JPY 0). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** hydrogen-react's MoneyV2 wants the amount as a decimal string. */
export function toMoneyV2({ amount, currency }: Money): { amount: string; currencyCode: string } {
  const digits = minorDigits(currency);
  return { amount: (amount / 10 ** digits).toFixed(digits), currencyCode: currency };
}

/** "$1,234.56", "KES 350.00": the full form, for pages, emails and receipts. */
export function formatMoney({ amount, currency }: Money, locale = "en-US"): string {
  const digits = minorDigits(currency);
  return numberFormat(locale, { style: "currency", currency }).format(amount / 10 ** digits);
}

/**
 * "KES 1,250" for a whole amount, "KES 1,250.50" otherwise: the short form for SMS, USSD screens and
 * payout messages, where every character counts (one GSM-7 SMS), and never a symbol that isn't GSM-7.
 */
export function formatShortMoney(amount: number, currency = "KES"): string {
  const digits = minorDigits(currency);
  const major = amount / 10 ** digits;
  const whole = Number.isInteger(major);
  const number = numberFormat("en-US", {
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: whole ? 0 : digits,
  }).format(major);
  return `${currency} ${number}`;
}

/** "1,250": KES minor units rounded to whole shillings, for chart labels and summaries that say "KES" once. */
export function formatWholeShillings(minor: number): string {
  return Math.round(minor / 100).toLocaleString("en-US");
}

// ---------------------------------------------------------------- amounts people type

/** Largest amount a PostgreSQL integer column holds, in minor units. */
export const MAX_MINOR_UNITS = 2_147_483_647;

/** The marks a person may type before an amount in `currency`, besides its ISO code. */
const CURRENCY_MARKS: Record<string, readonly string[]> = {
  USD: ["$", "us$"],
  KES: ["ksh", "ksh."],
  // The markets' currencies (ops types a market's prices in its own money).
  GBP: ["£"],
  EUR: ["€"],
  CAD: ["$", "ca$", "c$"],
  AUD: ["$", "au$", "a$"],
};

/** "1,234,567" (groups of three) or "1234567", then an optional fraction. */
const AMOUNT_PATTERN = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * An amount typed in major units of `currency` → integer minor units: "5" → 500, "5.5" → 550,
 * "$1,050.75" → 105075 (USD), "KES 350" or "KSh 1,200" → 35000, 120000 (KES). The currency's own
 * code or mark may come first, with or without a space; commas only as thousands separators;
 * at most the currency's decimal places. Null when it is anything else: a sign, letters, another
 * currency's mark ("KES 350" for a USD price), an exponent, or more than an integer column holds.
 * "0" is 0: whether zero is allowed is the caller's rule. No floating point: the digits are joined as text.
 */
export function parseMoneyInput(input: string | null | undefined, currency: string): number | null {
  let text = (input ?? "").trim();
  const marks = [currency.toLowerCase(), ...(CURRENCY_MARKS[currency] ?? [])].sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  const mark = marks.find((m) => lower.startsWith(m));
  if (mark) text = text.slice(mark.length).trimStart();
  const match = AMOUNT_PATTERN.exec(text);
  if (!match) return null;
  const digits = minorDigits(currency);
  const whole = match[1].replace(/,/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > digits || whole.length > 10) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) && minor <= MAX_MINOR_UNITS ? minor : null;
}

/**
 * Whether `input` is written like an amount in some currency (a mark, digits, thousands commas, a
 * fraction), before the currency is known: a form checks this first, then parseMoneyInput decides
 * with the currency (its decimal places, its own mark).
 */
export function isAmountShaped(input: string): boolean {
  const text = input.trim().replace(/^(?:us\$|\$|ksh\.?|[a-z]{3}(?![a-z]))\s*/i, "");
  return AMOUNT_PATTERN.test(text);
}

/** Minor units → what a form shows again for editing: 4800 → "48.00" (USD), 1200 → "1200" (JPY). */
export function minorToInput(amount: number | null | undefined, currency = "USD"): string {
  if (amount === null || amount === undefined) return "";
  const digits = minorDigits(currency);
  if (digits === 0) return String(amount);
  return `${Math.floor(amount / 10 ** digits)}.${String(amount % 10 ** digits).padStart(digits, "0")}`;
}
