/**
 * Which purge keys each catalog page carries (the vocabulary: app/lib/purge-keys.ts; why:
 * docs/decisions/0015-cache-purge.md). A page is tagged with every product and maker whose card or
 * details it shows, and with `catalog` when it shows a LIST that a product or maker appearing,
 * leaving or moving would change.
 */
import { CATALOG_KEY, collectionKey, makerKey, productKey } from "~/lib/purge-keys";

const unique = (keys: string[]) => [...new Set(keys)];

/** A product page: the product, its related pieces and its makers (lists: related, made by). */
export function productPageKeys(page: { id: number; relatedIds: number[]; makerIds: number[] }): string[] {
  return unique([productKey(page.id), ...page.relatedIds.map(productKey), ...page.makerIds.map(makerKey), CATALOG_KEY]);
}

/** A collection page (any filter, sort or page): the collection, its cards, and the list. */
export function collectionPageKeys(handle: string, productIds: number[]): string[] {
  return unique([collectionKey(handle), ...productIds.map(productKey), CATALOG_KEY]);
}

/** The home page: featured collections' tiles, new arrivals, maker stories: all lists. */
export function homePageKeys(home: { collectionHandles: string[]; productIds: number[]; makerIds: number[] }): string[] {
  return unique([
    ...home.collectionHandles.map(collectionKey),
    ...home.productIds.map(productKey),
    ...home.makerIds.map(makerKey),
    CATALOG_KEY,
  ]);
}

/** A grid of cards inside a listing page (search results, a maker's pieces). */
export function productListKeys(productIds: number[]): string[] {
  return unique([...productIds.map(productKey), CATALOG_KEY]);
}

/** The makers directory or the makers found by a search. */
export function makerListKeys(makerIds: number[]): string[] {
  return unique([...makerIds.map(makerKey), CATALOG_KEY]);
}

/** A maker's profile: her details and the pieces she can make (a list). */
export function makerProfileKeys(makerId: number, productIds: number[]): string[] {
  return unique([makerKey(makerId), ...productIds.map(productKey), CATALOG_KEY]);
}

/**
 * What isn't there (an unknown or unpublished handle): it appears when a product or maker is
 * published, which purges `catalog`.
 */
export const MISSING_PAGE_KEYS: readonly string[] = [CATALOG_KEY];
