/**
 * Short date forms for SMS and USSD screens, where every character counts. Pure. (The short money
 * form, formatShortMoney, is in ~/lib/money with the other money rules.)
 */
export type Language = "sw" | "en";

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
