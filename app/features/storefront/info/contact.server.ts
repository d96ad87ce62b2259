import { env } from "~/lib/env.server";

/** The address shoppers write to: the one our order emails come from ("Soko <orders@…>" → "orders@…"). */
export function contactEmail(): string {
  const from = env().EMAIL_FROM;
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}
