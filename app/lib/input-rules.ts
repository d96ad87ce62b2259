/**
 * The input rules the browser needs too (the register's cart, the collection filters, checkout's
 * one-line fields), kept free of zod so importing them adds nothing to a page's JavaScript.
 * ~/lib/validation builds the zod helpers on these and re-exports them.
 */

/** The largest id PostgreSQL's `integer` (int4) holds: a bigger one is an error there, so a 500 here. */
export const INT4_MAX = 2_147_483_647;

/**
 * Control characters (Unicode Cc: C0, DEL, C1). No field of ours means to hold one; PostgreSQL
 * refuses NUL outright (an error, so a 500), and the others only ever arrive from a script.
 * Tab, CR and LF are allowed in multi-line text (a textarea, a pasted list).
 */
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

export const CONTROL_CHARACTER_MESSAGE =
  "That has a character we can't accept (a control character such as NUL). Please remove it and try again.";

/** Whether `value` holds a control character (tab, CR and LF count only when not `multiline`). */
export function hasControlCharacter(value: string, { multiline = false }: { multiline?: boolean } = {}): boolean {
  return (multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).test(value);
}

/**
 * Invisible characters that change how the text around them reads, refused in what people outside
 * write (reviews, gift card names and messages, return notes, sign-up names, wholesale applications):
 * Unicode format characters (Cf), which include the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069: "Trojan Source" text that reads one way in ops' moderation queue
 * and means another), zero-width spaces, soft hyphens, word joiners, BOMs and the invisible tag
 * characters; and the line and paragraph separators (U+2028, U+2029), line breaks nobody types.
 * Kept: ZWNJ and ZWJ (U+200C, U+200D: Persian and Indic spelling, emoji sequences) and the direction
 * marks (LRM U+200E, RLM U+200F, ALM U+061C), which people writing right-to-left scripts type and
 * which can't hide text or reorder more than the punctuation beside them.
 * Refused, not stripped: what was written is never changed behind the writer's back.
 */
const HIDDEN = /(?![\u061C\u200C-\u200F])[\p{Cf}\u2028\u2029]/u;

export const HIDDEN_CHARACTER_MESSAGE =
  "That has an invisible character we can't accept (one that hides text or turns its direction, often pasted in). Please type it again without it.";

/** Whether `value` holds an invisible character (HIDDEN above): for `.refine` on text people outside write. */
export function hasHiddenCharacter(value: string): boolean {
  return HIDDEN.test(value);
}

/** For `.refine`: no invisible character that hides text or turns its direction. */
export const isVisibleText = (value: string) => !hasHiddenCharacter(value);

/** For `.refine` on a single-line field with messages of its own: no control character, tab and line breaks included. */
export const isOneLine = (value: string) => !hasControlCharacter(value);

/** The same rule as a pattern, for zod's `.regex` (a string check, far cheaper than a `.refine`): no control character at all. */
export const ONE_LINE = /^[^\u0000-\u001F\u007F-\u009F]*$/;

/** A route parameter or query value as an id (a positive int4), or null for anything else: for `404`s. */
export function idOrNull(value: string | null | undefined): number | null {
  const digits = value?.trim() ?? "";
  if (!/^\d{1,10}$/.test(digits)) return null;
  const id = Number(digits);
  return id >= 1 && id <= INT4_MAX ? id : null;
}
