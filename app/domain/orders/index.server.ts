/** The orders domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { requireOrderAccess } from "./access.server";
export { changeOrderLines } from "./change.server";
export type { ChangeOutcome, LineChange, LineChangeResult } from "./change.server";
export { commitOrder, commitOrderPipelined } from "./commit.server";
export type { CommittedOrder } from "./commit.server";
export { orderPlacedTask } from "./jobs.server";
export { orderEventStream } from "./live.server";
export { SALES_SWEEP_CRONTAB, missingSales, postMissingSales, postMissingSalesTask, postSaleEntry } from "./sale.server";
export type { PostedSale } from "./sale.server";
export { cancelOrder, markDelivered, markPacked, refundOrder, shipOrder } from "./manage.server";
export type { Result } from "./manage.server";
export { exportOrders, listOrders, orderCurrency, orderDetail } from "./ops-queries.server";
export { adoptTimedOutRefunds } from "./refund-made.server";
export {
  adoptUnansweredRefunds,
  refundThroughPayment,
  refundableBalance,
  refundableParts,
  refundablePayment,
} from "./refunds.server";
export type { PaymentChoice, RefundableBalance } from "./refunds.server";
export { statusPath, statusUrl } from "./status-link.server";
export type { OrderStatusView } from "./status.server";
