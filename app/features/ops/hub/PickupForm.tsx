import { Form } from "@remix-run/react";
import { Field } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { dateToNairobiLocal } from "~/domain/hub";
import type { HubRequestRow } from "~/domain/hub/index.server";
import type { PickupFailure } from "./forms";

/** Book a rider for a ready request, or move the booked pickup. */
export function PickupForm({
  request: r,
  suggested,
  failure,
}: {
  request: HubRequestRow;
  suggested: string;
  failure: PickupFailure | null;
}) {
  const errors = failure?.errors ?? {};
  const id = (field: string) => `pickup-${r.number}-${field}`;
  const value = (field: string, fallback: string) => failure?.values[field] ?? fallback;
  return (
    <details className="hub-card__form" open={failure ? true : undefined}>
      <summary>{r.pickup ? "Change the pickup" : "Book a rider"}</summary>
      <Form method="post" aria-label={`Pickup for ${r.number}`}>
        <input type="hidden" name="number" value={r.number} />
        <div className="hub-fields">
          <Field
            id={id("when")}
            name="scheduledFor"
            label="Pickup time (Nairobi)"
            type="datetime-local"
            required
            defaultValue={value("scheduledFor", r.pickup ? dateToNairobiLocal(new Date(r.pickup.scheduledFor)) : suggested)}
            error={errors.scheduledFor}
          />
          <Field
            id={id("rider")}
            name="riderName"
            label="Rider's name"
            required
            maxLength={80}
            autoComplete="off"
            defaultValue={value("riderName", r.pickup?.riderName ?? "")}
            error={errors.riderName}
          />
          <Field
            id={id("phone")}
            name="riderPhone"
            label="Rider's phone"
            type="tel"
            required
            maxLength={20}
            autoComplete="off"
            placeholder="0712 345 678"
            defaultValue={value("riderPhone", r.pickup?.riderPhone ?? "")}
            error={errors.riderPhone}
          />
        </div>
        <p className="field-hint">The artisan gets an SMS with the time and the rider's name and phone.</p>
        <SubmitButton intent="schedule_pickup" match={{ number: r.number }} className="button button--small">
          {r.pickup ? "Move the pickup" : "Book the pickup"}
        </SubmitButton>
      </Form>
    </details>
  );
}
