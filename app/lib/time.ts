/**
 * Calendar days in a time zone. The factory's clock is Nairobi's: "today" for due dates, days and
 * months on the dashboard and in the impact report start there, whatever the server's zone.
 */

/** The factory's clock. */
export const OPS_TIME_ZONE = "Africa/Nairobi";

export type ZonedDate = { year: number; month: number; day: number };

/** The calendar date at `instant` in `timeZone`. */
export function zonedDate(instant: Date, timeZone = OPS_TIME_ZONE): ZonedDate {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get("year"), month: get("month"), day: get("day") };
}

/** The calendar date in Nairobi (or `timeZone`) as YYYY-MM-DD: what "today" means for due dates. */
export function zonedIsoDate(instant: Date, timeZone = OPS_TIME_ZONE): string {
  const day = zonedDate(instant, timeZone);
  return `${monthKey(day.year, day.month)}-${String(day.day).padStart(2, "0")}`;
}

/** "2026-11" for a year and month, with months before January or after December rolled over. */
export function monthKey(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Days in a month (month 1..12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
