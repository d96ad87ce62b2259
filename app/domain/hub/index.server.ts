/** The hub domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { confirmCollection, inspectRequest, receiveRequest, schedulePickup } from "./actions.server";
export type { Result } from "./actions.server";
export { hubDashboard, hubRequest, hubReturnAddress, packingList, packingOrder, requestStatus } from "./queries.server";
export type { HubRequestDetail, HubRequestRow, PackingOrder } from "./queries.server";
