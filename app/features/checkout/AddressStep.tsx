import { Form, Link } from "@remix-run/react";
import { Field } from "~/components/ui/Field";
import { COUNTRIES, US_STATES } from "~/domain/checkout";
import type { FieldErrors } from "~/lib/validation";
import type { CheckoutReply, CheckoutView } from "./checkout-reply";

type Props = { state: CheckoutView; editing: boolean; actionData: CheckoutReply | undefined };

/** Step 1: contact and shipping address, as a form or, once given, a summary with "Change". */
export function AddressStep({ state, editing, actionData }: Props) {
  const errors: FieldErrors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const address = state.address;
  return (
    <section className="checkout-step" aria-labelledby="step-address">
      <h2 id="step-address">1. Contact and shipping address</h2>
      {editing ? (
        <Form method="post" noValidate className="address-form">
          <input type="hidden" name="intent" value="address" />
          {actionData?.step === "address" && Object.keys(errors).length ? (
            <p className="notice notice--error" role="alert">
              Please check the highlighted fields.
            </p>
          ) : null}
          <Field
            name="email"
            label="Email"
            type="email"
            autoComplete="email"
            defaultValue={values.email ?? state.email ?? ""}
            error={errors.email}
            hint="We'll send your receipt and a link to follow your order here."
          />
          <Field name="name" label="Full name" autoComplete="name" defaultValue={values.name ?? address?.name ?? ""} error={errors.name} />
          <div className="field">
            <label htmlFor="country">Country</label>
            <select
              id="country"
              name="country"
              autoComplete="country"
              defaultValue={values.country ?? address?.country ?? "US"}
              aria-invalid={errors.country ? true : undefined}
            >
              {Object.entries(COUNTRIES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
            {errors.country ? <p className="field-error">{errors.country}</p> : null}
          </div>
          <Field
            name="line1"
            label="Street address"
            autoComplete="address-line1"
            defaultValue={values.line1 ?? address?.line1 ?? ""}
            error={errors.line1}
          />
          <Field
            name="line2"
            label="Apartment, suite (optional)"
            autoComplete="address-line2"
            defaultValue={values.line2 ?? address?.line2 ?? ""}
            error={errors.line2}
          />
          <div className="field-row">
            <Field
              name="city"
              label="City"
              autoComplete="address-level2"
              defaultValue={values.city ?? address?.city ?? ""}
              error={errors.city}
            />
            <div className="field">
              <label htmlFor="region">State / region</label>
              <input
                id="region"
                name="region"
                list="us-states"
                autoComplete="address-level1"
                defaultValue={values.region ?? address?.region ?? ""}
                aria-invalid={errors.region ? true : undefined}
                aria-describedby={errors.region ? "region-error" : undefined}
              />
              <datalist id="us-states">
                {Object.entries(US_STATES).map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </datalist>
              {errors.region ? (
                <p className="field-error" id="region-error">
                  {errors.region}
                </p>
              ) : (
                <p className="field-hint">US: two-letter state, e.g. CA</p>
              )}
            </div>
            <Field
              name="postalCode"
              label="ZIP / postal code"
              autoComplete="postal-code"
              defaultValue={values.postalCode ?? address?.postalCode ?? ""}
              error={errors.postalCode}
            />
          </div>
          <Field
            name="phone"
            label="Phone (optional, for the courier)"
            type="tel"
            autoComplete="tel"
            defaultValue={values.phone ?? address?.phone ?? ""}
            error={errors.phone}
          />
          <button className="button" type="submit">
            Continue to shipping
          </button>
        </Form>
      ) : (
        <div className="step-summary">
          <p>
            {state.email}
            <br />
            {address?.name}, {address?.line1}
            {address?.line2 ? `, ${address.line2}` : ""}, {address?.city}
            {address?.region ? `, ${address.region}` : ""} {address?.postalCode}, {address ? COUNTRIES[address.country] : ""}
          </p>
          <Link to="?edit=address">Change</Link>
        </div>
      )}
    </section>
  );
}
