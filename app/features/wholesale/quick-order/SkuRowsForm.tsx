import { Form, Link, useSearchParams } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { MAX_FORM_ROWS, type QuickOrderActionData } from "./rows";

/** "Enter SKUs": a SKU and a quantity a row, the rows as typed shown again with their errors. */
export function SkuRowsForm({ rows, actionData }: { rows: number; actionData: QuickOrderActionData | undefined }) {
  const [searchParams] = useSearchParams();
  const rowValues = actionData?.intent === "rows" ? actionData.values : [];
  const errorsByLine = new Map(actionData?.intent === "rows" ? actionData.rowErrors.map((e) => [e.line, e.message]) : []);
  const shown = Math.max(rows, rowValues.length);
  return (
    <section className="wholesale-panel" aria-labelledby="rows-heading">
      <h2 id="rows-heading">Enter SKUs</h2>
      {actionData?.intent === "rows" ? (
        <p className="notice notice--error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="rows" />
        <div className="quick-rows">
          <div className="quick-row" aria-hidden="true">
            <span />
            <strong>SKU</strong>
            <strong>Quantity</strong>
          </div>
          {Array.from({ length: shown }, (_, i) => {
            const error = errorsByLine.get(i + 1);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the row number is the row's identity (its inputs are named sku0, qty0, …)
              <div key={i} className="quick-row">
                <span className="quick-row__n">{i + 1}</span>
                <input
                  name={`sku${i}`}
                  aria-label={`SKU, row ${i + 1}`}
                  defaultValue={rowValues[i]?.sku ?? ""}
                  autoCapitalize="characters"
                  spellCheck={false}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `row-${i}-error` : undefined}
                />
                <input
                  name={`qty${i}`}
                  aria-label={`Quantity, row ${i + 1}`}
                  inputMode="numeric"
                  defaultValue={rowValues[i]?.quantity ?? ""}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `row-${i}-error` : undefined}
                />
                {error ? (
                  <p className="field-error quick-row__error" id={`row-${i}-error`}>
                    Row {i + 1}: {error}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
        <div className="wholesale-actions">
          <SubmitButton match={{ intent: "rows" }} busyLabel="Add to order">
            Add to order
          </SubmitButton>
          {shown < MAX_FORM_ROWS ? (
            <Link
              to={`?${new URLSearchParams({ ...Object.fromEntries(searchParams), rows: String(Math.min(shown + 20, MAX_FORM_ROWS)) })}`}
              preventScrollReset
            >
              Add more rows
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
