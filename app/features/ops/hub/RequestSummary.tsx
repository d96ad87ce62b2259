import { Link } from "@remix-run/react";
import type { HubRequestRow } from "~/domain/hub/index.server";

/** The head of a request's card: its number, what is made, who makes it, when it is due. */
export function RequestSummary({ request: r }: { request: HubRequestRow }) {
  return (
    <div className="hub-card__head">
      <p className="hub-card__number">
        <Link to={`/ops/hub/requests/${r.number}`}>{r.number}</Link>
        {r.late ? <span className="badge badge--warn">late</span> : null}
      </p>
      <p className="hub-card__what">
        <strong>
          {r.quantity} × {r.product}
        </strong>
        {r.variant && r.variant !== "Default" ? <span className="muted"> — {r.variant}</span> : null}
      </p>
      <p className="muted">
        {r.artisanName ? (
          <>
            {r.artisanName}, {r.settlement}
            {r.county ? ` (${r.county})` : ""}
            {r.artisanPhone ? (
              <>
                {" "}
                · <a href={`tel:${r.artisanPhone}`}>{r.artisanPhone}</a>
              </>
            ) : null}
          </>
        ) : (
          "No artisan"
        )}{" "}
        · due {r.dueDate}
        {r.orderNumber ? <> · order {r.orderNumber}</> : null}
      </p>
    </div>
  );
}

/** Says when a list shows only the first of more. */
export function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? (
    <p className="muted">
      Showing the {shown} due first of {total}.
    </p>
  ) : null;
}
