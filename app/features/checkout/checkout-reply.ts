import type { SerializeFrom } from "@remix-run/node";
import type { PreparedPayment } from "~/domain/checkout/index.server";
import type { FieldErrors } from "~/lib/validation";

/** What the checkout action answers when a step's form needs another look. */
export type CheckoutReply = {
  step: "address" | "shipping" | "discount" | "gift-card" | "pay";
  errors: FieldErrors;
  values?: Record<string, string>;
  message?: string;
};

export type { CheckoutView } from "./checkout-view";

/** Stripe's PaymentIntent for the Payment Element, as the page receives it. */
export type StripePayment = SerializeFrom<PreparedPayment>;
