/**
 * Local mode (the default, when no MPESA_CONSUMER_KEY is set): nothing leaves the machine.
 * requestPayment accepts at once and enqueues a `mpesa_simulator_callback` job which, after a short
 * delay, builds Daraja's result body and hands it to the same callback handler as
 * POST /webhooks/mpesa/result (called directly: no HTTP). queryStatus does the same with a
 * `mpesa_simulator_status` job and Daraja's transaction status answer (POST /webhooks/mpesa/status).
 *
 * Outcome: a payout phone ending in 9 fails (ResultCode 2040, "customer type can't be supported"),
 * every other number succeeds with an M-Pesa-looking receipt. Like M-Pesa, the simulator keeps its
 * own record of each request (mpesa_simulator_payments) with a RANDOM ConversationID and receipt:
 * a repeated OriginatorConversationID is the same payment (same ConversationID, same receipt), and
 * nobody can work the ConversationID out from the guessable idempotency key.
 */
import { randomBytes, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { db, schema } from "~/lib/db.server";
import { toMsisdn } from "~/lib/phone";
import { darajaResultBody, darajaStatusResultBody, parseDarajaCallback, toWholeShillings, type DarajaResult } from "./daraja";
import { PayoutRejected, type PayoutProvider } from "./provider";

const { mpesaSimulatorPayments } = schema;

export type SimulatedCallbackPayload = { originatorConversationId: string };
export type SimulatedStatusPayload = {
  queryConversationId: string;
  queryOriginatorConversationId: string;
  originatorConversationId: string;
};

export function simulatedOutcome(msisdn: string): boolean {
  return !msisdn.endsWith("9");
}

/** An M-Pesa-looking receipt: 10 upper-case letters and digits, random. */
export function randomReceipt(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
  let out = "S";
  for (let i = 0; i < 9; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

const randomConversationId = (prefix: string) =>
  `${prefix}_${new Date().toISOString().slice(0, 10).replaceAll("-", "")}_${randomBytes(10).toString("hex")}`;

/** The simulator's record of the request with this OriginatorConversationID, if it got one. */
export async function simulatedPayment(originatorConversationId: string) {
  const [row] = await db
    .select()
    .from(mpesaSimulatorPayments)
    .where(eq(mpesaSimulatorPayments.originatorConversationId, originatorConversationId))
    .limit(1);
  return row ?? null;
}

/** The B2C result the simulator sends for a request it accepted (null if it never got one). */
export async function simulatedResultBody(payload: SimulatedCallbackPayload): Promise<DarajaResult | null> {
  const payment = await simulatedPayment(payload.originatorConversationId);
  if (!payment) return null;
  return darajaResultBody({
    conversationId: payment.conversationId,
    originatorConversationId: payment.originatorConversationId,
    success: payment.success,
    transactionId: payment.receipt,
    amount: payment.amount,
    msisdn: payment.msisdn,
  });
}

/** The status answer the simulator sends: the truth from its own records ("could not be found" when it never got the request). */
export async function simulatedStatusBody(payload: SimulatedStatusPayload): Promise<DarajaResult> {
  const payment = await simulatedPayment(payload.originatorConversationId);
  return darajaStatusResultBody({
    queryConversationId: payload.queryConversationId,
    queryOriginatorConversationId: payload.queryOriginatorConversationId,
    payment: payment && {
      conversationId: payment.conversationId,
      originatorConversationId: payment.originatorConversationId,
      receipt: payment.receipt,
      amount: payment.amount,
      msisdn: payment.msisdn,
      status: payment.success ? "Completed" : "Failed",
      reason: payment.success ? "" : "Credit Party customer type can't be supported by the service.",
      at: payment.createdAt,
    },
  });
}

export function simulatedProvider(options: { delayMs?: number } = {}): PayoutProvider {
  const delayMs = options.delayMs ?? 1500;
  return {
    name: "simulated",
    reconcileDelayMs: delayMs,
    async requestPayment(request) {
      const msisdn = toMsisdn(request.phone);
      if (!msisdn) throw new PayoutRejected(`${request.phone} is not a Kenyan mobile number.`);
      const amount = toWholeShillings(request.amount);
      // The first request with this key is the payment; a repeat gets the same one back.
      await db
        .insert(mpesaSimulatorPayments)
        .values({
          originatorConversationId: request.idempotencyKey,
          conversationId: randomConversationId("AG_SIM"),
          msisdn,
          amount,
          success: simulatedOutcome(msisdn),
          receipt: randomReceipt(),
        })
        .onConflictDoNothing({ target: mpesaSimulatorPayments.originatorConversationId });
      const payment = (await simulatedPayment(request.idempotencyKey))!;
      const payload: SimulatedCallbackPayload = { originatorConversationId: request.idempotencyKey };
      await enqueueJob(db, "mpesa_simulator_callback", payload, {
        jobKey: `mpesa-sim:${request.idempotencyKey}`,
        runAt: new Date(Date.now() + delayMs),
      });
      return { providerRef: payment.conversationId };
    },
    async queryStatus(query) {
      const payload: SimulatedStatusPayload = {
        queryConversationId: randomConversationId("AG_SIMQ"),
        queryOriginatorConversationId: `simq-${randomBytes(6).toString("hex")}`,
        originatorConversationId: query.idempotencyKey,
      };
      await enqueueJob(db, "mpesa_simulator_status", payload, {
        jobKey: `mpesa-sim-status:${payload.queryConversationId}`,
        runAt: new Date(Date.now() + delayMs),
      });
      return { queryRef: payload.queryConversationId };
    },
    parseCallback: parseDarajaCallback,
  };
}
