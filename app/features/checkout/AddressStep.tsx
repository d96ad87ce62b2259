import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { Field, FieldError } from "~/components/ui/Field";
import { addressFormat, COUNTRIES } from "~/domain/checkout";
import { MARKETS } from "~/domain/markets";
import type { FieldErrors } from "~/lib/validation";
import type { CheckoutReply, CheckoutView } from "./checkout-reply";

type Props = {
  state: CheckoutView;
  editing: boolean;
  actionData: CheckoutReply | undefined;
  /** Where the shopper most likely ships to (the browser's languages), before any address is given. */
  defaultCountry: string;
};

/** Step 1: contact and shipping address, as a form or, once given, a summary with "Change". */
export function AddressStep({ state, editing, actionData, defaultCountry }: Props) {
  const errors: FieldErrors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const address = state.address;
  // The labels and required fields follow the chosen country as it changes (with JS); without JS
  // they follow the country last sent ("Update the form" sends it alone), and the server checks the
  // country that was sent.
  // A bag in a market ships within it (its prices hold that market's tax): only its countries are offered.
  const market = MARKETS[state.cart.market];
  const countries = market.code === "us" ? Object.entries(COUNTRIES) : market.countries.map((c) => [c, COUNTRIES[c] ?? c] as const);
  const fallback = countries.some(([code]) => code === defaultCountry) ? defaultCountry : countries[0][0];
  const [country, setCountry] = useState(values.country ?? address?.country ?? fallback);
  const format = addressFormat(country);
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
              value={country}
              onChange={(event) => setCountry(event.currentTarget.value)}
              aria-invalid={errors.country ? true : undefined}
            >
              {countries.map(([code, name]) => (
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
          <div className="field-row field-row--address">
            <Field
              name="city"
              label={format.cityLabel}
              autoComplete="address-level2"
              defaultValue={values.city ?? address?.city ?? ""}
              error={errors.city}
              aria-required="true"
            />
            {format.region ? (
              <div className="field">
                <label htmlFor="region">{format.region.label}</label>
                <input
                  id="region"
                  name="region"
                  list={format.region.options ? `regions-${country}` : undefined}
                  autoComplete="address-level1"
                  defaultValue={values.region ?? regionName(address?.country, address?.region)}
                  aria-required={format.region.required ? "true" : undefined}
                  aria-invalid={errors.region ? true : undefined}
                  aria-describedby={errors.region ? "region-error" : undefined}
                />
                {format.region.options ? (
                  <datalist id={`regions-${country}`}>
                    {Object.entries(format.region.options).map(([code, name]) => (
                      <option key={code} value={name} />
                    ))}
                  </datalist>
                ) : null}
                <FieldError id="region-error" message={errors.region} />
              </div>
            ) : null}
            {format.postal ? (
              <Field
                name="postalCode"
                label={format.postal.label}
                autoComplete="postal-code"
                defaultValue={values.postalCode ?? address?.postalCode ?? ""}
                error={errors.postalCode}
                aria-required={format.postal.required ? "true" : undefined}
                placeholder={format.postal.example}
              />
            ) : null}
          </div>
          <Field
            name="phone"
            label="Phone (optional, for the courier)"
            type="tel"
            autoComplete="tel"
            defaultValue={values.phone ?? address?.phone ?? ""}
            error={errors.phone}
          />
          <div className="address-form__actions">
            <button className="button" type="submit">
              Continue to shipping
            </button>
            {/* Without JavaScript the labels can't follow the country as it is picked: this sends it
                alone (after the main button, so Enter in a field still continues). */}
            <noscript>
              <button type="submit" name="refresh" value="country" className="button button--ghost">
                Update the form for the country chosen
              </button>
            </noscript>
          </div>
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

/** A saved region code as its name for the form ("CA" → "California"), so the shopper sees what they typed. */
function regionName(country: string | undefined, region: string | undefined | null): string {
  if (!country || !region) return "";
  return addressFormat(country).region?.options?.[region] ?? region;
}
