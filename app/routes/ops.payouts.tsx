import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { type ShouldRevalidateFunction, useActionData, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { NeedsALook } from "~/features/ops/payouts/NeedsALook";
import { NextRun } from "~/features/ops/payouts/NextRun";
import { PayoutTable } from "~/features/ops/payouts/PayoutTable";
import type { ActionFailure } from "~/features/ops/payouts/payouts";
import { payoutsAction, payoutsPage, payoutsQuery } from "~/features/ops/payouts/payouts.server";
import { csvHref } from "~/features/ops/shared/csv-href";
import { RunTable } from "~/features/ops/payouts/RunTable";
import { SalesByCurrency } from "~/features/ops/payouts/SalesByCurrency";
import { TrialBalance } from "~/features/ops/payouts/TrialBalance";
import styles from "~/styles/payouts.css";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Payouts · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.payouts", "loader");
  const query = payoutsQuery(request);
  // The export is /ops/payouts.csv; an older ?format=csv link lands there with its filters.
  if (query.format === "csv") throw redirect(csvHref("/ops/payouts.csv", new URL(request.url).searchParams));
  return payoutsPage(request, query);
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.payouts", "action");
  return payoutsAction(request, staff);
}

/** A run refused because the payouts changed (409) loads the page again: the confirmation shows the run as it is now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export default function OpsPayouts() {
  const { query, threshold, preview, runs, payouts, books, flash, needsALook, sales } = useLoaderData<typeof payoutsPage>();
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  // A refused run form reopens the run's confirmation; a refused "Needs a look" form its own.
  const runFailure = failure && failure.values.intent !== "review" && failure.values.intent !== "recheck" ? failure : undefined;

  return (
    <div className="ops-page payouts">
      <h1>Payouts</h1>
      <p className="muted">
        Artisans earn when the hub passes their work. A run pays every balance at or above the threshold by M-Pesa; it also runs by itself
        every Monday at 06:00 Nairobi time.
      </p>
      <FlashNotice flash={flash} />
      <NeedsALook needsALook={needsALook} query={query} failure={failure} />
      <NextRun query={query} preview={preview} threshold={threshold} runFailure={runFailure} />
      <RunTable runs={runs} query={query} />
      <PayoutTable payouts={payouts} query={query} />
      <TrialBalance books={books} />
      <SalesByCurrency sales={sales} />
    </div>
  );
}
