import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { PastLastPage } from "~/features/ops/shared/PastLastPage";
import { PagesFor } from "./PagesFor";
import type { PageData } from "./payouts.server";
import { Timestamp } from "./Timestamp";

/** Past payout runs, newest first; the one being looked at is marked current. */
export function RunTable({ runs, query }: { runs: PageData["runs"]; query: PageData["query"] }) {
  return (
    <section aria-labelledby="runs" className="payouts-section">
      <h2 id="runs">Runs</h2>
      {runs.runs.length === 0 ? (
        runs.total > 0 ? (
          <PastLastPage rows="runs" pageCount={runs.pageCount} level={3} />
        ) : (
          <p className="muted">No payout runs yet.</p>
        )
      ) : (
        <ScrollRegion className="ops-table-wrap" label="Payout runs">
          <table className="table payouts-table">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Started</th>
                <th scope="col">By</th>
                <th scope="col">Threshold</th>
                <th scope="col">Payouts</th>
                <th scope="col">Paid</th>
                <th scope="col">Failed</th>
                <th scope="col">Waiting</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {runs.runs.map((r) => (
                <tr key={r.id} aria-current={query.run === r.id ? "true" : undefined}>
                  <th scope="row">
                    <Link to={`/ops/payouts?run=${r.id}`}>Run {r.id}</Link>
                  </th>
                  <td>
                    <Timestamp iso={r.createdAt} />
                  </td>
                  <td>{r.createdBy}</td>
                  <td>
                    <Money value={{ amount: r.threshold, currency: "KES" }} />
                  </td>
                  <td>{r.payouts}</td>
                  <td>{r.succeeded}</td>
                  <td>{r.failed ? <span className="badge badge--bad">{r.failed}</span> : 0}</td>
                  <td>{r.open ? <span className="badge badge--warn">{r.open}</span> : 0}</td>
                  <td>
                    <Money value={{ amount: r.total, currency: "KES" }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <PagesFor param="runsPage" page={query.runsPage} pageCount={runs.pageCount} label="Run pages" newer="Newer runs" older="Older runs" />
    </section>
  );
}
