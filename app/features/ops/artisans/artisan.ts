import type { FieldErrors } from "~/lib/validation";

/** A refused profile form: its errors and what was typed. */
export type Failure = { intent: string; errors: FieldErrors; values: Record<string, string> };
