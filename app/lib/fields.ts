/**
 * Shared zod fields for forms and query strings: ids bounded to int4, whole numbers in a range, and
 * text that refuses control characters. A module of its own because it needs zod at run time, and
 * ~/lib/validation (readForm, parseWith) is imported by every route: kept zod-free, it adds
 * nothing to a page's JavaScript.
 */
import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE, INT4_MAX, hasControlCharacter } from "./input-rules";
import { parseWith } from "./validation";

/**
 * Text on one line (a name, a code, a search): trimmed, at most `max` characters, no control
 * characters at all. Use `multilineText` where a line break belongs.
 */
export function text({
  max = 500,
  message = CONTROL_CHARACTER_MESSAGE,
  tooLong = `At most ${max} characters.`,
}: {
  max?: number;
  message?: string;
  tooLong?: string;
} = {}) {
  return z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((v) => !hasControlCharacter(v), message);
}

/** Text that may have several lines (a description, a note): tab, CR and LF allowed, other control characters not. */
export function multilineText({
  max = 5000,
  message = CONTROL_CHARACTER_MESSAGE,
  tooLong = `At most ${max} characters.`,
}: {
  max?: number;
  message?: string;
  tooLong?: string;
} = {}) {
  return z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((v) => !hasControlCharacter(v, { multiline: true }), message);
}

/**
 * A whole number from a form or query string, within [min, max] (by default a positive int4, what
 * our id columns hold). Digits only: "", "1.5", "1e3", "0x10" and "99999999999999999999999" get
 * `message` instead of reaching SQL as NaN or as a number PostgreSQL can't store.
 */
export function wholeNumber(message: string, { min = 1, max = INT4_MAX }: { min?: number; max?: number } = {}) {
  return z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : v),
    z
      .string({ required_error: message, invalid_type_error: message })
      .regex(/^\d{1,15}$/, message)
      .transform(Number)
      .refine((n) => n >= min && n <= max, message),
  );
}

/** A row id from a form or query string: a positive int4, or `message`. */
export const intId = (message = "That id is not one of ours.") => wholeNumber(message);

/**
 * `?page=` on a list: absent or blank is page 1; anything else must be a page number, else the list
 * answers 400 saying so (a typo'd address is not quietly page 1). Past the last page is the list's
 * own business: it says so and links back.
 */
export function listPage({ max = 100_000 }: { max?: number } = {}) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number({ message: "The page must be a number." })
      .int("The page must be a whole number.")
      .min(1, "Pages start at 1.")
      .max(max, "That page is out of range.")
      .default(1),
  );
}

const pageQuery = z.object({ page: listPage() });

/**
 * A list's `?page=` (the console's, the portal's, the storefront's): 1 when absent or blank; a 400
 * saying what is wrong when it isn't a page number. A page past the last is the list's to say.
 */
export function listPageOf(params: URLSearchParams): number {
  const parsed = parseWith(pageQuery, new URLSearchParams(params.has("page") ? { page: params.get("page")! } : {}));
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  return parsed.data.page;
}
