import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { StripePaymentElement } from "~/components/commerce/StripePaymentElement";
import type { CardStepDetails, StripeCardStep } from "./rows";

/** The card step with Stripe: what is being paid for, and Stripe's Payment Element (it needs JavaScript). */
export function CardStep({
  step,
  details,
  locations,
  netTerms,
}: {
  step: StripeCardStep;
  details: CardStepDetails;
  locations: Array<{ id: number; label: string }>;
  netTerms: boolean;
}) {
  const shipTo = locations.find((l) => l.id === details.retailerLocationId)?.label;
  const window =
    details.shipWindowStart || details.shipWindowEnd
      ? `${details.shipWindowStart ?? "any time"} to ${details.shipWindowEnd ?? "any time"}`
      : null;
  return (
    <section className="wholesale-card-step" aria-labelledby="card-step-heading">
      <h3 id="card-step-heading">Pay by card</h3>
      <dl className="review-totals">
        <dt>PO number</dt>
        <dd>{details.poNumber}</dd>
        {shipTo ? (
          <>
            <dt>Ship to</dt>
            <dd>{shipTo}</dd>
          </>
        ) : null}
        {window ? (
          <>
            <dt>Ship window</dt>
            <dd>{window}</dd>
          </>
        ) : null}
        <dt className="review-totals__total">To pay</dt>
        <dd className="review-totals__total">
          <Money value={{ amount: step.amount, currency: step.currency }} />
        </dd>
      </dl>
      <p className="field-hint">Your order is placed as soon as Stripe confirms the payment. Nothing is charged twice if you reload.</p>
      <noscript>
        <p className="notice">
          Card payment needs JavaScript for Stripe's secure card form.{" "}
          {netTerms ? (
            <>
              Net terms work without it: <a href="/wholesale/quick-order#review">go back</a> and choose them.
            </>
          ) : (
            <>
              Turn JavaScript on to pay, or <a href="/wholesale/quick-order#review">go back</a> to your order.
            </>
          )}
        </p>
      </noscript>
      <StripePaymentElement
        publishableKey={step.publishableKey}
        clientSecret={step.clientSecret}
        returnUrl={step.returnUrl}
        total={{ amount: step.amount, currency: step.currency }}
      />
      <p>
        <Link to="/wholesale/quick-order#review">Change the order or pay another way</Link>
      </p>
    </section>
  );
}
