import { env } from "~/lib/env.server";
import { LocalPaymentProvider } from "./local-provider.server";
import type { PaymentProvider } from "./provider";
import { StripePaymentProvider } from "./stripe-provider.server";

let provider: PaymentProvider | undefined;

/** Stripe when its keys are set; otherwise the local test provider (the default). */
export function paymentProvider(): PaymentProvider {
  if (!provider) {
    const e = env();
    provider =
      e.STRIPE_SECRET_KEY && e.STRIPE_PUBLISHABLE_KEY
        ? new StripePaymentProvider({
            secretKey: e.STRIPE_SECRET_KEY,
            publishableKey: e.STRIPE_PUBLISHABLE_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? "",
            apiBase: e.STRIPE_API_BASE,
          })
        : new LocalPaymentProvider(e.SESSION_SECRETS[0]);
  }
  return provider;
}
