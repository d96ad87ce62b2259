import { LineChart } from "~/components/charts/LineChart";
import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { WINDOW_MONTHS } from "~/domain/impact";
import { formatWholeShillings as shillings } from "~/lib/money";
import { shillingsTick } from "~/components/charts/scale";
import { type ImpactReport, monthName, shortMonth } from "./format";

/** Earnings by month, in all and per active artisan: two line charts and the table behind them. */
export function EarningsOverTime({ impact }: { impact: ImpactReport }) {
  const { months } = impact;
  const first = months[0];
  const last = months[months.length - 1];
  const windowTotal = months.reduce((s, m) => s + m.total, 0);
  return (
    <section className="dash-panel dash-panel--wide" aria-labelledby="over-time">
      <h2 id="over-time">Earnings over time</h2>
      <p className="muted">
        <Money value={{ amount: windowTotal, currency: impact.currency }} /> credited to artisans in {WINDOW_MONTHS} months;{" "}
        <Money value={{ amount: impact.currentMonth.total, currency: impact.currency }} /> so far in {monthName(impact.currentMonth.month)}.
      </p>
      <LineChart
        title="Artisan earnings by month (KES)"
        description={`From KES ${shillings(first.total)} in ${monthName(first.month)} to KES ${shillings(last.total)} in ${monthName(last.month)}.`}
        xLabels={months.map((m) => shortMonth(m.month))}
        xHeader="Month"
        series={[{ name: "All artisans (KES)", values: months.map((m) => m.total) }]}
        formatValue={shillings}
        formatTick={shillingsTick}
      />
      <LineChart
        title="Earnings per active artisan by month (KES)"
        description={`An artisan is active in a month when the hub passed any of their work. ${monthName(last.month)}: ${last.activeArtisans} active, KES ${shillings(last.perActive ?? 0)} each on average.`}
        xLabels={months.map((m) => shortMonth(m.month))}
        xHeader="Month"
        series={[{ name: "Per active artisan (KES)", values: months.map((m) => m.perActive) }]}
        formatValue={shillings}
        formatTick={shillingsTick}
      />
      <ScrollRegion className="ops-table-wrap" label="Earnings by month">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="ops-num">
                Earned
              </th>
              <th scope="col" className="ops-num">
                Active artisans
              </th>
              <th scope="col" className="ops-num">
                Per active artisan
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthName(m.month)}</th>
                <td className="ops-num">
                  <Money value={{ amount: m.total, currency: impact.currency }} />
                </td>
                <td className="ops-num">{m.activeArtisans.toLocaleString("en-US")}</td>
                <td className="ops-num">
                  {m.perActive === null ? "—" : <Money value={{ amount: m.perActive, currency: impact.currency }} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
