import { Link } from "@remix-run/react";
import type { HubRequestRow } from "~/domain/hub/index.server";
import { RequestSummary } from "./RequestSummary";

/** Requests received at the hub, waiting for a quality check. */
export function AwaitingQcList({ requests }: { requests: HubRequestRow[] }) {
  if (!requests.length) return <p className="empty-state">Nothing is waiting for a quality check.</p>;
  return (
    <ul className="hub-cards">
      {requests.map((r) => (
        <li key={r.id} className="hub-card">
          <RequestSummary request={r} />
          <div className="hub-card__actions">
            <Link className="button button--small" to={`/ops/hub/requests/${r.number}#qc`}>
              Quality check {r.number}
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
