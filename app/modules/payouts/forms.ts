/** The /ops/payouts query string and run form, pure (zod). */
import { z } from "zod";

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** Whole shillings typed by staff → minor units. */
const thresholdKes = z.preprocess(
  blankToUndefined,
  z.coerce.number({ invalid_type_error: "Enter the threshold in whole shillings, like 500." })
    .int("Enter the threshold in whole shillings, like 500.")
    .min(10, "M-Pesa pays at least KES 10.")
    .max(150_000, "One M-Pesa payment is at most KES 150,000.")
    .optional(),
);

export const payoutsQuerySchema = z.object({
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  runsPage: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  status: z.preprocess(blankToUndefined, z.enum(["pending", "submitted", "succeeded", "failed"], { errorMap: () => ({ message: "Unknown payout status." }) }).optional()),
  run: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: "A run is a number." }).int().positive("A run is a number.").optional()),
  threshold: thresholdKes,
  confirm: z.preprocess(blankToUndefined, z.literal("1").optional()),
  format: z.preprocess(blankToUndefined, z.enum(["csv"], { errorMap: () => ({ message: "The only export is format=csv." }) }).optional()),
});

export const runPayoutsFormSchema = z.object({
  intent: z.literal("run", { errorMap: () => ({ message: "Unknown action." }) }),
  threshold: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: "Enter the threshold in whole shillings, like 500." })
    .int("Enter the threshold in whole shillings, like 500.").min(10, "M-Pesa pays at least KES 10.").max(150_000, "One M-Pesa payment is at most KES 150,000.")),
});
