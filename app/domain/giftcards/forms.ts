/** The gift card forms, one zod schema each: buying one, checking a balance, applying one at checkout, and ops. */
import { z } from "zod";
import { listPage, text } from "~/lib/fields";
import { HIDDEN_CHARACTER_MESSAGE, isVisibleText } from "~/lib/input-rules";
import { formatLongDay } from "~/lib/intl";
import { formatMoney, parseMoneyInput } from "~/lib/money";
import type { GiftCardAmounts } from "./ledger";

const email = (what: string) =>
  z
    .string({ required_error: `Enter ${what}.` })
    .trim()
    .toLowerCase()
    .min(1, `Enter ${what}.`)
    .email("Enter an email address like name@example.com.")
    .max(200);

const code = z
  .string({ required_error: "Enter the gift card's code." })
  .trim()
  .min(1, "Enter the gift card's code.")
  .max(40, "A gift card code has 16 letters and digits, like K7Q2-9XMD-R4TB-HW3N.");

/**
 * The storefront's gift card form. `amount` is what was typed or chosen ("50", "75.00"), in the
 * shopper's market's currency, within that currency's card amounts.
 */
export function purchaseSchema(amounts: GiftCardAmounts, today: string) {
  const { currency, min, max } = amounts;
  return z.object({
    idempotencyKey: z.string().uuid("This form has expired. Please review it and pay again."),
    amount: z.string({ required_error: "Choose an amount." }).transform((raw, ctx) => {
      const minor = parseMoneyInput(raw, currency);
      if (minor === null || minor < min || minor > max || minor % 100 !== 0) {
        const range = `${formatMoney({ amount: min, currency })} to ${formatMoney({ amount: max, currency })}`;
        ctx.addIssue({ code: "custom", message: `Choose a whole amount from ${range}.` });
        return z.NEVER;
      }
      return minor;
    }),
    recipientName: text({ max: 100 }).refine(isVisibleText, HIDDEN_CHARACTER_MESSAGE).pipe(z.string().min(1, "Enter who the card is for.")),
    recipientEmail: email("their email"),
    senderName: text({ max: 100 })
      .refine(isVisibleText, HIDDEN_CHARACTER_MESSAGE)
      .pipe(z.string().min(1, "Enter your name, so they know who it is from.")),
    message: z
      .string()
      .trim()
      .max(300, "Keep the message under 300 characters.")
      .refine(isVisibleText, HIDDEN_CHARACTER_MESSAGE)
      .optional()
      .default(""),
    sendOn: z
      .string({ required_error: "Choose when to send it." })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date like 2026-12-24.")
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Choose a real date.")
      .refine((d) => d >= today, "Choose today or a later day.")
      .refine((d) => Date.parse(`${d}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`) <= 366 * 86400_000, "Choose a day within a year."),
    purchaserEmail: email("your email, for the receipt"),
    cardNumber: z.string().trim().max(30).optional().default(""),
    cardExpiry: z.string().trim().max(10).optional().default(""),
    cardCvc: z.string().trim().max(6).optional().default(""),
  });
}

/**
 * When a card bought for `sendOn` (YYYY-MM-DD) is emailed, in the buyer's words and `locale`'s way
 * of writing a day: "now" on or before `today`, else "on 24 December 2026" ("on December 24, 2026" in en-US).
 */
export function giftCardSendWhen(sendOn: string, locale: string, today = new Date().toISOString().slice(0, 10)): string {
  return sendOn <= today ? "now" : `on ${formatLongDay(`${sendOn}T00:00:00Z`, locale)}`;
}

export const balanceSchema = z.object({ code });

export const applyGiftCardSchema = z.object({ intent: z.literal("gift-card"), giftCardCode: code });

export const removeGiftCardSchema = z.object({
  intent: z.literal("remove-gift-card"),
  giftCardId: z.coerce.number().int().positive(),
});

export const disableSchema = z.object({
  intent: z.enum(["disable", "enable"]),
  reason: text({ max: 300 }).pipe(z.string().min(3, "Say why (at least a few words): it goes into the audit log.")),
});

export const printSchema = z.object({
  count: z.coerce
    .number({ invalid_type_error: "How many cards?" })
    .int("A whole number of cards.")
    .min(1, "At least one card.")
    .max(500, "At most 500 cards at a time."),
});

export const opsListSchema = z.object({
  q: text({ max: 200 }).optional().default(""),
  page: listPage({ max: 10_000 }),
});
