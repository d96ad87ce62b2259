/**
 * One interface for paying an artisan (M-Pesa B2C through Daraja, or the local simulator), in the
 * style of payments/provider.ts: the payouts module never sees a vendor API.
 */
export type PayoutRequest = {
  payoutId: number;
  /** The artisan's payout phone, E.164 (+2547…) or any Kenyan form. */
  phone: string;
  /** KES minor units; M-Pesa pays whole shillings, so a multiple of 100. */
  amount: number;
  /**
   * `run:<runId>:artisan:<id>`: sent as Daraja's OriginatorConversationID, so a retry is the same
   * request to the provider. Guessable: a callback must ALSO carry the ConversationID the provider
   * returned (random) before it is believed.
   */
  idempotencyKey: string;
};

/** Asking the provider what became of a payment (Daraja's Transaction Status API). */
export type StatusQuery = {
  payoutId: number;
  idempotencyKey: string;
  /** The M-Pesa receipt, when a report named one. */
  receipt: string | null;
};

/** Which of our callback URLs a body came to. */
export type CallbackKind = "result" | "timeout" | "status" | "status-timeout";

/**
 * A provider callback reduced to what the payouts module matches and acts on (and records).
 *   result:  a B2C result, succeeded or failed;
 *   timeout: the B2C request timed out in M-Pesa's queue (not proof it was not paid);
 *   status / status-timeout: the answer to our transaction status query: M-Pesa's own record.
 */
export type PayoutCallback = {
  kind: CallbackKind;
  outcome: "succeeded" | "failed" | "timeout" | "inconclusive";
  /** ConversationID: Daraja's reference for the B2C request (result, timeout) or for our status query (status). */
  conversationRef: string | null;
  /** OriginatorConversationID: our idempotency key on a B2C result; the status query's own on a status answer. */
  originatorRef: string | null;
  receipt: string | null;
  resultCode: number | null;
  /** Daraja's description (and code), for finance. */
  reason: string;
  /** A status answer: the B2C payment it describes, as M-Pesa records it. */
  about: { originatorRef: string | null; conversationRef: string | null; amount: number | null } | null;
};

/** The provider refused the request outright (bad number, bad amount): nothing was paid, safe to reverse. */
export class PayoutRejected extends Error {}

/**
 * The provider already has a request with this idempotency key (a resend after a crash): the first
 * one may be paid. Not retried: the payout is reconciled through the status query instead.
 */
export class PayoutDuplicate extends Error {}

/** The callback body is not what the provider sends. */
export class MalformedCallback extends Error {}

export interface PayoutProvider {
  readonly name: "daraja" | "simulated";
  /** How long to wait before asking what became of a payout, and the first gap between asks (then doubling). */
  readonly reconcileDelayMs: number;
  /** Asks the provider to pay; resolves when it accepted the request (the result comes by callback). */
  requestPayment(request: PayoutRequest): Promise<{ providerRef: string }>;
  /** Asks what became of a payment; resolves with the query's own reference (the answer comes by callback, `status`). */
  queryStatus(query: StatusQuery): Promise<{ queryRef: string }>;
  /** Normalises a callback body (Daraja's `{ Result: … }`); throws MalformedCallback on anything else. */
  parseCallback(body: unknown, kind: CallbackKind): PayoutCallback;
}
