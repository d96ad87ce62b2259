/** The catalog domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export {
  BULK_CHANGE_LABELS,
  BULK_CHANGE_OPTIONS,
  BULK_PERCENT_MAX,
  BULK_PERCENT_MIN,
  BULK_PREVIEW_ROWS,
  BULK_SCOPES,
  BULK_UNDO_MINUTES,
  bulkEditSchema,
  bulkSelectionSchema,
  describeBulkEdit,
  describeValue,
  newPrice,
  planBulkEdit,
} from "./bulk-edit";
export type { BulkEdit, BulkEditKind, BulkPlan, BulkScope, BulkSelection, ProductState } from "./bulk-edit";
export { sharedPageHeaders, unpurgedSharedPageHeaders } from "./cache-headers";
export {
  MISSING_PAGE_KEYS,
  collectionPageKeys,
  homePageKeys,
  makerListKeys,
  makerProfileKeys,
  productListKeys,
  productPageKeys,
} from "./purge-keys";
export { PRICE_BAND_EDGES, SORTS, SORT_LABELS, hasActiveFilters, parseCollectionFilters, priceBandLabel, priceBands } from "./filters";
export type { CollectionFilters, PriceBandView } from "./filters";
export {
  CATEGORY_OPTIONS,
  STATUS_OPTIONS,
  imageAltSchema,
  listQuerySchema,
  parseFormWith,
  productSchema,
  statusSchema,
  variantSchema,
} from "./forms";
export { CATEGORY_TITLES, initialVariantId, productSeo, variantLabel } from "./product-view";
export { POPULAR_SEARCHES, SEARCH_QUERY_MAX, parseSearchParams } from "./query";
export { absoluteUrl, excerpt, seoMeta } from "./seo";
export type { JsonLdRating, Seo } from "./seo";
export { robotsTxt, sitemapXml } from "./sitemap";
export type { ImageData, MakerCardData, ProductImageView, VariantView } from "./types";
export { photoNumber, productPhotoPath } from "./photos";
export { OPTION_FIELD_PREFIX, choicesFromForm, gallerySets, optionGroups, variantForChoices } from "./variant-options";
export type { OptionGroup } from "./variant-options";
