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

/** The largest body a form may have, by type (uploads check their own, smaller, limits per file). */
const FORM_LIMITS: Record<string, number> = {
  "application/x-www-form-urlencoded": 1024 * 1024,
  "multipart/form-data": 12 * 1024 * 1024,
};

/**
 * The submitted form. `request.formData()` throws on a body that is not a form (JSON, text, a
 * broken multipart upload), which would be a 500: this answers 415 or 400 with what to send
 * instead, and 413 to a form larger than any of ours. A POST with no body at all (a bare button,
 * `curl -X POST`) is an empty form.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  const empty = !request.body || ((request.headers.get("Content-Length") ?? "0") === "0" && !request.headers.has("Transfer-Encoding"));
  if (!type && empty) return new FormData();
  const limit = FORM_LIMITS[type];
  if (!limit) throw new Response("This address takes a form: send it as application/x-www-form-urlencoded or multipart/form-data.", { status: 415 });
  if (Number(request.headers.get("Content-Length") ?? 0) > limit) throw new Response("That form is too large.", { status: 413 });
  try {
    return await request.formData();
  } catch {
    throw new Response("That form could not be read. Please send it again.", { status: 400 });
  }
}
