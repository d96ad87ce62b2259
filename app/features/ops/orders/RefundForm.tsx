import { Form } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { ActionFailure } from "./format";

/** A partial or full refund through the original payment, confirmed by a tick. */
export function RefundForm({
  refundable,
  paid,
  refunded,
  currency,
  formKey,
  failure,
}: {
  refundable: number;
  paid: number;
  refunded: number;
  currency: string;
  formKey: string;
  failure: ActionFailure | null;
}) {
  const errors = failure?.errors ?? {};
  return (
    <Form method="post" className="ops-action" aria-labelledby="refund-heading">
      <h3 id="refund-heading">Refund</h3>
      <p className="field-hint">
        At most <Money value={{ amount: refundable, currency }} /> can be refunded (<Money value={{ amount: paid, currency }} /> paid,{" "}
        <Money value={{ amount: refunded, currency }} /> refunded so far). The money goes back through the original payment and the customer
        is emailed.
      </p>
      <input type="hidden" name="key" value={formKey} />
      <Field
        idPrefix="refund"
        name="amount"
        label={`Amount (${currency})`}
        inputMode="decimal"
        autoComplete="off"
        required
        defaultValue={failure?.values.amount ?? ""}
        error={errors.amount}
      />
      <div className="field">
        <label htmlFor="refund-reason">Reason (the customer sees this)</label>
        <textarea
          id="refund-reason"
          name="reason"
          rows={2}
          maxLength={500}
          required
          defaultValue={failure?.values.reason ?? ""}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? "refund-reason-error" : undefined}
        />
        <FieldError id="refund-reason-error" message={errors.reason} />
      </div>
      <div className="ops-check">
        <input
          id="refund-confirm"
          type="checkbox"
          name="confirm"
          value="yes"
          required
          aria-describedby={errors.confirm ? "refund-confirm-error" : undefined}
        />
        <label htmlFor="refund-confirm">Yes, refund this amount now. It can't be undone.</label>
      </div>
      <FieldError id="refund-confirm-error" message={errors.confirm ?? errors.key} />
      <SubmitButton intent="refund" className="button button--small">
        Refund
      </SubmitButton>
    </Form>
  );
}
