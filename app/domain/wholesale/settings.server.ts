/**
 * Wholesale settings operations change without a deploy (the `settings` table, JSON by key).
 * Minimums are stored as USD minor units (a number); missing keys fall back to the programme's defaults.
 * A retailer in another currency has its list's minimums in that currency (docs/decisions/0025).
 */
import { inArray } from "drizzle-orm";
import { db, schema, type Executor } from "~/lib/db.server";
import { wholesaleList } from "./currency.server";

export const OPENING_MINIMUM_KEY = "wholesale.openingMinimum";
export const REORDER_MINIMUM_KEY = "wholesale.reorderMinimum";
export const DEFAULT_OPENING_MINIMUM = 50_000;
export const DEFAULT_REORDER_MINIMUM = 25_000;
export const WHOLESALE_CURRENCY = "USD";

export type WholesaleSettings = { openingMinimum: number; reorderMinimum: number; currency: string };

/** The order minimums in `currency` (USD: the settings table's; others: their price list's). */
export async function wholesaleSettings(executor: Executor = db, currency = WHOLESALE_CURRENCY): Promise<WholesaleSettings> {
  if (currency !== WHOLESALE_CURRENCY) {
    const list = await wholesaleList(executor, currency);
    return { openingMinimum: list.openingMinimum ?? 0, reorderMinimum: list.reorderMinimum ?? 0, currency };
  }
  const rows = await executor
    .select()
    .from(schema.settings)
    .where(inArray(schema.settings.key, [OPENING_MINIMUM_KEY, REORDER_MINIMUM_KEY]));
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return {
    openingMinimum: minorUnits(byKey.get(OPENING_MINIMUM_KEY), DEFAULT_OPENING_MINIMUM),
    reorderMinimum: minorUnits(byKey.get(REORDER_MINIMUM_KEY), DEFAULT_REORDER_MINIMUM),
    currency: WHOLESALE_CURRENCY,
  };
}

/** A number of minor units, or `{ amount }`; anything else is a misconfiguration and gets the default. */
function minorUnits(value: unknown, fallback: number): number {
  const n = typeof value === "object" && value !== null && "amount" in value ? (value as { amount: unknown }).amount : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}
