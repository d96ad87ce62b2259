import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { ADJUSTMENT_REASONS } from "~/domain/inventory";
import type { ActionFailure } from "./stock";
import type { PageData } from "./stock.server";

/** What is on the shelf now at one location; the difference is recorded with its reason. */
export function CountForm({
  levels,
  formKey,
  failure: c,
}: {
  levels: PageData["levels"];
  formKey: string;
  failure: ActionFailure | undefined;
}) {
  const hub = levels.find((l) => l.kind === "hub");
  return (
    <Form method="post" className="inv-form" aria-labelledby="count-title">
      <h2 id="count-title">Record a count or adjustment</h2>
      <p className="muted">Enter what is on the shelf now; the difference is recorded with your reason.</p>
      <input type="hidden" name="key" value={formKey} />
      <div className="field">
        <label htmlFor="count-location">Location</label>
        <select id="count-location" name="location" defaultValue={c?.values.location ?? String(hub?.id ?? "")}>
          {levels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({l.onHand} on hand, {l.reserved} reserved)
            </option>
          ))}
        </select>
        {c?.errors.location ? <p className="field-error">{c.errors.location}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="count-counted">Counted on hand</label>
        <input
          id="count-counted"
          name="counted"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          required
          defaultValue={c?.values.counted ?? ""}
          aria-invalid={c?.errors.counted ? true : undefined}
          aria-describedby={c?.errors.counted ? "count-counted-error" : undefined}
        />
        {c?.errors.counted ? (
          <p id="count-counted-error" className="field-error" role="alert">
            {c.errors.counted}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="count-reason">Reason</label>
        <select
          id="count-reason"
          name="reason"
          required
          defaultValue={c?.values.reason ?? ""}
          aria-invalid={c?.errors.reason ? true : undefined}
          aria-describedby={c?.errors.reason ? "count-reason-error" : undefined}
        >
          <option value="" disabled>
            Choose a reason
          </option>
          {ADJUSTMENT_REASONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        {c?.errors.reason ? (
          <p id="count-reason-error" className="field-error" role="alert">
            {c.errors.reason}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="count-note">Note (required for Other)</label>
        <input
          id="count-note"
          name="note"
          maxLength={200}
          defaultValue={c?.values.note ?? ""}
          aria-invalid={c?.errors.note ? true : undefined}
          aria-describedby={c?.errors.note ? "count-note-error" : undefined}
        />
        {c?.errors.note ? (
          <p id="count-note-error" className="field-error" role="alert">
            {c.errors.note}
          </p>
        ) : null}
      </div>
      {c?.errors.key ? (
        <p className="field-error" role="alert">
          {c.errors.key}
        </p>
      ) : null}
      <SubmitButton intent="count" busyLabel="Record count">
        Record count
      </SubmitButton>
    </Form>
  );
}
