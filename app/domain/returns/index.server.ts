/** The returns domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { NO_RETURN_ADDRESS, returnAddress } from "./address.server";
export { backfillExchangeWorths } from "./exchange-backfill.server";
export type { ExchangeBackfill } from "./exchange-backfill.server";
export { loadReturnPolicy, saveReturnPolicy } from "./policy.server";
export {
  QUEUE_PAGE_SIZE,
  hubReturns,
  reasonsReport,
  returnDetail,
  returnQueue,
  returnsForOrder,
  returnsMoney,
  returnsMoneyEntries,
} from "./queries.server";
export type { MoneyMoved, OrderReturnView, ReturnDetail } from "./queries.server";
export {
  cancelReturn,
  familyOf,
  inspectReturn,
  receiveReturn,
  recordCounterReturn,
  lockOrder,
  retryReturnRefund,
  returnableOrder,
  startReturn,
} from "./returns.server";
export type { Disposition, ExchangeOption, ReturnableLine, ReturnableOrder, Result } from "./returns.server";
export {
  DIFFERENCE_INTENT_KIND,
  completeDifferencePayment,
  differenceLines,
  expireReturns,
  expireReturnsTask,
  payReturnDifference,
  prepareDifferenceIntent,
  recordDifferencePaid,
  switchToRefund,
} from "./difference.server";
export type { CompletedDifference, PreparedDifference } from "./difference.server";
