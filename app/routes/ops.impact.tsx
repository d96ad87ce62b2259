import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { IMPACT_METHOD, WINDOW_MONTHS } from "~/domain/impact";
import { loadImpact } from "~/domain/impact/index.server";
import { BaselineSection } from "~/features/ops/impact/BaselineSection";
import { CountyPanel } from "~/features/ops/impact/CountyPanel";
import { EarningsOverTime } from "~/features/ops/impact/EarningsOverTime";
import { monthName } from "~/features/ops/impact/format";
import styles from "~/styles/ops-dashboard.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Impact · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.impact", "loader");
  return { impact: await loadImpact(), method: IMPACT_METHOD };
}

export default function OpsImpact() {
  const { impact, method } = useLoaderData<typeof loader>();
  const { months } = impact;
  return (
    <div className="ops-page">
      <h1>Impact</h1>
      <p className="muted">
        What artisans earn through Soko, measured from the ledger: {monthName(months[0].month)} to{" "}
        {monthName(months[months.length - 1].month)}, the last {WINDOW_MONTHS} complete months.
      </p>

      <BaselineSection impact={impact} method={method} />

      <div className="dash-grid">
        <EarningsOverTime impact={impact} />
        <CountyPanel impact={impact} />
      </div>
    </div>
  );
}
