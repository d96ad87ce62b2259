/**
 * When a web order should arrive, for the shopper's order page. Pure.
 *
 * - Delivered: the day it was.
 * - Shipped: the ship day plus the service's business days in transit (pricing's transit table, the
 *   same numbers checkout promised).
 * - Not shipped yet: the day it can ship — the latest production due date still ahead plus the hub's
 *   days to check and pack it (HUB_DAYS), or the next business day for pieces from stock — then transit.
 *   Never earlier than today: a late piece moves the estimate, it does not show a date in the past.
 * Dates are calendar days (YYYY-MM-DD): an estimate has no time of day.
 */
import { SHIPPING_CODES, transitBusinessDays, type ShippingCode } from "~/domain/pricing";
import { dateTimeFormat, formatDate } from "~/lib/intl";

/** Days at the Nairobi hub from a piece's due date to the parcel leaving: receive, quality check, pack. */
export const HUB_DAYS = 2;

export type DeliveryEstimate =
  | { kind: "delivered"; on: string }
  | { kind: "shipped"; from: string; to: string; method: ShippingCode }
  /** `making`: some piece is still being made (it ships from the hub once checked); false: all from stock. */
  | { kind: "expected"; from: string; to: string; method: ShippingCode; making: boolean };

export type DeliveryInput = {
  status: string;
  country: string | null;
  shippingMethod: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  /** Due dates (YYYY-MM-DD) of production still under way (not yet quality checked). */
  pendingDueDates: string[];
  today: string;
};

export function deliveryEstimate(input: DeliveryInput): DeliveryEstimate | null {
  if (input.status === "cancelled" || input.status === "refunded") return null;
  if (input.deliveredAt) return { kind: "delivered", on: input.deliveredAt.slice(0, 10) };
  if (!input.country) return null;
  const method: ShippingCode = (SHIPPING_CODES as readonly string[]).includes(input.shippingMethod ?? "")
    ? (input.shippingMethod as ShippingCode)
    : "standard";
  const [min, max] = transitBusinessDays(input.country, method);
  if (input.shippedAt) {
    const shipped = input.shippedAt.slice(0, 10);
    return { kind: "shipped", from: addBusinessDays(shipped, min), to: addBusinessDays(shipped, max), method };
  }
  const lastDue = input.pendingDueDates.reduce<string | null>((latest, d) => (latest === null || d > latest ? d : latest), null);
  const ready = lastDue ? addDays(lastDue, HUB_DAYS) : addBusinessDays(input.today, 1);
  const ships = ready > input.today ? ready : addBusinessDays(input.today, 1);
  return { kind: "expected", from: addBusinessDays(ships, min), to: addBusinessDays(ships, max), method, making: lastDue !== null };
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday to Friday: `days` of them after `day`. */
export function addBusinessDays(day: string, days: number): string {
  let d = day;
  let left = days;
  while (left > 0) {
    d = addDays(d, 1);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d;
}

/** "Nov 18" or "Nov 18 – 22" or "Nov 28 – Dec 3" (calendar days, no time zone involved). */
export function formatDayRange(from: string, to: string, locale = "en-US"): string {
  if (locale !== "en-US") {
    // The locale's own way ("Sun 6 Dec", "6 – 9 Dec"); US English keeps the shape below, which its pages and emails have always used.
    const noon = (day: string) => new Date(`${day}T12:00:00Z`);
    if (from === to) return formatDate(noon(from), locale, { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
    return dateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).formatRange(noon(from), noon(to));
  }
  const fmt = (day: string, opts: Intl.DateTimeFormatOptions) => formatDate(`${day}T12:00:00Z`, "en-US", { ...opts, timeZone: "UTC" });
  if (from === to) return fmt(from, { weekday: "short", month: "short", day: "numeric" });
  if (from.slice(0, 7) === to.slice(0, 7)) return `${fmt(from, { month: "short", day: "numeric" })} – ${fmt(to, { day: "numeric" })}`;
  return `${fmt(from, { month: "short", day: "numeric" })} – ${fmt(to, { month: "short", day: "numeric" })}`;
}
