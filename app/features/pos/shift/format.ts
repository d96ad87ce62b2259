/** A time on the shift page, in the store's time zone. */
export function fmt(iso: string) {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "America/Los_Angeles" }).format(
    new Date(iso),
  );
}

export const pieces = (n: number) => `${n} ${n === 1 ? "piece" : "pieces"}`;
