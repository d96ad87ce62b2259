/** The inventory domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { countStock, levelsForCsv, listLevels, listLocations, newFormKey, transferStock, variantStock } from "./admin.server";
export type { LevelFilter, StockResult } from "./admin.server";
export { releaseReservation, reserveStock } from "./reserve.server";
