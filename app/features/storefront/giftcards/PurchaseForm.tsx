import { Form, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Field } from "~/components/ui/Field";
import { CardFields } from "~/components/commerce/CardFields";
import type { GiftCardAmounts } from "~/domain/giftcards";
import { useState } from "react";
import { StripePaymentElement } from "~/components/commerce/StripePaymentElement";
import type { GiftCardPayment, PurchaseReply } from "./purchase.server";

type Props = {
  idempotencyKey: string;
  today: string;
  reply: PurchaseReply | undefined;
  provider: "local" | "stripe";
  /** The shopper's market's card amounts, in its currency. */
  amounts: GiftCardAmounts;
};

/** "whole pounds": the units the other-amount field takes. */
const WHOLE: Record<string, string> = {
  USD: "whole dollars",
  GBP: "whole pounds",
  EUR: "whole euros",
  CAD: "whole Canadian dollars",
  AUD: "whole Australian dollars",
};

/**
 * The gift card: amount, who it is for, a message and a send date, then the card that pays — the
 * local provider's fields in this form, or, with Stripe, Stripe's form once the details are valid.
 */
export function PurchaseForm({ idempotencyKey, today, reply, provider, amounts }: Props) {
  const { currency, presets, min, max } = amounts;
  const busy = useNavigation().state === "submitting";
  const [editing, setEditing] = useState(false);
  const payment = reply?.stripePayment;
  if (payment && !editing) return <StripeStep payment={payment} onChange={() => setEditing(true)} />;
  const errors = reply?.errors ?? {};
  const values = reply?.values ?? {};
  const chosen = values.amount ?? String(presets[1] / 100);
  const isPreset = presets.some((p) => String(p / 100) === chosen);
  return (
    <Form method="post" className="giftcard-form" noValidate>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="currency" value={currency} />
      {reply?.message ? (
        <p className="notice notice--error" role="alert">
          {reply.message}
        </p>
      ) : null}
      <fieldset className="field">
        <legend>Amount</legend>
        <div className="amount-choices">
          {presets.map((preset) => (
            <label key={`${currency}${preset}`} className="amount-choice">
              <input type="radio" name="amount" value={preset / 100} defaultChecked={isPreset && chosen === String(preset / 100)} />
              <Money value={{ amount: preset, currency }} />
            </label>
          ))}
          <label className="amount-choice">
            <input type="radio" name="amount" value="other" defaultChecked={!isPreset} /> Other
          </label>
        </div>
        <Field
          name="otherAmount"
          label={`Other amount (${WHOLE[currency] ?? `whole ${currency}`}, ${min / 100}–${max / 100})`}
          inputMode="numeric"
          defaultValue={isPreset ? "" : chosen}
          error={errors.amount}
        />
      </fieldset>
      <fieldset className="field">
        <legend>Who it's for</legend>
        <Field
          name="recipientName"
          label="Their name"
          autoComplete="off"
          maxLength={100}
          defaultValue={values.recipientName}
          error={errors.recipientName}
        />
        <Field
          name="recipientEmail"
          label="Their email"
          type="email"
          autoComplete="off"
          maxLength={200}
          defaultValue={values.recipientEmail}
          error={errors.recipientEmail}
        />
        <div className="field">
          <label htmlFor="f-message">A message (optional)</label>
          <textarea
            id="f-message"
            name="message"
            rows={3}
            maxLength={300}
            defaultValue={values.message}
            aria-invalid={errors.message ? true : undefined}
            aria-describedby={errors.message ? "f-message-error" : undefined}
          />
          {errors.message ? (
            <p className="field-error" id="f-message-error">
              {errors.message}
            </p>
          ) : null}
        </div>
        <Field
          name="sendOn"
          label="Send it on"
          type="date"
          min={today}
          defaultValue={values.sendOn ?? today}
          hint="We email it early that day (UTC). Today sends it now."
          error={errors.sendOn}
        />
      </fieldset>
      <fieldset className="field">
        <legend>From you</legend>
        <Field
          name="senderName"
          label="Your name"
          autoComplete="name"
          maxLength={100}
          defaultValue={values.senderName}
          error={errors.senderName}
        />
        <Field
          name="purchaserEmail"
          label="Your email (for the receipt)"
          type="email"
          autoComplete="email"
          maxLength={200}
          defaultValue={values.purchaserEmail}
          error={errors.purchaserEmail}
        />
      </fieldset>
      {provider === "local" ? (
        <fieldset className="field">
          <legend>Payment</legend>
          <p className="field-hint">Test mode: use 4242 4242 4242 4242 with any future expiry and any CVC.</p>
          <CardFields errors={{ number: errors.cardNumber, expiry: errors.cardExpiry, cvc: errors.cardCvc }} expiry={values.cardExpiry} />
        </fieldset>
      ) : null}
      <button className="button" type="submit" disabled={busy}>
        {provider === "local" ? (busy ? "Paying…" : "Buy gift card") : busy ? "One moment…" : "Continue to payment"}
      </button>
    </Form>
  );
}

/** Stripe's form for the card just described; "Change" goes back to the details (a new intent if they change). */
function StripeStep({ payment, onChange }: { payment: GiftCardPayment; onChange: () => void }) {
  const total = { amount: payment.amount, currency: payment.currency };
  return (
    <div className="giftcard-form">
      <div className="giftcard-summary" role="status">
        <p>
          A <Money value={total} /> gift card for <strong>{payment.recipientEmail}</strong>, emailed {payment.sendWhen}.
        </p>
        <button type="button" className="button button--ghost button--small" onClick={onChange}>
          Change the details
        </button>
      </div>
      <StripePaymentElement
        publishableKey={payment.publishableKey}
        clientSecret={payment.clientSecret}
        returnUrl={payment.returnUrl}
        total={total}
      />
    </div>
  );
}
