import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { QUEUE_STATUSES, RETURN_REASONS, STATUS_WORDS, reasonLabel } from "~/domain/returns";
import { ReturnsReport } from "~/features/ops/returns/ReturnsReport";
import { queuePage } from "~/features/ops/returns/returns.server";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import styles from "~/styles/ops-orders.css";
import returnStyles from "~/styles/ops-returns.css";
import { OpsLink } from "~/features/ops/shared/OpsLink";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: returnStyles },
];
export const meta: MetaFunction = () => [{ title: "Returns · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.returns._index", "loader");
  return queuePage(request);
}

/** A dearer exchange's difference, in the queue's refund column. */
const DUE_WORDS: Record<string, string> = {
  awaiting: "to pay",
  paid: "paid",
  refunded: "paid, refunded",
  expired: "lapsed",
  none: "unpaid",
};

export default function OpsReturns() {
  const { query, period, periodError, queue, reasons, money, policy } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const periodChosen = params.has("from") || params.has("to");
  const filtered = query.status !== "all" || query.reason !== "all" || query.channel !== "all";
  return (
    <div className="ops-page">
      <h1>Returns</h1>
      <p className="muted">
        Web and counter returns, refunds and exchanges. Refunds are issued{" "}
        {policy.refundOn === "qc" ? "after QC" : "when the hub receives the parcel"}; pieces from stock can come back for{" "}
        {policy.windowDays} days after delivery.{" "}
        <OpsLink route="ops.returns.policy" to="/ops/returns/policy" fallback={null}>
          Returns policy
        </OpsLink>
      </p>

      <nav aria-label="Returns by state" className="ops-tabs">
        {(["all", ...QUEUE_STATUSES] as const).map((s) => (
          <Link
            key={s}
            to={s === "all" ? "/ops/returns" : `/ops/returns?status=${s}`}
            aria-current={query.status === s ? "page" : undefined}
          >
            {s === "all" ? "All" : STATUS_WORDS[s]} (
            {s === "all" ? Object.values(queue.byStatus).reduce((a, b) => a + b, 0) : (queue.byStatus[s] ?? 0)})
          </Link>
        ))}
      </nav>

      <form method="get" className="ops-filters" aria-label="Filter returns">
        <input type="hidden" name="status" value={query.status} />
        {periodChosen ? (
          <>
            <input type="hidden" name="from" value={period.from} />
            <input type="hidden" name="to" value={period.to} />
          </>
        ) : null}
        <div className="field">
          <label htmlFor="returns-reason">Reason</label>
          <select id="returns-reason" name="reason" defaultValue={query.reason}>
            <option value="all">All reasons</option>
            {RETURN_REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="returns-channel">Channel</label>
          <select id="returns-channel" name="channel" defaultValue={query.channel}>
            <option value="all">Web and counter</option>
            <option value="web">Web</option>
            <option value="pos">Flagship counter</option>
          </select>
        </div>
        <button type="submit" className="button button--small">
          Filter
        </button>
        {filtered ? (
          <Link to="/ops/returns" className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
      </form>

      {queue.rows.length === 0 ? (
        <EmptyList total={queue.total} pageCount={queue.pages} rows="returns">
          <h2>{filtered ? "No returns match these filters" : "No returns yet"}</h2>
          <p className="muted">Returns appear here as soon as a shopper starts one or the counter takes one.</p>
        </EmptyList>
      ) : (
        <ScrollRegion className="ops-table-wrap" label="Returns">
          <table className="table ops-orders-table">
            <thead>
              <tr>
                <th scope="col">Return</th>
                <th scope="col">Started</th>
                <th scope="col">Order</th>
                <th scope="col">State</th>
                <th scope="col">Reason</th>
                <th scope="col">Resolution</th>
                <th scope="col" className="ops-num">
                  Pieces
                </th>
                <th scope="col" className="ops-num">
                  Refund
                </th>
              </tr>
            </thead>
            <tbody>
              {queue.rows.map((r) => (
                <tr key={r.number}>
                  <td>
                    <Link to={`/ops/returns/${r.number}`}>{r.number}</Link>
                  </td>
                  <td>
                    <OpsTime iso={r.createdAt} />
                  </td>
                  <td>
                    <Link to={`/ops/orders/${r.orderNumber}`}>{r.orderNumber}</Link> {r.channel === "pos" ? "(counter)" : ""}
                  </td>
                  <td>
                    <span className={`badge ${r.status === "closed" ? "badge--ok" : r.status === "cancelled" ? "" : "badge--warn"}`}>
                      {STATUS_WORDS[r.status]}
                    </span>
                  </td>
                  <td>{reasonLabel(r.reason)}</td>
                  <td>{r.resolution === "exchange" ? "Exchange" : "Refund"}</td>
                  <td className="ops-num">{r.pieces}</td>
                  <td className="ops-num">
                    {r.resolution === "refund" || r.amount > 0 ? <Money value={{ amount: r.amount, currency: r.currency }} /> : "—"}{" "}
                    {r.due > 0 ? (
                      <span className={`badge ${r.dueState === "paid" ? "badge--ok" : r.dueState === "awaiting" ? "badge--warn" : ""}`}>
                        {DUE_WORDS[r.dueState] ?? r.dueState} <Money value={{ amount: r.due, currency: r.currency }} />
                      </span>
                    ) : null}
                    {r.refundState === "failed" ? <span className="badge badge--bad">failed</span> : null}
                    {r.refundState === "issued" ? <span className="badge badge--ok">refunded</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination page={query.page} pageCount={queue.pages} label="Return pages" />

      <ReturnsReport period={period} periodError={periodError} query={query} reasons={reasons} money={money} />
    </div>
  );
}
