/** The markets domain's front door for the server: what touches the database. Pure rules: ./index.ts. */
export {
  generatePriceList,
  marketSettings,
  priceCards,
  priceListFor,
  priceVariants,
  setMarketPrice,
  variantPrice,
} from "./price-lists.server";
export type { MarketSettings, PriceList } from "./price-lists.server";
export {
  PRICE_LIST_PAGE_SIZE,
  PRICE_RUN_UNDO_MINUTES,
  applyRegeneration,
  lastUndoableRun,
  marketsOverview,
  previewRegeneration,
  priceListPage,
  resetPrice,
  setPriceByHand,
  undoRegeneration,
} from "./price-admin.server";
export type { MarketOverview, PriceListPage, PriceListRow, Regeneration, RegenerationPreview, UndoableRun } from "./price-admin.server";
