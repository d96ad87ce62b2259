/** The payments domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { CASH_PROVIDER, WebhookSignatureError, answeredPayments } from "./provider";
export type { CardInput, ChargeOutcome, PaymentEvent, PaymentProvider, RefundOutcome } from "./provider";
