import { z } from "zod";
import { hasControlCharacter } from "~/lib/input-rules";

/**
 * Collection page query string: `?material=brass&material=horn&price=50-100&min=&max=&sort=newest&page=2`.
 * Shoppers edit URLs and bots send junk, so nothing here ever fails: a bad value is dropped (or clamped)
 * and the page still renders.
 */

export const PAGE_SIZE = 24;
/** Far past any real catalog; keeps OFFSET bounded. */
export const MAX_PAGE = 1000;

export const SORTS = ["featured", "newest", "price-asc", "price-desc"] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = {
  featured: "Featured",
  newest: "Newest",
  "price-asc": "Price, low to high",
  "price-desc": "Price, high to low",
};

/** Price bands in minor units (USD cents); min inclusive, max inclusive. */
export const PRICE_BANDS = {
  "under-50": { label: "Under $50", min: null, max: 4999 },
  "50-100": { label: "$50 – $100", min: 5000, max: 9999 },
  "100-200": { label: "$100 – $200", min: 10000, max: 19999 },
  "over-200": { label: "Over $200", min: 20000, max: null },
} as const satisfies Record<string, { label: string; min: number | null; max: number | null }>;
export type PriceBand = keyof typeof PRICE_BANDS;
const BAND_KEYS = Object.keys(PRICE_BANDS) as [PriceBand, ...PriceBand[]];

export type PriceRange = { min: number | null; max: number | null };

export type CollectionFilters = {
  materials: string[];
  price: PriceBand | null;
  /** Shopper-typed bounds, whole currency units as typed (dollars); override the band when present. */
  minPrice: number | null;
  maxPrice: number | null;
  sort: Sort;
  page: number;
};

const dollars = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,2})?$/)
  .transform(Number)
  .nullable()
  .catch(null);

const querySchema = z.object({
  materials: z
    .array(z.string())
    .catch([])
    .transform((values) => {
      const cleaned = values.map((v) => v.trim().toLowerCase()).filter((v) => v.length > 0 && v.length <= 40 && !hasControlCharacter(v));
      return [...new Set(cleaned)].slice(0, 20).sort();
    }),
  price: z.enum(BAND_KEYS).nullable().catch(null),
  minPrice: dollars,
  maxPrice: dollars,
  sort: z.enum(SORTS).catch("featured"),
  page: z
    .string()
    .trim()
    .regex(/^\d{1,7}$/)
    .transform((v) => Math.min(Math.max(Number(v), 1), MAX_PAGE))
    .catch(1),
});

export function parseCollectionFilters(params: URLSearchParams): CollectionFilters {
  // `.catch` on every field: this parse cannot fail.
  return querySchema.parse({
    materials: params.getAll("material"),
    price: params.get("price") || null,
    minPrice: params.get("min") || null,
    maxPrice: params.get("max") || null,
    sort: params.get("sort") ?? "featured",
    page: params.get("page") ?? "1",
  });
}

/** The effective bounds in minor units: typed min/max win over the band; reversed bounds are swapped. */
export function priceRange(filters: Pick<CollectionFilters, "price" | "minPrice" | "maxPrice">): PriceRange {
  if (filters.minPrice !== null || filters.maxPrice !== null) {
    let min = filters.minPrice === null ? null : Math.round(filters.minPrice * 100);
    let max = filters.maxPrice === null ? null : Math.round(filters.maxPrice * 100);
    if (min !== null && max !== null && min > max) [min, max] = [max, min];
    return { min: min === 0 ? null : min, max };
  }
  if (filters.price) {
    const band = PRICE_BANDS[filters.price];
    return { min: band.min, max: band.max };
  }
  return { min: null, max: null };
}

export function hasActiveFilters(filters: CollectionFilters): boolean {
  return filters.materials.length > 0 || filters.price !== null || filters.minPrice !== null || filters.maxPrice !== null;
}

/** Canonical query string for a filter set (stable order), e.g. for cache keys and links. */
export function filtersToSearchParams(filters: CollectionFilters, overrides: Partial<CollectionFilters> = {}): URLSearchParams {
  const f = { ...filters, ...overrides };
  const params = new URLSearchParams();
  for (const m of f.materials) params.append("material", m);
  if (f.price) params.set("price", f.price);
  if (f.minPrice !== null) params.set("min", String(f.minPrice));
  if (f.maxPrice !== null) params.set("max", String(f.maxPrice));
  if (f.sort !== "featured") params.set("sort", f.sort);
  if (f.page > 1) params.set("page", String(f.page));
  return params;
}

export function pageCountFor(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
