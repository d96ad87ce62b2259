/**
 * One interface for every way a web or wholesale order is paid. The Stripe adapter and the local
 * test provider implement it; routes and the order module never see a vendor SDK.
 */
export type CardInput = { number: string; expiry: string; cvc: string };

/** payments.provider for cash taken at the register (domain/pos); the ledger books it to the cash drawer. */
export const CASH_PROVIDER = "pos_cash";

/** Metadata every charge carries: the checkout's submit key, so findCharge can look it up. */
export const CHARGE_KEY_METADATA = "checkout_key";

export type ChargeRequest = {
  amount: number;
  currency: string;
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
  /** Only the local provider takes card details on the server; Stripe collects them in its Payment Element. */
  card?: CardInput;
};

export type ChargeOutcome =
  | { status: "succeeded"; providerRef: string }
  | { status: "requires_action"; providerRef: string; clientSecret: string }
  | { status: "declined"; providerRef?: string; code: string; message: string };

export type RemotePayment = {
  providerRef: string;
  status:
    | "succeeded"
    | "processing"
    | "requires_payment_method"
    | "requires_confirmation"
    | "requires_action"
    | "canceled"
    | "requires_capture";
  amount: number;
  currency: string;
  metadata: Record<string, string>;
};

export type RefundOutcome = { refundRef: string; status: "succeeded" | "pending" | "failed" };

/** A provider event reduced to what the order module acts on. */
export type PaymentEvent =
  | {
      id: string;
      kind: "payment_succeeded";
      providerRef: string;
      amount: number;
      currency: string;
      metadata: Record<string, string>;
      created: number;
    }
  | { id: string; kind: "payment_failed"; providerRef: string; message: string; metadata: Record<string, string>; created: number }
  | { id: string; kind: "refunded"; providerRef: string; amountRefunded: number; currency: string; created: number }
  | { id: string; kind: "ignored"; type: string; created: number };

export class WebhookSignatureError extends Error {}

export interface PaymentProvider {
  readonly name: "local" | "stripe";
  /** The publishable key the browser needs, when the provider collects cards client-side. */
  readonly publishableKey: string | null;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  retrieve(providerRef: string): Promise<RemotePayment>;
  /**
   * What became of a charge asked for with this idempotency key, for a process that died before it
   * heard the answer: the payment and its status, "unknown" when the provider cannot tell, or null
   * when it made none.
   */
  findCharge(idempotencyKey: string): Promise<{ providerRef: string; status: RemotePayment["status"] | "unknown" } | null>;
  refund(input: { providerRef: string; amount: number; idempotencyKey: string; reason?: string }): Promise<RefundOutcome>;
  /**
   * Whether an error `refund` threw is the provider's answer that it made no refund (Stripe's 4xx:
   * the payment can't be refunded, the amount is more than is left), not a question left open (a
   * timeout, a dropped connection, a 5xx, a clash of idempotency keys: the refund may have been made).
   */
  refundRefused(error: unknown): boolean;
  /**
   * The refund of this payment asked for under `idempotencyKey`, or null when it made none: for a
   * refund whose answer never came (a timeout, a connection dropped after the provider made it).
   * Refunds carry the key in their metadata, which outlives the provider's memory of keys (Stripe's
   * is 24 hours). Throws when the provider can't be asked.
   */
  findRefund(input: { providerRef: string; idempotencyKey: string }): Promise<RefundOutcome | null>;
  cancel(providerRef: string): Promise<void>;
  /** Verifies the signature and normalises the event; throws WebhookSignatureError on a bad one. */
  parseWebhook(rawBody: string, signatureHeader: string | null): PaymentEvent;
}

/** Payments the provider has answered for (a row still "charging" has no reference yet). */
export function answeredPayments<P extends { providerRef: string | null }>(rows: P[]): Array<P & { providerRef: string }> {
  return rows.flatMap((p) => (p.providerRef === null ? [] : [{ ...p, providerRef: p.providerRef }]));
}
