/** The inventory domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { ADJUSTMENT_REASONS, LOW_STOCK_AT, countFormSchema, levelsCsv, levelsQuerySchema, transferFormSchema } from "./admin-rules";
export { STORE_LOCATION_CODE, WEB_STOCK_LOCATION_CODES } from "./locations";
