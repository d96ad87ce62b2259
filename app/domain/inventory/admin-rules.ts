/**
 * Stock rules for /ops/inventory, pure (no I/O): the transfer and count forms, what a count does to
 * a level, and the CSV of levels. The database work is in admin.server.ts.
 */
import { z } from "zod";
import { toCsv } from "~/lib/csv";
import { intId } from "~/lib/fields";

/** A level with this many units or fewer free to sell is "low". */
export const LOW_STOCK_AT = 3;
export const MAX_UNITS = 100_000;

export const ADJUSTMENT_REASONS = [
  { value: "cycle_count", label: "Cycle count" },
  { value: "received", label: "Received from outside the system" },
  { value: "damaged", label: "Damaged" },
  { value: "lost", label: "Lost or stolen" },
  { value: "found", label: "Found" },
  { value: "correction", label: "Correction of an earlier mistake" },
  { value: "other", label: "Other (say why)" },
] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number]["value"];
const REASON_VALUES = ADJUSTMENT_REASONS.map((r) => r.value) as [AdjustmentReason, ...AdjustmentReason[]];

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const units = (what: string) =>
  z.coerce.number({ message: `Enter the ${what} as a whole number.` }).int(`Enter the ${what} as a whole number.`);

export const transferFormSchema = z
  .object({
    intent: z.literal("transfer"),
    from: intId("Choose where the stock leaves from."),
    to: intId("Choose where the stock goes."),
    quantity: units("quantity")
      .min(1, "Move at least one unit.")
      .max(MAX_UNITS, `Move at most ${MAX_UNITS.toLocaleString("en-US")} units at once.`),
    note: z.preprocess(blank, z.string().trim().max(200, "Keep the note under 200 characters.").optional()),
    key: z.string().uuid("This form has expired: reload the page and try again."),
  })
  .refine((v) => v.from !== v.to, { message: "Choose two different locations.", path: ["to"] });

export const countFormSchema = z
  .object({
    intent: z.literal("count"),
    location: intId("Choose the location you counted."),
    counted: units("count")
      .min(0, "A count can't be negative.")
      .max(MAX_UNITS, `Counts above ${MAX_UNITS.toLocaleString("en-US")} are not allowed.`),
    reason: z.enum(REASON_VALUES, { message: "Choose a reason for the change." }),
    note: z.preprocess(blank, z.string().trim().max(200, "Keep the note under 200 characters.").optional()),
    key: z.string().uuid("This form has expired: reload the page and try again."),
  })
  .refine((v) => v.reason !== "other" || (v.note?.length ?? 0) >= 3, {
    message: "Say why, in a few words, when the reason is Other.",
    path: ["note"],
  });

export const levelsQuerySchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(100, "Search with fewer than 100 characters.").optional()),
  location: z.preprocess(blank, intId("Unknown location.").optional()),
  low: z.preprocess(blank, z.enum(["1"], { message: "Unknown low-stock filter." }).optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1, "Pages start at 1.").max(100_000).default(1)),
  format: z.preprocess(blank, z.enum(["csv"], { message: "Only CSV export is available." }).optional()),
});

export type CountPlan = { ok: true; delta: number } | { ok: false; message: string };

/** What setting the on-hand count to `counted` does: the delta, or why it can't (never below reserved). */
export function planCount(level: { onHand: number; reserved: number }, counted: number): CountPlan {
  if (!Number.isSafeInteger(counted) || counted < 0) return { ok: false, message: "A count must be a whole number, zero or more." };
  if (counted < level.reserved) {
    return {
      ok: false,
      message: `${level.reserved} ${level.reserved === 1 ? "unit is" : "units are"} reserved for orders here, so the count can't be below ${level.reserved}. Release or move those orders first.`,
    };
  }
  return { ok: true, delta: counted - level.onHand };
}

/** A transfer can only move what is free (on hand less reserved) at the source. */
export function checkTransfer(available: number, quantity: number, fromName: string): { ok: true } | { ok: false; message: string } {
  if (quantity <= available) return { ok: true };
  return {
    ok: false,
    message:
      available <= 0
        ? `Nothing is free to move at ${fromName}.`
        : `Only ${available} ${available === 1 ? "unit is" : "units are"} free to move at ${fromName}.`,
  };
}

/** The movement row's reason for a count: "count: damaged" or "count: other — note". */
export function countReason(reason: AdjustmentReason, note?: string): string {
  return note ? `count: ${reason} — ${note}` : `count: ${reason}`;
}

export type LevelCsvRow = {
  sku: string;
  productTitle: string;
  variantTitle: string;
  locationCode: string;
  locationName: string;
  onHand: number;
  reserved: number;
};

/** Levels as CSV for a spreadsheet: one row per variant and location. */
export function levelsCsv(rows: LevelCsvRow[]): string {
  return toCsv(
    ["sku", "product", "variant", "location_code", "location", "on_hand", "reserved", "available"],
    rows.map((r) => [r.sku, r.productTitle, r.variantTitle, r.locationCode, r.locationName, r.onHand, r.reserved, r.onHand - r.reserved]),
  );
}
