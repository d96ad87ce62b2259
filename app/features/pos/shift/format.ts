import { FLAGSHIP_TIME_ZONE } from "~/lib/time";
/** A time on the shift page, in the store's time zone. */
export function fmt(iso: string) {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: FLAGSHIP_TIME_ZONE }).format(new Date(iso));
}

export const pieces = (n: number) => `${n} ${n === 1 ? "piece" : "pieces"}`;
