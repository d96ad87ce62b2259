import { Form } from "@remix-run/react";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { GIFT_CARDS_ONLY_MESSAGE, SHIPPING_CARRIERS, TRACKING_NUMBER_MAX } from "~/domain/orders";
import type { ActionFailure } from "./format";

/**
 * The next fulfilment step for the order's status: pack, ship (carrier and tracking number) or mark
 * delivered; for an order of gift cards only, that there is none.
 */
export function FulfilmentForms({
  status,
  failure,
  giftCardsOnly,
}: {
  status: string;
  failure: ActionFailure | null;
  giftCardsOnly: boolean;
}) {
  const errors = failure?.errors ?? {};
  if (status === "cancelled" || status === "delivered") return null;
  return (
    <div className="ops-action" aria-labelledby="fulfil-heading" role="group">
      <h3 id="fulfil-heading">Fulfilment</h3>
      {giftCardsOnly ? (
        <p className="field-hint">{GIFT_CARDS_ONLY_MESSAGE}</p>
      ) : status === "shipped" ? (
        <Form method="post">
          <p className="field-hint">The carrier confirmed delivery: the customer's status page shows it.</p>
          <SubmitButton intent="deliver" className="button button--small">
            Mark delivered
          </SubmitButton>
        </Form>
      ) : status === "packed" ? (
        <Form method="post">
          <p className="field-hint">Shipping takes the reserved stock off the shelf and emails the customer the tracking number.</p>
          <div className="field">
            <label htmlFor="ship-carrier">Carrier</label>
            <select
              id="ship-carrier"
              name="carrier"
              required
              defaultValue={failure?.values.carrier ?? ""}
              aria-invalid={errors.carrier ? true : undefined}
              aria-describedby={errors.carrier ? "ship-carrier-error" : undefined}
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
            <FieldError id="ship-carrier-error" message={errors.carrier} />
          </div>
          <Field
            id="ship-tracking"
            name="trackingNumber"
            label="Tracking number"
            required
            maxLength={TRACKING_NUMBER_MAX}
            autoComplete="off"
            defaultValue={failure?.values.trackingNumber ?? ""}
            error={errors.trackingNumber}
          />
          <SubmitButton intent="ship" className="button button--small">
            Mark shipped
          </SubmitButton>
        </Form>
      ) : (
        <Form method="post">
          <p className="field-hint">Packed at the hub once every piece is here and has passed QC.</p>
          <SubmitButton intent="pack" className="button button--small">
            Mark packed
          </SubmitButton>
        </Form>
      )}
    </div>
  );
}
