/**
 * How the portal writes dates. A calendar day (a ship date, a due date: `YYYY-MM-DD`) is the same day
 * everywhere, so it is formatted as that day. A moment (placed, shipped, delivered) goes through
 * `<LocalTime options={MOMENT} />`: the buyer's own zone once the page runs, UTC and labelled without JavaScript.
 */
export const MOMENT: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

/** "Nov 3, 2026" for a calendar day. */
export function shortDay(isoDay: string) {
  return new Date(`${isoDay}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

/** "November 3, 2026" for a calendar day. */
export function longDay(isoDay: string) {
  return new Date(`${isoDay}T00:00:00Z`).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}
