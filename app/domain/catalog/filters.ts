import { numberFormat } from "~/lib/intl";
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

/**
 * Price bands of each currency, as the edges between them in whole units: USD 50/100/200 makes
 * "under-50", "50-100", "100-200", "over-200". Each market filters in its own money (a UK page:
 * under £50, £50–£100, over £100) by its stored prices (docs/decisions/0021). Min and max inclusive.
 */
export const PRICE_BAND_EDGES: Readonly<Record<string, readonly number[]>> = {
  USD: [50, 100, 200],
  GBP: [50, 100],
  EUR: [50, 100, 200],
  CAD: [75, 150, 300],
  AUD: [75, 150, 300],
};

export type PriceBandView = { key: string; min: number | null; max: number | null };

/** A currency's bands, in minor units (two decimals: every market's currency has them). */
export function priceBands(currency = "USD"): PriceBandView[] {
  const edges = PRICE_BAND_EDGES[currency] ?? PRICE_BAND_EDGES.USD;
  const bands: PriceBandView[] = [{ key: `under-${edges[0]}`, min: null, max: edges[0] * 100 - 1 }];
  for (let i = 1; i < edges.length; i++)
    bands.push({ key: `${edges[i - 1]}-${edges[i]}`, min: edges[i - 1] * 100, max: edges[i] * 100 - 1 });
  bands.push({ key: `over-${edges[edges.length - 1]}`, min: edges[edges.length - 1] * 100, max: null });
  return bands;
}

/** A band's words in its currency, written as `locale` writes money: "Under £50", "£50 – £100", "Over £100". */
export function priceBandLabel(band: PriceBandView, currency: string, locale = "en-US"): string {
  const format = numberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
  const whole = (minor: number) => format.format(Math.round(minor / 100));
  if (band.min === null && band.max !== null) return `Under ${whole(band.max + 1)}`;
  if (band.max === null && band.min !== null) return `Over ${whole(band.min)}`;
  return `${whole(band.min ?? 0)} – ${whole((band.max ?? 0) + 1)}`;
}

export type PriceRange = { min: number | null; max: number | null };

export type CollectionFilters = {
  materials: string[];
  /** A band key of the page's currency (priceBands). */
  price: string | null;
  /** Shopper-typed bounds, whole units of the page's currency as typed; override the band when present. */
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
  price: z
    .string()
    .regex(/^(?:under-\d{1,5}|\d{1,5}-\d{1,5}|over-\d{1,5})$/)
    .nullable()
    .catch(null),
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

/** The page's filters; a band that is not one of `currency`'s is dropped. */
export function parseCollectionFilters(params: URLSearchParams, currency = "USD"): CollectionFilters {
  // `.catch` on every field: this parse cannot fail.
  const filters = querySchema.parse({
    materials: params.getAll("material"),
    price: params.get("price") || null,
    minPrice: params.get("min") || null,
    maxPrice: params.get("max") || null,
    sort: params.get("sort") ?? "featured",
    page: params.get("page") ?? "1",
  });
  if (filters.price && !priceBands(currency).some((b) => b.key === filters.price)) filters.price = null;
  return filters;
}

/** The effective bounds in minor units of `currency`: typed min/max win over the band; reversed bounds are swapped. */
export function priceRange(filters: Pick<CollectionFilters, "price" | "minPrice" | "maxPrice">, currency = "USD"): PriceRange {
  if (filters.minPrice !== null || filters.maxPrice !== null) {
    let min = filters.minPrice === null ? null : Math.round(filters.minPrice * 100);
    let max = filters.maxPrice === null ? null : Math.round(filters.maxPrice * 100);
    if (min !== null && max !== null && min > max) [min, max] = [max, min];
    return { min: min === 0 ? null : min, max };
  }
  const band = filters.price ? priceBands(currency).find((b) => b.key === filters.price) : undefined;
  if (band) return { min: band.min, max: band.max };
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
