/** The orders domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { isoDate } from "./dates";
export { orderActionSchema } from "./refund-rules";
export {
  GIFT_CARDS_ONLY_MESSAGE,
  SHIPPING_CARRIERS,
  TRACKING_NUMBER_MAX,
  carrierField,
  carrierScac,
  trackingNumberField,
  trackingUrl,
} from "./shipping-rules";
export { ORDER_STATUS_WORDS, orderListStatus } from "./status-words";
export { formatDayRange } from "./delivery-estimate";
export type { DeliveryEstimate } from "./delivery-estimate";
