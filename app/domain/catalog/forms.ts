/**
 * The /ops/products forms: one zod schema each, with a message per field. Prices are typed in
 * dollars (retail, compare-at, wholesale) and shillings (piece rate) and stored in minor units. Pure.
 */
import { z } from "zod";
import { listPage } from "~/lib/fields";
import { parseMoneyInput } from "~/lib/money";
import { isOneLine } from "~/lib/input-rules";
import type { FieldErrors, ParseResult } from "~/lib/validation";

export const CATEGORY_OPTIONS = ["earrings", "necklaces", "bracelets", "rings"] as const;
export const STATUS_OPTIONS = ["active", "draft", "archived"] as const;
export type ProductStatusOption = (typeof STATUS_OPTIONS)[number];

const HANDLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_MONEY_MINOR = 100_000_000;

/** "Contrast Sabi Pendant" → "contrast-sabi-pendant". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120)
    .replace(/-+$/, "");
}

/** GTIN-8/12/13/14 check digit (GS1 mod 10). */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

function amount(label: string, currency: string) {
  return z.string().transform((value, ctx) => {
    const minor = parseMoneyInput(value, currency);
    if (minor === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label}: enter an amount such as 48 or 48.50.` });
      return z.NEVER;
    }
    if (minor <= 0 || minor > MAX_MONEY_MINOR) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label} must be more than 0 and at most 1,000,000.` });
      return z.NEVER;
    }
    return minor;
  });
}

function money(label: string, currency: string) {
  return z
    .string({ required_error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .pipe(amount(label, currency));
}

function optionalMoney(label: string, currency: string) {
  return z.preprocess(blank, amount(label, currency).optional());
}

function count(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number({ required_error: `${label} is required.`, invalid_type_error: `${label} must be a number.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} must be at most ${max.toLocaleString("en-US")}.`),
  );
}

const idList = z.array(z.coerce.number().int().positive().max(2_147_483_647)).default([]);

export const productSchema = z
  .object({
    title: z
      .string({ required_error: "Give the product a title." })
      .trim()
      .min(2, "Give the product a title (at least 2 characters).")
      .max(120, "Keep the title under 120 characters."),
    handle: z.preprocess(blank, z.string().trim().toLowerCase().max(120, "Keep the handle under 120 characters.").optional()),
    story: z.string().trim().max(5000, "Keep the story under 5,000 characters.").default(""),
    category: z.enum(CATEGORY_OPTIONS, { errorMap: () => ({ message: "Choose a category." }) }),
    materials: z
      .string()
      .default("")
      .transform((v) => [
        ...new Set(
          v
            .split(",")
            .map((m) => m.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.string().max(40, "Each material: at most 40 characters.")).max(12, "List at most 12 materials.")),
    care: z.string().trim().max(1000, "Keep the care notes under 1,000 characters.").default(""),
    skills: idList,
    collections: idList,
  })
  .transform((p, ctx) => {
    const handle = p.handle ?? slugify(p.title);
    if (!HANDLE.test(handle)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["handle"],
        message: "Use lower-case letters, digits and single hyphens, e.g. brass-leaf-earrings.",
      });
      return z.NEVER;
    }
    return { ...p, handle };
  });
export type ProductInput = z.infer<typeof productSchema>;

export const variantSchema = z
  .object({
    title: z
      .string({ required_error: "Name the variant, e.g. Default or Brass / Large." })
      .trim()
      .min(1, "Name the variant, e.g. Default or Brass / Large.")
      .max(80, "Keep the variant name under 80 characters."),
    sku: z
      .string({ required_error: "Enter a SKU." })
      .trim()
      .toUpperCase()
      .min(1, "Enter a SKU.")
      .max(40, "Keep the SKU under 40 characters.")
      .regex(/^[A-Z0-9][A-Z0-9._-]*$/, "SKUs use letters, digits, dots, dashes and underscores."),
    barcode: z
      .string({ required_error: "Enter a barcode." })
      .trim()
      .refine(isValidGtin, "Enter a valid 8, 12, 13 or 14-digit barcode (its last digit is a check digit)."),
    options: z
      .string()
      .default("")
      .transform((text, ctx) => {
        const options: Record<string, string> = {};
        for (const pair of text
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)) {
          const [name, ...rest] = pair.split(":");
          const value = rest.join(":").trim();
          if (!name.trim() || !value) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: "Write options as name: value, separated by commas (finish: Brass, size: Large).",
            });
            return z.NEVER;
          }
          options[name.trim().toLowerCase()] = value;
        }
        return options;
      }),
    price: money("Price", "USD"),
    compareAtPrice: optionalMoney("Compare-at price", "USD"),
    wholesalePrice: money("Wholesale price", "USD"),
    minQty: count("Minimum quantity", 1, 10_000),
    casePack: count("Case pack", 1, 10_000),
    leadTimeDays: count("Lead time", 0, 365),
    pieceRate: money("Piece rate", "KES"),
  })
  .superRefine((v, ctx) => {
    if (v.compareAtPrice !== undefined && v.compareAtPrice <= v.price)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["compareAtPrice"],
        message: "The compare-at price must be higher than the price (or leave it empty).",
      });
    if (v.wholesalePrice > v.price)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["wholesalePrice"],
        message: "The wholesale price can't be higher than the retail price.",
      });
  });
export type VariantInput = z.infer<typeof variantSchema>;

export const imageAltSchema = z.object({
  alt: z
    .string({ required_error: "Describe the image for people who can't see it." })
    .trim()
    .min(3, "Describe the image for people who can't see it (alt text, at least 3 characters).")
    .max(300, "Keep the alt text under 300 characters.")
    .refine(isOneLine, "Keep the alt text on one line."),
});

export const statusSchema = z.object({ status: z.enum(STATUS_OPTIONS, { errorMap: () => ({ message: "Unknown status." }) }) });

export const listQuerySchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(120, "Search for at most 120 characters.").optional()),
  status: z.preprocess(blank, z.enum(STATUS_OPTIONS, { errorMap: () => ({ message: "Unknown status filter." }) }).optional()),
  category: z.preprocess(blank, z.enum(CATEGORY_OPTIONS, { errorMap: () => ({ message: "Unknown category filter." }) }).optional()),
  page: listPage(),
});

/**
 * Like parseWith, for forms with repeated fields (checkbox groups): `arrays` names the fields
 * read with getAll; every other field takes its first value.
 */
export function parseFormWith<S extends z.ZodTypeAny>(
  schema: S,
  form: FormData | URLSearchParams,
  arrays: readonly string[] = [],
): ParseResult<z.infer<S>> {
  const values: Record<string, string> = {};
  const input: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key in values) continue;
    values[key] = value;
    input[key] = value;
  }
  for (const key of arrays) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    input[key] = all;
    values[key] = all.join(",");
  }
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[issue.path.length ? String(issue.path[0]) : "form"] ??= issue.message;
  return { ok: false, errors, values };
}
