/** The payouts module's background tasks, for the worker's task list (app/worker.server.ts). */
import type { Task } from "graphile-worker";
import { z } from "zod";
import { payoutProvider } from "./choose-provider.server";
import {
  finishPayoutRun,
  payoutThreshold,
  receiveMpesaCallback,
  reconcilePayout,
  reconcileSilentPayouts,
  runPayouts,
  sendPayout,
} from "./payouts.server";
import type { PayoutProvider } from "./provider";
import { PAYOUT_CRON } from "./schedule";
import { simulatedResultBody, simulatedStatusBody } from "./simulated-provider.server";

const payoutPayload = z.object({ payoutId: z.number().int().positive() });
const simulatorPayload = z.object({ originatorConversationId: z.string().min(1) });
const simulatorStatusPayload = z.object({
  queryConversationId: z.string().min(1),
  queryOriginatorConversationId: z.string().min(1),
  originatorConversationId: z.string().min(1),
});

/**
 * Weekly run: Mondays 06:00 in Nairobi (schedule.ts; graphile-worker's crontab is UTC). Hourly: ask
 * M-Pesa about payouts it has been silent on for a day.
 */
export const PAYOUT_CRONTAB = [
  `${PAYOUT_CRON} payout_run ?jobKey=payout_run:weekly&max=3`,
  "17 * * * * reconcile_silent_payouts ?jobKey=reconcile_silent_payouts&max=1",
].join("\n");

/** Tasks bound to a provider (tests pass a counting one; the worker uses the configured one). */
type PayoutJob =
  | "send_payout"
  | "reconcile_payout"
  | "reconcile_silent_payouts"
  | "payout_run"
  | "finish_payout_run"
  | "mpesa_simulator_callback"
  | "mpesa_simulator_status";

export function payoutTasks(provider: () => PayoutProvider = () => payoutProvider()): Record<PayoutJob, Task> {
  const sendPayoutTask: Task = async (payload) => {
    await sendPayout(payoutPayload.parse(payload).payoutId, provider());
  };
  const reconcilePayoutTask: Task = async (payload, helpers) => {
    const payoutId = payoutPayload.parse(payload).payoutId;
    const result = await reconcilePayout(payoutId, provider());
    if (result === "exhausted")
      helpers.logger.warn(
        `Payout ${payoutId}: M-Pesa gave no clear answer after every status query; it waits for finance on /ops/payouts.`,
      );
  };
  const simulatorCallbackTask: Task = async (payload) => {
    const body = await simulatedResultBody(simulatorPayload.parse(payload));
    // The same entry point as POST /webhooks/mpesa/result.
    if (body) await receiveMpesaCallback(provider(), "result", body);
  };
  const simulatorStatusTask: Task = async (payload) => {
    // The same entry point as POST /webhooks/mpesa/status.
    await receiveMpesaCallback(provider(), "status", await simulatedStatusBody(simulatorStatusPayload.parse(payload)));
  };
  const silentPayoutsTask: Task = async (_payload, helpers) => {
    const moved = await reconcileSilentPayouts({ reconcileDelayMs: 0 });
    if (moved) helpers.logger.info(`${moved} payouts M-Pesa was silent on for a day: asking M-Pesa about them.`);
  };
  const payoutRunTask: Task = async (_payload, helpers) => {
    const result = await runPayouts({ threshold: payoutThreshold(), actor: "job:payout_run" });
    helpers.logger.info(`Payout run ${result.runId}: ${result.paid} payouts, ${result.total} KES minor units`);
  };
  const finishRunTask: Task = async (payload, helpers) => {
    const result = await finishPayoutRun(z.object({ runId: z.number().int().positive() }).parse(payload).runId);
    if (result)
      helpers.logger.warn(`Payout run ${result.runId} was left unfinished (its process stopped): finished, ${result.paid} payouts in all.`);
  };
  return {
    send_payout: sendPayoutTask,
    finish_payout_run: finishRunTask,
    reconcile_payout: reconcilePayoutTask,
    reconcile_silent_payouts: silentPayoutsTask,
    payout_run: payoutRunTask,
    mpesa_simulator_callback: simulatorCallbackTask,
    mpesa_simulator_status: simulatorStatusTask,
  };
}
