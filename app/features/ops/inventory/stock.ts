/** The stock page's shared shapes and formatting (safe in the browser). */
import type { FieldErrors } from "~/lib/validation";

/** A refused transfer or count: its errors and what was typed. */
export type ActionFailure = { intent: "transfer" | "count"; errors: FieldErrors; values: Record<string, string> };

/** "YYYY-MM-DD HH:MM" in UTC. */
export function utc(at: string | Date) {
  return new Date(at).toISOString().slice(0, 16).replace("T", " ");
}
