import { Form, Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { PAYMENT_LABEL } from "~/domain/wholesale";
import type { Draft, DraftReview } from "~/domain/wholesale/index.server";

export type ShipTo = { id: number; label: string; isDefault: boolean };

type Props = {
  review: DraftReview;
  draft: Pick<Draft, "name" | "poNumber" | "retailerLocationId" | "shipWindowStart" | "shipWindowEnd"> | null;
  locations: ShipTo[];
  terms: "card" | "net30" | "net60";
  /** Card fields in this form (the local test provider); Stripe takes the card on the next step instead. */
  cardFields: boolean;
  stripeCards: boolean;
  idempotencyKey: string;
  errors: Record<string, string>;
  values: Record<string, string>;
};

/** PO number, draft name, ship-to, ship window and payment: then place the order or save it as a draft. */
export function PlaceForm({
  review,
  draft,
  locations,
  terms,
  cardFields,
  stripeCards,
  idempotencyKey,
  errors: formErrors,
  values: formValues,
}: Props) {
  const money = (amount: number) => <Money value={{ amount, currency: review.currency }} />;
  const detail = (key: "name" | "poNumber" | "shipWindowStart" | "shipWindowEnd") => formValues[key] ?? draft?.[key] ?? "";
  const defaultLocation =
    formValues.retailerLocationId ?? String(draft?.retailerLocationId ?? locations.find((l) => l.isDefault)?.id ?? "");
  const defaultPayment = formValues.payment ?? review.paymentChoices[0] ?? "card";
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="expectedTotal" value={review.total} />
      <div className="wholesale-row">
        <Field
          idPrefix="place"
          name="poNumber"
          label="PO number"
          defaultValue={detail("poNumber")}
          error={formErrors.poNumber}
          hint="Required to place the order; each PO once."
        />
        <Field
          idPrefix="place"
          name="name"
          label="Draft name"
          defaultValue={detail("name")}
          error={formErrors.name}
          hint="For your saved drafts."
        />
      </div>
      <div className="field">
        <label htmlFor="place-location">Ship to</label>
        {locations.length ? (
          <select
            id="place-location"
            name="retailerLocationId"
            defaultValue={defaultLocation}
            aria-invalid={formErrors.retailerLocationId ? true : undefined}
            aria-describedby={formErrors.retailerLocationId ? "place-location-error" : undefined}
          >
            <option value="">Choose a location</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        ) : (
          <p className="notice" id="place-location">
            You have no ship-to locations yet. <Link to="/wholesale/account#locations">Add one on your account page</Link>.
          </p>
        )}
        <FieldError id="place-location-error" message={formErrors.retailerLocationId} />
      </div>
      <div className="wholesale-row">
        <Field
          idPrefix="place"
          name="shipWindowStart"
          label="Ship window from"
          type="date"
          defaultValue={detail("shipWindowStart")}
          error={formErrors.shipWindowStart}
          hint="Optional"
        />
        <Field
          idPrefix="place"
          name="shipWindowEnd"
          label="Ship window to"
          type="date"
          defaultValue={detail("shipWindowEnd")}
          error={formErrors.shipWindowEnd}
          hint="Optional"
        />
      </div>
      <fieldset className="field">
        <legend>Payment</legend>
        {review.paymentChoices.map((choice) => (
          <label key={choice} className="choice">
            <input type="radio" name="payment" value={choice} defaultChecked={defaultPayment === choice} />
            {choice === "card" ? "Card" : `${PAYMENT_LABEL[choice]}: invoiced today, due in ${choice === "net30" ? 30 : 60} days`}
          </label>
        ))}
        {formErrors.payment ? <p className="field-error">{formErrors.payment}</p> : null}
        {terms === "card" ? <p className="field-hint">Net terms are for approved accounts; ask us if you'd like to apply.</p> : null}
        {review.paymentChoices.includes("card") && stripeCards ? (
          <>
            <p className="field-hint">Paying by card: you'll enter your card on the next step, in Stripe's secure form.</p>
            <noscript>
              <p className="notice">
                Paying by card needs JavaScript, which is off in this browser.{" "}
                {review.paymentChoices.some((c) => c !== "card")
                  ? "Net terms work without it."
                  : "Turn JavaScript on to pay by card, or ask us about net terms."}
              </p>
            </noscript>
          </>
        ) : null}
      </fieldset>
      {review.paymentChoices.includes("card") && cardFields ? (
        // Shown only while Card is the chosen payment (CSS :has, so it works without JavaScript too).
        <fieldset className="field ws-card-fields">
          <legend>Card</legend>
          <div className="card-fields">
            <Field
              idPrefix="place"
              name="cardNumber"
              label="Card number"
              inputMode="numeric"
              autoComplete="cc-number"
              error={formErrors.number}
              placeholder="4242 4242 4242 4242"
            />
            <Field idPrefix="place" name="cardExpiry" label="Expiry" autoComplete="cc-exp" error={formErrors.expiry} placeholder="MM/YY" />
            <Field
              idPrefix="place"
              name="cardCvc"
              label="CVC"
              inputMode="numeric"
              autoComplete="cc-csc"
              error={formErrors.cvc}
              placeholder="123"
            />
          </div>
        </fieldset>
      ) : null}
      <div className="wholesale-actions">
        <SubmitButton intent="place" busyLabel="Placing…">
          Place order · {money(review.total)}
        </SubmitButton>
        <SubmitButton intent="save" className="button button--ghost" busyLabel="Save draft">
          Save draft
        </SubmitButton>
      </div>
    </Form>
  );
}
