import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { EarningsPanel } from "~/features/ops/dashboard/EarningsPanel";
import { formatDay } from "~/features/ops/dashboard/format";
import { loadOpsHome } from "~/features/ops/dashboard/home.server";
import { KeyNumbers } from "~/features/ops/dashboard/KeyNumbers";
import { LateTable } from "~/features/ops/dashboard/LateTable";
import { OrdersTodayPanel } from "~/features/ops/dashboard/OrdersTodayPanel";
import { PipelinePanel } from "~/features/ops/dashboard/PipelinePanel";
import styles from "~/styles/ops-dashboard.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Dashboard · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops._index", "loader");
  return loadOpsHome(staff);
}

export default function OpsDashboard() {
  const { name, roles, can, dashboard: d } = useLoaderData<typeof loader>();
  return (
    <div className="ops-page ops-dashboard">
      <p className="eyebrow">
        Signed in as {name} · {roles.join(", ")}
      </p>
      <h1>Operations</h1>
      <p className="muted">The virtual factory today, {formatDay(d.today)} (Nairobi time).</p>

      <KeyNumbers dashboard={d} can={can} />

      <div className="dash-grid">
        <OrdersTodayPanel dashboard={d} can={can} />
        <PipelinePanel dashboard={d} can={can} />
        <EarningsPanel dashboard={d} />

        <section className="dash-panel dash-panel--wide" aria-labelledby="late">
          <h2 id="late" tabIndex={-1}>
            Late requests
          </h2>
          {d.late.rows.length === 0 ? (
            <p className="muted">No request is late: nothing is flagged or past its due date.</p>
          ) : (
            <>
              <p className="muted">
                Flagged late by dispatch or past their due date, oldest first
                {d.late.total > d.late.rows.length ? ` (${d.late.rows.length} of ${d.late.total})` : ""}.
              </p>
              <LateTable rows={d.late.rows} can={can} />
              {can.production ? (
                <p>
                  <Link to="/ops/production?late=1">All late requests on the production board</Link>
                </p>
              ) : null}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
