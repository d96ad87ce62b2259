/**
 * The Nairobi hub's rules: what a worker may type (request numbers from a label or a USB scanner,
 * pickup times in Nairobi time, Kenyan phone numbers, QC counts, carriers and tracking numbers),
 * which production status each step needs, how a quality check splits a request, and how an
 * artisan's quality score moves. Pure (no I/O): the *.server.ts files beside this apply them.
 */
import { z } from "zod";
import type { ProductionStatus } from "#db/schema";
import { normalizeKenyanPhone } from "~/lib/phone";
import { carrierField, trackingNumberField } from "~/domain/orders";

// ---------------------------------------------------------------- request numbers

/**
 * "PR-50012", "pr 50012", " 50012 " (a label typed by hand, or a scanner that sends the digits)
 * → "PR-50012". Null when it can't be a request number.
 */
export function normalizeRequestNumber(input: string): string | null {
  const compact = input
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, "");
  const match = /^(?:PR-?)?(\d{1,9})$/.exec(compact);
  return match ? `PR-${match[1]}` : null;
}

export const REQUEST_NUMBER_MESSAGE = "Enter a request number like PR-50012 (or scan its label).";

const requestNumber = z
  .string({ required_error: REQUEST_NUMBER_MESSAGE })
  .trim()
  .min(1, REQUEST_NUMBER_MESSAGE)
  .max(40, REQUEST_NUMBER_MESSAGE)
  .transform((value, ctx) => {
    const number = normalizeRequestNumber(value);
    if (!number) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: REQUEST_NUMBER_MESSAGE });
      return z.NEVER;
    }
    return number;
  });

/** The "Request number or scan" field. */
export const lookupSchema = z.object({ number: requestNumber });

// ---------------------------------------------------------------- how statuses read on the hub's pages

const STATUS_WORDS: Record<ProductionStatus, string> = {
  unassigned: "waiting for an artisan",
  offered: "offered to an artisan",
  accepted: "accepted by its artisan",
  in_progress: "in progress",
  ready: "ready for pickup",
  collected: "collected by a rider",
  received: "at the hub, waiting for its quality check",
  qc_passed: "quality checked",
  qc_failed: "failed its quality check",
  declined: "declined",
  expired: "waiting for a new offer",
  cancelled: "cancelled",
};

export function statusWords(status: ProductionStatus): string {
  return STATUS_WORDS[status];
}

/** Why `number` (in `status`) can't be received now; null when it can. "received" is a harmless repeat. */
export function receiveRefusal(number: string, status: ProductionStatus): string | null {
  if (status === "ready" || status === "collected" || status === "received") return null;
  if (status === "qc_passed") return `${number} has already been received and passed its quality check.`;
  if (status === "cancelled") return `${number} is cancelled; it can't be received.`;
  return `${number} is ${statusWords(status)}; it can't be received yet.`;
}

/** Why `number` can't be quality checked now; null when it can. */
export function inspectRefusal(number: string, status: ProductionStatus): string | null {
  if (status === "received") return null;
  if (status === "ready" || status === "collected") return `${number} hasn't been received at the hub yet: receive it first.`;
  if (status === "qc_passed" || status === "qc_failed") return `${number} has already been quality checked; nothing changed.`;
  if (status === "cancelled") return `${number} is cancelled; it can't be quality checked.`;
  return `${number} is ${statusWords(status)}; it can't be quality checked yet.`;
}

/** Why a pickup can't be scheduled for `number` now; null when it can. */
export function pickupRefusal(number: string, status: ProductionStatus): string | null {
  if (status === "ready") return null;
  if (status === "collected" || status === "received" || status === "qc_passed" || status === "qc_failed")
    return `${number} has already been collected.`;
  if (status === "cancelled") return `${number} is cancelled; there is nothing to collect.`;
  return `${number} is ${statusWords(status)}; schedule a pickup once the artisan marks it ready.`;
}

// ---------------------------------------------------------------- pickups: Nairobi time, riders' phones

/** Nairobi is UTC+3 all year (no daylight saving), so a wall-clock time converts exactly. */
export const NAIROBI_OFFSET = "+03:00";
const NAIROBI_OFFSET_MS = 3 * 60 * 60 * 1000;

/** "2026-11-02T10:30" typed on a datetime-local field at the hub → the instant. Null if not a real time. */
export function nairobiLocalToDate(local: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const date = new Date(`${local}:00${NAIROBI_OFFSET}`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject rolled-over dates such as 2026-02-30 (Date quietly makes them March 2).
  return dateToNairobiLocal(date) === local ? date : null;
}

/** The instant as the hub's datetime-local field writes it ("2026-11-02T10:30", Nairobi time). */
export function dateToNairobiLocal(date: Date): string {
  return new Date(date.getTime() + NAIROBI_OFFSET_MS).toISOString().slice(0, 16);
}

const WEEKDAYS = {
  en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  sw: ["Jumapili", "Jumatatu", "Jumanne", "Jumatano", "Alhamisi", "Ijumaa", "Jumamosi"],
};
const MONTHS = {
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  sw: ["Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov", "Des"],
};

/** "Mon 2 Nov, 10:30" in Nairobi time, the same on the server and in any browser. */
export function formatNairobi(date: Date, language: "sw" | "en" = "en"): string {
  const local = new Date(date.getTime() + NAIROBI_OFFSET_MS);
  const day = WEEKDAYS[language][local.getUTCDay()];
  const month = MONTHS[language][local.getUTCMonth()];
  return `${day} ${local.getUTCDate()} ${month}, ${dateToNairobiLocal(date).slice(11)}`;
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const schedulePickupSchema = z.object({
  intent: z.literal("schedule_pickup"),
  number: requestNumber,
  scheduledFor: z
    .string({ required_error: "Choose the pickup date and time." })
    .trim()
    .min(1, "Choose the pickup date and time.")
    .transform((value, ctx) => {
      const date = nairobiLocalToDate(value);
      if (!date) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Enter the pickup time as a date and time (Nairobi time)." });
        return z.NEVER;
      }
      return date;
    }),
  riderName: z
    .string({ required_error: "Enter the rider's name." })
    .trim()
    .min(2, "Enter the rider's name.")
    .max(80, "Keep the rider's name under 80 characters."),
  riderPhone: z
    .string({ required_error: "Enter the rider's phone number." })
    .trim()
    .min(1, "Enter the rider's phone number.")
    .transform((value, ctx) => {
      const phone = normalizeKenyanPhone(value);
      if (!phone) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Enter a Kenyan mobile number like 0712 345 678 or +254712345678." });
        return z.NEVER;
      }
      return phone;
    }),
});

/** A pickup time must be from an hour ago (entered a little late) up to 30 days ahead. */
export function pickupTimeRefusal(when: Date, now: Date): string | null {
  if (when.getTime() < now.getTime() - 60 * 60 * 1000) return "That pickup time has already passed. Choose a time from now on.";
  if (when.getTime() > now.getTime() + 30 * 24 * 60 * 60 * 1000) return "Schedule pickups at most 30 days ahead.";
  return null;
}

export const collectSchema = z.object({ intent: z.literal("collect"), number: requestNumber });
export const receiveSchema = z.object({ intent: z.literal("receive"), number: requestNumber });

/** The SMS the artisan gets when a rider is booked to collect their finished pieces. */
export function pickupSmsText(input: {
  language: "sw" | "en";
  number: string;
  quantity: number;
  product: string;
  when: Date;
  riderName: string;
  riderPhone: string;
}): string {
  const when = formatNairobi(input.when, input.language);
  return input.language === "sw"
    ? `Soko: Mpanda pikipiki ${input.riderName} (${input.riderPhone}) atachukua ${input.number} (${input.quantity} x ${input.product}) ${when}. Tafadhali kuwa tayari.`
    : `Soko: Rider ${input.riderName} (${input.riderPhone}) will collect ${input.number} (${input.quantity} x ${input.product}) on ${when}. Please have it ready.`;
}

// ---------------------------------------------------------------- quality check

export const DEFECT_REASONS = [
  { value: "finish", label: "Finish or polish" },
  { value: "fastening", label: "Clasp, hook or fastening" },
  { value: "size", label: "Wrong size or shape" },
  { value: "broken", label: "Broken or cracked" },
  { value: "materials", label: "Wrong materials or colour" },
  { value: "other", label: "Other (describe below)" },
] as const;
export type DefectReason = (typeof DEFECT_REASONS)[number]["value"];
const DEFECT_VALUES = DEFECT_REASONS.map((r) => r.value) as [DefectReason, ...DefectReason[]];

export const FAILED_ACTIONS = ["rework", "redispatch"] as const;
export type FailedAction = (typeof FAILED_ACTIONS)[number];

const units = (what: string) =>
  z
    .string({ required_error: `Enter the number of units that ${what}.` })
    .trim()
    .min(1, `Enter the number of units that ${what} (0 if none).`)
    .regex(/^\d{1,4}$/, `Enter the number of units that ${what} as a whole number (0 if none).`)
    .transform(Number);

export const inspectSchema = z
  .object({
    intent: z.literal("inspect"),
    number: requestNumber,
    passed: units("passed"),
    failed: units("failed"),
    defect: z.preprocess(
      blankToUndefined,
      z.enum(DEFECT_VALUES, { errorMap: () => ({ message: "Choose the defect from the list." }) }).optional(),
    ),
    defectNote: z.preprocess(blankToUndefined, z.string().trim().max(500, "Keep the defect description under 500 characters.").optional()),
    failedAction: z.preprocess(
      blankToUndefined,
      z.enum(FAILED_ACTIONS, { errorMap: () => ({ message: "Choose what happens to the failed units." }) }).optional(),
    ),
  })
  .superRefine((form, ctx) => {
    if (form.passed + form.failed === 0)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["passed"], message: "Enter how many units passed and how many failed." });
    if (form.failed > 0) {
      if (!form.defect) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["defect"], message: "Choose the defect when any unit fails." });
      if (form.defect === "other" && !form.defectNote)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["defectNote"], message: "Describe the defect." });
      if (!form.failedAction)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["failedAction"],
          message: "Choose rework by the same artisan or re-dispatch for the failed units.",
        });
    }
  });
export type InspectForm = z.infer<typeof inspectSchema>;

/** "Clasp, hook or fastening: hook bent" — what the inspection, the event and the artisan read. */
export function defectText(defect: DefectReason | undefined, note: string | undefined): string | null {
  if (!defect) return null;
  const label = DEFECT_REASONS.find((r) => r.value === defect)!.label;
  if (defect === "other") return note ?? null;
  return note ? `${label}: ${note}` : label;
}

export type QcPlan =
  /** Every unit passed: the request passes. */
  | { kind: "pass"; passed: number }
  /** Every unit failed: the request itself goes to rework or back to dispatch. */
  | { kind: "fail"; failed: number; action: FailedAction }
  /** Some passed: this request keeps the passed units and passes; the failed ones become a new request. */
  | { kind: "split"; passed: number; failed: number; action: FailedAction };

/** What an inspection of a request of `quantity` units does, or why it can't be recorded. */
export function planQc(
  quantity: number,
  form: Pick<InspectForm, "passed" | "failed" | "failedAction">,
): { ok: true; plan: QcPlan } | { ok: false; message: string } {
  if (form.passed + form.failed !== quantity) {
    return {
      ok: false,
      message: `This request has ${quantity} ${quantity === 1 ? "unit" : "units"}: passed and failed must add up to ${quantity} (you entered ${form.passed} + ${form.failed}).`,
    };
  }
  if (form.failed === 0) return { ok: true, plan: { kind: "pass", passed: form.passed } };
  const action = form.failedAction ?? "rework";
  if (form.passed === 0) return { ok: true, plan: { kind: "fail", failed: form.failed, action } };
  return { ok: true, plan: { kind: "split", passed: form.passed, failed: form.failed, action } };
}

/** The qc_inspections outcome recorded for a plan. */
export function qcOutcome(plan: QcPlan): "passed" | "failed_rework" | "failed_redispatch" {
  if (plan.kind === "pass") return "passed";
  return plan.action === "rework" ? "failed_rework" : "failed_redispatch";
}

/**
 * The artisan's quality score (basis points, 0..10000) as a rolling pass rate over inspected units:
 * an exponentially weighted average in which each unit counts QUALITY_WEIGHT (5%) and older units
 * fade, so the last ~20 units carry most of the weight. For n units of which p passed:
 *
 *   keep  = (1 − w)^n
 *   score = score × keep + 10000 × (p / n) × (1 − keep)
 *
 * Applying it per inspection or unit by unit in any order of the same units gives the same
 * result up to rounding. New artisans start at the schema default (9000).
 */
export const QUALITY_WEIGHT = 0.05;

export function nextQualityScore(score: number, passed: number, failed: number): number {
  const n = passed + failed;
  if (n <= 0) return score;
  const keep = (1 - QUALITY_WEIGHT) ** n;
  const next = score * keep + 10000 * (passed / n) * (1 - keep);
  return Math.min(10000, Math.max(0, Math.round(next)));
}

/** The day remade units are due: the original due date, or the variant's lead time from today if that is later. */
export function reworkDueDate(originalDue: string, today: string, leadTimeDays: number): string {
  const fromToday = new Date(`${today}T00:00:00Z`);
  fromToday.setUTCDate(fromToday.getUTCDate() + Math.max(1, leadTimeDays));
  const candidate = fromToday.toISOString().slice(0, 10);
  return candidate > originalDue ? candidate : originalDue;
}

// ---------------------------------------------------------------- packing and shipping

const orderNumber = z
  .string({ required_error: "Choose an order." })
  .trim()
  .regex(/^[A-Za-z0-9-]{1,40}$/, "Choose an order.");

export const packSchema = z.object({ intent: z.literal("pack"), order: orderNumber });

/** Shipping's carrier and tracking number rule is the orders module's, shared with the ops order page. */
export const shipSchema = z.object({
  intent: z.literal("ship"),
  order: orderNumber,
  carrier: carrierField,
  trackingNumber: trackingNumberField,
});

/** Statuses that keep an order off the packing table: everything made to order has passed QC or is cancelled. */
export function isProductionDone(status: ProductionStatus): boolean {
  return status === "qc_passed" || status === "cancelled";
}

/** The Nairobi hub's location code: its stock, and its address on the shipping labels. */
export const HUB_LOCATION_CODE = "NBO-HUB";
