import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import type { StaffRole } from "#db/schema";
import { auditQuerySchema } from "~/features/ops/audit-filter";
import { Actor } from "~/features/ops/shared/Actor";
import { actorsFor } from "~/features/ops/shared/actors.server";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { auditActions, listAudit } from "~/features/ops/audit-log.server";
import { csvHref } from "~/features/ops/shared/csv-href";
import styles from "~/styles/ops-dashboard.css";
import { parseWith } from "~/lib/validation";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Audit log · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.audit", "loader");
  const parsed = parseWith(auditQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  // The export is /ops/audit.csv; an older ?format=csv link lands there with its filters.
  if (parsed.data.format === "csv") throw redirect(csvHref("/ops/audit.csv", new URL(request.url).searchParams));
  return pageData(parsed.data, staff.roles);
}

/** The page's data (the loader's non-CSV answer), typed on its own so the component sees it. */
async function pageData(query: z.infer<typeof auditQuerySchema>, roles: readonly StaffRole[]) {
  const [log, actions] = await Promise.all([listAudit(query), auditActions()]);
  const actors = await actorsFor(
    log.rows.map((r) => r.actor),
    roles,
  );
  return { query, log, actions, actors };
}

export default function OpsAudit() {
  const { query, log, actions, actors } = useLoaderData<typeof pageData>();
  const filtered = Boolean(query.actor || query.action || query.subject || query.from || query.to);
  const csv = new URLSearchParams();
  for (const key of ["actor", "action", "subject", "from", "to"] as const) if (query[key]) csv.set(key, query[key]!);
  return (
    <div className="ops-page">
      <h1>Audit log</h1>
      <p className="muted">
        Every staff action that moves money or stock, sign-ins and system jobs: who, what, to what and when. Newest first; times and dates
        in Nairobi time (EAT).
      </p>
      <form method="get" className="ops-filters" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-actor">Actor</label>
          <input
            id="audit-actor"
            name="actor"
            defaultValue={query.actor ?? ""}
            maxLength={100}
            placeholder="staff:12 or job:"
            aria-describedby="audit-actor-hint"
          />
          <p id="audit-actor-hint" className="field-hint">
            Exact, or ending in “:” for all of a kind.
          </p>
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <input
            id="audit-action"
            name="action"
            list="audit-actions"
            defaultValue={query.action ?? ""}
            maxLength={100}
            placeholder="inventory.transfer or payout"
          />
          <datalist id="audit-actions">
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="audit-subject">Subject contains</label>
          <input
            id="audit-subject"
            name="subject"
            defaultValue={query.subject ?? ""}
            maxLength={200}
            placeholder="SK-100123 or variant:EAR"
          />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <button type="submit" className="button button--small">
          Filter
        </button>
        {filtered ? (
          <Link to="/ops/audit" className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
      </form>
      <p>
        <a href={`/ops/audit.csv${csv.size ? `?${csv}` : ""}`} download>
          Download as CSV
        </a>
      </p>
      {log.rows.length === 0 ? (
        <EmptyList total={log.total} pageCount={log.pageCount} rows="entries">
          <h2>{filtered ? "Nothing matches these filters" : "Nothing recorded yet"}</h2>
          <p className="muted">{filtered ? "Widen the dates or clear a filter." : "Staff actions appear here as they happen."}</p>
        </EmptyList>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {log.total.toLocaleString("en-US")} {log.total === 1 ? "entry" : "entries"}
          </p>
          <ScrollRegion className="ops-table-wrap" label="Audit entries">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When (EAT)</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {log.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <OpsTime iso={r.at} seconds />
                    </td>
                    <td>
                      <Actor actor={r.actor} actors={actors} />
                      <div>
                        <Link className="audit-actor-key" to={`/ops/audit?actor=${encodeURIComponent(r.actor)}`}>
                          {r.actor}
                        </Link>
                      </div>
                    </td>
                    <td>
                      <Link to={`/ops/audit?action=${encodeURIComponent(r.action)}`}>{r.action}</Link>
                    </td>
                    <td>
                      <Link to={`/ops/audit?subject=${encodeURIComponent(r.subject)}`}>{r.subject}</Link>
                    </td>
                    <td className="audit-data">{Object.keys(r.data ?? {}).length ? JSON.stringify(r.data) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <Pagination page={log.page} pageCount={log.pageCount} label="Audit log pages" />
    </div>
  );
}
