import { Form } from "@remix-run/react";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { QuickOrderActionData } from "./rows";

/** "Upload a CSV": the file field, and the rows to fix when the file had bad ones (the first 500). */
export function CsvUpload({ actionData }: { actionData: QuickOrderActionData | undefined }) {
  const rowErrors = actionData?.intent === "csv" ? actionData.rowErrors : [];
  return (
    <section className="wholesale-panel" aria-labelledby="csv-heading">
      <h2 id="csv-heading">Upload a CSV</h2>
      <p className="muted">Two columns, SKU and quantity, one item a line; a header row is optional. Up to 5,000 rows.</p>
      {actionData?.intent === "csv" ? (
        <p className="notice notice--error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="csv" />
        <div className="field">
          <label htmlFor="csv-file">CSV file</label>
          <input id="csv-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
        </div>
        <SubmitButton match={{ intent: "csv" }} busyLabel="Upload and check">
          Upload and check
        </SubmitButton>
      </Form>
      {actionData?.intent === "csv" && rowErrors.length ? (
        <ScrollRegion className="row-errors" label="Rows to fix">
          <table className="table">
            <caption className="visually-hidden">Rows to fix</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">SKU</th>
                <th scope="col">Qty</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {rowErrors.slice(0, 500).map((e) => (
                <tr key={e.line}>
                  <td>{e.line}</td>
                  <td>{e.sku}</td>
                  <td>{e.quantity}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rowErrors.length > 500 ? <p className="muted">…and {rowErrors.length - 500} more.</p> : null}
        </ScrollRegion>
      ) : null}
    </section>
  );
}
