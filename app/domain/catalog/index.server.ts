/** The catalog domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { applyBulkEdit, lastUndoableBulkEdit, previewBulkEdit, selectedProductIds, undoBulkEdit } from "./bulk-edit.server";
export type { BulkApplied, BulkPreview, UndoableBulkEdit } from "./bulk-edit.server";
export { createTaggedCache } from "./cache";
export type { TaggedCache } from "./cache";
export { getCollectionPage } from "./collection-page.server";
export { getHomePage } from "./home-page.server";
export { productCardsByIds } from "./product-cards.server";
export type { ProductCardData } from "./product-cards.server";
export { getProductPage } from "./product-page.server";
export type { ProductPage } from "./product-page.server";
export {
  addProductImage,
  createProduct,
  listCollections,
  listProducts,
  listSkills,
  moveImage,
  productEditor,
  removeImage,
  saveVariant,
  setProductStatus,
  updateImageAlt,
  updateProduct,
} from "./products.server";
export { searchProducts, suggestSearch } from "./search.server";
export { getSitemapEntries } from "./sitemap.server";
export { variantIdForChoices } from "./variant-choice.server";
