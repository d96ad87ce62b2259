/**
 * The market screens' inputs, read without ever trusting them: a rate typed as a decimal ("0.88"),
 * a rounding ending from a fixed list, and prices typed in the market's currency.
 */
import { parseMoneyInput } from "~/lib/money";

/** The endings ops may generate a list with: whole units, or prices ending .50, .90, .95, .99. */
export const ROUNDING_ENDINGS = [0, 50, 90, 95, 99] as const;

export function roundingLabel(ending: number): string {
  return ending === 0 ? "Whole units (.00)" : `Ending .${String(ending).padStart(2, "0")}`;
}

/** Largest rate accepted: 1 USD → 1,000 units (an int4 of parts per million holds 2,147). */
export const MAX_RATE_PPM = 1_000_000_000;

/** "0.88" → 880000 parts per million; null for anything else (a sign, letters, more than 6 decimals, zero, too big). */
export function parseRate(input: string | null | undefined): number | null {
  const match = /^(\d{1,4})(?:\.(\d{1,6}))?$/.exec((input ?? "").trim());
  if (!match) return null;
  const ppm = Number(match[1]) * 1_000_000 + Number((match[2] ?? "").padEnd(6, "0"));
  return ppm > 0 && ppm <= MAX_RATE_PPM ? ppm : null;
}

/** 880000 → "0.88", 1400000 → "1.4" (what the rate field shows again). */
export function rateText(ppm: number): string {
  const whole = Math.floor(ppm / 1_000_000);
  const fraction = String(ppm % 1_000_000)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

export function parseEnding(input: string | null | undefined): number | null {
  const n = Number(input);
  return (ROUNDING_ENDINGS as readonly number[]).includes(n) && String(input).trim() !== "" ? n : null;
}

export type PriceInput = { ok: true; price: number; compareAtPrice: number | null } | { ok: false; errors: Record<string, string> };

/** A price and optional compare-at typed in `currency` ("42", "£42.00", "1,250.95"). */
export function parsePriceInput(price: string | null | undefined, compareAt: string | null | undefined, currency: string): PriceInput {
  const errors: Record<string, string> = {};
  const amount = parseMoneyInput(price, currency);
  if (!(price ?? "").trim()) errors.price = "Enter the price.";
  else if (amount === null) errors.price = `Enter an amount in ${currency}, like 42 or 42.95.`;
  else if (amount <= 0) errors.price = "The price must be more than zero.";
  const compareText = (compareAt ?? "").trim();
  const compare = compareText ? parseMoneyInput(compareText, currency) : null;
  if (compareText && compare === null) errors.compareAtPrice = `Enter an amount in ${currency}, or leave it empty.`;
  else if (compare !== null && amount !== null && compare <= amount)
    errors.compareAtPrice = "The compare-at price must be more than the price (or left empty).";
  if (Object.keys(errors).length || amount === null) return { ok: false, errors };
  return { ok: true, price: amount, compareAtPrice: compare };
}
