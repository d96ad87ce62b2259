/** The checkout forms, one zod schema per step. Shared by the route and tests. */
import { z } from "zod";
import { SHIPPING_CODES } from "~/domain/pricing";
import { ONE_LINE } from "~/lib/input-rules";
import { addressFormat, normaliseCardExpiry, normalisePostalCode, normaliseRegion } from "./address-format";
import { COUNTRIES } from "./countries";

// Address lines end up on a shipping label: one line each (readForm has already refused NUL and the like).
// The checks are zod's string checks (a pattern, not `.refine`): every step of a checkout parses one
// of these forms, and each zod 3 refine or transform costs ~10 µs a field, the string checks under 1
// (#14).
const text = (label: string, max = 120) =>
  z
    .string({ required_error: `Enter your ${label}.` })
    .trim()
    .min(1, `Enter your ${label}.`)
    .max(max, `Your ${label} is too long.`)
    .regex(ONE_LINE, `Your ${label} must be on one line.`);
// The transform stays: a field that fails it stops the address's own checks below (one message at a time).
const optionalText = (max = 120) =>
  z
    .string()
    .trim()
    .max(max, "That's too long.")
    .regex(ONE_LINE, "Keep this on one line.")
    .optional()
    .transform((v) => v || undefined);

/** A country we ship to: the same as `code in COUNTRIES` for a code already upper-cased. */
const COUNTRY_CODE = new RegExp(`^(?:${Object.keys(COUNTRIES).join("|")})$`);

export const addressSchema = z
  .object({
    intent: z.literal("address"),
    email: z
      .string({ required_error: "Enter your email." })
      .trim()
      .toLowerCase()
      .email("Enter an email address like name@example.com.")
      .max(200),
    name: text("full name"),
    line1: text("street address", 200),
    line2: optionalText(200),
    city: text("city", 100),
    region: optionalText(100),
    postalCode: optionalText(20),
    country: z.string().trim().toUpperCase().regex(COUNTRY_CODE, "Choose a country we ship to."),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^[+\d\s().-]*$/, "Enter a phone number using digits.")
      .optional()
      .transform((v) => v || undefined),
  })
  .superRefine((a, ctx) => {
    const format = addressFormat(a.country);
    if (format.region?.required) {
      if (!a.region) ctx.addIssue({ code: "custom", path: ["region"], message: `Enter your ${format.region.label.toLowerCase()}.` });
      else if (!normaliseRegion(a.country, a.region))
        ctx.addIssue({ code: "custom", path: ["region"], message: format.region.message ?? "Check this region." });
    }
    const postal = format.postal;
    if (postal?.required && !a.postalCode)
      ctx.addIssue({
        code: "custom",
        path: ["postalCode"],
        message: postal.example ? postal.message : `Enter your ${postal.label.toLowerCase()}.`,
      });
    else if (postal?.pattern && a.postalCode && !postal.pattern.test(a.postalCode))
      ctx.addIssue({ code: "custom", path: ["postalCode"], message: postal.message });
  })
  .transform((a) => ({
    ...a,
    region: normaliseRegion(a.country, a.region),
    postalCode: addressFormat(a.country).postal ? normalisePostalCode(a.country, a.postalCode) : undefined,
  }));

export const shippingSchema = z.object({
  intent: z.literal("shipping"),
  shippingMethod: z.enum(SHIPPING_CODES, { errorMap: () => ({ message: "Choose a shipping method." }) }),
});

export const discountSchema = z.object({
  intent: z.literal("discount"),
  code: z
    .string()
    .trim()
    .min(1, "Enter a discount code.")
    .max(40, "That code is too long.")
    .regex(ONE_LINE, "A discount code is letters and digits.")
    .transform((c) => c.toUpperCase()),
});

/** A pay form whose hidden fields are not what the page wrote (old, or edited): review and pay again. */
const EXPIRED_PAY_FORM = "This form has expired. Please review your order and pay again.";

export const paySchema = z.object({
  intent: z.literal("pay"),
  idempotencyKey: z.string().uuid(EXPIRED_PAY_FORM),
  expectedTotal: z.coerce
    .number({ invalid_type_error: EXPIRED_PAY_FORM })
    .int(EXPIRED_PAY_FORM)
    .min(0, EXPIRED_PAY_FORM)
    .max(2_147_483_647, EXPIRED_PAY_FORM),
  cardNumber: z.string().trim().max(30).optional().default(""),
  cardExpiry: z.string().trim().max(10).optional().default("").transform(normaliseCardExpiry),
  cardCvc: z.string().trim().max(6).optional().default(""),
  createAccount: z.literal("on").optional(),
  password: z.string().max(200).optional().default(""),
});
