/** The catalog page's search (?q=, ?category=, ?page=), pure. */
import { z } from "zod";
import { CATALOG_SORTS, CATEGORIES } from "~/domain/wholesale";
import { listPage } from "~/lib/fields";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const catalogQuerySchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(80, "Search for at most 80 characters.").optional()),
  category: z.preprocess(blank, z.enum(CATEGORIES, { message: "Unknown category." }).optional()),
  sort: z.preprocess(blank, z.enum(CATALOG_SORTS, { message: "Unknown sort." }).optional()),
  /** Cards in a grid (the default: pictures first) or a list with every variant's row. */
  view: z.preprocess(blank, z.enum(["grid", "list"], { message: "Unknown view." }).default("grid")),
  page: listPage(),
});

export const SORT_LABELS: Record<(typeof CATALOG_SORTS)[number], string> = {
  category: "Category",
  name: "Name, A to Z",
  price: "Price, low to high",
  "price-desc": "Price, high to low",
  newest: "Newest first",
};

/** The flash's `about` for an add of this variant; the card holding it shows the message. */
export const addedAbout = (variantId: number) => `variant:${variantId}`;

/** What the add-to-order form answers when the quantity needs fixing: the row it was for, and what was typed. */
export type CatalogAddError = { variantId: number | null; error: string; quantity: string };
