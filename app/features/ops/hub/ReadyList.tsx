import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { HubRequestRow } from "~/domain/hub/index.server";
import type { PickupFailure } from "./forms";
import { PickupForm } from "./PickupForm";
import { RequestSummary } from "./RequestSummary";

/** Requests ready for a rider: the booked pickup, "rider collected", "artisan brought it in", and the pickup form. */
export function ReadyList({
  requests,
  suggestedPickup,
  failure,
}: {
  requests: HubRequestRow[];
  suggestedPickup: string;
  failure: PickupFailure | undefined;
}) {
  if (!requests.length) return <p className="empty-state">Nothing is waiting for a rider.</p>;
  return (
    <ul className="hub-cards">
      {requests.map((r) => (
        <li key={r.id} className="hub-card">
          <RequestSummary request={r} />
          {r.pickup ? (
            <p className="hub-card__pickup">
              Pickup booked: <strong>{r.pickup.riderName}</strong>
              {r.pickup.riderPhone ? <> ({r.pickup.riderPhone})</> : null} on <OpsTime iso={r.pickup.scheduledFor} weekday year={false} />
              {r.pickup.artisanConfirmedAt ? <span className="badge badge--ok">artisan handed over</span> : null}
            </p>
          ) : (
            <p className="hub-card__pickup muted">No pickup booked yet.</p>
          )}
          <div className="hub-card__actions">
            {r.pickup ? (
              <Form method="post">
                <input type="hidden" name="number" value={r.number} />
                <SubmitButton intent="collect" match={{ number: r.number }} className="button button--small">
                  Rider collected {r.number}
                </SubmitButton>
              </Form>
            ) : null}
            <Link className="button button--ghost button--small" to={`/ops/hub/requests/${r.number}`}>
              Artisan brought it in
            </Link>
          </div>
          <PickupForm
            request={r}
            suggested={suggestedPickup}
            failure={failure?.intent === "schedule_pickup" && failure.number === r.number ? failure : null}
          />
        </li>
      ))}
    </ul>
  );
}
