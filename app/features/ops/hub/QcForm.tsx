import { Form } from "@remix-run/react";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { DEFECT_REASONS } from "~/domain/hub";
import type { QcFailure } from "./forms";

/** The quality check of a received request: units passed and failed, the defect, what happens to the failed units. */
export function QcForm({ quantity, failure }: { quantity: number; failure: QcFailure | null }) {
  const errors = failure?.errors ?? {};
  const v = failure?.values ?? {};
  const described = (field: string) => (errors[field] ? `qc-${field}-error` : undefined);
  return (
    <Form method="post" className="hub-action" id="qc" aria-labelledby="qc-heading">
      <h2 id="qc-heading">Quality check</h2>
      <p className="field-hint">
        Check every piece. Passed and failed must add up to {quantity}. Passed pieces are paid to the artisan at once.
      </p>
      <div className="hub-fields hub-fields--units">
        <Field
          idPrefix="qc"
          name="passed"
          label="Units passed"
          type="number"
          inputMode="numeric"
          min={0}
          max={quantity}
          step={1}
          required
          defaultValue={v.passed ?? String(quantity)}
          error={errors.passed}
        />
        <Field
          idPrefix="qc"
          name="failed"
          label="Units failed"
          type="number"
          inputMode="numeric"
          min={0}
          max={quantity}
          step={1}
          required
          defaultValue={v.failed ?? "0"}
          error={errors.failed}
        />
      </div>
      <fieldset className="hub-fieldset">
        <legend>If any unit failed</legend>
        <div className="field">
          <label htmlFor="qc-defect">Defect</label>
          <select
            id="qc-defect"
            name="defect"
            defaultValue={v.defect ?? ""}
            aria-invalid={errors.defect ? true : undefined}
            aria-describedby={described("defect")}
          >
            <option value="">Choose…</option>
            {DEFECT_REASONS.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
          <FieldError id="qc-defect-error" message={errors.defect} />
        </div>
        <div className="field">
          <label htmlFor="qc-note">Describe the defect (the artisan reads this)</label>
          <textarea
            id="qc-note"
            name="defectNote"
            rows={2}
            maxLength={500}
            defaultValue={v.defectNote ?? ""}
            aria-invalid={errors.defectNote ? true : undefined}
            aria-describedby={described("defectNote")}
          />
          <FieldError id="qc-defectNote-error" message={errors.defectNote} />
        </div>
        <div className="field" role="radiogroup" aria-labelledby="qc-next-label" aria-describedby={described("failedAction")}>
          <span id="qc-next-label" className="hub-label">
            The failed units
          </span>
          <label className="hub-radio">
            <input type="radio" name="failedAction" value="rework" defaultChecked={v.failedAction === "rework"} /> Rework: back to the same
            artisan to remake
          </label>
          <label className="hub-radio">
            <input type="radio" name="failedAction" value="redispatch" defaultChecked={v.failedAction === "redispatch"} /> Re-dispatch:
            offer them to another artisan
          </label>
          <FieldError id="qc-failedAction-error" message={errors.failedAction} />
        </div>
      </fieldset>
      <SubmitButton intent="inspect" className="button hub-big-button">
        Record the quality check
      </SubmitButton>
    </Form>
  );
}
