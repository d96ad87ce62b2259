/** The /ops/payouts query string and run form, pure (zod). */
import { z } from "zod";
import type { PayoutStatus } from "#db/schema";
import { intId } from "~/lib/fields";
import { PREVIEW_SEARCH_MAX } from "./preview";

/** Every payout status, in the order a payout moves through them (the schema's list, kept free of drizzle for the page). */
export const PAYOUT_STATUSES = ["pending", "submitted", "reconciling", "succeeded", "failed"] as const satisfies readonly PayoutStatus[];
type MissingStatus = Exclude<PayoutStatus, (typeof PAYOUT_STATUSES)[number]>;
const _everyStatus: MissingStatus extends never ? true : never = true;
void _everyStatus;

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** Whole shillings typed by staff → minor units. */
const thresholdKes = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ invalid_type_error: "Enter the threshold in whole shillings, like 500." })
    .int("Enter the threshold in whole shillings, like 500.")
    .min(10, "M-Pesa pays at least KES 10.")
    .max(150_000, "One M-Pesa payment is at most KES 150,000.")
    .optional(),
);

const PAGE = "A page is a whole number from 1.";
const pageNumber = z.preprocess(
  blankToUndefined,
  z.coerce.number({ invalid_type_error: PAGE }).int(PAGE).min(1, PAGE).max(100_000, PAGE).default(1),
);

export const payoutsQuerySchema = z.object({
  /** The next run's preview: a search (name, phone or settlement) and its page. */
  q: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : value),
    z.string().max(PREVIEW_SEARCH_MAX, `Search with at most ${PREVIEW_SEARCH_MAX} characters.`).optional(),
  ),
  page: pageNumber,
  /** The payouts table's search: an artisan (name, phone, #id) or an M-Pesa receipt. */
  find: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : value),
    z.string().max(PREVIEW_SEARCH_MAX, `Search with at most ${PREVIEW_SEARCH_MAX} characters.`).optional(),
  ),
  /** The payouts table's own page, so paging it leaves the preview where it was. */
  payoutsPage: pageNumber,
  runsPage: pageNumber,
  status: z.preprocess(blankToUndefined, z.enum(PAYOUT_STATUSES, { errorMap: () => ({ message: "Unknown payout status." }) }).optional()),
  run: z.preprocess(blankToUndefined, intId("A run is a number.").optional()),
  threshold: thresholdKes,
  confirm: z.preprocess(blankToUndefined, z.literal("1").optional()),
  /** "Needs a look": the payout whose confirmation (mark reviewed, ask again) is open. */
  review: z.preprocess(blankToUndefined, intId("A payout is a number.").optional()),
  recheck: z.preprocess(blankToUndefined, intId("A payout is a number.").optional()),
  format: z.preprocess(blankToUndefined, z.enum(["csv"], { errorMap: () => ({ message: "The only export is format=csv." }) }).optional()),
});

const RELOAD = "Reload the page and confirm the run again.";

export const runPayoutsFormSchema = z.object({
  intent: z.literal("run", { errorMap: () => ({ message: "Unknown action." }) }),
  threshold: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ invalid_type_error: "Enter the threshold in whole shillings, like 500." })
      .int("Enter the threshold in whole shillings, like 500.")
      .min(10, "M-Pesa pays at least KES 10.")
      .max(150_000, "One M-Pesa payment is at most KES 150,000."),
  ),
  // What the confirmation showed (decision 0024): the run pays only while it is still exactly this.
  count: z.coerce.number({ invalid_type_error: RELOAD }).int(RELOAD).min(0, RELOAD).max(1_000_000, RELOAD),
  total: z.coerce.number({ invalid_type_error: RELOAD }).int(RELOAD).min(0, RELOAD).max(Number.MAX_SAFE_INTEGER, RELOAD),
  digest: z.string({ invalid_type_error: RELOAD, required_error: RELOAD }).regex(/^[0-9a-f]{64}$/, RELOAD),
});

const payoutId = intId("Unknown payout.");

/** "Mark reviewed" on a payout's conflicting reports, up to the last one finance saw. */
export const reviewConflictsFormSchema = z.object({
  intent: z.literal("review"),
  payoutId,
  upTo: intId("Reload the page and try again."),
  note: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : value),
    z.string().max(500, "Keep the note to 500 characters.").optional(),
  ),
});

/** "Ask M-Pesa again" about a payout its status queries got no clear answer on. */
export const recheckPayoutFormSchema = z.object({ intent: z.literal("recheck"), payoutId });

/** Which form /ops/payouts received, by its intent. */
export const PAYOUT_FORM_INTENTS = {
  run: runPayoutsFormSchema,
  review: reviewConflictsFormSchema,
  recheck: recheckPayoutFormSchema,
} as const;
