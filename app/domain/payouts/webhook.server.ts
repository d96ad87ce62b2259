/**
 * POST /webhooks/mpesa/result and /webhooks/mpesa/timeout (Daraja's B2C callbacks), and
 * /webhooks/mpesa/status and /webhooks/mpesa/status-timeout (the answers to our transaction status queries).
 *
 * Daraja does not sign callbacks. Safaricom's advice is to allow only its IP ranges (at the load
 * balancer); in addition the URLs we register carry `?token=<MPESA_CALLBACK_TOKEN>` and a request
 * without it is refused (no token configured: every request is). Past that, every callback is
 * recorded and applied only if it carries the references Daraja gave us for that payout
 * (payouts.server.ts); the answer is the same 200 whatever became of it, so a caller learns nothing.
 */
import { timingSafeEqual } from "node:crypto";
import { callbackToken } from "~/lib/env.server";
import { payoutProvider } from "./choose-provider.server";
import { receiveMpesaCallback } from "./payouts.server";
import { MalformedCallback, type CallbackKind, type PayoutProvider } from "./provider";

export const MPESA_CALLBACK_KINDS = ["result", "timeout", "status", "status-timeout"] as const satisfies readonly CallbackKind[];

export function isCallbackKind(value: string | undefined): value is CallbackKind {
  return (MPESA_CALLBACK_KINDS as readonly string[]).includes(value ?? "");
}

function tokenMatches(expected: string, given: string | null) {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Daraja only needs a 200; the body is its own acknowledgement shape. */
export async function receiveMpesaWebhook(input: {
  kind: CallbackKind;
  rawBody: string;
  token: string | null;
  provider?: PayoutProvider;
  expectedToken?: string | undefined;
}): Promise<{ status: number; body: { ResultCode: number; ResultDesc: string } }> {
  const expected = "expectedToken" in input ? input.expectedToken : callbackToken("MPESA_CALLBACK_TOKEN");
  if (!expected || !tokenMatches(expected, input.token)) return { status: 401, body: { ResultCode: 1, ResultDesc: "Unknown caller" } };
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    return { status: 400, body: { ResultCode: 1, ResultDesc: "The body is not JSON" } };
  }
  try {
    await receiveMpesaCallback(input.provider ?? payoutProvider(), input.kind, json);
    return { status: 200, body: { ResultCode: 0, ResultDesc: "Accepted" } };
  } catch (error) {
    if (error instanceof MalformedCallback) return { status: 400, body: { ResultCode: 1, ResultDesc: error.message } };
    throw error;
  }
}
