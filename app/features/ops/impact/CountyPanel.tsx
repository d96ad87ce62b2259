import { BarChart } from "~/components/charts/BarChart";
import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { RECENT_MONTHS, WINDOW_MONTHS } from "~/domain/impact";
import { formatWholeShillings as shillings } from "~/lib/money";
import { shillingsTick } from "~/components/charts/scale";
import { formatRatio, type ImpactReport } from "./format";

/** Earnings by county: the top twelve as a bar chart, every county in the table. */
export function CountyPanel({ impact }: { impact: ImpactReport }) {
  const { counties } = impact;
  const topCounties = counties.slice(0, 12);
  return (
    <section className="dash-panel dash-panel--wide" aria-labelledby="by-county">
      <h2 id="by-county">By county</h2>
      <BarChart
        title={`Earnings by county, last ${WINDOW_MONTHS} months (KES)`}
        description={topCounties.length ? `Highest: ${topCounties[0].county}, KES ${shillings(topCounties[0].total)}.` : "No earnings yet."}
        rows={topCounties.filter((c) => c.total > 0).map((c) => ({ label: c.county, value: c.total, valueText: shillings(c.total) }))}
        valueHeader="KES"
        formatValue={shillings}
        formatTick={shillingsTick}
      />
      <ScrollRegion className="ops-table-wrap" label="Earnings by county">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">County</th>
              <th scope="col" className="ops-num">
                Artisans
              </th>
              <th scope="col" className="ops-num">
                Earned any
              </th>
              <th scope="col" className="ops-num">
                Earned, {WINDOW_MONTHS} months
              </th>
              <th scope="col" className="ops-num">
                Per active month
              </th>
              <th scope="col" className="ops-num">
                Median × baseline (n)
              </th>
            </tr>
          </thead>
          <tbody>
            {counties.map((c) => (
              <tr key={c.county}>
                <th scope="row">{c.county}</th>
                <td className="ops-num">{c.artisans.toLocaleString("en-US")}</td>
                <td className="ops-num">{c.activeArtisans.toLocaleString("en-US")}</td>
                <td className="ops-num">
                  <Money value={{ amount: c.total, currency: impact.currency }} />
                </td>
                <td className="ops-num">
                  {c.perActiveMonth === null ? "—" : <Money value={{ amount: c.perActiveMonth, currency: impact.currency }} />}
                </td>
                <td className="ops-num">{c.medianRatio === null ? "—" : `${formatRatio(c.medianRatio)} (${c.sample})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="muted">
        Per active month: earnings divided by the months in which each artisan earned anything. Recent earnings are the last {RECENT_MONTHS}{" "}
        complete months.
      </p>
    </section>
  );
}
