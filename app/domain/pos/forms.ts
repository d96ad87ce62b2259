/** The register's forms and the offline sync body, one zod schema each. Pure. */
import { z } from "zod";
import { GIFT_CARD_PRESETS } from "~/domain/giftcards";
import { RETURN_REASON_VALUES } from "~/domain/returns";
import { intId } from "~/lib/fields";
import { idOrNull } from "~/lib/input-rules";
import { normalizeE164 } from "~/lib/phone";
import { parseAmount } from "./tender";

const amount = (what: string, required = true) =>
  z
    .string()
    .trim()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) {
        if (required) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Enter ${what}.` });
        return null;
      }
      const minor = parseAmount(raw);
      if (minor === null) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `${what[0].toUpperCase()}${what.slice(1)} must be an amount like 150 or 150.00.`,
        });
        return null;
      }
      return minor;
    });

export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password.").max(200, "That password is too long."),
  redirectTo: z.string().max(2000).optional(),
});

export const openShiftSchema = z.object({
  openingFloat: amount("the starting cash float").refine(
    (v) => v === null || v <= 500_000,
    "A float above $5,000.00 isn't allowed: check the amount.",
  ),
});

export const closeShiftSchema = z.object({
  shiftId: intId("Which shift?"),
  countedCash: amount("the cash you counted in the drawer"),
  note: z.string().trim().max(500, "Keep the note under 500 characters.").optional(),
});

/**
 * "Sell gift card": the number printed on the card (scanned or typed) and its amount — one of the
 * presets, or any other amount typed (which wins when both are given). The limits are addGiftCard's.
 */
export const sellGiftCardSchema = z
  .object({
    sellCardCode: z
      .string()
      .trim()
      .min(1, "Scan or type the number printed on the card.")
      .max(40, "A gift card number has 16 letters and digits."),
    sellAmount: z.string().trim().optional(),
    sellOther: amount("the card's amount", false),
  })
  .transform((form) => {
    const preset = GIFT_CARD_PRESETS.find((p) => String(p) === form.sellAmount) ?? null;
    return { code: form.sellCardCode, amount: form.sellOther ?? preset };
  });

export const KEY_PATTERN = /^[A-Za-z0-9-]{8,64}$/;
const key = z.string().trim().regex(KEY_PATTERN, "This form is out of date: reload the page and try again.");

const optionalEmail = z
  .string()
  .trim()
  .max(254, "That email address is too long.")
  .optional()
  .refine((v) => !v || z.string().email().safeParse(v).success, "Enter a valid email address for the receipt (or leave it empty).");

export const chargeSchema = z.object({
  key,
  mode: z.enum(["cash", "card", "split"], { errorMap: () => ({ message: "Choose how the customer pays: cash, card or split." }) }),
  cashGiven: amount("the cash given", false),
  cardAmount: amount("the card amount", false),
  /** A Soko gift card scanned or typed, and how much of the sale it pays (empty: as much as it can). */
  giftCardCode: z.string().trim().max(40, "A gift card code has 16 letters and digits.").optional(),
  giftCardAmount: amount("the gift card amount", false),
  email: optionalEmail,
  /** A mobile number to text the receipt to (the attached customer's by default); empty: no text. */
  receiptPhone: z
    .string()
    .trim()
    .max(40, "That phone number is too long.")
    .optional()
    .refine(
      (v) => !v || normalizeE164(v) !== null,
      "Enter the mobile number for the text receipt with its area code, like (415) 555-0100 (or leave it empty).",
    ),
  shipName: z.string().trim().max(120).optional(),
  shipLine1: z.string().trim().max(200).optional(),
  shipLine2: z.string().trim().max(200).optional(),
  shipCity: z.string().trim().max(120).optional(),
  shipRegion: z.string().trim().max(120).optional(),
  shipPostalCode: z.string().trim().max(20).optional(),
  shipCountry: z.string().trim().max(2).optional(),
  managerEmail: z.string().trim().max(254).optional(),
  managerPin: z.string().max(200).optional(),
});

export type ChargeForm = z.infer<typeof chargeSchema>;

/** The shipping address a special order needs, or the first thing missing from it. */
export function shippingAddressOf(form: ChargeForm):
  | {
      ok: true;
      address: { name: string; line1: string; line2?: string; city: string; region?: string; postalCode?: string; country: string } | null;
    }
  | { ok: false; message: string } {
  const any = [form.shipName, form.shipLine1, form.shipCity, form.shipPostalCode].some(Boolean);
  if (!any) return { ok: true, address: null };
  if (!form.shipName) return { ok: false, message: "Enter the name to ship the special order to." };
  if (!form.shipLine1) return { ok: false, message: "Enter the street address for the special order." };
  if (!form.shipCity) return { ok: false, message: "Enter the city for the special order." };
  const country = (form.shipCountry || "US").toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) return { ok: false, message: "Country must be a two-letter code such as US." };
  if (country === "US" && !form.shipPostalCode) return { ok: false, message: "Enter the ZIP code for the special order." };
  return {
    ok: true,
    address: {
      name: form.shipName,
      line1: form.shipLine1,
      line2: form.shipLine2 || undefined,
      city: form.shipCity,
      region: form.shipRegion || undefined,
      postalCode: form.shipPostalCode || undefined,
      country,
    },
  };
}

/**
 * The counter return's why: one of the web's reasons (the returns rules' RETURN_REASONS, so the
 * reasons report counts counter and web returns together), and the cashier's own words as a note.
 */
export const returnSchema = z.object({
  key,
  reason: z.enum(RETURN_REASON_VALUES, { errorMap: () => ({ message: "Choose why the pieces are coming back." }) }),
  note: z.string().trim().max(300, "Keep the note under 300 characters.").default(""),
});

/**
 * `return-<orderLineId>` fields → lines, with `swap-<orderLineId>` naming the variant a piece is
 * exchanged for (empty: refund it); a bad quantity or choice is a message.
 */
export function returnLinesOf(
  form: FormData,
): { ok: true; lines: Array<{ orderLineId: number; quantity: number; exchangeVariantId?: number }> } | { ok: false; message: string } {
  const lines: Array<{ orderLineId: number; quantity: number; exchangeVariantId?: number }> = [];
  for (const [name, value] of form.entries()) {
    // An id in the field's name past int4 names no line: skipped, like any other stray field.
    const orderLineId = idOrNull(/^return-(\d+)$/.exec(name)?.[1]);
    if (!orderLineId || typeof value !== "string") continue;
    const text = value.trim();
    if (text === "" || text === "0") continue;
    if (!/^\d{1,3}$/.test(text)) return { ok: false, message: "Return quantities must be whole numbers (0 to leave a piece)." };
    const swap = form.get(`swap-${orderLineId}`);
    const swapText = typeof swap === "string" ? swap.trim() : "";
    if (swapText === "" || swapText === "refund") {
      lines.push({ orderLineId, quantity: Number(text) });
      continue;
    }
    const exchangeVariantId = idOrNull(swapText);
    if (!exchangeVariantId) return { ok: false, message: "Choose what each piece is exchanged for from its list (or Refund)." };
    lines.push({ orderLineId, quantity: Number(text), exchangeVariantId });
  }
  if (lines.length === 0) return { ok: false, message: "Choose at least one piece to return (a quantity of 1 or more)." };
  return { ok: true, lines };
}

/** How a dearer exchange's difference is paid: `differenceMode` card | cash, and the cash handed over. */
export const exchangeDifferenceSchema = z.object({
  differenceMode: z.enum(["card", "cash"]).optional(),
  cashGiven: amount("the cash handed over", false),
});

/** A cash sale the register queued while offline, as /pos/sync receives it. */
export const offlineSaleSchema = z.object({
  key,
  soldAt: z.string().datetime({ offset: true }).optional(),
  email: optionalEmail,
  /** The customer attached at the register before the connection went (their id; checked when it syncs). */
  customerId: z.number().int().positive().optional(),
  cashGiven: z.number().int().min(0).max(100_000_000),
  lines: z
    .array(
      z.object({
        variantId: z.number().int().positive(),
        quantity: z.number().int().min(1, "Quantity must be at least 1.").max(99),
        discountPercent: z.number().min(0).max(100, "A discount can't be more than 100%.").default(0),
      }),
    )
    .min(1, "An offline sale needs at least one piece.")
    .max(60),
});

export type OfflineSale = z.infer<typeof offlineSaleSchema>;
