/** The hub domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export {
  DEFECT_REASONS,
  collectSchema,
  dateToNairobiLocal,
  formatNairobi,
  inspectSchema,
  lookupSchema,
  normalizeRequestNumber,
  packSchema,
  receiveSchema,
  schedulePickupSchema,
  shipSchema,
  statusWords,
} from "./rules";
