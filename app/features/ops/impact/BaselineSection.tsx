import { BarChart } from "~/components/charts/BarChart";
import { MIN_MONTHS, WINDOW_MONTHS } from "~/domain/impact";
import { formatRatio, type ImpactReport, share } from "./format";

/** The headline: recent earnings against the baseline recorded at onboarding, how it is measured, and the spread. */
export function BaselineSection({ impact, method }: { impact: ImpactReport; method: string }) {
  const { baseline } = impact;
  return (
    <section className="impact-headline" aria-labelledby="baseline-title">
      <h2 id="baseline-title">Earnings against the baseline recorded at onboarding</h2>
      {baseline.median === null ? (
        <p>
          Not enough history yet: no artisan with a recorded baseline has earned in {MIN_MONTHS} or more of the last {WINDOW_MONTHS} months.
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
              <strong>{baseline.atLeast.x2.toLocaleString("en-US")}</strong> ({share(baseline.atLeast.x2, baseline.sample)}) at least double
              it (2×)
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
  );
}
