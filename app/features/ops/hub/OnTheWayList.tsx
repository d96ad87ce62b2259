import { Link } from "@remix-run/react";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { HubRequestRow } from "~/domain/hub/index.server";
import { RequestSummary } from "./RequestSummary";

/** Requests a rider has collected, on their way to the hub. */
export function OnTheWayList({ requests }: { requests: HubRequestRow[] }) {
  if (!requests.length) return <p className="empty-state">Nothing is on the way.</p>;
  return (
    <ul className="hub-cards">
      {requests.map((r) => (
        <li key={r.id} className="hub-card">
          <RequestSummary request={r} />
          {r.pickup ? (
            <p className="hub-card__pickup">
              With <strong>{r.pickup.riderName}</strong>
              {r.pickup.riderPhone ? <> ({r.pickup.riderPhone})</> : null}
              {r.pickup.riderConfirmedAt ? (
                <>
                  {" "}
                  since <OpsTime iso={r.pickup.riderConfirmedAt} weekday year={false} />
                </>
              ) : null}
            </p>
          ) : null}
          <div className="hub-card__actions">
            <Link className="button button--small" to={`/ops/hub/requests/${r.number}`}>
              Receive {r.number}
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
