import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldError } from "~/components/ui/Field";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { logAction, logPage } from "~/features/ops/edi/edi.server";
import { EdiTabs, Notice, StatusBadge, day } from "~/features/ops/edi/parts";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import styles from "~/styles/ops-edi.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "EDI document log · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.edi.log", "loader");
  return withFlash(request, await logPage(new URL(request.url)));
}

/** An interchange uploaded by hand goes through the same door as the endpoint and the inbox; or the inbox is read now. */
export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.edi.log", "action");
  const answer = await logAction(await readForm(request), `staff:${staff.id}`);
  if (!answer.ok) return data(answer, { status: answer.status });
  return redirectWithFlash(request, answer.to ?? "/ops/edi/log", { kind: "success", message: answer.message }, { status: 303 });
}

export default function OpsEdiLog() {
  const { filter, partners, received, sent, flash } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = answer && !answer.ok ? answer.errors : {};
  const list = received ?? sent;
  return (
    <div className="ops-page">
      <h1>EDI</h1>
      <EdiTabs />
      <Notice flash={flash} error={errors.form} />
      <Form method="post" encType="multipart/form-data" className="edi-form" aria-label="Receive an interchange">
        <div className="field">
          <label htmlFor="upload-file">Upload an interchange (X12 850 or 860; the partner is read from its ISA)</label>
          <input id="upload-file" type="file" name="file" required aria-describedby="upload-file-error" />
          <FieldError id="upload-file-error" message={errors.file} />
        </div>
        <p>
          <button type="submit" className="button button--small">
            Receive
          </button>
        </p>
      </Form>
      <Form method="post" className="edi-form" aria-label="Read the inbox folders">
        <p className="muted">
          Files partners drop in their inbox folder are read every minute by the worker; read them now when one is waiting.
        </p>
        <p>
          <button type="submit" name="intent" value="scan" className="button button--small button--secondary">
            Read the inbox folders now
          </button>
        </p>
      </Form>
      <form method="get" className="ops-filters" aria-label="Filter the log">
        <div className="field">
          <label htmlFor="log-dir">Direction</label>
          <select id="log-dir" name="dir" defaultValue={filter.dir}>
            <option value="in">Received</option>
            <option value="out">Sent</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-partner">Partner</label>
          <select id="log-partner" name="partner" defaultValue={filter.partner ?? ""}>
            <option value="">All partners</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <label>
          <input type="checkbox" name="overdue" value="1" defaultChecked={Boolean(filter.overdue)} /> Only 997s overdue (sent)
        </label>
        <button type="submit" className="button button--small">
          Show
        </button>
      </form>
      {!list || list.rows.length === 0 ? (
        <EmptyList total={list?.total ?? 0} pageCount={list?.pageCount ?? 1} rows={filter.dir === "out" ? "documents" : "interchanges"}>
          <h2>{filter.dir === "out" ? "Nothing sent yet" : "Nothing received yet"}</h2>
          <p className="muted">Interchanges arrive by upload here, by the inbox folder or by the partner's POST.</p>
        </EmptyList>
      ) : (
        <ScrollRegion className="ops-table-wrap" label={filter.dir === "out" ? "Documents sent" : "Interchanges received"}>
          {received ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">Partner</th>
                  <th scope="col">ISA13</th>
                  <th scope="col">By</th>
                  <th scope="col">Sets</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {received.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/ops/edi/interchanges/${r.id}`}>{day(r.receivedAt)}</Link>
                    </td>
                    <td>{r.partnerName}</td>
                    <td>{r.controlNumber}</td>
                    <td>{r.source}</td>
                    <td>{r.sets ?? "—"}</td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Written</th>
                  <th scope="col">Partner</th>
                  <th scope="col">Document</th>
                  <th scope="col">About</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {sent?.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/ops/edi/documents/${r.id}`}>{day(r.createdAt)}</Link>
                    </td>
                    <td>{r.partnerName}</td>
                    <td>
                      {r.typeName} #{r.controlNumber}
                    </td>
                    <td>{[r.reference, r.orderNumber].filter(Boolean).join(" · ") || "—"}</td>
                    <td>
                      <StatusBadge status={r.status} overdue={r.overdue} />
                      {r.lastError ? <p className="muted">{r.lastError}</p> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </ScrollRegion>
      )}
      {list ? <Pagination page={list.page} pageCount={list.pageCount} label="Log pages" /> : null}
    </div>
  );
}
