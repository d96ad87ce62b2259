import { Form } from "@remix-run/react";
import { FieldError } from "~/components/ui/Field";

type Props = { shiftId: number; counted: string; error?: string; busy: boolean };

/** Count the drawer and close: the report keeps what was expected, what was counted and the difference. */
export function CloseShiftForm({ shiftId, counted, error, busy }: Props) {
  return (
    <Form method="post" className="pos-close" noValidate>
      <h2>Close the shift</h2>
      <p className="field-hint">Count the cash in the drawer. The report keeps what was expected, what you counted and the difference.</p>
      <input type="hidden" name="shiftId" value={shiftId} />
      <div className="field">
        <label htmlFor="counted-cash">Cash counted in the drawer (USD)</label>
        <input
          id="counted-cash"
          name="countedCash"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={counted}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "counted-cash-error" : undefined}
        />
        <FieldError id="counted-cash-error" message={error} />
      </div>
      <div className="field">
        <label htmlFor="close-note">Note (optional)</label>
        <input id="close-note" name="note" autoComplete="off" placeholder="e.g. $5 short: change given twice" />
      </div>
      <button type="submit" className="button pos-big" disabled={busy}>
        Close shift
      </button>
    </Form>
  );
}
