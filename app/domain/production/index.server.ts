/** The production domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { loadBoard } from "./board.server";
export { lateSql } from "./late.server";
export { pendingPay } from "./pending-pay.server";
export { dispatchRequestsTask, expireOffersTask, loadDispatchArtisans } from "./dispatch.server";
export { notifyOffersTask } from "./offer-sms.server";
export { reassignRequest, reassignView, redispatchRequests } from "./reassign.server";
export { SKILLED_PAGE_SIZE, searchSkilledArtisans, type SkilledArtisan } from "./skilled-search.server";
export { remindDueWorkTask } from "./reminders.server";
export { TransitionRefused, advanceRequest } from "./requests.server";
