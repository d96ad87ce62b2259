import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { MONEY_PERIOD_DAYS, moneyByCurrency, moneyKindLabel, reasonLabel } from "~/domain/returns";
import type { MoneyPeriod, MoneyTotalRow, QueueQuery } from "~/domain/returns";
import { OpsTime } from "~/features/ops/shared/OpsTime";

type Amount = { currency: string; amount: number };
type ReasonRow = {
  reason: string;
  returns: number;
  web: number;
  counter: number;
  pieces: number;
  faulty: number;
  refunded: Amount[];
  received: Amount[];
};
type Moved = {
  entryId: number;
  at: string;
  reference: string;
  returnNumber: string;
  kind: string;
  shopperAmount: number;
  shopperCurrency: string;
  booked: number;
  bookedCurrency: string;
};

function Amounts({ amounts }: { amounts: Amount[] }) {
  if (amounts.length === 0) return <>—</>;
  return (
    <>
      {amounts.map((m, i) => (
        <span key={m.currency}>
          {i ? <br /> : null}
          <Money value={{ amount: m.amount, currency: m.currency }} />
        </span>
      ))}
    </>
  );
}

/** The period the reasons and the money cover (a plain GET form: the period is in the address). */
function PeriodForm({ period, error, query }: { period: MoneyPeriod; error: string | null; query: QueueQuery }) {
  const csv = new URLSearchParams({ from: period.from, to: period.to });
  return (
    <form method="get" className="ops-filters" aria-label="Report period" aria-describedby="period-hint">
      {(["status", "reason", "channel"] as const).map((key) =>
        query[key] !== "all" ? <input key={key} type="hidden" name={key} value={query[key]} /> : null,
      )}
      <div className="field">
        <label htmlFor="period-from">From</label>
        <input id="period-from" name="from" type="date" defaultValue={period.from} aria-invalid={error ? true : undefined} />
      </div>
      <div className="field">
        <label htmlFor="period-to">To</label>
        <input id="period-to" name="to" type="date" defaultValue={period.to} aria-invalid={error ? true : undefined} />
      </div>
      <button type="submit" className="button button--small">
        Show
      </button>
      <a className="button button--small button--secondary" href={`/ops/returns/money.csv?${csv}`} download>
        Download CSV
      </a>
      <p id="period-hint" className={`returns-report__hint ${error ? "field-error" : "field-hint"}`} role={error ? "alert" : undefined}>
        {error ?? `Days on the factory's clock, both included. Without dates: the last ${MONEY_PERIOD_DAYS} days.`}
      </p>
    </form>
  );
}

/** Why pieces came back, and the money returns moved in the period, from the ledger. */
export function ReturnsReport({
  period,
  periodError,
  query,
  reasons,
  money,
}: {
  period: MoneyPeriod;
  periodError: string | null;
  query: QueueQuery;
  reasons: ReasonRow[];
  money: { totals: MoneyTotalRow[]; latest: Moved[] };
}) {
  const groups = moneyByCurrency(money.totals);
  return (
    <section aria-labelledby="report" className="returns-report">
      <h2 id="report">
        Report: <time dateTime={period.from}>{period.from}</time> to <time dateTime={period.to}>{period.to}</time>
      </h2>
      <PeriodForm period={period} error={periodError} query={query} />

      <h3 id="reasons">Why pieces come back</h3>
      {reasons.length === 0 ? (
        <p className="muted">No returns in this period.</p>
      ) : (
        <ScrollRegion className="ops-table-wrap" label="Return reasons">
          <table className="table" aria-labelledby="reasons">
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col" className="ops-num">
                  Returns started
                </th>
                <th scope="col" className="ops-num">
                  Web
                </th>
                <th scope="col" className="ops-num">
                  Counter
                </th>
                <th scope="col" className="ops-num">
                  Pieces
                </th>
                <th scope="col" className="ops-num">
                  Faulty at QC
                </th>
                <th scope="col" className="ops-num">
                  Money back
                </th>
                <th scope="col" className="ops-num">
                  Differences received
                </th>
              </tr>
            </thead>
            <tbody>
              {reasons.map((r) => (
                <tr key={r.reason}>
                  <td>{reasonLabel(r.reason)}</td>
                  <td className="ops-num">{r.returns}</td>
                  <td className="ops-num">{r.web}</td>
                  <td className="ops-num">{r.counter}</td>
                  <td className="ops-num">{r.pieces}</td>
                  <td className="ops-num">{r.faulty}</td>
                  <td className="ops-num">
                    <Amounts amounts={r.refunded} />
                  </td>
                  <td className="ops-num">
                    <Amounts amounts={r.received} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h3 id="money">Money returns moved (ledger)</h3>
      <p className="muted">
        By the shopper's currency: what they saw, and what the ledger booked beside it (card money in US dollars at the order's rate; a gift
        card in its own currency).
      </p>
      {groups.length === 0 ? (
        <p className="muted">No refunds or exchange differences in this period.</p>
      ) : (
        <ScrollRegion className="ops-table-wrap" label="Money returns moved">
          <table className="table returns-report__money" aria-labelledby="money">
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col" className="ops-num">
                  Entries
                </th>
                <th scope="col" className="ops-num">
                  Shopper's money
                </th>
                <th scope="col" className="ops-num">
                  Booked
                </th>
              </tr>
            </thead>
            {groups.map((g) => (
              <tbody key={g.currency}>
                <tr>
                  <th scope="rowgroup" colSpan={4} className="returns-report__currency">
                    Paid in {g.currency}
                  </th>
                </tr>
                {g.rows.map((row) => (
                  <tr key={`${row.kind}-${row.bookedCurrency}`}>
                    <td>{moneyKindLabel(row.kind)}</td>
                    <td className="ops-num">{row.entries}</td>
                    <td className="ops-num">
                      <Money value={{ amount: row.shopperAmount, currency: g.currency }} />
                    </td>
                    <td className="ops-num">
                      <Money value={{ amount: row.booked, currency: row.bookedCurrency }} />
                    </td>
                  </tr>
                ))}
                <tr className="returns-report__net">
                  <td>Net (in less out)</td>
                  <td />
                  <td className="ops-num">
                    <Money value={{ amount: g.net.shopperAmount, currency: g.currency }} />
                  </td>
                  <td className="ops-num">
                    <Amounts amounts={g.net.booked} />
                  </td>
                </tr>
              </tbody>
            ))}
          </table>
        </ScrollRegion>
      )}
      {money.latest.length ? (
        <>
          <h3 id="latest-money">Latest entries</h3>
          <ScrollRegion className="ops-table-wrap" label="Latest ledger entries for returns">
            <table className="table" aria-label="Latest ledger entries for returns">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Return</th>
                  <th scope="col">What</th>
                  <th scope="col" className="ops-num">
                    Shopper's money
                  </th>
                  <th scope="col" className="ops-num">
                    Booked
                  </th>
                </tr>
              </thead>
              <tbody>
                {money.latest.map((e) => (
                  <tr key={e.entryId}>
                    <td>
                      <OpsTime iso={e.at} />
                    </td>
                    <td>
                      <Link to={`/ops/returns/${e.returnNumber}`}>{e.returnNumber}</Link>
                    </td>
                    <td>{moneyKindLabel(e.kind)}</td>
                    <td className="ops-num">
                      <Money value={{ amount: e.shopperAmount, currency: e.shopperCurrency }} />
                    </td>
                    <td className="ops-num">
                      <Money value={{ amount: e.booked, currency: e.bookedCurrency }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      ) : null}
    </section>
  );
}
