/** The ledger domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export {
  ACCOUNT_CODES,
  assertBalanced,
  exchangeDifferenceEntry,
  invoiceIssuedEntry,
  invoicePaidEntry,
  invoiceRevisedEntry,
  invoiceVoidedEntry,
  payoutEntry,
  payoutReversedEntry,
  payoutSettledEntry,
  orderRefundEntry,
  returnRefundEntry,
  saleEntry,
  wholesaleCardSaleEntry,
} from "./entries";
export type { LedgerEntryInput, SaleTender } from "./entries";
