import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { ChargeOutcome, ChargeRequest, PaymentEvent, PaymentProvider, RemotePayment } from "./provider";
import { WebhookSignatureError } from "./provider";
import { checkTestCard } from "./test-cards";

/** A local charge's reference: derived from its idempotency key, so a retried charge gets the same one. */
const localChargeRef = (idempotencyKey: string) => `lpi_${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 24)}`;

/**
 * The default when no Stripe keys are set: a test provider that behaves like Stripe's test mode
 * for the card numbers people know. It keeps no state: a payment reference encodes the outcome,
 * derived from the idempotency key so a retried charge gets the same reference.
 */
export class LocalPaymentProvider implements PaymentProvider {
  readonly name = "local" as const;
  readonly publishableKey = null;

  constructor(
    private readonly secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    if (!request.card) return { status: "declined", code: "missing_card", message: "Enter your card details." };
    const check = checkTestCard(request.card, this.now());
    const ref = localChargeRef(request.idempotencyKey);
    if (!check.ok) return { status: "declined", providerRef: ref, code: check.code, message: check.message };
    return { status: "succeeded", providerRef: ref };
  }

  async retrieve(providerRef: string): Promise<RemotePayment> {
    // Only succeeded charges are ever recorded against an order in local mode.
    return { providerRef, status: "succeeded", amount: 0, currency: "USD", metadata: {} };
  }

  /** Keeps no state, so it cannot tell a declined card from a charged one: the reference, status unknown. */
  async findCharge(idempotencyKey: string) {
    return { providerRef: localChargeRef(idempotencyKey), status: "unknown" as const };
  }

  async refund(input: { providerRef: string; amount: number; idempotencyKey: string }) {
    return {
      refundRef: `lre_${createHash("sha256").update(input.idempotencyKey).digest("hex").slice(0, 24)}`,
      status: "succeeded" as const,
    };
  }

  /** Its refunds never fail; anything thrown is no answer. */
  refundRefused() {
    return false;
  }

  /** Its refunds never fail to answer, so none is ever looked for. */
  async findRefund() {
    return null;
  }

  async cancel() {}

  /** Local events are signed with an HMAC of the session secret: `t=<ts>,v1=<hex>` like Stripe's. */
  parseWebhook(rawBody: string, signatureHeader: string | null): PaymentEvent {
    const match = /t=(\d+),v1=([0-9a-f]{64})/.exec(signatureHeader ?? "");
    if (!match) throw new WebhookSignatureError("Missing or malformed signature");
    const expected = createHmac("sha256", this.secret).update(`${match[1]}.${rawBody}`).digest();
    const given = Buffer.from(match[2], "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new WebhookSignatureError("Signature mismatch");
    const body = JSON.parse(rawBody) as PaymentEvent;
    return body;
  }
}
