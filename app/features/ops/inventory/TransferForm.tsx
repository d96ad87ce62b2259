import { Form } from "@remix-run/react";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { ActionFailure } from "./stock";
import type { PageData } from "./stock.server";

/** Move free units from one location to another (hub to store by default). */
export function TransferForm({
  levels,
  formKey,
  failure: t,
}: {
  levels: PageData["levels"];
  formKey: string;
  failure: ActionFailure | undefined;
}) {
  const hub = levels.find((l) => l.kind === "hub");
  const store = levels.find((l) => l.kind === "store");
  return (
    <Form method="post" className="inv-form" aria-labelledby="transfer-title">
      <h2 id="transfer-title">Move stock</h2>
      <p className="muted">Only free units move (on hand less what orders have reserved).</p>
      <input type="hidden" name="key" value={formKey} />
      <div className="field">
        <label htmlFor="transfer-from">From</label>
        <select
          id="transfer-from"
          name="from"
          defaultValue={t?.values.from ?? String(hub?.id ?? "")}
          aria-invalid={t?.errors.from ? true : undefined}
          aria-describedby={t?.errors.from ? "transfer-from-error" : undefined}
        >
          {levels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({l.available} free)
            </option>
          ))}
        </select>
        <FieldError id="transfer-from-error" message={t?.errors.from} />
      </div>
      <div className="field">
        <label htmlFor="transfer-to">To</label>
        <select
          id="transfer-to"
          name="to"
          defaultValue={t?.values.to ?? String(store?.id ?? "")}
          aria-invalid={t?.errors.to ? true : undefined}
          aria-describedby={t?.errors.to ? "transfer-to-error" : undefined}
        >
          {levels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <FieldError id="transfer-to-error" message={t?.errors.to} />
      </div>
      <div className="field">
        <label htmlFor="transfer-quantity">Units to move</label>
        <input
          id="transfer-quantity"
          name="quantity"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          required
          defaultValue={t?.values.quantity ?? ""}
          aria-invalid={t?.errors.quantity ? true : undefined}
          aria-describedby={t?.errors.quantity ? "transfer-quantity-error" : undefined}
        />
        {t?.errors.quantity ? (
          <p id="transfer-quantity-error" className="field-error" role="alert">
            {t.errors.quantity}
          </p>
        ) : null}
      </div>
      <Field
        idPrefix="transfer"
        name="note"
        label="Note (optional)"
        maxLength={200}
        defaultValue={t?.values.note ?? ""}
        placeholder="Carton 14, DHL 1234"
        error={t?.errors.note}
      />
      {t?.errors.key ? (
        <p className="field-error" role="alert">
          {t.errors.key}
        </p>
      ) : null}
      <SubmitButton intent="transfer" busyLabel="Move stock">
        Move stock
      </SubmitButton>
    </Form>
  );
}
