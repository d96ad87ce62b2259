/** The catalog page's search (?q=, ?category=, ?page=), pure. */
import { z } from "zod";
import { CATEGORIES } from "~/domain/wholesale";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const catalogQuerySchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(80, "Search for at most 80 characters.").optional()),
  category: z.preprocess(blank, z.enum(CATEGORIES, { message: "Unknown category." }).optional()),
  page: z.preprocess(blank, z.coerce.number({ message: "Page must be a number." }).int().min(1).max(10_000).default(1)),
});

/** What the add-to-order form answers when the quantity needs fixing: the row it was for, and what was typed. */
export type CatalogAddError = { variantId: number | null; error: string; quantity: string };

/** 12 Mar 2026 style, for a ship date (an ISO day, read as UTC). */
export function formatDay(iso: string) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}
