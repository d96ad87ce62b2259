/** The payouts module's background tasks, for the worker's task list (app/modules/jobs/worker.server.ts). */
import type { Task, TaskList } from "graphile-worker";
import { z } from "zod";
import { darajaResultBody, receiptFromSeed } from "./daraja";
import { payoutProvider } from "./index.server";
import { payoutThreshold, receiveMpesaCallback, runPayouts, sendPayout } from "./payouts.server";
import type { PayoutProvider } from "./provider";
import { PAYOUT_CRON } from "./schedule";

const sendPayload = z.object({ payoutId: z.number().int().positive() });
const simulatorPayload = z.object({
  conversationId: z.string(), originatorConversationId: z.string(), msisdn: z.string(), amount: z.number().int().positive(), success: z.boolean(),
});

/** Weekly run: Mondays 06:00 in Nairobi (schedule.ts; graphile-worker's crontab is UTC). */
export const PAYOUT_CRONTAB = `${PAYOUT_CRON} payout_run ?jobKey=payout_run:weekly&max=3`;

/** Tasks bound to a provider (tests pass a counting one; the worker uses the configured one). */
export function payoutTasks(provider: () => PayoutProvider = () => payoutProvider()): TaskList {
  const sendPayoutTask: Task = async (payload) => {
    await sendPayout(sendPayload.parse(payload).payoutId, provider());
  };
  const simulatorCallbackTask: Task = async (payload) => {
    const p = simulatorPayload.parse(payload);
    const body = darajaResultBody({
      conversationId: p.conversationId, originatorConversationId: p.originatorConversationId, success: p.success,
      transactionId: receiptFromSeed(`receipt:${p.originatorConversationId}`), amount: p.amount, msisdn: p.msisdn,
    });
    // The same entry point as POST /webhooks/mpesa/result.
    await receiveMpesaCallback(provider(), "result", body);
  };
  const payoutRunTask: Task = async (_payload, helpers) => {
    const result = await runPayouts({ threshold: payoutThreshold(), actor: "job:payout_run" });
    helpers.logger.info(`Payout run ${result.runId}: ${result.paid} payouts, ${result.total} KES minor units`);
  };
  return { send_payout: sendPayoutTask, mpesa_simulator_callback: simulatorCallbackTask, payout_run: payoutRunTask };
}
