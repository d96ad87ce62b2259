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
   * request to the provider and a callback can be matched even before we stored the provider's reference.
   */
  idempotencyKey: string;
};

/** A provider callback reduced to what the payouts module acts on. */
export type PayoutCallback =
  | { outcome: "succeeded"; providerRef: string; originatorRef: string | null; receipt: string; resultCode: number; description: string }
  | { outcome: "failed"; providerRef: string; originatorRef: string | null; resultCode: number; reason: string }
  /** Daraja's QueueTimeOutURL: the request timed out in M-Pesa's queue. Not proof it was not paid. */
  | { outcome: "timeout"; providerRef: string | null; originatorRef: string | null; reason: string };

export type CallbackKind = "result" | "timeout";

/** The provider refused the request outright (bad number, bad amount): nothing was paid, safe to reverse. */
export class PayoutRejected extends Error {}

/** The callback body is not what the provider sends. */
export class MalformedCallback extends Error {}

export interface PayoutProvider {
  readonly name: "daraja" | "simulated";
  /** Asks the provider to pay; resolves when it accepted the request (the result comes by callback). */
  requestPayment(request: PayoutRequest): Promise<{ providerRef: string }>;
  /** Normalises a callback body (Daraja's `{ Result: … }`); throws MalformedCallback on anything else. */
  parseCallback(body: unknown, kind: CallbackKind): PayoutCallback;
}
