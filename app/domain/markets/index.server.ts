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
