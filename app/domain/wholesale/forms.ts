/** The wholesale forms, one zod schema each. Shared by the routes and the tests. */
import { z } from "zod";
import { HIDDEN_CHARACTER_MESSAGE, isVisibleText } from "~/lib/input-rules";
import { WHOLESALE_CURRENCIES } from "./pricing";
import { PAYMENT_LABEL, parseDollars } from "./rules";

/** Catalog filter categories (the catalog schema's, kept here so the browser bundle can use them). */
export const CATEGORIES = ["earrings", "necklaces", "bracelets", "rings"] as const;

/** How the catalog can be ordered: by category (the default), name, price either way, or newest first. */
export const CATALOG_SORTS = ["category", "name", "price", "price-desc", "newest"] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];
/** Shared by the invitation form (browser) and the server. */
export const MIN_PASSWORD_LENGTH = 8;

const text = (label: string, max = 120) =>
  z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `That's too long (at most ${max} characters).`)
    .refine(isVisibleText, HIDDEN_CHARACTER_MESSAGE);
const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `That's too long (at most ${max} characters).`)
    .refine(isVisibleText, HIDDEN_CHARACTER_MESSAGE)
    .optional()
    .transform((v) => v || undefined);
const email = z
  .string({ required_error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .email("Enter an email address like name@store.com.")
  .max(200);
const id = (label: string) =>
  z.coerce
    .number({ invalid_type_error: `Choose ${label}.` })
    .int()
    .positive(`Choose ${label}.`)
    .max(2_147_483_647);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || (isoDate.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), `Enter ${label} as a date.`);

export const applicationSchema = z.object({
  businessName: text("your business name", 120),
  contactName: text("your name", 120),
  email,
  taxId: text("your tax ID or resale certificate number", 60),
  website: optionalText(200).refine(
    (v) => v === undefined || /^(https?:\/\/)?[^\s/$.?#][^\s]*\.[^\s]{2,}$/i.test(v),
    "Enter a website like www.yourstore.com.",
  ),
  storeLocations: text("where your stores are", 500),
  expectedVolume: z.enum(["under-5k", "5k-25k", "25k-100k", "over-100k"], {
    errorMap: () => ({ message: "Choose your expected yearly volume." }),
  }),
});
export const EXPECTED_VOLUME_LABEL: Record<z.infer<typeof applicationSchema>["expectedVolume"], string> = {
  "under-5k": "Under $5,000 a year",
  "5k-25k": "$5,000–$25,000 a year",
  "25k-100k": "$25,000–$100,000 a year",
  "over-100k": "Over $100,000 a year",
};

export const approveSchema = z
  .object({
    intent: z.literal("approve"),
    tier: z.string().trim().min(1, "Choose a price tier.").max(40),
    paymentTerms: z.enum(["card", "net30", "net60"], { errorMap: () => ({ message: "Choose payment terms." }) }),
    // Absent: the account keeps its currency (a form that does not offer the choice changes nothing).
    currency: z.enum(WHOLESALE_CURRENCIES, { errorMap: () => ({ message: "Choose the account's currency." }) }).optional(),
    creditLimit: z
      .string()
      .trim()
      .default("0")
      .transform((v, ctx) => {
        const amount = parseDollars(v === "" ? "0" : v);
        if (amount === null) {
          ctx.addIssue({ code: "custom", message: "Enter the credit limit in the account's currency, like 25000." });
          return z.NEVER;
        }
        return amount;
      }),
  })
  .superRefine((v, ctx) => {
    if (v.paymentTerms !== "card" && v.creditLimit <= 0)
      ctx.addIssue({
        code: "custom",
        path: ["creditLimit"],
        message: `${PAYMENT_LABEL[v.paymentTerms]} terms need a credit limit above ${v.currency && v.currency !== "USD" ? `0 ${v.currency}` : "$0"}.`,
      });
  })
  .transform((v) => ({ ...v, creditLimit: v.paymentTerms === "card" ? 0 : v.creditLimit }));

export const rejectSchema = z.object({
  intent: z.literal("reject"),
  reason: text("a reason (the applicant reads it)", 500),
});

export const loginSchema = z.object({
  email,
  password: z.string({ required_error: "Enter your password." }).min(1, "Enter your password.").max(200),
  redirectTo: z.string().optional(),
});

export const acceptInviteSchema = z
  .object({
    name: text("your name", 120),
    password: z
      .string({ required_error: "Choose a password." })
      .min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(200, "That password is too long."),
    confirm: z.string({ required_error: "Type the password again." }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords don't match." });

export const inviteBuyerSchema = z.object({ intent: z.literal("invite"), name: text("their name", 120), email });

export const locationSchema = z.object({
  intent: z.literal("add-location"),
  name: text("a name for this location (e.g. Oakland store)", 80),
  line1: text("the street address", 200),
  line2: optionalText(200),
  city: text("the city", 100),
  region: optionalText(100),
  postalCode: optionalText(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Enter a two-letter country code, like US."),
});

export const locationIdSchema = z.object({ intent: z.enum(["default-location", "remove-location"]), locationId: id("a location") });
export const buyerIdSchema = z.object({ intent: z.literal("resend-invite"), buyerId: id("a buyer") });

export const addToDraftSchema = z.object({
  intent: z.literal("add"),
  variantId: id("an item"),
  quantity: z.string().trim().max(12, "Enter a whole number of units."),
});

export const draftDetailsSchema = z
  .object({
    name: z
      .string()
      .trim()
      .max(80, "Keep the draft name under 80 characters.")
      .optional()
      .transform((v) => v || "Draft order"),
    poNumber: z
      .string()
      .trim()
      .max(40, "PO numbers are at most 40 characters.")
      .optional()
      .transform((v) => v || undefined),
    retailerLocationId: z
      .union([z.literal(""), id("a ship-to location")])
      .optional()
      .transform((v) => (v === "" || v === undefined ? undefined : v)),
    shipWindowStart: optionalDate("the start of the ship window"),
    shipWindowEnd: optionalDate("the end of the ship window"),
  })
  .refine((v) => !v.shipWindowStart || !v.shipWindowEnd || v.shipWindowStart <= v.shipWindowEnd, {
    path: ["shipWindowEnd"],
    message: "The window must end on or after its first day.",
  });

export const placeSchema = z.object({
  idempotencyKey: z.string().uuid("Please reload the page and try again."),
  expectedTotal: z.coerce.number().int().nonnegative(),
  payment: z.enum(["card", "net30", "net60"], { errorMap: () => ({ message: "Choose how to pay." }) }),
  cardNumber: z.string().trim().max(30).optional(),
  cardExpiry: z.string().trim().max(10).optional(),
  cardCvc: z.string().trim().max(6).optional(),
});
