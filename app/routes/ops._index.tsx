import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts/BarChart";
import { LineChart } from "~/components/charts/LineChart";
import { Money } from "~/components/commerce/Money";
import { formatWholeShillings as shillings } from "~/lib/money";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { mayOpen } from "~/domain/accounts";
import { formatPercent } from "~/features/ops/dashboard";
import { loadDashboard } from "~/features/ops/dashboard.server";
import { payoutThreshold } from "~/domain/payouts/index.server";
import styles from "~/styles/ops-dashboard.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Dashboard · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops._index", "loader");
  const dashboard = await loadDashboard({ threshold: payoutThreshold() });
  return {
    name: staff.name,
    roles: staff.roles,
    can: {
      payouts: mayOpen("ops.payouts", staff.roles),
      production: mayOpen("ops.production._index", staff.roles),
      orders: mayOpen("ops.orders._index", staff.roles),
    },
    dashboard,
  };
}

export default function OpsDashboard() {
  const { name, roles, can, dashboard: d } = useLoaderData<typeof loader>();
  const pipelineActive = d.pipeline.filter((row) => row.requests > 0);
  const change = d.earnings.change;
  return (
    <div className="ops-page ops-dashboard">
      <p className="eyebrow">
        Signed in as {name} · {roles.join(", ")}
      </p>
      <h1>Operations</h1>
      <p className="muted">The virtual factory today, {formatDay(d.today)} (Nairobi time).</p>

      <ul className="dash-stats" aria-label="Key numbers">
        <li className="dash-stat">
          <span className="dash-stat__label">Orders today</span>
          <span className="dash-stat__value" data-testid="orders-today">
            {d.orders.total.toLocaleString("en-US")}
          </span>
          <span className="dash-stat__hint">{d.orders.channels.map((c) => `${CHANNEL_LABEL[c.channel]} ${c.orders}`).join(" · ")}</span>
        </li>
        <li className="dash-stat">
          <span className="dash-stat__label">QC pass rate, last {d.qc.days} days</span>
          <span className="dash-stat__value" data-testid="qc-rate">
            {formatPercent(d.qc.rate)}
          </span>
          <span className="dash-stat__hint">
            {d.qc.passed.toLocaleString("en-US")} of {(d.qc.passed + d.qc.failed).toLocaleString("en-US")} units in{" "}
            {d.qc.inspections.toLocaleString("en-US")} inspections
          </span>
        </li>
        <li className={`dash-stat${d.late.total > 0 ? " dash-stat--warn" : ""}`}>
          <span className="dash-stat__label">Late requests</span>
          <span className="dash-stat__value" data-testid="late-count">
            {d.late.total.toLocaleString("en-US")}
          </span>
          <span className="dash-stat__hint">{d.late.total > 0 ? <a href="#late">See the late requests</a> : "Everything is on time"}</span>
        </li>
        <li className="dash-stat">
          <span className="dash-stat__label">Payouts due</span>
          <span className="dash-stat__value" data-testid="payouts-due">
            <Money value={{ amount: d.payoutsDue.total, currency: d.payoutsDue.currency }} />
          </span>
          <span className="dash-stat__hint">
            {d.payoutsDue.artisans.toLocaleString("en-US")} {d.payoutsDue.artisans === 1 ? "artisan" : "artisans"} owed{" "}
            <Money value={{ amount: d.payoutsDue.threshold, currency: "KES" }} /> or more
            {can.payouts ? (
              <>
                {" "}
                · <Link to="/ops/payouts">Payouts</Link>
              </>
            ) : null}
          </span>
        </li>
        <li className="dash-stat">
          <span className="dash-stat__label">Artisan earnings this month</span>
          <span className="dash-stat__value" data-testid="earnings-month">
            <Money value={{ amount: d.earnings.thisMonth.amount, currency: d.earnings.currency }} />
          </span>
          <span className="dash-stat__hint">
            {change === null
              ? "Nothing to compare with last month"
              : `${change >= 0 ? "+" : "−"}${formatPercent(Math.abs(change), 0)} on the same days last month`}
            {" · "}last month <Money value={{ amount: d.earnings.lastMonth.amount, currency: d.earnings.currency }} />
          </span>
        </li>
      </ul>

      <div className="dash-grid">
        <section className="dash-panel" aria-labelledby="orders-today-title">
          <h2 id="orders-today-title">Today's orders by channel</h2>
          <div className="ops-table-wrap dash-table">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  <th scope="col" className="ops-num">
                    Orders
                  </th>
                  <th scope="col" className="ops-num">
                    Revenue
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.orders.channels.map((c) => (
                  <tr key={c.channel}>
                    <th scope="row">
                      {can.orders ? (
                        <Link to={`/ops/orders?channel=${c.channel}`}>{CHANNEL_LABEL[c.channel]}</Link>
                      ) : (
                        CHANNEL_LABEL[c.channel]
                      )}
                    </th>
                    <td className="ops-num">{c.orders.toLocaleString("en-US")}</td>
                    <td className="ops-num">
                      {c.revenue.length === 0
                        ? "—"
                        : c.revenue.map((r, i) => (
                            <span key={r.currency}>
                              {i > 0 ? " + " : null}
                              <Money value={{ amount: r.amount, currency: r.currency }} />
                            </span>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <BarChart
            title="Orders today by channel"
            description={`${d.orders.total} orders today: ${d.orders.channels.map((c) => `${CHANNEL_LABEL[c.channel]} ${c.orders}`).join(", ")}.`}
            rows={d.orders.channels.map((c) => ({ label: CHANNEL_LABEL[c.channel], value: c.orders }))}
            valueHeader="Orders"
          />
        </section>

        <section className="dash-panel" aria-labelledby="pipeline-title">
          <h2 id="pipeline-title">Production pipeline</h2>
          <BarChart
            title="Production requests by state"
            description={
              pipelineActive.length === 0
                ? "No production requests yet."
                : `Requests by state: ${pipelineActive.map((r) => `${STATUS_LABEL[r.status]} ${r.requests}`).join(", ")}.`
            }
            rows={pipelineActive.map((row) => ({
              label: STATUS_LABEL[row.status],
              value: row.requests,
              valueText: `${row.requests.toLocaleString("en-US")} (${row.units.toLocaleString("en-US")} units)`,
            }))}
            valueHeader="Requests (units)"
          />
          {can.production ? (
            <p>
              <Link to="/ops/production">Open the production board</Link>
            </p>
          ) : null}
        </section>

        <section className="dash-panel dash-panel--wide" aria-labelledby="earnings-title">
          <h2 id="earnings-title">Artisan earnings: this month against last</h2>
          <p className="muted">QC-passed work credited to artisans, running total by day of the month, in KES.</p>
          <LineChart
            title="Artisan earnings, month to date (KES)"
            description={`This month so far KES ${shillings(d.earnings.thisMonth.amount)}; by the same day last month KES ${shillings(d.earnings.lastMonth.toSameDay)}; all of last month KES ${shillings(d.earnings.lastMonth.amount)}.`}
            xLabels={d.earnings.series.days}
            xHeader="Day of month"
            series={[
              { name: `This month (${monthName(d.earnings.thisMonth.key)})`, values: d.earnings.series.thisMonth },
              { name: `Last month (${monthName(d.earnings.lastMonth.key)})`, values: d.earnings.series.lastMonth },
            ]}
            formatValue={(v) => shillings(v)}
          />
        </section>

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
              <ScrollRegion className="ops-table-wrap" label="Late requests">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Request</th>
                      <th scope="col">Product</th>
                      <th scope="col">State</th>
                      <th scope="col">Due</th>
                      <th scope="col">Artisan</th>
                      <th scope="col">Order</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.late.rows.map((r) => (
                      <tr key={r.number}>
                        <td>
                          {can.production ? <Link to={`/ops/production/${encodeURIComponent(r.number)}`}>{r.number}</Link> : r.number}
                        </td>
                        <td>
                          {r.productTitle}{" "}
                          <span className="muted">
                            {r.sku} × {r.quantity}
                          </span>
                        </td>
                        <td>
                          {STATUS_LABEL[r.status]}
                          {r.flagged ? (
                            <>
                              {" "}
                              <span className="badge badge--bad">Late</span>
                            </>
                          ) : null}
                        </td>
                        <td>
                          {r.dueDate}
                          {r.daysOverdue > 0 ? (
                            <span className="muted">
                              {" "}
                              ({r.daysOverdue} {r.daysOverdue === 1 ? "day" : "days"} over)
                            </span>
                          ) : null}
                        </td>
                        <td>{r.artisan ?? <span className="muted">Nobody yet</span>}</td>
                        <td>
                          {r.orderNumber ? (
                            can.orders ? (
                              <Link to={`/ops/orders/${encodeURIComponent(r.orderNumber)}`}>{r.orderNumber}</Link>
                            ) : (
                              r.orderNumber
                            )
                          ) : (
                            <span className="muted">For stock</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
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

const CHANNEL_LABEL = { web: "Web shop", wholesale: "Wholesale", pos: "Flagship (POS)" } as const;
const STATUS_LABEL = {
  unassigned: "Unassigned",
  offered: "Offered",
  declined: "Declined",
  expired: "Offer expired",
  accepted: "Accepted",
  in_progress: "In progress",
  ready: "Ready for pickup",
  collected: "Collected",
  received: "At the hub",
  qc_failed: "QC failed",
  qc_passed: "QC passed",
  cancelled: "Cancelled",
} as const;

function monthName(key: string) {
  const [year, month] = key.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

function formatDay(iso: string) {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}
