import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { StripePaymentProvider } from "./stripe-provider.server";

const provider = new StripePaymentProvider({ secretKey: "sk_test_x", publishableKey: "pk_test_x", webhookSecret: "whsec_x" });
const { errors } = Stripe;

describe("a failed Stripe refund: refused, or left open", () => {
  it("is refused when Stripe answered no (a 4xx): nothing was made", () => {
    expect(provider.refundRefused(new errors.StripeInvalidRequestError({ message: "Charge disputed", statusCode: 400 }))).toBe(true);
    expect(provider.refundRefused(new errors.StripeInvalidRequestError({ message: "No such payment_intent", statusCode: 404 }))).toBe(true);
    expect(provider.refundRefused(new errors.StripeCardError({ message: "Declined", statusCode: 402 }))).toBe(true);
    expect(provider.refundRefused(new errors.StripePermissionError({ message: "Forbidden", statusCode: 403 }))).toBe(true);
    expect(provider.refundRefused(new errors.StripeRateLimitError({ message: "Too many", statusCode: 429 }))).toBe(true);
  });

  it("is left open on no answer, a 5xx or a clash of keys: the refund may have been made", () => {
    expect(provider.refundRefused(new errors.StripeConnectionError({ message: "An error occurred with our connection to Stripe." }))).toBe(
      false,
    );
    expect(provider.refundRefused(new errors.StripeAPIError({ message: "Something went wrong", statusCode: 500 }))).toBe(false);
    expect(provider.refundRefused(new errors.StripeIdempotencyError({ message: "Keys for idempotent requests", statusCode: 400 }))).toBe(
      false,
    );
    expect(provider.refundRefused(new errors.StripeInvalidRequestError({ message: "In flight", statusCode: 409 }))).toBe(false);
    expect(provider.refundRefused(new Error("socket hang up"))).toBe(false);
  });
});
