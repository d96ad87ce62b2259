/**
 * The Stripe adapter on its own: parseWebhook's verification and its mapping of Stripe events to
 * the provider's normalised events, and its API calls through the real SDK to the fake Stripe.
 */
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { WebhookSignatureError } from "~/domain/payments/provider";
import { StripePaymentProvider } from "~/domain/payments/stripe-provider.server";
import { startFakeStripe } from "../fakes/stripe";

const fake = await startFakeStripe({ secretKey: "sk_test_x" });
afterAll(() => fake.close());

const SECRET = "whsec_test";
const provider = new StripePaymentProvider({
  secretKey: "sk_test_x",
  publishableKey: "pk_test_x",
  webhookSecret: SECRET,
  apiBase: fake.url,
});
const sdk = new Stripe("sk_test_x");

function parse(event: object, options: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = sdk.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET, timestamp: options.timestamp });
  return provider.parseWebhook(payload, header);
}

const intent = {
  id: "pi_123",
  object: "payment_intent",
  amount: 10200,
  amount_received: 10200,
  currency: "usd",
  status: "succeeded",
  metadata: { cartId: "5b0c3c0e-8a5e-4a59-9a43-2f0d1e2b3c4d" },
  last_payment_error: null,
};

describe("StripePaymentProvider.parseWebhook", () => {
  it("maps payment_intent.succeeded to payment_succeeded with the received amount", () => {
    expect(parse(fake.event("payment_intent.succeeded", { ...intent, amount: 99999 }, "evt_ok"))).toEqual({
      id: "evt_ok",
      kind: "payment_succeeded",
      providerRef: "pi_123",
      amount: 10200,
      currency: "USD",
      metadata: intent.metadata,
      created: expect.any(Number),
    });
  });

  it("maps payment_intent.payment_failed to payment_failed with the bank's message", () => {
    const failed = {
      ...intent,
      status: "requires_payment_method",
      amount_received: 0,
      last_payment_error: { type: "card_error", code: "card_declined", message: "Your card was declined." },
    };
    expect(parse(fake.event("payment_intent.payment_failed", failed, "evt_failed"))).toMatchObject({
      id: "evt_failed",
      kind: "payment_failed",
      providerRef: "pi_123",
      message: "Your card was declined.",
      metadata: intent.metadata,
    });
    expect(parse(fake.event("payment_intent.payment_failed", { ...failed, last_payment_error: null }))).toMatchObject({
      kind: "payment_failed",
      message: "Payment failed",
    });
  });

  it("maps charge.refunded to the payment intent and the cumulative refunded amount", () => {
    const charge = {
      id: "ch_1",
      object: "charge",
      amount: 10200,
      amount_refunded: 2500,
      currency: "usd",
      payment_intent: "pi_123",
      refunded: false,
    };
    expect(parse(fake.event("charge.refunded", charge, "evt_refund"))).toEqual({
      id: "evt_refund",
      kind: "refunded",
      providerRef: "pi_123",
      amountRefunded: 2500,
      currency: "USD",
      created: expect.any(Number),
    });
    // An expanded payment intent, or none at all (a charge made without one).
    expect(parse(fake.event("charge.refunded", { ...charge, payment_intent: { id: "pi_456", object: "payment_intent" } }))).toMatchObject({
      providerRef: "pi_456",
    });
    expect(parse(fake.event("charge.refunded", { ...charge, payment_intent: null }))).toMatchObject({ providerRef: "ch_1" });
  });

  it("passes other event types through as ignored", () => {
    expect(parse(fake.event("customer.created", { id: "cus_1", object: "customer" }, "evt_other"))).toEqual({
      id: "evt_other",
      kind: "ignored",
      type: "customer.created",
      created: expect.any(Number),
    });
  });

  it("throws WebhookSignatureError for a wrong secret, a missing or garbled header, a tampered body or an old timestamp", () => {
    const payload = JSON.stringify(fake.event("payment_intent.succeeded", intent));
    const header = sdk.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    expect(() => parse(fake.event("payment_intent.succeeded", intent), { secret: "whsec_other" })).toThrow(WebhookSignatureError);
    expect(() => provider.parseWebhook(payload, null)).toThrow(WebhookSignatureError);
    expect(() => provider.parseWebhook(payload, "v1=abc")).toThrow(WebhookSignatureError);
    expect(() => provider.parseWebhook(payload.replace("10200", "1"), header)).toThrow(WebhookSignatureError);
    // Older than Stripe's five-minute tolerance: a captured request replayed later.
    expect(() => parse(fake.event("payment_intent.succeeded", intent), { timestamp: Math.floor(Date.now() / 1000) - 600 })).toThrow(
      WebhookSignatureError,
    );
  });

  it("tells a signed body that is not JSON apart from a forged one", () => {
    const payload = "{not json";
    const header = sdk.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    let thrown: unknown;
    try {
      provider.parseWebhook(payload, header);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SyntaxError);
    expect(thrown).not.toBeInstanceOf(WebhookSignatureError);
  });
});

describe("StripePaymentProvider API calls (real SDK, fake Stripe)", () => {
  it("creates an intent once per idempotency key and hands back its client secret", async () => {
    const request = {
      amount: 5400,
      currency: "USD",
      idempotencyKey: "cart:abc:5400",
      description: "Soko web order",
      metadata: { cartId: "abc" },
    };
    const first = await provider.charge(request);
    const again = await provider.charge(request);
    expect(first).toMatchObject({ status: "requires_action", clientSecret: expect.stringMatching(/^pi_\w+_secret_\w+$/) });
    expect(again).toEqual(first);
    if (first.status !== "requires_action") throw new Error("unexpected");
    const created = fake.intent(first.providerRef);
    expect(created).toMatchObject({ amount: 5400, currency: "usd", metadata: { cartId: "abc" }, description: "Soko web order" });
    expect(
      fake.requests.filter((r) => r.idempotencyKey === "cart:abc:5400").every((r) => r.headers.authorization === "Bearer sk_test_x"),
    ).toBe(true);

    // Every charge carries its checkout key, so a process that died before hearing the answer can find it.
    expect(await provider.retrieve(first.providerRef)).toEqual({
      providerRef: first.providerRef,
      status: "requires_payment_method",
      amount: 5400,
      currency: "USD",
      metadata: { cartId: "abc", checkout_key: "cart:abc:5400" },
    });
    expect(await provider.findCharge("cart:abc:5400")).toEqual({ providerRef: first.providerRef, status: "requires_payment_method" });
    expect(await provider.findCharge("cart:never:1")).toBeNull();
    fake.succeed(first.providerRef);
    expect((await provider.retrieve(first.providerRef)).status).toBe("succeeded");
    expect(await provider.refund({ providerRef: first.providerRef, amount: 400, idempotencyKey: "refund:1" })).toEqual({
      refundRef: expect.stringMatching(/^re_/),
      status: "succeeded",
    });
    expect(fake.chargeOf(first.providerRef).amount_refunded).toBe(400);
  });

  it("cancels an intent", async () => {
    const outcome = await provider.charge({ amount: 1000, currency: "USD", idempotencyKey: "cancel-me", description: "x", metadata: {} });
    await provider.cancel(outcome.providerRef!);
    expect(fake.intent(outcome.providerRef!).status).toBe("canceled");
  });

  it("surfaces a wrong key as Stripe's authentication error (401)", async () => {
    const wrong = new StripePaymentProvider({
      secretKey: "sk_test_wrong",
      publishableKey: "pk_test_x",
      webhookSecret: SECRET,
      apiBase: fake.url,
    });
    await expect(wrong.retrieve("pi_any")).rejects.toMatchObject({ type: "StripeAuthenticationError", statusCode: 401 });
  });

  it("surfaces an unknown intent as a 404", async () => {
    await expect(provider.retrieve("pi_missing")).rejects.toMatchObject({ type: "StripeInvalidRequestError", statusCode: 404 });
  });

  it("finds a refund by the key in its metadata; Stripe's 'no such payment intent' is an answer (none), an unreachable Stripe is not", async () => {
    const charged = await provider.charge({
      amount: 4000,
      currency: "USD",
      idempotencyKey: "find-refund-charge",
      description: "t",
      metadata: {},
    });
    fake.succeed(charged.providerRef!);
    const made = await provider.refund({ providerRef: charged.providerRef!, amount: 1500, idempotencyKey: "return:R-1:1" });
    expect(await provider.findRefund({ providerRef: charged.providerRef!, idempotencyKey: "return:R-1:1" })).toEqual({
      refundRef: made.refundRef,
      status: "succeeded",
    });
    expect(await provider.findRefund({ providerRef: charged.providerRef!, idempotencyKey: "return:R-1:2" })).toBeNull();
    // A payment intent Stripe never saw has no refunds: a retry must not be held up for ever by the 404.
    expect(await provider.findRefund({ providerRef: "pi_never_seen", idempotencyKey: "return:R-2:1" })).toBeNull();

    const unreachable = new StripePaymentProvider({
      secretKey: "sk_test_x",
      publishableKey: "pk_test_x",
      webhookSecret: SECRET,
      apiBase: "http://127.0.0.1:9",
    });
    await expect(unreachable.findRefund({ providerRef: charged.providerRef!, idempotencyKey: "return:R-1:1" })).rejects.toMatchObject({
      type: "StripeConnectionError",
    });
  });
});
