import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export type ParseResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Parses a form or query string with a zod schema. On failure: one message per field plus the user's
 * input, to send back with a 400/422 so the form re-renders filled in.
 */
export function parseWith<S extends z.ZodTypeAny>(schema: S, input: FormData | URLSearchParams): ParseResult<z.infer<S>> {
  const values: Record<string, string> = {};
  for (const [key, value] of input.entries()) if (typeof value === "string" && !(key in values)) values[key] = value;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values };
}
