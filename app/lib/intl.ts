/**
 * Intl formatters made once and kept. Building an `Intl.DateTimeFormat` or `Intl.NumberFormat`
 * costs far more than formatting with one (and `Date#toLocaleDateString` builds one on every call):
 * a product page's review dates alone were 8% of its render's CPU. Same answers as a new formatter
 * each time; pure and browser-safe.
 */

const MAX_KEPT = 500;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function kept<F>(formats: Map<string, F>, locale: string, options: object, make: () => F): F {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = make();
    // The options come from our own code (a handful of shapes): a bound only against a mistake.
    if (formats.size >= MAX_KEPT) formats.clear();
    formats.set(key, format);
  }
  return format;
}

/** `new Intl.DateTimeFormat(locale, options)`, made once per locale and options. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept(dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

/** `new Intl.NumberFormat(locale, options)`, made once per locale and options. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return kept(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

/** `new Date(instant).toLocaleDateString(locale, options)` (and toLocaleString) with a kept formatter. */
export function formatDate(instant: Date | string | number, locale: string, options: Intl.DateTimeFormatOptions): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  // As toLocaleDateString answers (a formatter would throw).
  if (Number.isNaN(date.getTime())) return "Invalid Date";
  return dateTimeFormat(locale, options).format(date);
}

const LONG_DAY: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };

/** An instant's UTC day written out in `locale`: "7 December 2026" (en-GB), "December 7, 2026" (en-US). */
export function formatLongDay(instant: Date | string | number, locale: string): string {
  return formatDate(instant, locale, LONG_DAY);
}
