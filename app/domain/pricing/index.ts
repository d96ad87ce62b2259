/** The pricing domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export {
  SHIPPING_CODES,
  evaluateDiscount,
  parseTaxRates,
  priceCheckout,
  shippingLabel,
  shippingOptions,
  taxRateFor,
  transitBusinessDays,
} from "./pricing";
export type { DiscountResult, ShippingCode, ShippingOption, Totals } from "./pricing";
