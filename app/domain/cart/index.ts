/** The cart domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { LINE_NOT_FOUND, cartActionSchema, cartNoticeSchema, noticeSearch } from "./forms";
export type { CartNotice } from "./forms";
export { MAX_QUANTITY, cartTotals } from "./totals";
