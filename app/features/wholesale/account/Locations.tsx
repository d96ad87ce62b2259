import { Form } from "@remix-run/react";
import { ConfirmStep } from "~/components/ui/ConfirmStep";
import { Field } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";

export type ShipToLocation = {
  id: number;
  name: string;
  isDefault: boolean;
  /** An order names it: it stays on the account for the order's record. */
  hasOrders: boolean;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  country: string;
};

/**
 * The ship-to locations (make one the default, remove one no order names after a confirmation; one
 * an order names says why it stays), and the form to add another. `removing` is the location whose removal was sent without its confirmation.
 */
export function Locations({
  locations,
  errors: locErrors,
  values: locValues,
  removing,
}: {
  locations: ShipToLocation[];
  errors: Record<string, string>;
  values: Record<string, string>;
  removing?: string;
}) {
  return (
    <section className="wholesale-panel" aria-labelledby="locations-heading" id="locations">
      <h2 id="locations-heading">Ship-to locations</h2>
      {locations.length === 0 ? (
        <p className="muted">No locations yet: add the store or warehouse your orders ship to.</p>
      ) : (
        <ul>
          {locations.map((l) => (
            <li key={l.id}>
              <strong>{l.name}</strong>
              {l.isDefault ? (
                <>
                  {" "}
                  <span className="badge badge--ok">Default</span>
                </>
              ) : null}
              <br />
              {l.line1}
              {l.line2 ? `, ${l.line2}` : ""}, {l.city}
              {l.region ? `, ${l.region}` : ""} {l.postalCode ?? ""} {l.country}
              <div className="wholesale-actions">
                {!l.isDefault ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="default-location" />
                    <input type="hidden" name="locationId" value={l.id} />
                    <button type="submit" className="link-button" aria-label={`Make ${l.name} the default`}>
                      Make default
                    </button>
                  </Form>
                ) : null}
                {l.hasOrders ? (
                  <p className="field-hint">
                    Your orders ship here, so it stays on your account for their records
                    {l.isDefault ? "; to ship elsewhere first, make another location the default." : "."}
                  </p>
                ) : (
                  <ConfirmStep
                    label="Remove"
                    name={`Remove ${l.name}`}
                    question={`Remove ${l.name} from your ship-to locations?`}
                    confirmLabel="Yes, remove it"
                    fields={{ intent: "remove-location", locationId: l.id }}
                    open={removing === String(l.id)}
                  />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3>Add a location</h3>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="add-location" />
        <Field
          idPrefix="loc"
          name="name"
          label="Location name"
          defaultValue={locValues.name}
          error={locErrors.name}
          hint="For example: Oakland store"
        />
        <Field
          idPrefix="loc"
          name="line1"
          label="Street address"
          autoComplete="address-line1"
          defaultValue={locValues.line1}
          error={locErrors.line1}
        />
        <Field
          idPrefix="loc"
          name="line2"
          label="Suite, floor (optional)"
          autoComplete="address-line2"
          defaultValue={locValues.line2}
          error={locErrors.line2}
        />
        <div className="wholesale-row">
          <Field
            idPrefix="loc"
            name="city"
            label="City"
            autoComplete="address-level2"
            defaultValue={locValues.city}
            error={locErrors.city}
          />
          <Field
            idPrefix="loc"
            name="region"
            label="State or region"
            autoComplete="address-level1"
            defaultValue={locValues.region}
            error={locErrors.region}
          />
        </div>
        <div className="wholesale-row">
          <Field
            idPrefix="loc"
            name="postalCode"
            label="ZIP or postal code"
            autoComplete="postal-code"
            defaultValue={locValues.postalCode}
            error={locErrors.postalCode}
          />
          <Field
            idPrefix="loc"
            name="country"
            label="Country code"
            autoComplete="country"
            defaultValue={locValues.country ?? "US"}
            error={locErrors.country}
          />
        </div>
        <SubmitButton busyLabel="Add location">Add location</SubmitButton>
      </Form>
    </section>
  );
}
