import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { createPartnerAction, partnersPage } from "~/features/ops/edi/edi.server";
import { pct } from "~/features/ops/edi/CompliancePanel";
import { EdiTabs, Notice } from "~/features/ops/edi/parts";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import styles from "~/styles/ops-edi.css";
import { formatOpsTime } from "~/lib/time";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "EDI partners · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.edi._index", "loader");
  return withFlash(request, await partnersPage());
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.edi._index", "action");
  const answer = await createPartnerAction(await readForm(request), `staff:${staff.id}`);
  if (!answer.ok) return data(answer, { status: answer.status });
  return redirectWithFlash(request, answer.to ?? "/ops/edi", { kind: "success", message: answer.message }, { status: 303 });
}

export default function OpsEdiPartners() {
  const { partners, candidates, flash } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = answer && !answer.ok ? answer.errors : {};
  return (
    <div className="ops-page">
      <h1>EDI</h1>
      <EdiTabs />
      <Notice flash={flash} error={errors.form} />
      <p className="muted">Department stores and TV retailers that send X12 purchase orders. Compliance covers the last 90 days.</p>
      {partners.length === 0 ? (
        <div className="empty-state">
          <h2>No trading partners yet</h2>
          <p className="muted">Set up an approved retailer on terms below; see the README's “Onboarding an EDI partner”.</p>
        </div>
      ) : (
        <ScrollRegion className="ops-table-wrap" label="Trading partners">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Mode</th>
                <th scope="col">To fix</th>
                <th scope="col">855 within a day</th>
                <th scope="col">856 before arrival</th>
                <th scope="col">Rejected (theirs / ours)</th>
                <th scope="col">997s overdue</th>
                <th scope="col">Last received</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/ops/edi/partners/${p.id}`}>{p.name}</Link>
                    {p.active ? null : <span className="badge"> inactive</span>}
                  </td>
                  <td>{p.usage === "P" ? "Production" : "Test"}</td>
                  <td>{p.held ? <Link to={`/ops/edi/errors?partner=${p.id}`}>{p.held}</Link> : "0"}</td>
                  <td>{p.compliance?.pos ? `${pct(p.compliance.acks_on_time, p.compliance.pos)} of ${p.compliance.pos}` : "—"}</td>
                  <td>{p.compliance?.asns ? `${pct(p.compliance.asns_on_time, p.compliance.asns)} of ${p.compliance.asns}` : "—"}</td>
                  <td>{p.compliance ? `${p.compliance.rejected_in} / ${p.compliance.rejected_out}` : "—"}</td>
                  <td>{p.overdue ? <Link to={`/ops/edi/log?dir=out&overdue=1&partner=${p.id}`}>{p.overdue}</Link> : "0"}</td>
                  <td>{p.lastReceived ? formatOpsTime(p.lastReceived) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <h2>Set up a partner</h2>
      {candidates.length === 0 ? (
        <p className="muted">Every approved retailer on Net 30 or Net 60 already has a profile (EDI orders are on terms).</p>
      ) : (
        <Form method="post" className="edi-form">
          <div className="field">
            <label htmlFor="edi-retailer">Retailer</label>
            <select id="edi-retailer" name="retailerId" required aria-describedby={errors.retailerId ? "edi-retailer-error" : undefined}>
              <option value="">Choose a retailer…</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {errors.retailerId ? (
              <p className="field-error" id="edi-retailer-error">
                {errors.retailerId}
              </p>
            ) : null}
          </div>
          <p>
            <button type="submit" className="button">
              Set up in test mode
            </button>
          </p>
        </Form>
      )}
    </div>
  );
}
