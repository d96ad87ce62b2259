import { Form } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Field } from "~/components/ui/Field";
import { ConfirmCheck } from "~/features/ops/shared/ConfirmCheck";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { ActionFailure } from "./format";

/** Cancelling the order, optionally refunding what is left, confirmed by a tick. */
export function CancelForm({
  refundable,
  canRefund,
  currency,
  formKey,
  failure,
}: {
  refundable: number;
  canRefund: boolean;
  currency: string;
  formKey: string;
  failure: ActionFailure | null;
}) {
  const errors = failure?.errors ?? {};
  return (
    <Form method="post" className="ops-action" aria-labelledby="cancel-heading">
      <h3 id="cancel-heading">Cancel order</h3>
      <p className="field-hint">
        Cancelling stops production that hasn't started, puts reserved stock back on the shelf and can't be undone. Pieces already being
        made are left with their artisans.
      </p>
      <input type="hidden" name="key" value={formKey} />
      <Field
        idPrefix="cancel"
        name="reason"
        label="Reason (optional)"
        maxLength={500}
        defaultValue={failure?.values.reason ?? ""}
        error={errors.reason}
      />
      {canRefund && refundable > 0 ? (
        <div className="ops-check">
          <input
            id="cancel-refund"
            type="checkbox"
            name="refundRemaining"
            value="yes"
            defaultChecked={failure?.values.refundRemaining === "yes"}
          />
          <label htmlFor="cancel-refund">
            Also refund the full remaining amount (<Money value={{ amount: refundable, currency }} />)
          </label>
        </div>
      ) : null}
      <ConfirmCheck id="cancel-confirm" error={errors.confirm ?? errors.key}>
        Yes, cancel this order.
      </ConfirmCheck>
      <SubmitButton intent="cancel" className="button button--small" danger>
        Cancel order
      </SubmitButton>
    </Form>
  );
}
