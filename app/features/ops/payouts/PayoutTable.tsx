import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { PAYOUT_STATUSES, PREVIEW_SEARCH_MAX } from "~/domain/payouts";
import { PastLastPage } from "~/features/ops/shared/PastLastPage";
import { PagesFor } from "./PagesFor";
import type { PageData } from "./payouts.server";
import { Timestamp } from "./Timestamp";
import { STATUS_BADGE, STATUS_WORDS } from "./words";
import { FilterSelect } from "~/components/ui/FilterSelect";

/** Every payout (of one run, a status, an artisan), filterable and exported as CSV with the same filters. */
export function PayoutTable({ payouts, query }: { payouts: PageData["payouts"]; query: PageData["query"] }) {
  const filterParams = new URLSearchParams();
  if (query.run) filterParams.set("run", String(query.run));
  if (query.status) filterParams.set("status", query.status);
  if (query.find) filterParams.set("find", query.find);
  const filtered = Boolean(query.run || query.status || query.find);
  return (
    <section aria-labelledby="payouts" className="payouts-section">
      <h2 id="payouts">{query.run ? `Payouts of run ${query.run}` : "Payouts"}</h2>
      <form method="get" className="ops-filters" aria-label="Filter payouts">
        <FilterSelect
          id="payout-status"
          label="Status"
          name="status"
          value={query.status}
          all="All statuses"
          options={PAYOUT_STATUSES.map((s) => [s, STATUS_WORDS[s]])}
        />
        <div className="field">
          <label htmlFor="payout-run">Run</label>
          <input id="payout-run" name="run" type="number" inputMode="numeric" min={1} defaultValue={query.run ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="payout-find">Artisan, phone or receipt</label>
          <input
            id="payout-find"
            name="find"
            type="search"
            maxLength={PREVIEW_SEARCH_MAX}
            defaultValue={query.find ?? ""}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button button--small">
          Filter
        </button>
        {filtered ? (
          <Link to="/ops/payouts" className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
        <a href={`/ops/payouts.csv${filterParams.size ? `?${filterParams}` : ""}`} className="button button--small button--ghost" download>
          Export CSV
        </a>
      </form>
      {payouts.payouts.length === 0 ? (
        payouts.total > 0 ? (
          <PastLastPage rows="payouts" pageCount={payouts.pageCount} level={3} />
        ) : (
          <p className="muted">No payouts{filtered ? " match these filters" : " yet"}.</p>
        )
      ) : (
        <ScrollRegion className="ops-table-wrap" label="Payouts">
          <table className="table payouts-table">
            <thead>
              <tr>
                <th scope="col">Payout</th>
                <th scope="col">Run</th>
                <th scope="col">Artisan</th>
                <th scope="col">Phone</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">M-Pesa receipt</th>
                <th scope="col">Failure reason</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {payouts.payouts.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.id}</th>
                  <td>{p.runId ?? "—"}</td>
                  <td>
                    {p.firstName} {p.lastName} <span className="muted">#{p.artisanId}</span>
                  </td>
                  <td>{p.phone}</td>
                  <td>
                    <Money value={{ amount: p.amount, currency: p.currency }} />
                  </td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[p.status]}`}>{STATUS_WORDS[p.status]}</span>
                  </td>
                  <td>{p.receipt ? <code>{p.receipt}</code> : <span className="muted">—</span>}</td>
                  <td className="payouts-reason">{p.failureReason ?? ""}</td>
                  <td>
                    <Timestamp iso={p.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <PagesFor
        param="payoutsPage"
        page={query.payoutsPage}
        pageCount={payouts.pageCount}
        label="Payout pages"
        newer="Newer payouts"
        older="Older payouts"
      />
    </section>
  );
}
