import { PlainField } from "./PlainField";

/** Where a special order ships: pieces not on the shelf are made in Kenya and sent to the customer. */
export function SpecialOrderFields({ values }: { values: Record<string, string> }) {
  return (
    <fieldset className="pos-special">
      <legend>Special order: ships to the customer</legend>
      <p className="field-hint">
        Pieces not on the shelf are made by an artisan in Kenya and shipped. The customer's email above is needed for updates.
      </p>
      <PlainField id="ship-name" name="shipName" label="Name" defaultValue={values.shipName ?? ""} />
      <PlainField id="ship-line1" name="shipLine1" label="Street address" defaultValue={values.shipLine1 ?? ""} />
      <PlainField id="ship-line2" name="shipLine2" label="Apartment, suite (optional)" defaultValue={values.shipLine2 ?? ""} />
      <div className="pos-row">
        <PlainField id="ship-city" name="shipCity" label="City" defaultValue={values.shipCity ?? ""} />
        <PlainField id="ship-region" name="shipRegion" label="State" defaultValue={values.shipRegion ?? "CA"} />
        <PlainField id="ship-zip" name="shipPostalCode" label="ZIP" defaultValue={values.shipPostalCode ?? ""} />
        <PlainField id="ship-country" name="shipCountry" label="Country" maxLength={2} defaultValue={values.shipCountry ?? "US"} />
      </div>
    </fieldset>
  );
}
