/** The payouts domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export {
  listPayouts,
  listRuns,
  markConflictsReviewed,
  payoutThreshold,
  payoutsCsv,
  payoutsNeedingALook,
  previewPayoutsPage,
  reconcileAgain,
  runPayouts,
} from "./payouts.server";
export { PayoutsChanged } from "./approval";
export type { RunApproval } from "./approval";
export type { PayoutNeedingALook, PayoutReport } from "./payouts.server";
export { PAYOUT_CRONTAB, payoutTasks } from "./tasks.server";
export { isCallbackKind, receiveMpesaWebhook } from "./webhook.server";
