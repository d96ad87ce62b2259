import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldError } from "~/components/ui/Field";
import { Pagination } from "~/components/ui/Pagination";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { idParam, partnerAction, partnerPage } from "~/features/ops/edi/edi.server";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { CompliancePanel } from "~/features/ops/edi/CompliancePanel";
import { EdiTabs, Notice } from "~/features/ops/edi/parts";
import { PartnerForm } from "~/features/ops/edi/PartnerForm";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import styles from "~/styles/ops-edi.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.partner.name ?? "Partner"} · EDI · Soko operations` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.edi.partners.$id", "loader");
  return withFlash(request, await partnerPage(idParam(params.id, "EDI partner"), new URL(request.url)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.edi.partners.$id", "action");
  const id = idParam(params.id, "EDI partner");
  const answer = await partnerAction(id, await readForm(request), `staff:${staff.id}`);
  if (!answer.ok) return data(answer, { status: answer.status });
  // The token is shown once, on this answer, never stored in a flash cookie.
  if (answer.token) return data(answer);
  return redirectWithFlash(request, `/ops/edi/partners/${id}`, { kind: "success", message: answer.message }, { status: 303 });
}

export default function OpsEdiPartner() {
  const { partner, retailer, locations, buyers, shipTos, refs, refCount, refsPage, refsPageCount, compliance, flash } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failed = answer && !answer.ok ? answer : null;
  const errorsFor = (intent: string) => (failed?.intent === intent ? failed.errors : {});
  return (
    <div className="ops-page">
      <p>
        <Link to="/ops/edi">← EDI partners</Link>
      </p>
      <h1>{partner.name}</h1>
      <EdiTabs />
      <Notice flash={flash} error={failed?.errors.form} />
      {answer?.ok && answer.token ? (
        <div className="notice notice--success" role="status">
          <p>{answer.message}</p>
          <p className="edi-token">{answer.token}</p>
        </div>
      ) : null}
      <p className="muted">
        Retailer: <Link to={`/ops/retailers/${retailer.id}`}>{retailer.name}</Link> · {partner.usage === "P" ? "production" : "test"} ·{" "}
        <Link to={`/ops/edi/log?partner=${partner.id}`}>document log</Link> ·{" "}
        <Link to={`/ops/edi/errors?partner=${partner.id}`}>errors</Link>
      </p>
      <CompliancePanel c={compliance} />

      <h2>Cross-reference</h2>
      <p className="muted">
        {refCount} {refCount === 1 ? "item number maps" : "item numbers map"} to our SKUs. A PO line is matched by these first, then by our
        SKU sent as its vendor number (VN).
      </p>
      <Form method="post" encType="multipart/form-data" className="edi-form" aria-label="Import cross-reference">
        <input type="hidden" name="intent" value="xref_import" />
        <div className="field">
          <label htmlFor="xref-file">CSV: qualifier,value,sku (e.g. UP,012345678905,EAR-BRS-LEAF)</label>
          <input id="xref-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby="xref-file-error" />
          <FieldError id="xref-file-error" message={errorsFor("xref_import").file} />
          {failed?.intent === "xref_import" && failed.list?.length ? (
            <ul className="edi-problems">
              {failed.list.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <p>
          <button type="submit" className="button button--small">
            Import
          </button>
        </p>
      </Form>
      {refs.length ? (
        <ScrollRegion className="ops-table-wrap" label="Cross-reference">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Qualifier</th>
                <th scope="col">Their number</th>
                <th scope="col">Our SKU</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {refs.map((r) => (
                <tr key={r.id}>
                  <td>{r.qualifier}</td>
                  <td>{r.value}</td>
                  <td>{r.sku}</td>
                  <td>
                    <Form method="post" className="edi-inline">
                      <input type="hidden" name="intent" value="xref_remove" />
                      <input type="hidden" name="refId" value={r.id} />
                      <button
                        type="submit"
                        className="button button--small button--secondary"
                        aria-label={`Remove ${r.qualifier} ${r.value}`}
                      >
                        Remove
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      <Pagination page={refsPage} pageCount={refsPageCount} label="Cross-reference pages" />

      <h2>Ship-to codes</h2>
      <p className="muted">The code in the PO's N1*ST…*92*code, mapped to one of the retailer's locations (its distribution centres).</p>
      {shipTos.length ? (
        <ul>
          {shipTos.map((s) => (
            <li key={s.id}>
              <strong>{s.code}</strong> → {s.locationName}, {s.city}{" "}
              <Form method="post" className="edi-inline">
                <input type="hidden" name="intent" value="ship_to_remove" />
                <input type="hidden" name="shipToId" value={s.id} />
                <button type="submit" className="button button--small button--secondary" aria-label={`Remove ship-to ${s.code}`}>
                  Remove
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None yet: a PO without a ship-to code goes to the retailer's default location.</p>
      )}
      <Form method="post" className="edi-form" aria-label="Add a ship-to code">
        <input type="hidden" name="intent" value="ship_to_add" />
        <div className="edi-form__row">
          <div className="field">
            <label htmlFor="st-code">Code</label>
            <input id="st-code" name="code" required maxLength={30} aria-describedby="st-code-error" />
            <FieldError id="st-code-error" message={errorsFor("ship_to_add").code} />
          </div>
          <div className="field">
            <label htmlFor="st-location">Location</label>
            <select id="st-location" name="retailerLocationId" required aria-describedby="st-location-error">
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}, {l.city}
                </option>
              ))}
            </select>
            <FieldError id="st-location-error" message={errorsFor("ship_to_add").retailerLocationId} />
          </div>
        </div>
        <p>
          <button type="submit" className="button button--small">
            Add ship-to
          </button>
        </p>
      </Form>

      <h2>Profile</h2>
      <PartnerForm
        partner={partner}
        buyers={buyers}
        errors={errorsFor("save")}
        values={failed?.intent === "save" ? failed.values : undefined}
      />

      <h2>Inventory advice (846)</h2>
      <p className="muted">
        {partner.documentsOut.includes("846")
          ? `Sent daily at ${partner.adviceAt} ${partner.adviceTimeZone} time${partner.lastAdviceOn ? ` (last scheduled: ${partner.lastAdviceOn})` : ""}: each item in the cross-reference with the pieces in stock and free, and what the artisans can make by when.`
          : 'Not expected: tick 846 under "They expect from us" to send it daily.'}
      </p>
      <Form method="post" aria-label="Send inventory advice now">
        <input type="hidden" name="intent" value="inventory_advice" />
        <button type="submit" className="button button--secondary" disabled={!partner.documentsOut.includes("846")}>
          Send inventory advice now
        </button>
      </Form>

      <h2>HTTP endpoint token</h2>
      <p className="muted">
        The partner POSTs X12 to <code>/api/edi/inbound</code> with <code>Authorization: Bearer &lt;token&gt;</code>.{" "}
        {partner.hasToken ? "A token is set." : "No token yet: the endpoint refuses this partner."}
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="token" />
        <button type="submit" className="button button--secondary">
          {partner.hasToken ? "Replace the token" : "Issue a token"}
        </button>
      </Form>
    </div>
  );
}
