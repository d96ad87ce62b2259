import { Link } from "@remix-run/react";
import { BarChart } from "~/components/charts/BarChart";
import { STATUS_LABEL } from "./format";
import type { OpsHome } from "./home.server";

/** Production requests (and units) in each state that has any. */
export function PipelinePanel({ dashboard: d, can }: Pick<OpsHome, "dashboard" | "can">) {
  const pipelineActive = d.pipeline.filter((row) => row.requests > 0);
  return (
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
  );
}
