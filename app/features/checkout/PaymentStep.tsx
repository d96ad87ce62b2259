import { Form, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { StripePaymentElement } from "~/components/commerce/StripePaymentElement";
import { Field } from "~/components/ui/Field";
import { CardFields } from "~/components/commerce/CardFields";
import type { FieldErrors } from "~/lib/validation";
import type { CheckoutReply, CheckoutView, StripePayment } from "./checkout-reply";

type Props = {
  state: CheckoutView;
  /** An earlier step is open: pay once it is done. */
  blocked: boolean;
  provider: string;
  stripePayment: StripePayment | null;
  idempotencyKey: string;
  signedIn: boolean;
  actionData: CheckoutReply | undefined;
};

/** Step 3: Stripe's Payment Element, or the local provider's card form (test cards). */
export function PaymentStep({ state, blocked, provider, stripePayment, idempotencyKey, signedIn, actionData }: Props) {
  // What the card pays: the total less what the applied gift cards cover.
  const total = { amount: state.amountDue, currency: state.cart.currency };
  return (
    <section className="checkout-step" aria-labelledby="step-payment">
      <h2 id="step-payment">3. Payment</h2>
      {!state.ready || blocked ? (
        <p className="muted">Complete the steps above to pay.</p>
      ) : total.amount === 0 ? (
        <LocalPayForm total={total} idempotencyKey={idempotencyKey} signedIn={signedIn} actionData={actionData} noCard />
      ) : provider !== "local" ? (
        stripePayment?.status === "ready" ? (
          <StripePaymentElement
            publishableKey={stripePayment.publishableKey}
            clientSecret={stripePayment.clientSecret}
            returnUrl={stripePayment.returnUrl}
            total={total}
          />
        ) : (
          <p className="notice notice--error" role="alert">
            {stripePayment?.status === "unavailable" ? stripePayment.message : "Card payments are unavailable right now."}
          </p>
        )
      ) : (
        <LocalPayForm total={total} idempotencyKey={idempotencyKey} signedIn={signedIn} actionData={actionData} />
      )}
    </section>
  );
}

type LocalPayProps = {
  total: { amount: number; currency: string };
  /** Gift cards pay it all: no card fields. */
  noCard?: boolean;
  idempotencyKey: string;
  signedIn: boolean;
  actionData: CheckoutReply | undefined;
};

function LocalPayForm({ total, idempotencyKey, signedIn, actionData, noCard = false }: LocalPayProps) {
  const navigation = useNavigation();
  const paying = navigation.state !== "idle" && navigation.formData?.get("intent") === "pay";
  const errors: FieldErrors = actionData?.errors ?? {};
  return (
    <Form method="post" className="pay-form" noValidate>
      <input type="hidden" name="intent" value="pay" />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="expectedTotal" value={total.amount} />
      {actionData?.step === "pay" && actionData.message ? (
        <p className="notice notice--error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      {noCard ? (
        <p className="muted">Your gift cards cover the whole order.</p>
      ) : (
        <>
          <p className="field-hint">
            Test mode: use 4242 4242 4242 4242 with any future expiry and any CVC. 4000 0000 0000 0002 is declined.
          </p>
          <CardFields errors={{ number: errors.number, expiry: errors.expiry, cvc: errors.cvc }} />
        </>
      )}
      {signedIn ? null : (
        <fieldset className="field account-offer">
          <legend>Save your details (optional)</legend>
          <label className="choice">
            <input type="checkbox" name="createAccount" /> Create an account to see all your orders
          </label>
          <Field
            name="password"
            label="Password (8 characters or more)"
            type="password"
            autoComplete="new-password"
            error={errors.password}
          />
        </fieldset>
      )}
      <button className="button pay-button" type="submit" disabled={paying}>
        {paying ? (
          "Paying…"
        ) : noCard ? (
          "Place order"
        ) : (
          <>
            Pay <Money value={total} />
          </>
        )}
      </button>
    </Form>
  );
}
