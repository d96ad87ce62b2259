/** The messaging domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export type { Language } from "./format";
export { toGsm7 } from "./gsm";
export { dueReminderSmsText, exchangeSmsText, offerSmsText, receiptSmsText } from "./templates";
export type { ReceiptSmsInput } from "./templates";
export { DECLINE_REASONS, USSD_CODE, texts } from "./texts";
export type { OfferView, PayoutView, PendingView, WorkView } from "./texts";
