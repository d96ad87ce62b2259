/** The ledger domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export {
  ACCOUNT_CODES,
  artisanBalance,
  artisanStatement,
  creditArtisanForQc,
  orderLedger,
  payableBalances,
  postEntry,
  salesByCurrency,
  trialBalance,
  trialBalanceSummary,
} from "./ledger.server";
export type { OrderLedgerEntry, SalesByCurrencyRow } from "./ledger.server";
