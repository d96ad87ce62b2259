/**
 * Local mode (the default, when no MPESA_CONSUMER_KEY is set): nothing leaves the machine.
 * requestPayment accepts at once and enqueues a `mpesa_simulator_callback` job which, after a short
 * delay, builds Daraja's result body and hands it to the same callback handler as
 * POST /webhooks/mpesa/result (called directly: no HTTP).
 *
 * Outcome: a payout phone ending in 9 fails (ResultCode 2040, "customer type can't be supported"),
 * every other number succeeds with an M-Pesa-looking receipt. The conversation id and the receipt
 * are derived from the idempotency key, so a repeated request is the same payment at this "provider":
 * its job key collapses repeats still waiting, and the handler ignores a second callback.
 */
import { enqueueJob } from "~/modules/jobs/enqueue.server";
import { db } from "~/utils/db.server";
import { parseDarajaCallback, receiptFromSeed, toMsisdn, toWholeShillings } from "./daraja";
import { PayoutRejected, type PayoutProvider } from "./provider";

export type SimulatedCallbackPayload = {
  conversationId: string; originatorConversationId: string; msisdn: string; amount: number; success: boolean;
};

export function simulatedOutcome(msisdn: string): boolean {
  return !msisdn.endsWith("9");
}

export function simulatedConversationId(idempotencyKey: string) {
  return `AG_SIM_${receiptFromSeed(`conversation:${idempotencyKey}`)}`;
}

export function simulatedProvider(options: { delayMs?: number } = {}): PayoutProvider {
  return {
    name: "simulated",
    async requestPayment(request) {
      const msisdn = toMsisdn(request.phone);
      if (!msisdn) throw new PayoutRejected(`${request.phone} is not a Kenyan mobile number.`);
      const amount = toWholeShillings(request.amount);
      const conversationId = simulatedConversationId(request.idempotencyKey);
      const payload: SimulatedCallbackPayload = {
        conversationId, originatorConversationId: request.idempotencyKey, msisdn, amount, success: simulatedOutcome(msisdn),
      };
      await enqueueJob(db, "mpesa_simulator_callback", payload, {
        jobKey: `mpesa-sim:${request.idempotencyKey}`,
        runAt: new Date(Date.now() + (options.delayMs ?? 1500)),
      });
      return { providerRef: conversationId };
    },
    parseCallback: parseDarajaCallback,
  };
}
