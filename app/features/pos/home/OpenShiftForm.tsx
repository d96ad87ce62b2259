import { Form } from "@remix-run/react";
import { FieldError } from "~/components/ui/Field";

/** No shift is open: count the drawer and open one with that float. */
export function OpenShiftForm({ error, busy }: { error?: string; busy: boolean }) {
  return (
    <>
      <h1>Open a shift</h1>
      <p className="muted">Count the cash in the drawer before the first sale: that is the starting float.</p>
      <Form method="post" noValidate>
        <div className="field">
          <label htmlFor="opening-float">Starting cash float (USD)</label>
          <input
            id="opening-float"
            name="openingFloat"
            inputMode="decimal"
            autoComplete="off"
            placeholder="150.00"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "opening-float-error" : undefined}
          />
          <FieldError id="opening-float-error" message={error} />
        </div>
        <button type="submit" name="intent" value="open-shift" className="button pos-big" disabled={busy}>
          Open shift
        </button>
      </Form>
    </>
  );
}
