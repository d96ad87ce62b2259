import { zonedIsoDate } from "~/lib/time";

/**
 * The calendar date at `date` on the factory's clock (Nairobi), as YYYY-MM-DD: due dates, dispatch
 * plans and ship dates are whole days there, like "late" on the board. (A UTC day made an order
 * placed between midnight and 03:00 in Nairobi — the American afternoon — due a day early.)
 */
export function isoDate(date: Date): string {
  return zonedIsoDate(date);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
