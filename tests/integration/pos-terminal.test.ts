/** The Stripe Terminal adapter through the real stripe SDK against the local fake, and the simulated reader. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimulatedReader, StripeTerminal, cardTerminal } from "~/domain/pos/terminal.server";
import { startFakeStripe, type FakeStripe } from "../fakes/stripe";

let stripe: FakeStripe;
let terminal: StripeTerminal;

beforeAll(async () => {
  stripe = await startFakeStripe({ secretKey: "sk_test_pos" });
  terminal = new StripeTerminal({
    secretKey: stripe.secretKey,
    readerId: "tmr_counter1",
    apiBase: stripe.url,
    presentTestCard: true,
    pollMs: 5,
    timeoutMs: 2000,
  });
});
afterAll(() => stripe.close());

describe("Stripe Terminal adapter", () => {
  it("creates a card_present PaymentIntent, hands it to the reader and waits for the payment", async () => {
    const outcome = await terminal.collect({
      amount: 5148,
      currency: "USD",
      idempotencyKey: "pos-sale:k1:card",
      description: "Soko San Francisco sale",
      metadata: { shift: "1" },
    });
    // The card as the reader read it: what the receipt prints, not the end of the payment's id.
    expect(outcome).toEqual({ status: "approved", providerRef: expect.stringMatching(/^pi_/), card: { brand: "visa", last4: "4242" } });
    const intent = stripe.intent((outcome as { providerRef: string }).providerRef);
    expect(intent).toMatchObject({
      amount: 5148,
      currency: "usd",
      status: "succeeded",
      payment_method_types: ["card_present"],
      capture_method: "automatic",
      metadata: { shift: "1" },
    });
    const paths = stripe.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "POST /v1/payment_intents",
        "POST /v1/terminal/readers/tmr_counter1/process_payment_intent",
        "POST /v1/test_helpers/terminal/readers/tmr_counter1/present_payment_method",
        "GET /v1/terminal/readers/tmr_counter1",
      ]),
    );
    const create = stripe.requests.find((r) => r.path === "/v1/payment_intents")!;
    expect(create.idempotencyKey).toBe("pos-sale:k1:card:intent");
  });

  it("a decline on the reader cancels the intent and says why", async () => {
    const outcome = await terminal.collect({
      amount: 1201,
      currency: "USD",
      idempotencyKey: "pos-sale:k2:card",
      description: "sale",
      metadata: {},
    });
    expect(outcome).toEqual({ status: "declined", code: "card_declined", message: "Your card was declined (call issuer)." });
    const intent = [...stripe.intents.values()].find((i) => i.amount === 1201)!;
    expect(intent.status).toBe("canceled");
  });

  it("refunds part of a card-present payment with the caller's idempotency key", async () => {
    const paid = await terminal.collect({
      amount: 10296,
      currency: "USD",
      idempotencyKey: "pos-sale:k3:card",
      description: "sale",
      metadata: {},
    });
    const ref = (paid as { providerRef: string }).providerRef;
    const first = await terminal.refund({ providerRef: ref, amount: 3000, idempotencyKey: "pos-return:r1:0" });
    const again = await terminal.refund({ providerRef: ref, amount: 3000, idempotencyKey: "pos-return:r1:0" });
    expect(again.refundRef).toBe(first.refundRef);
    expect(stripe.chargeOf(ref).amount_refunded).toBe(3000);
  });
});

describe("choosing the terminal", () => {
  it("is the simulated reader without keys, Stripe Terminal with a key and a reader", () => {
    expect(cardTerminal({}).name).toBe("simulated_reader");
    expect(cardTerminal({ STRIPE_SECRET_KEY: "sk_test_x" }).name).toBe("simulated_reader");
    expect(cardTerminal({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_TERMINAL_READER_ID: "tmr_1" }).name).toBe("stripe_terminal");
  });

  it("the simulated reader declines amounts ending in .01 and .05, approves the rest with a stable reference", async () => {
    const reader = new SimulatedReader();
    expect(await reader.collect({ amount: 5001, currency: "USD", idempotencyKey: "a", description: "", metadata: {} })).toMatchObject({
      status: "declined",
      code: "call_issuer",
    });
    expect(await reader.collect({ amount: 5005, currency: "USD", idempotencyKey: "a", description: "", metadata: {} })).toMatchObject({
      status: "declined",
      code: "generic_decline",
    });
    const ok = await reader.collect({ amount: 5000, currency: "USD", idempotencyKey: "a", description: "", metadata: {} });
    expect(ok).toEqual(await reader.collect({ amount: 5000, currency: "USD", idempotencyKey: "a", description: "", metadata: {} }));
    expect(ok.status).toBe("approved");
  });
});
