/** The stock page's shared shapes and formatting (safe in the browser). */
import type { FieldErrors } from "~/lib/validation";

/** A refused transfer or count: its errors and what was typed. */
export type ActionFailure = { intent: "transfer" | "count"; errors: FieldErrors; values: Record<string, string> };
