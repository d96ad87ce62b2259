import { useEffect, useState } from "react";

const SHAPE: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" };

/**
 * A moment in the reader's own time. The server cannot know the reader's zone, so it writes the
 * time in UTC and says so ("Nov 3, 9:15 AM UTC"), which is what a reader without JavaScript sees;
 * once the page runs, the browser rewrites it in its own zone ("Nov 3, 1:15 AM PST"). The full
 * instant stays in `dateTime` and in the title.
 */
export function LocalTime({ iso, className, options = SHAPE }: { iso: string; className?: string; options?: Intl.DateTimeFormatOptions }) {
  const [text, setText] = useState(() => format(iso, options, "UTC"));
  useEffect(() => setText(format(iso, options, undefined)), [iso, options]);
  return (
    <time className={className} dateTime={iso} title={iso}>
      {text}
    </time>
  );
}

function format(iso: string, options: Intl.DateTimeFormatOptions, timeZone: string | undefined) {
  return new Date(iso).toLocaleString("en-US", { ...options, timeZone });
}
