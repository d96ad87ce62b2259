/**
 * The /ops/artisans forms and the places artisans live. One schema for onboarding and editing; skills
 * come as ticked boxes, each with its own weekly capacity field (capacity-<skillId>). Pure.
 */
import { z } from "zod";
import { listPage } from "~/lib/fields";
import { COUNTIES } from "#db/seed/data/kenya";
import { parseMoneyInput } from "~/lib/money";
import { normalizeKenyanPhone } from "~/lib/phone";
import type { FieldErrors, ParseResult } from "~/lib/validation";

export const COUNTY_NAMES = COUNTIES.map((c) => c.name);
export type Place = { latitude: number; longitude: number; hubDistanceKm: number; known: boolean };

/** Where a settlement is: its own coordinates when we know it, else its county's first settlement (edit later). */
export function placeOf(county: string, settlement: string): Place | null {
  const c = COUNTIES.find((x) => x.name === county);
  if (!c) return null;
  const s = c.settlements.find((x) => x.name.toLowerCase() === settlement.trim().toLowerCase());
  const at = s ?? c.settlements[0];
  return { latitude: at.lat, longitude: at.lng, hubDistanceKm: at.hubKm, known: Boolean(s) };
}

export function settlementsOf(county: string): string[] {
  return COUNTIES.find((c) => c.name === county)?.settlements.map((s) => s.name) ?? [];
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const phone = (label: string) =>
  z
    .string({ required_error: `Enter the ${label}.` })
    .max(40, `Enter the ${label} as 0712 345 678.`)
    .transform((value, ctx) => {
      const e164 = normalizeKenyanPhone(value);
      if (!e164) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Enter the ${label} as a Kenyan mobile number, e.g. 0712 345 678.` });
        return z.NEVER;
      }
      return e164;
    });

export const MAX_WEEKLY_CAPACITY = 500;

export const artisanSchema = z
  .object({
    firstName: z
      .string({ required_error: "Enter the first name." })
      .trim()
      .min(1, "Enter the first name.")
      .max(60, "Keep the first name under 60 characters."),
    lastName: z
      .string({ required_error: "Enter the last name." })
      .trim()
      .min(1, "Enter the last name.")
      .max(60, "Keep the last name under 60 characters."),
    phone: phone("phone number"),
    payoutPhone: z.preprocess(blank, phone("M-Pesa payout number").optional()),
    county: z.string({ required_error: "Choose a county." }).refine((c) => COUNTY_NAMES.includes(c), "Choose a county."),
    settlement: z
      .string({ required_error: "Enter the settlement." })
      .trim()
      .min(2, "Enter the settlement or town.")
      .max(80, "Keep the settlement under 80 characters."),
    language: z.enum(["sw", "en"], { errorMap: () => ({ message: "Choose Swahili or English." }) }),
    publicProfile: z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean()),
    bio: z.string().trim().max(600, "Keep the bio under 600 characters.").default(""),
    baseline: z.string({ required_error: "Enter the monthly earnings before joining (0 if none)." }).transform((value, ctx) => {
      const minor = parseMoneyInput(value, "KES");
      if (minor === null || minor > 100_000_000) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Enter monthly earnings before joining in KES, e.g. 4500 (0 if none)." });
        return z.NEVER;
      }
      return minor;
    }),
    skills: z.array(z.object({ skillId: z.number().int().positive(), weeklyCapacity: z.number() })).default([]),
  })
  .superRefine((a, ctx) => {
    if (!a.skills.length)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["skills"], message: "Tick at least one skill, with how many pieces a week." });
    for (const s of a.skills) {
      if (!Number.isInteger(s.weeklyCapacity) || s.weeklyCapacity < 1 || s.weeklyCapacity > MAX_WEEKLY_CAPACITY) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [`capacity-${s.skillId}`],
          message: `Pieces a week: a whole number from 1 to ${MAX_WEEKLY_CAPACITY}.`,
        });
      }
    }
  })
  .transform((a) => ({ ...a, payoutPhone: a.payoutPhone ?? a.phone }));
export type ArtisanInput = z.infer<typeof artisanSchema>;

/** Her sign-in and payout numbers, changed on their own form (finance and admin; decision 0026). An empty payout number pays the sign-in one. */
export const artisanNumbersSchema = z
  .object({ phone: phone("phone number"), payoutPhone: z.preprocess(blank, phone("M-Pesa payout number").optional()) })
  .transform((a) => ({ phone: a.phone, payoutPhone: a.payoutPhone ?? a.phone }));
export type ArtisanNumbers = z.infer<typeof artisanNumbersSchema>;

/** Reads the form (ticked skills with their capacity fields) and validates it. */
export function parseArtisanForm(form: FormData): ParseResult<ArtisanInput> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in values)) values[key] = value;
  const ticked = form.getAll("skills").filter((v): v is string => typeof v === "string" && /^\d{1,9}$/.test(v));
  values.skills = ticked.join(",");
  const skills = [...new Set(ticked)].map((id) => ({
    skillId: Number(id),
    weeklyCapacity: Number(String(form.get(`capacity-${id}`) ?? "").trim() || NaN),
  }));
  const result = artisanSchema.safeParse({ ...values, skills });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[issue.path.length ? String(issue.path[0]) : "form"] ??= issue.message;
  return { ok: false, errors, values };
}

export const artisanListSchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(80, "Search for at most 80 characters.").optional()),
  county: z.preprocess(
    blank,
    z
      .string()
      .refine((c) => COUNTY_NAMES.includes(c), "Unknown county.")
      .optional(),
  ),
  skill: z.preprocess(
    blank,
    z.coerce
      .number({ invalid_type_error: "Unknown skill." })
      .int("Unknown skill.")
      .positive("Unknown skill.")
      .max(2_147_483_647, "Unknown skill.")
      .optional(),
  ),
  status: z.preprocess(blank, z.enum(["active", "inactive"], { errorMap: () => ({ message: "Unknown status." }) }).optional()),
  page: listPage(),
});
