/** The wholesale domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { CSV_TOO_BIG, MAX_CSV_BYTES, checkOrderRows, csvFileProblem, parseOrderCsv, parseQuantity } from "./csv";
export type { RawRow, RowError } from "./csv";
export type { CatalogSort } from "./forms";
export {
  CATALOG_SORTS,
  CATEGORIES,
  EXPECTED_VOLUME_LABEL,
  MIN_PASSWORD_LENGTH,
  acceptInviteSchema,
  addToDraftSchema,
  applicationSchema,
  approveSchema,
  buyerIdSchema,
  draftDetailsSchema,
  inviteBuyerSchema,
  locationIdSchema,
  locationSchema,
  loginSchema,
  placeSchema,
  rejectSchema,
} from "./forms";
export { INVOICE_NUMBER } from "./invoices";
export { WHOLESALE_CURRENCIES, WHOLESALE_CURRENCY_LABEL } from "./pricing";
export type { WholesaleCurrency } from "./pricing";
export { PAYMENT_LABEL, applyCharges, checkCredit, checkMinimum, pastShipDay, poLabel, quantityProblem } from "./rules";
export type { OrderCharges } from "./rules";
export { HUB_DAYS, ORDER_NUMBER } from "./tracking";
export type { LineShipDate } from "./tracking";
