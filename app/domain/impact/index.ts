/** The impact domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { IMPACT_METHOD, MIN_MONTHS, RECENT_MONTHS, WINDOW_MONTHS } from "./impact";
