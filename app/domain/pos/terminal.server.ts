/**
 * Card-present payments at the counter, behind one small interface: Stripe Terminal (a
 * server-driven `card_present` PaymentIntent handed to a registered reader) when
 * STRIPE_SECRET_KEY and STRIPE_TERMINAL_READER_ID are set; otherwise a simulated reader.
 * STRIPE_TERMINAL_SIMULATED=true (test keys only) has the server present Stripe's test card on a
 * Stripe simulated reader, as a customer would at a physical one.
 *
 * The simulated reader answers at once, like Stripe's own simulated readers do by amount:
 *   - an amount whose cents are .01 is declined ("call_issuer"), .05 too ("generic_decline");
 *   - every other amount is approved; refunds always succeed.
 * So $12.01 on the card declines, $12.00 approves.
 */
import { createHash } from "node:crypto";
import Stripe from "stripe";
import { envNow, type EnvFields } from "~/lib/env.server";

export type CollectRequest = {
  amount: number;
  currency: string;
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
};
/** The card the customer presented, as the reader read it: what the receipt prints ("Visa ····4242"). */
export type PresentedCard = { brand: string | null; last4: string | null };
export type CollectOutcome =
  | { status: "approved"; providerRef: string; card: PresentedCard }
  | { status: "declined"; code: string; message: string };
export type TerminalRefund = { refundRef: string };

export interface CardTerminal {
  /** Stored as payments.provider: "stripe_terminal" or "simulated_reader". */
  readonly name: "stripe_terminal" | "simulated_reader";
  collect(request: CollectRequest): Promise<CollectOutcome>;
  refund(input: { providerRef: string; amount: number; idempotencyKey: string }): Promise<TerminalRefund>;
}

/** Declines by the amount's cents, as Stripe's simulated readers do. */
export const SIMULATED_DECLINES: Record<number, { code: string; message: string }> = {
  1: { code: "call_issuer", message: "Declined by the card issuer (simulated reader: amounts ending in .01 decline)." },
  5: { code: "generic_decline", message: "The card was declined (simulated reader: amounts ending in .05 decline)." },
};

/** The test card the simulated reader (like Stripe's simulated readers) presents. */
export const SIMULATED_CARD: PresentedCard = { brand: "visa", last4: "4242" };

const ref = (prefix: string, key: string) => `${prefix}_sim_${createHash("sha256").update(key).digest("hex").slice(0, 24)}`;

export class SimulatedReader implements CardTerminal {
  readonly name = "simulated_reader" as const;

  async collect(request: CollectRequest): Promise<CollectOutcome> {
    const decline = SIMULATED_DECLINES[request.amount % 100];
    if (decline) return { status: "declined", ...decline };
    // Derived from the key, so a retried sale gets the same reference, as Stripe's idempotency would.
    // The card is the one Stripe's simulated readers present by default: Visa 4242.
    return { status: "approved", providerRef: ref("pi", request.idempotencyKey), card: SIMULATED_CARD };
  }

  async refund(input: { providerRef: string; amount: number; idempotencyKey: string }): Promise<TerminalRefund> {
    return { refundRef: ref("re", input.idempotencyKey) };
  }
}

type StripeTerminalOptions = {
  secretKey: string;
  readerId: string;
  apiBase?: string;
  /** Poll interval while the customer taps, inserts or swipes. */
  pollMs?: number;
  /** How long a customer has at the reader before the payment is cancelled. */
  timeoutMs?: number;
  /** Test mode with a simulated Stripe reader: present Stripe's test card on the reader ourselves. */
  presentTestCard?: boolean;
};

export class StripeTerminal implements CardTerminal {
  readonly name = "stripe_terminal" as const;
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeTerminalOptions) {
    const base = options.apiBase ? new URL(options.apiBase) : null;
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: base ? 0 : 2,
      ...(base ? { host: base.hostname, port: base.port, protocol: base.protocol.replace(":", "") as "http" | "https" } : {}),
    });
  }

  async collect(request: CollectRequest): Promise<CollectOutcome> {
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: request.amount,
        currency: request.currency.toLowerCase(),
        // This SDK's API version names it allowed_payment_method_types (formerly payment_method_types).
        allowed_payment_method_types: ["card_present"],
        capture_method: "automatic",
        description: request.description,
        metadata: request.metadata,
      },
      { idempotencyKey: `${request.idempotencyKey}:intent` },
    );
    if (intent.status === "succeeded") return { status: "approved", providerRef: intent.id, card: await this.presentedCard(intent.id) };
    const { readerId } = this.options;
    await this.stripe.terminal.readers.processPaymentIntent(
      readerId,
      { payment_intent: intent.id },
      { idempotencyKey: `${request.idempotencyKey}:process` },
    );
    if (this.options.presentTestCard) await this.stripe.testHelpers.terminal.readers.presentPaymentMethod(readerId);

    const deadline = Date.now() + (this.options.timeoutMs ?? 90_000);
    for (;;) {
      const reader = await this.stripe.terminal.readers.retrieve(readerId);
      const action = "deleted" in reader && reader.deleted ? null : (reader as Stripe.Terminal.Reader).action;
      if (action?.status === "succeeded") {
        const paid = await this.stripe.paymentIntents.retrieve(intent.id);
        if (paid.status === "succeeded") return { status: "approved", providerRef: paid.id, card: await this.presentedCard(paid.id) };
      }
      if (action?.status === "failed") {
        await this.stripe.paymentIntents.cancel(intent.id).catch(() => undefined);
        return {
          status: "declined",
          code: action.failure_code ?? "card_declined",
          message: action.failure_message ?? "The card was declined.",
        };
      }
      if (Date.now() > deadline) {
        await this.stripe.terminal.readers.cancelAction(readerId).catch(() => undefined);
        await this.stripe.paymentIntents.cancel(intent.id).catch(() => undefined);
        return { status: "declined", code: "timeout", message: "No card was presented on the reader in time; nothing was charged." };
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 1000));
    }
  }

  /** The card on the intent's charge (card_present: brand and last four); unknown rather than a failed sale. */
  private async presentedCard(intentId: string): Promise<PresentedCard> {
    try {
      const intent = await this.stripe.paymentIntents.retrieve(intentId, { expand: ["latest_charge"] });
      return presentedCardOf(intent);
    } catch {
      return { brand: null, last4: null };
    }
  }

  async refund(input: { providerRef: string; amount: number; idempotencyKey: string }): Promise<TerminalRefund> {
    const refund = await this.stripe.refunds.create(
      { payment_intent: input.providerRef, amount: input.amount },
      { idempotencyKey: input.idempotencyKey },
    );
    if (refund.status === "failed" || refund.status === "canceled") throw new Error(`Stripe refused the refund (${refund.status}).`);
    return { refundRef: refund.id };
  }
}

/** Brand and last four from a PaymentIntent whose latest_charge is expanded (card_present, or card as a fallback). */
export function presentedCardOf(intent: Stripe.PaymentIntent): PresentedCard {
  const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  const details = charge?.payment_method_details;
  const card = details?.card_present ?? details?.card ?? null;
  const last4 = card?.last4 && /^\d{4}$/.test(card.last4) ? card.last4 : null;
  return { brand: card?.brand ?? null, last4 };
}

const cache = globalThis as unknown as { __sokoTerminal?: { key: string; terminal: CardTerminal } };

export type TerminalSettings = Partial<
  Pick<EnvFields, "STRIPE_SECRET_KEY" | "STRIPE_TERMINAL_READER_ID" | "STRIPE_API_BASE" | "STRIPE_TERMINAL_SIMULATED">
>;

/** Stripe Terminal when its key and reader are set; the simulated reader otherwise (the default). */
export function cardTerminal(
  env: TerminalSettings = envNow("STRIPE_SECRET_KEY", "STRIPE_TERMINAL_READER_ID", "STRIPE_API_BASE", "STRIPE_TERMINAL_SIMULATED"),
): CardTerminal {
  const key = JSON.stringify([env.STRIPE_SECRET_KEY, env.STRIPE_TERMINAL_READER_ID, env.STRIPE_API_BASE, env.STRIPE_TERMINAL_SIMULATED]);
  if (cache.__sokoTerminal?.key === key) return cache.__sokoTerminal.terminal;
  const terminal: CardTerminal =
    env.STRIPE_SECRET_KEY && env.STRIPE_TERMINAL_READER_ID
      ? new StripeTerminal({
          secretKey: env.STRIPE_SECRET_KEY,
          readerId: env.STRIPE_TERMINAL_READER_ID,
          apiBase: env.STRIPE_API_BASE,
          presentTestCard: env.STRIPE_TERMINAL_SIMULATED === "true",
        })
      : new SimulatedReader();
  cache.__sokoTerminal = { key, terminal };
  return terminal;
}
