/**
 * Short money and date forms for SMS and USSD screens, where every character counts. Pure.
 */
import { minorDigits } from "~/modules/money/money";

export type Language = "sw" | "en";

/** "KES 1,250" for whole amounts, "KES 1,250.50" otherwise. */
export function formatShortMoney(amount: number, currency = "KES"): string {
  const digits = minorDigits(currency);
  const major = amount / 10 ** digits;
  const whole = Number.isInteger(major);
  const number = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: whole ? 0 : digits,
  }).format(major);
  return `${currency} ${number}`;
}

const MONTHS: Record<Language, string[]> = {
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  sw: ["Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov", "Des"],
};

/** "12 Dec" / "12 Des" from a YYYY-MM-DD date or a Date (read in UTC, like due dates). */
export function formatShortDate(date: string | Date, language: Language): string {
  const iso = typeof date === "string" ? date : date.toISOString().slice(0, 10);
  const [, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTHS[language][month - 1]}`;
}
