import { Form } from "@remix-run/react";
import { FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";

/** Reject an application, with the reason the applicant is emailed. */
export function RejectForm({ errors }: { errors: Record<string, string> }) {
  return (
    <section className="wholesale-panel" aria-labelledby="reject-heading">
      <h2 id="reject-heading">Reject</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="reject" />
        <div className="field">
          <label htmlFor="reject-reason">Reason (emailed to the applicant)</label>
          <textarea
            id="reject-reason"
            name="reason"
            rows={3}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? "reject-reason-error" : undefined}
          />
          <FieldError id="reject-reason-error" message={errors.reason} />
        </div>
        <SubmitButton className="button button--ghost" busyLabel="Reject application">
          Reject application
        </SubmitButton>
      </Form>
    </section>
  );
}
