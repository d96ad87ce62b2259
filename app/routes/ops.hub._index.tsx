import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { AwaitingQcList } from "~/features/ops/hub/AwaitingQcList";
import type { PickupFailure } from "~/features/ops/hub/forms";
import { OnTheWayList } from "~/features/ops/hub/OnTheWayList";
import { ReadyList } from "~/features/ops/hub/ReadyList";
import { More } from "~/features/ops/hub/RequestSummary";
import { hubTodayAction, loadHubToday } from "~/features/ops/hub/today.server";
import { HubReturnsList } from "~/features/ops/returns/HubReturnsList";
import { hubReturns } from "~/domain/returns/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction = () => [{ title: "Nairobi hub · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.hub._index", "loader");
  const [today, returns] = await Promise.all([loadHubToday(), hubReturns()]);
  return withFlash(request, { ...today, returns });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.hub._index", "action");
  const answer = await hubTodayAction(await readForm(request), `staff:${staff.id}`);
  if (!answer.ok) return data<PickupFailure>(answer.failure, { status: answer.status });
  return redirectWithFlash(request, "/ops/hub", { kind: "success", message: answer.message });
}

export default function HubDashboard() {
  const { dashboard, suggestedPickup, returns, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as PickupFailure | undefined;
  const { counts, ready, collected, received } = dashboard;
  return (
    <div className="ops-page hub-page">
      <p className="eyebrow">Nairobi hub</p>
      <h1>Today at the hub</h1>

      <FlashNotice flash={flash} />
      {failure?.error ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}

      <form method="get" action="/ops/hub/receive" className="hub-scan" role="search" aria-label="Receive a delivery">
        <div className="field">
          <label htmlFor="scan-number">Request or return number, or scan</label>
          <input
            id="scan-number"
            name="number"
            placeholder="PR-50012"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            required
            maxLength={40}
          />
        </div>
        <button type="submit" className="button">
          Find
        </button>
      </form>

      <ul className="hub-counts" aria-label="Work at the hub">
        <li>
          <a href="#ready">
            <strong>{counts.ready}</strong> ready for pickup
          </a>
          {counts.scheduled ? <span className="muted"> ({counts.scheduled} booked)</span> : null}
        </li>
        <li>
          <a href="#arriving">
            <strong>{counts.collected}</strong> on the way
          </a>
        </li>
        <li>
          <a href="#received">
            <strong>{counts.received}</strong> to quality check
          </a>
        </li>
        <li>
          <Link to="/ops/hub/packing">
            <strong>{counts.toPack}</strong> to pack
          </Link>
        </li>
        <li>
          <Link to="/ops/hub/packing?show=ship">
            <strong>{counts.toShip}</strong> to ship
          </Link>
        </li>
      </ul>

      <section aria-labelledby="ready" className="hub-section">
        <h2 id="ready">Ready for pickup</h2>
        <More shown={ready.length} total={counts.ready} />
        <ReadyList requests={ready} suggestedPickup={suggestedPickup} failure={failure} />
      </section>

      <section aria-labelledby="arriving" className="hub-section">
        <h2 id="arriving">On the way to the hub</h2>
        <More shown={collected.length} total={counts.collected} />
        <OnTheWayList requests={collected} />
      </section>

      <section aria-labelledby="received" className="hub-section">
        <h2 id="received">Waiting for a quality check</h2>
        <More shown={received.length} total={counts.received} />
        <AwaitingQcList requests={received} />
      </section>

      <section aria-labelledby="returns" className="hub-section">
        <h2 id="returns">Returns from shoppers</h2>
        <HubReturnsList returns={returns} />
      </section>
    </div>
  );
}
