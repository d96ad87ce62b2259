/** The production domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { BOARD_CHANNELS, BOARD_TABS, CHANNEL_LABEL, boardQuerySchema, openingTab, statusWords } from "./board";
export type { BoardTab } from "./board";
export { earliestShipDate } from "./dispatch";
export { LATE_STATUSES, daysOverdue, isLate, lateWords, type LateFacts } from "./late";
export type { DispatchArtisan } from "./dispatch";
export { NOT_STARTED_STATUSES, canTransition } from "./transitions";
export {
  DECLINE_NOTES,
  DECLINE_REASONS,
  PENDING_PAY_STATUSES,
  WORK_STATUSES,
  canMarkReady,
  canRecordMade,
  canStart,
  isAllMade,
  isOfferOpen,
  isValidPart,
  offerTotal,
  readyRefusal,
} from "./work-rules";
export type { DeclineReason, ReadyRefusal } from "./work-rules";
