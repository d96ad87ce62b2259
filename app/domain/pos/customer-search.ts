/**
 * The register's customer lookup, pure: what the cashier typed (a name, an email or a phone number,
 * whole or its first letters/digits) → the prefixes to look for, and the quick-create form's rules.
 * The queries are in ./customers.server.ts; customers.phone is E.164 (~/lib/phone's normalizeE164).
 */
import { z } from "zod";
import { normalizeE164 } from "~/lib/phone";

/** Fewer letters than this find too many people to be useful: the panel waits for more. */
export const MIN_QUERY_LENGTH = 2;
export const MAX_QUERY_LENGTH = 100;
/** Results shown at once; the cashier types more to narrow them. */
export const CUSTOMER_RESULTS = 8;

/** A customer as the register shows them. `credit`: what their active gift cards and store credit hold, in `currency`. */
export type CustomerMatch = {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  orders: number;
  credit: number;
  currency: string;
};

export type CustomerQuery = {
  /** What was typed, tidied (trimmed, single spaces), as the panel says it back. */
  text: string;
  /** A LIKE pattern on lower(email), escaped, ending in %; null when the text can't start an email. */
  email: string | null;
  /** The lowercased name prefix (escaped, no %): matched at the start of the name or of any word in it. */
  name: string | null;
  /** LIKE patterns on the E.164 phone (escaped digits, ending in %), or the exact number when it is whole. */
  phones: string[];
};

/** Escapes LIKE's wildcards (\ is the default escape), so "a_b" looks for "a_b". */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Phone punctuation and digits only, with at least three digits: the cashier is typing a number. */
function looksLikePhone(text: string): boolean {
  return /^\+?[\d\s\-().]+$/.test(text) && (text.match(/\d/g)?.length ?? 0) >= 3;
}

/**
 * What to search for. Null when there is nothing worth searching (too short). "amina" looks at names
 * and emails, "amina@" only at emails, "(415) 555" at phones: "+1415555…" (a local number), "+415555…"
 * (a country code typed without +), and "0712…" as a Kenyan number; a whole number matches exactly.
 */
export function customerQueryOf(typed: string): CustomerQuery | null {
  // Control characters (a NUL byte PostgreSQL refuses in text) are read as spaces, like any other gap.
  const text = typed
    .replace(/[\s\u0000-\u001f\u007f]+/g, " ")
    .trim()
    .slice(0, MAX_QUERY_LENGTH);
  if (text.length < MIN_QUERY_LENGTH) return null;
  if (looksLikePhone(text)) {
    const whole = normalizeE164(text);
    if (whole) return { text, email: null, name: null, phones: [whole] };
    const digits = text.replace(/\D/g, "");
    const phones = text.startsWith("+")
      ? [`+${digits}%`]
      : digits.startsWith("00")
        ? [`+${digits.slice(2)}%`]
        : digits.startsWith("0")
          ? [`+254${digits.slice(1)}%`]
          : [...new Set([`+1${digits.replace(/^1/, "")}%`, `+${digits}%`])];
    return { text, email: null, name: null, phones };
  }
  const lower = text.toLowerCase();
  const email = /\s/.test(lower) ? null : `${escapeLike(lower)}%`;
  const name = lower.includes("@") ? null : escapeLike(lower);
  return { text, email, name, phones: [] };
}

/** The quick-create form: a name, and an email or a phone (or both), each checked. */
export const quickCustomerSchema = z
  .object({
    customerName: z
      .string({ required_error: "Enter the customer's name." })
      .trim()
      .min(1, "Enter the customer's name.")
      .max(120, "Keep the name under 120 characters."),
    customerEmail: z
      .string()
      .trim()
      .max(254, "That email address is too long.")
      .optional()
      .refine((v) => !v || z.string().email().safeParse(v).success, "Enter a valid email address (or leave it empty).")
      .transform((v) => (v ? v.toLowerCase() : null)),
    customerPhone: z
      .string()
      .trim()
      .max(40, "That phone number is too long.")
      .optional()
      .refine(
        (v) => !v || normalizeE164(v) !== null,
        "Enter the mobile number with its area code, like (415) 555-0100, or + and the country code.",
      )
      .transform((v) => (v ? normalizeE164(v) : null)),
  })
  .superRefine((form, ctx) => {
    if (!form.customerEmail && !form.customerPhone)
      ctx.addIssue({ code: "custom", path: ["customerEmail"], message: "Enter an email or a mobile number (or both) for the receipt." });
  })
  .transform((form) => ({ name: form.customerName, email: form.customerEmail, phone: form.customerPhone }));

export type QuickCustomer = z.infer<typeof quickCustomerSchema>;
