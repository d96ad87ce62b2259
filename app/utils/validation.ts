import { z } from "zod";

export type FieldErrors = Record<string, string>;

export type ParseResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The largest id PostgreSQL's `integer` (int4) holds: a bigger one is an error there, so a 500 here. */
export const INT4_MAX = 2_147_483_647;

/**
 * Control characters (Unicode Cc: C0, DEL, C1). No field of ours means to hold one; PostgreSQL
 * refuses NUL outright (an error, so a 500), and the others only ever arrive from a script.
 * Tab, CR and LF are allowed in multi-line text (a textarea, a pasted list).
 */
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

export const CONTROL_CHARACTER_MESSAGE = "That has a character we can't accept (a control character such as NUL). Please remove it and try again.";

/** Whether `value` holds a control character (tab, CR and LF count only when not `multiline`). */
export function hasControlCharacter(value: string, { multiline = false }: { multiline?: boolean } = {}): boolean {
  return (multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).test(value);
}

/** For `.refine` on a single-line field with messages of its own: no control character, tab and line breaks included. */
export const isOneLine = (value: string) => !hasControlCharacter(value);

/**
 * Text on one line (a name, a code, a search): trimmed, at most `max` characters, no control
 * characters at all. Use `multilineText` where a line break belongs.
 */
export function text({ max = 500, message = CONTROL_CHARACTER_MESSAGE, tooLong = `At most ${max} characters.` }: { max?: number; message?: string; tooLong?: string } = {}) {
  return z.string().trim().max(max, tooLong).refine((v) => !hasControlCharacter(v), message);
}

/** Text that may have several lines (a description, a note): tab, CR and LF allowed, other control characters not. */
export function multilineText({ max = 5000, message = CONTROL_CHARACTER_MESSAGE, tooLong = `At most ${max} characters.` }: { max?: number; message?: string; tooLong?: string } = {}) {
  return z.string().trim().max(max, tooLong).refine((v) => !hasControlCharacter(v, { multiline: true }), message);
}

/**
 * A whole number from a form or query string, within [min, max] (by default a positive int4, what
 * our id columns hold). Digits only: "", "1.5", "1e3", "0x10" and "99999999999999999999999" get
 * `message` instead of reaching SQL as NaN or as a number PostgreSQL can't store.
 */
export function wholeNumber(message: string, { min = 1, max = INT4_MAX }: { min?: number; max?: number } = {}) {
  return z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : v),
    z.string({ required_error: message, invalid_type_error: message }).regex(/^\d{1,15}$/, message).transform(Number).refine((n) => n >= min && n <= max, message),
  );
}

/** A row id from a form or query string: a positive int4, or `message`. */
export const intId = (message = "That id is not one of ours.") => wholeNumber(message);

/** A route parameter or query value as an id (a positive int4), or null for anything else: for `404`s. */
export function idOrNull(value: string | null | undefined): number | null {
  const parsed = intId().safeParse(value ?? "");
  return parsed.success ? parsed.data : null;
}

/** The first field (name or value) holding a control character, or null. Files are checked by name only. */
function controlCharacterField(entries: Iterable<[string, FormDataEntryValue]>): string | null {
  for (const [key, value] of entries) {
    if (hasControlCharacter(key, { multiline: true })) return key;
    if (hasControlCharacter(typeof value === "string" ? value : value.name, { multiline: true })) return key;
  }
  return null;
}

/**
 * Parses a form or query string with a zod schema. On failure: one message per field plus the user's
 * input, to send back with a 400/422 so the form re-renders filled in. A value holding a control
 * character (NUL, ESC…; tab/CR/LF pass here, single-line fields refuse them in their schema) fails
 * here, whatever the schema says, so no schema can forget.
 */
export function parseWith<S extends z.ZodTypeAny>(schema: S, input: FormData | URLSearchParams): ParseResult<z.infer<S>> {
  const values: Record<string, string> = {};
  for (const [key, value] of input.entries()) if (typeof value === "string" && !(key in values)) values[key] = value;
  const bad = controlCharacterField(input.entries());
  if (bad !== null) {
    const field = hasControlCharacter(bad, { multiline: true }) ? "form" : bad;
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) if (!hasControlCharacter(key + value, { multiline: true })) clean[key] = value;
    return { ok: false, errors: { [field]: CONTROL_CHARACTER_MESSAGE }, values: clean };
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/**
 * The largest body a form may have, by type, for callers outside the HTTP server (tests, scripts).
 * The server (app/http/body-limits.ts) caps every body per route before any of it is read.
 */
const FORM_LIMITS: Record<string, number> = {
  "application/x-www-form-urlencoded": 1024 * 1024,
  "multipart/form-data": 12 * 1024 * 1024,
};

/**
 * The submitted form. `request.formData()` throws on a body that is not a form (JSON, text, a
 * broken multipart upload), which would be a 500: this answers 415 or 400 with what to send
 * instead, and 413 to a form larger than any of ours. A POST with no body at all (a bare button,
 * `curl -X POST`) is an empty form. A field holding a control character (a NUL byte would reach
 * PostgreSQL and fail there) is refused here with a 400, for every action at once.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  const empty = !request.body || ((request.headers.get("Content-Length") ?? "0") === "0" && !request.headers.has("Transfer-Encoding"));
  if (!type && empty) return new FormData();
  const limit = FORM_LIMITS[type];
  if (!limit) throw new Response("This address takes a form: send it as application/x-www-form-urlencoded or multipart/form-data.", { status: 415 });
  if (Number(request.headers.get("Content-Length") ?? 0) > limit) throw new Response("That form is too large.", { status: 413 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("That form could not be read. Please send it again.", { status: 400 });
  }
  const bad = controlCharacterField(form.entries());
  if (bad !== null) {
    const field = hasControlCharacter(bad, { multiline: true }) ? "a field name" : `"${bad.slice(0, 40)}"`;
    throw new Response(`That form has a character we can't accept (a control character such as NUL) in ${field}. Please remove it and send the form again.`, { status: 400 });
  }
  return form;
}
