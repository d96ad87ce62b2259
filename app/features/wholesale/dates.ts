/**
 * How the portal writes dates. A calendar day (a ship date, a due date: `YYYY-MM-DD`) is the same day
 * everywhere, so it is formatted as that day. A moment (placed, shipped, delivered) goes through
 * `<LocalTime options={MOMENT} />`: the buyer's own zone once the page runs, UTC and labelled without JavaScript.
 * Both are written the retailer's way: the portal's layout gives its pages the locale of the market
 * of the retailer's country (a UK store reads "3 November 2026"; `useDateLocale`).
 */
export const MOMENT: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

/** "Nov 3, 2026" for a calendar day (a UK retailer's "3 Nov 2026"). */
export function shortDay(isoDay: string, locale: string) {
  return new Date(`${isoDay}T00:00:00Z`).toLocaleDateString(locale, { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

/** "November 3, 2026" for a calendar day (a UK retailer's "3 November 2026"). */
export function longDay(isoDay: string, locale: string) {
  return new Date(`${isoDay}T00:00:00Z`).toLocaleDateString(locale, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}
