import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts/BarChart";
import { LineChart } from "~/components/charts/LineChart";
import { Money } from "~/components/commerce/Money";
import { formatWholeShillings as shillings } from "~/lib/money";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { IMPACT_METHOD, MIN_MONTHS, RECENT_MONTHS, WINDOW_MONTHS } from "~/domain/impact";
import { loadImpact } from "~/domain/impact/index.server";
import styles from "~/styles/ops-dashboard.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Impact · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.impact", "loader");
  return { impact: await loadImpact(), method: IMPACT_METHOD };
}

export default function OpsImpact() {
  const { impact, method } = useLoaderData<typeof loader>();
  const { baseline, months, counties } = impact;
  const first = months[0];
  const last = months[months.length - 1];
  const windowTotal = months.reduce((s, m) => s + m.total, 0);
  const topCounties = counties.slice(0, 12);
  return (
    <div className="ops-page">
      <h1>Impact</h1>
      <p className="muted">
        What artisans earn through Soko, measured from the ledger: {monthName(first.month)} to {monthName(last.month)}, the last{" "}
        {WINDOW_MONTHS} complete months.
      </p>

      <section className="impact-headline" aria-labelledby="baseline-title">
        <h2 id="baseline-title">Earnings against the baseline recorded at onboarding</h2>
        {baseline.median === null ? (
          <p>
            Not enough history yet: no artisan with a recorded baseline has earned in {MIN_MONTHS} or more of the last {WINDOW_MONTHS}{" "}
            months.
          </p>
        ) : (
          <>
            <p>
              <span className="impact-headline__number" data-testid="median-ratio">
                {formatRatio(baseline.median)}
              </span>
              the median artisan now earns {formatRatio(baseline.median)} what they earned each month before joining (sample:{" "}
              <strong data-testid="sample-size">{baseline.sample.toLocaleString("en-US")}</strong> artisans).
            </p>
            <ul>
              <li>
                <strong>{baseline.atLeast.x1.toLocaleString("en-US")}</strong> ({share(baseline.atLeast.x1, baseline.sample)}) earn at least
                their baseline (1×)
              </li>
              <li>
                <strong>{baseline.atLeast.x2.toLocaleString("en-US")}</strong> ({share(baseline.atLeast.x2, baseline.sample)}) at least
                double it (2×)
              </li>
              <li>
                <strong>{baseline.atLeast.x4.toLocaleString("en-US")}</strong> ({share(baseline.atLeast.x4, baseline.sample)}) at least
                quadruple it (4×)
              </li>
            </ul>
          </>
        )}
        <p className="impact-method">
          <strong>Method.</strong> {method} Left out: {baseline.excluded.noBaseline.toLocaleString("en-US")} artisans with no baseline
          recorded, {baseline.excluded.shortHistory.toLocaleString("en-US")} with fewer than {MIN_MONTHS} months of earnings (of{" "}
          {impact.artisans.toLocaleString("en-US")} registered).
        </p>
        <BarChart
          title="Artisans by ratio of recent earnings to baseline"
          description={`Of ${baseline.sample} artisans: ${baseline.buckets.map((b) => `${b.label} ${b.count}`).join(", ")}.`}
          rows={baseline.buckets.map((b) => ({ label: b.label, value: b.count }))}
          valueHeader="Artisans"
        />
      </section>

      <div className="dash-grid">
        <section className="dash-panel dash-panel--wide" aria-labelledby="over-time">
          <h2 id="over-time">Earnings over time</h2>
          <p className="muted">
            <Money value={{ amount: windowTotal, currency: impact.currency }} /> credited to artisans in {WINDOW_MONTHS} months;{" "}
            <Money value={{ amount: impact.currentMonth.total, currency: impact.currency }} /> so far in{" "}
            {monthName(impact.currentMonth.month)}.
          </p>
          <LineChart
            title="Artisan earnings by month (KES)"
            description={`From KES ${shillings(first.total)} in ${monthName(first.month)} to KES ${shillings(last.total)} in ${monthName(last.month)}.`}
            xLabels={months.map((m) => shortMonth(m.month))}
            xHeader="Month"
            series={[{ name: "All artisans (KES)", values: months.map((m) => m.total) }]}
            formatValue={shillings}
          />
          <LineChart
            title="Earnings per active artisan by month (KES)"
            description={`An artisan is active in a month when the hub passed any of their work. ${monthName(last.month)}: ${last.activeArtisans} active, KES ${shillings(last.perActive ?? 0)} each on average.`}
            xLabels={months.map((m) => shortMonth(m.month))}
            xHeader="Month"
            series={[{ name: "Per active artisan (KES)", values: months.map((m) => m.perActive) }]}
            formatValue={shillings}
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

        <section className="dash-panel dash-panel--wide" aria-labelledby="by-county">
          <h2 id="by-county">By county</h2>
          <BarChart
            title={`Earnings by county, last ${WINDOW_MONTHS} months (KES)`}
            description={
              topCounties.length ? `Highest: ${topCounties[0].county}, KES ${shillings(topCounties[0].total)}.` : "No earnings yet."
            }
            rows={topCounties.filter((c) => c.total > 0).map((c) => ({ label: c.county, value: c.total, valueText: shillings(c.total) }))}
            valueHeader="KES"
            formatValue={shillings}
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
            Per active month: earnings divided by the months in which each artisan earned anything. Recent earnings are the last{" "}
            {RECENT_MONTHS} complete months.
          </p>
        </section>
      </div>
    </div>
  );
}

function formatRatio(ratio: number) {
  return `${ratio.toFixed(1)}×`;
}

function share(part: number, whole: number) {
  return whole ? `${Math.round((part / whole) * 100)} %` : "—";
}

function monthName(key: string) {
  const [year, month] = key.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

function shortMonth(key: string) {
  const [year, month] = key.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" });
}
