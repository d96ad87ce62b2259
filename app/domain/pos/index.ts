/** The pos domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export {
  EMPTY_CART,
  addGiftCard,
  addItem,
  attachCustomer,
  catalogIndex,
  detachCustomer,
  editLines,
  groupByProduct,
  parseCart,
  priceCart,
  removeGiftCard,
  removeLine,
  scan,
  searchAsYouType,
} from "./cart";
export type { Cart, CartResult, CartTotals, CatalogItem, CatalogProduct, GiftCardSaleLine, LineEdit, PricedGiftCard } from "./cart";
export {
  chargeSchema,
  closeShiftSchema,
  exchangeDifferenceSchema,
  KEY_PATTERN,
  loginSchema,
  offlineSaleSchema,
  openShiftSchema,
  returnLinesOf,
  returnSchema,
  sellGiftCardSchema,
  shippingAddressOf,
} from "./forms";
export { CUSTOMER_RESULTS, MIN_QUERY_LENGTH, customerQueryOf, quickCustomerSchema } from "./customer-search";
export type { CustomerMatch, CustomerQuery, QuickCustomer } from "./customer-search";
export { OFFLINE_CLOCK_SKEW_MS } from "./offline-rules";
export { cardLabel, parseAmount, planTenders, shiftCsv } from "./tender";
export type { ShiftReport, TenderMode } from "./tender";
