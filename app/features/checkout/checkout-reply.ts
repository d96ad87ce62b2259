import type { SerializeFrom } from "@remix-run/node";
import type { CheckoutState, PreparedPayment } from "~/domain/checkout/index.server";
import type { FieldErrors } from "~/lib/validation";

/** What the checkout action answers when a step's form needs another look. */
export type CheckoutReply = {
  step: "address" | "shipping" | "discount" | "gift-card" | "pay";
  errors: FieldErrors;
  values?: Record<string, string>;
  message?: string;
};

/** The bag and its checkout as the page receives it. */
export type CheckoutView = SerializeFrom<CheckoutState>;

/** Stripe's PaymentIntent for the Payment Element, as the page receives it. */
export type StripePayment = SerializeFrom<PreparedPayment>;
