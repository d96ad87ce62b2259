import { Link } from "@remix-run/react";
import { OpsTime } from "~/features/ops/shared/OpsTime";

type HubReturn = { number: string; status: string; createdAt: string | Date; orderNumber: string };

/** Shoppers' parcels the hub expects (started) or holds (received, to check). */
export function HubReturnsList({ returns }: { returns: HubReturn[] }) {
  if (!returns.length) return <p className="empty-state">No returns are on their way or waiting for a check.</p>;
  return (
    <ul className="hub-cards">
      {returns.map((r) => (
        <li key={r.number} className="hub-card">
          <p>
            <strong>{r.number}</strong> · order {r.orderNumber} ·{" "}
            <span className={`badge ${r.status === "received" ? "badge--warn" : ""}`}>
              {r.status === "received" ? "to quality check" : "on its way"}
            </span>
          </p>
          <p className="muted">
            Started <OpsTime iso={typeof r.createdAt === "string" ? r.createdAt : r.createdAt.toISOString()} />
          </p>
          <div className="hub-card__actions">
            <Link className="button button--small" to={`/ops/returns/${r.number}`}>
              {r.status === "received" ? `Check ${r.number}` : `Receive ${r.number}`}
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
