import { LineChart } from "~/components/charts/LineChart";
import { formatWholeShillings as shillings } from "~/lib/money";
import { shillingsTick } from "~/components/charts/scale";
import { monthName } from "./format";
import type { OpsHome } from "./home.server";

/** Artisan earnings this month against last, as running totals by day of the month. */
export function EarningsPanel({ dashboard: d }: Pick<OpsHome, "dashboard">) {
  return (
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
        formatTick={shillingsTick}
      />
    </section>
  );
}
