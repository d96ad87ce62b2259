import Stripe from "stripe";
import type { ChargeOutcome, ChargeRequest, PaymentEvent, PaymentProvider, RemotePayment } from "./provider";
import { CHARGE_KEY_METADATA, WebhookSignatureError } from "./provider";

type Options = { secretKey: string; publishableKey: string; webhookSecret: string; apiBase?: string };

/** Stripe PaymentIntents with the Payment Element; the browser confirms, the server decides. */
/** The metadata field a refund carries its idempotency key in, so it can be found after the key expires. */
const REFUND_KEY_METADATA = "soko_key";

function refundOutcome(refund: Stripe.Refund) {
  const status =
    refund.status === "succeeded" ? "succeeded" : refund.status === "failed" || refund.status === "canceled" ? "failed" : "pending";
  return { refundRef: refund.id, status } as const;
}

export class StripePaymentProvider implements PaymentProvider {
  readonly name = "stripe" as const;
  readonly publishableKey: string;
  private readonly stripe: Stripe;
  private readonly webhookSecret: string;

  constructor(options: Options) {
    this.publishableKey = options.publishableKey;
    this.webhookSecret = options.webhookSecret;
    const base = options.apiBase ? new URL(options.apiBase) : null;
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: base ? 0 : 2,
      ...(base ? { host: base.hostname, port: base.port, protocol: base.protocol.replace(":", "") as "http" | "https" } : {}),
    });
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amount,
          currency: request.currency.toLowerCase(),
          description: request.description,
          metadata: { ...request.metadata, [CHARGE_KEY_METADATA]: request.idempotencyKey },
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (intent.status === "succeeded") return { status: "succeeded", providerRef: intent.id };
      return { status: "requires_action", providerRef: intent.id, clientSecret: intent.client_secret ?? "" };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        return { status: "declined", code: error.code ?? "card_declined", message: error.message };
      }
      throw error;
    }
  }

  /** By the checkout key every charge carries in its metadata (Stripe's search lags writes by up to a minute). */
  async findCharge(idempotencyKey: string) {
    const found = await this.stripe.paymentIntents.search({
      query: `metadata['${CHARGE_KEY_METADATA}']:'${idempotencyKey.replace(/['\\]/g, "")}'`,
    });
    const intent = found.data[0];
    return intent ? { providerRef: intent.id, status: intent.status as RemotePayment["status"] } : null;
  }

  async retrieve(providerRef: string): Promise<RemotePayment> {
    const intent = await this.stripe.paymentIntents.retrieve(providerRef);
    return {
      providerRef: intent.id,
      status: intent.status as RemotePayment["status"],
      amount: intent.amount,
      currency: intent.currency.toUpperCase(),
      metadata: intent.metadata ?? {},
    };
  }

  async refund(input: { providerRef: string; amount: number; idempotencyKey: string; reason?: string }) {
    const refund = await this.stripe.refunds.create(
      {
        payment_intent: input.providerRef,
        amount: input.amount,
        metadata: { ...(input.reason ? { reason: input.reason } : {}), [REFUND_KEY_METADATA]: input.idempotencyKey },
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return refundOutcome(refund);
  }

  /**
   * Stripe answered a 4xx (a card, request, permission or rate limit error): the refund wasn't made.
   * A 409 (the same key in flight, or reused with other parameters) may stand for one that was, and a
   * timeout, a dropped connection or a 5xx leave it open (Stripe: "the result is indeterminate").
   */
  refundRefused(error: unknown) {
    if (!(error instanceof Stripe.errors.StripeError) || error instanceof Stripe.errors.StripeIdempotencyError) return false;
    const status = error.statusCode ?? 0;
    return status >= 400 && status < 500 && status !== 409;
  }

  async findRefund(input: { providerRef: string; idempotencyKey: string }) {
    try {
      for await (const refund of this.stripe.refunds.list({ payment_intent: input.providerRef, limit: 100 })) {
        if (refund.metadata?.[REFUND_KEY_METADATA] === input.idempotencyKey) return refundOutcome(refund);
      }
    } catch (error) {
      // Stripe answering "no such payment intent" (a 4xx) is an answer: no refund of it was made. Only
      // an unanswered question (the network, Stripe's 5xx) throws, and holds up a new refund.
      if (error instanceof Stripe.errors.StripeInvalidRequestError) return null;
      throw error;
    }
    return null;
  }

  async cancel(providerRef: string) {
    await this.stripe.paymentIntents.cancel(providerRef);
  }

  parseWebhook(rawBody: string, signatureHeader: string | null): PaymentEvent {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader ?? "", this.webhookSecret);
    } catch (error) {
      // A body that is signed but not JSON is malformed, not forged: let the caller tell them apart.
      if (error instanceof SyntaxError) throw error;
      throw new WebhookSignatureError(error instanceof Error ? error.message : "Invalid signature");
    }
    switch (event.type) {
      case "payment_intent.succeeded": {
        const pi = event.data.object;
        return {
          id: event.id,
          kind: "payment_succeeded",
          providerRef: pi.id,
          amount: pi.amount_received || pi.amount,
          currency: pi.currency.toUpperCase(),
          metadata: pi.metadata ?? {},
          created: event.created,
        };
      }
      case "payment_intent.payment_failed": {
        const pi = event.data.object;
        return {
          id: event.id,
          kind: "payment_failed",
          providerRef: pi.id,
          message: pi.last_payment_error?.message ?? "Payment failed",
          metadata: pi.metadata ?? {},
          created: event.created,
        };
      }
      case "charge.refunded": {
        const charge = event.data.object;
        const ref = typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? charge.id);
        return {
          id: event.id,
          kind: "refunded",
          providerRef: ref,
          amountRefunded: charge.amount_refunded,
          currency: charge.currency.toUpperCase(),
          created: event.created,
        };
      }
      default:
        return { id: event.id, kind: "ignored", type: event.type, created: event.created };
    }
  }
}
