/** The payouts domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { PAYOUT_STATUS_KEY, earningsWord } from "./earnings-words";
export { PAYOUT_FORM_INTENTS, PAYOUT_STATUSES, payoutsQuerySchema } from "./forms";
export { PREVIEW_SEARCH_MAX } from "./preview";
