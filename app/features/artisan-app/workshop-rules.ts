/** Stock and profile forms: parsing and rules. Pure; messages in the artisan's language. */
import { z } from "zod";
import { kenyanPhone } from "./forms";
import { ARTISAN_LANGUAGES, t, type Lang } from "~/domain/artisans";
import { Refusal } from "~/lib/refusal";

export type MaterialCount = { id: number; onHand: number; lowStockAt: number };

export type ProfileInput = {
  capacities: Array<{ skillId: number; weeklyCapacity: number }>;
  available: boolean;
  awayFrom: string | null;
  awayUntil: string | null;
  payoutPhone: string;
  publicProfile: boolean;
  language: Lang;
};

export const MAX_COUNT = 100_000;
export const MAX_WEEKLY_CAPACITY = 500;

/** A material is running low once it is at or under the artisan's warning level (0 = never warn). */
export function isLowStock(material: { onHand: number; lowStockAt: number }): boolean {
  return material.lowStockAt > 0 && material.onHand <= material.lowStockAt;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

const wholeNumber = (max: number) => z.coerce.number({ invalid_type_error: "" }).int().min(0).max(max);

function fieldNumber(form: FormData, name: string, max: number): number | null {
  const raw = form.get(name);
  if (typeof raw !== "string" || raw.trim() === "") return null;
  const parsed = wholeNumber(max).safeParse(raw.trim());
  return parsed.success ? parsed.data : null;
}

/** The materials form: one `id` per row with `onHand.<id>` and `lowStockAt.<id>`. */
export function parseMaterialCounts(form: FormData, lang: Lang): Parsed<MaterialCount[]> {
  const counts: MaterialCount[] = [];
  const errors: Record<string, string> = {};
  for (const raw of form.getAll("id")) {
    const id = z.coerce.number().int().positive().max(2_147_483_647).safeParse(raw);
    if (!id.success) throw new Refusal(400, "Bad material id");
    const onHand = fieldNumber(form, `onHand.${id.data}`, MAX_COUNT);
    const lowStockAt = fieldNumber(form, `lowStockAt.${id.data}`, MAX_COUNT);
    if (onHand === null || lowStockAt === null) errors[`material.${id.data}`] = t(lang, "stock.badCount");
    else counts.push({ id: id.data, onHand, lowStockAt });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: counts };
}

export function newMaterialSchema(lang: Lang) {
  const count = z.coerce
    .number({ invalid_type_error: t(lang, "stock.badCount") })
    .int(t(lang, "stock.badCount"))
    .min(0, t(lang, "stock.badCount"))
    .max(MAX_COUNT, t(lang, "stock.badCount"));
  return z.object({
    name: z.string().trim().min(1, t(lang, "stock.badName")).max(60, t(lang, "stock.badName")),
    unit: z
      .string()
      .trim()
      .max(20, t(lang, "stock.badName"))
      .transform((u) => u || "pieces"),
    onHand: count,
    lowStockAt: count,
  });
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
function validDay(value: string) {
  if (!isoDay.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The profile form: capacities per skill (`capacity.<skillId>`), away dates, payout phone, consent, language. */
export function parseProfileForm(form: FormData, lang: Lang): Parsed<ProfileInput> {
  const errors: Record<string, string> = {};
  const capacities: ProfileInput["capacities"] = [];
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("capacity.")) continue;
    const skillId = z.coerce.number().int().positive().max(2_147_483_647).safeParse(key.slice("capacity.".length));
    if (!skillId.success) throw new Refusal(400, "Bad skill id");
    const capacity = typeof value === "string" && value.trim() !== "" ? wholeNumber(MAX_WEEKLY_CAPACITY).safeParse(value.trim()) : null;
    if (!capacity?.success) errors[key] = t(lang, "profile.badCapacity");
    else capacities.push({ skillId: skillId.data, weeklyCapacity: capacity.data });
  }
  const day = (name: string) => {
    const raw = String(form.get(name) ?? "").trim();
    if (!raw) return null;
    if (!validDay(raw)) {
      errors[name] = t(lang, "profile.badDate");
      return null;
    }
    return raw;
  };
  const awayFrom = day("awayFrom");
  const awayUntil = day("awayUntil");
  if (awayFrom && awayUntil && awayUntil < awayFrom) errors.awayUntil = t(lang, "profile.badDates");
  const phone = kenyanPhone(lang).safeParse(String(form.get("payoutPhone") ?? ""));
  if (!phone.success) errors.payoutPhone = t(lang, "err.phone");
  const language = z.enum(ARTISAN_LANGUAGES).safeParse(form.get("language"));
  if (!language.success) errors.language = t(lang, "err.generic");
  if (Object.keys(errors).length || !phone.success || !language.success) return { ok: false, errors };
  return {
    ok: true,
    data: {
      capacities,
      awayFrom,
      awayUntil,
      payoutPhone: phone.data,
      language: language.data,
      available: form.get("available") === "on",
      publicProfile: form.get("publicProfile") === "on",
    },
  };
}
