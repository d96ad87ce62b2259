import { createContext, useContext, useEffect, useState } from "react";

const SHAPE: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" };

/** The locale moments below are written in: US English unless a page says otherwise (a UK order's page: "en-GB"). */
const DateLocale = createContext("en-US");
export const DateLocaleProvider = DateLocale.Provider;

/** The locale the page writes dates in (for a calendar day written without `LocalTime`). */
export function useDateLocale(): string {
  return useContext(DateLocale);
}

/**
 * A moment in the reader's own time. The server cannot know the reader's zone, so it writes the
 * time in UTC and says so ("Nov 3, 9:15 AM UTC"), which is what a reader without JavaScript sees;
 * once the page runs, the browser rewrites it in its own zone ("Nov 3, 1:15 AM PST"). The full
 * instant stays in `dateTime` and in the title. The words follow the nearest `DateLocaleProvider`
 * ("3 Nov, 09:15 UTC" for en-GB).
 */
export function LocalTime({ iso, className, options = SHAPE }: { iso: string; className?: string; options?: Intl.DateTimeFormatOptions }) {
  const locale = useContext(DateLocale);
  const [text, setText] = useState(() => format(iso, options, locale, "UTC"));
  useEffect(() => setText(format(iso, options, locale, undefined)), [iso, options, locale]);
  return (
    <time className={className} dateTime={iso} title={iso}>
      {text}
    </time>
  );
}

function format(iso: string, options: Intl.DateTimeFormatOptions, locale: string, timeZone: string | undefined) {
  return new Date(iso).toLocaleString(locale, { ...options, timeZone });
}
