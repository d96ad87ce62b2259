/**
 * Calendar days in a time zone. The factory's clock is Nairobi's: "today" for due dates, days and
 * months on the dashboard and in the impact report start there, whatever the server's zone.
 */
import { dateTimeFormat } from "./intl";

/** The factory's clock: Nairobi (East Africa Time, UTC+3 all year). */
export const OPS_TIME_ZONE = "Africa/Nairobi";

/** The San Francisco flagship's clock: the register's receipts, shifts and held sales. */
export const FLAGSHIP_TIME_ZONE = "America/Los_Angeles";

export type ZonedDate = { year: number; month: number; day: number };

/** The calendar date at `instant` in `timeZone`. */
export function zonedDate(instant: Date, timeZone = OPS_TIME_ZONE): ZonedDate {
  const parts = dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant);
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

/**
 * The later of two calendar dates (YYYY-MM-DD). ISO dates order as strings, which Math.max cannot
 * compare (it turns them into NaN), so this is the one place the comparison is written.
 */
export function laterIsoDate(a: string, b: string): string {
  return a < b ? b : a;
}

/** Days in a month (month 1..12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The label every ops time carries: Nairobi keeps East Africa Time (UTC+3) all year. */
export const OPS_TIME_LABEL = "EAT";

const OPS_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const OPS_WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export type OpsTimeOptions = {
  /** "14:05:09" rather than "14:05". */
  seconds?: boolean;
  /** Leave the year out ("12 Mar, 14:05 EAT"): for times in the last few weeks. */
  year?: boolean;
  /** "Thu 12 Mar …": for pickups and other times ahead. */
  weekday?: boolean;
};

/**
 * An instant on the factory's clock, labelled: "12 Mar 2026, 14:05 EAT". Every time the ops console
 * shows goes through here, so one page never mixes UTC and Nairobi. The same text on the server and
 * in any browser (the zone is named, never the viewer's), so hydration never disagrees.
 */
export function formatOpsTime(instant: Date | string, { seconds = false, year = true, weekday = false }: OpsTimeOptions = {}): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return "—";
  const parts = dateTimeFormat("en-GB", {
    timeZone: OPS_TIME_ZONE,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const day = Number(get("day"));
  const month = OPS_MONTHS[Number(get("month")) - 1];
  const weekdayIndex = zonedWeekday(date);
  const clock = `${get("hour")}:${get("minute")}${seconds ? `:${get("second")}` : ""}`;
  return `${weekday ? `${OPS_WEEKDAYS[weekdayIndex]} ` : ""}${day} ${month}${year ? ` ${get("year")}` : ""}, ${clock} ${OPS_TIME_LABEL}`;
}

/** 0 (Sunday) … 6 on Nairobi's calendar. */
function zonedWeekday(instant: Date): number {
  const { year, month, day } = zonedDate(instant);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** "2026-03-12 14:05" on the zone's clock (Nairobi unless named): a time a spreadsheet sorts and reads. */
export function zonedStamp(instant: Date, timeZone = OPS_TIME_ZONE): string {
  const parts = dateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}
