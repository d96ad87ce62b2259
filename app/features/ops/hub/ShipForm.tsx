import { Form } from "@remix-run/react";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { SHIPPING_CARRIERS, TRACKING_NUMBER_MAX } from "~/domain/orders";
import type { ShipFailure } from "./forms";

/** Ship a packed order: the carrier and its tracking number. */
export function ShipForm({ order, failure }: { order: string; failure: ShipFailure | null }) {
  const errors = failure?.errors ?? {};
  const id = (field: string) => `ship-${order}-${field}`;
  return (
    <Form method="post" aria-label={`Ship ${order}`}>
      <input type="hidden" name="order" value={order} />
      <div className="hub-fields">
        <div className="field">
          <label htmlFor={id("carrier")}>Carrier</label>
          <select
            id={id("carrier")}
            name="carrier"
            required
            defaultValue={failure?.values.carrier ?? ""}
            aria-invalid={errors.carrier ? true : undefined}
            aria-describedby={errors.carrier ? id("carrier-error") : undefined}
          >
            <option value="" disabled>
              Choose…
            </option>
            {SHIPPING_CARRIERS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <FieldError id={id("carrier-error")} message={errors.carrier} />
        </div>
        <Field
          id={id("tracking")}
          name="trackingNumber"
          label="Tracking number"
          required
          maxLength={TRACKING_NUMBER_MAX}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={failure?.values.trackingNumber ?? ""}
          error={errors.trackingNumber}
        />
      </div>
      <SubmitButton intent="ship" match={{ order }} className="button button--small">
        Ship {order}
      </SubmitButton>
    </Form>
  );
}
