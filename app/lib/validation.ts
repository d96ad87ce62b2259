import type { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter } from "./input-rules";

export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

export {
  CONTROL_CHARACTER_MESSAGE,
  HIDDEN_CHARACTER_MESSAGE,
  INT4_MAX,
  hasControlCharacter,
  hasHiddenCharacter,
  idOrNull,
  isOneLine,
  isVisibleText,
} from "./input-rules";

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
  // The headers first: asking a Request for its `body` can make a stream (app/http/server-request.ts).
  const declaredNone = (request.headers.get("Content-Length") ?? "0") === "0" && !request.headers.has("Transfer-Encoding");
  if (!type && (declaredNone || !request.body)) return new FormData();
  const limit = FORM_LIMITS[type];
  if (!limit)
    throw new Response("This address takes a form: send it as application/x-www-form-urlencoded or multipart/form-data.", { status: 415 });
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
    throw new Response(
      `That form has a character we can't accept (a control character such as NUL) in ${field}. Please remove it and send the form again.`,
      { status: 400 },
    );
  }
  return form;
}
