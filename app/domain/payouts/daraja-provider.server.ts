/**
 * The real M-Pesa B2C adapter (Safaricom Daraja): OAuth client-credentials token, then
 * POST /mpesa/b2c/v3/paymentrequest. The result arrives later on ResultURL (or QueueTimeOutURL).
 * When a result is in doubt, POST /mpesa/transactionstatus/v1/query asks M-Pesa what became of the
 * payment; its answer arrives on the status ResultURL, matched by the ConversationID of the query.
 *
 * Daraja has no idempotency header: the payout's idempotency key goes in OriginatorConversationID,
 * which M-Pesa keeps per request and echoes in the callback; a retry sends the same one. The key is
 * guessable, so a callback is believed only with the ConversationID Daraja answered us (payouts.server.ts).
 */
import { b2cRequestBody, b2cResponseSchema, parseDarajaCallback, statusQueryBody, type B2CConfig, type StatusConfig } from "./daraja";
import { PayoutDuplicate, PayoutRejected, type PayoutProvider } from "./provider";

export const DARAJA_SANDBOX = "https://sandbox.safaricom.co.ke";

export type DarajaOptions = B2CConfig &
  StatusConfig & {
    consumerKey: string;
    consumerSecret: string;
    /** https://api.safaricom.co.ke in production; the sandbox by default; a fake in tests. */
    baseUrl?: string;
    timeoutMs?: number;
    /** Before the first status query after a reported failure or timeout (then doubling). */
    reconcileDelayMs?: number;
  };

export function darajaProvider(options: DarajaOptions): PayoutProvider {
  const base = options.baseUrl ?? DARAJA_SANDBOX;
  // A token lasts an hour; one per process is plenty (losing it costs one more OAuth call).
  let token: { value: string; expiresAt: number } | null = null;

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now() + 60_000) return token.value;
    const basic = Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString("base64");
    const response = await fetch(new URL("/oauth/v1/generate?grant_type=client_credentials", base), {
      headers: { Authorization: `Basic ${basic}` },
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Daraja OAuth answered HTTP ${response.status}: ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as { access_token?: string; expires_in?: string | number };
    if (!body.access_token) throw new Error("Daraja OAuth sent no access_token.");
    token = { value: body.access_token, expiresAt: Date.now() + Number(body.expires_in ?? 3599) * 1000 };
    return token.value;
  }

  /** POSTs with a bearer token (one fresh token on a 401); the parsed JSON and status. */
  async function post(path: string, body: unknown) {
    const send = async () =>
      fetch(new URL(path, base), {
        method: "POST",
        headers: { Authorization: `Bearer ${await accessToken()}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    let response = await send();
    if (response.status === 401) {
      token = null; // expired or revoked early: one fresh token, then give up to the job's retry
      response = await send();
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* reported by the caller */
    }
    return { response, text, json };
  }

  return {
    name: "daraja",
    reconcileDelayMs: options.reconcileDelayMs ?? 60_000,
    async requestPayment(request) {
      let body: ReturnType<typeof b2cRequestBody>;
      try {
        body = b2cRequestBody(options, request);
      } catch (error) {
        throw new PayoutRejected((error as Error).message);
      }
      const { response, text, json } = await post("/mpesa/b2c/v3/paymentrequest", body);
      if (response.ok) {
        const parsed = b2cResponseSchema.safeParse(json);
        if (!parsed.success) throw new Error(`Daraja sent an unexpected answer: ${text.slice(0, 300)}`);
        if (parsed.data.ResponseCode !== "0") {
          throw new PayoutRejected(`Daraja refused the payment: ${parsed.data.ResponseDescription ?? parsed.data.ResponseCode}`);
        }
        return { providerRef: parsed.data.ConversationID };
      }
      const error = (json ?? {}) as { errorCode?: string; errorMessage?: string };
      const message =
        `Daraja answered HTTP ${response.status}: ${error.errorCode ?? ""} ${error.errorMessage ?? text.slice(0, 200)}`.trim();
      // A duplicate OriginatorConversationID means an earlier attempt got through and may be paid:
      // never a refusal, and resending cannot tell us more — the status query will.
      if (response.status === 400 && /duplicate|already/i.test(`${error.errorMessage ?? ""} ${text}`)) throw new PayoutDuplicate(message);
      // Any other 400 is a definite "no" (bad number, bad credential): nothing was paid.
      if (response.status === 400) throw new PayoutRejected(message);
      throw new Error(message); // 5xx, 429: retried by the job with the same key
    },
    async queryStatus(query) {
      const { response, text, json } = await post("/mpesa/transactionstatus/v1/query", statusQueryBody(options, query));
      const parsed = b2cResponseSchema.safeParse(json);
      if (!response.ok || !parsed.success || parsed.data.ResponseCode !== "0") {
        // Retried by the reconcile job; the payout stays where it is meanwhile.
        throw new Error(`Daraja's transaction status query answered HTTP ${response.status}: ${text.slice(0, 300)}`);
      }
      return { queryRef: parsed.data.ConversationID };
    },
    parseCallback: parseDarajaCallback,
  };
}
