import { Link } from "@remix-run/react";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { CHANNEL_LABEL, lateWords, statusWords } from "~/domain/production";
import type { ProductionBoardView } from "./board.server";
import { OpsLink } from "~/features/ops/shared/OpsLink";

/**
 * The board's requests. `bulk` adds a tick box per row (named `requestId`, for re-dispatch);
 * `canAct` a Reassign link.
 */
export function BoardTable({
  rows,
  today,
  label,
  bulk,
  canAct,
}: Pick<ProductionBoardView, "rows" | "canAct" | "today"> & { label: string; bulk: boolean }) {
  return (
    <ScrollRegion className="ops-table-wrap" label={label}>
      <table className="table">
        <thead>
          <tr>
            {bulk ? (
              <th scope="col" className="board-check">
                <span className="visually-hidden">Select</span>
              </th>
            ) : null}
            <th scope="col">Request</th>
            <th scope="col">Product</th>
            <th scope="col" className="ops-num">
              Units
            </th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col">Artisan</th>
            <th scope="col">Order</th>
            {canAct ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              {bulk ? (
                <td className="board-check">
                  <input type="checkbox" name="requestId" value={r.id} id={`pick-${r.id}`} aria-label={`Select ${r.number}`} />
                </td>
              ) : null}
              <th scope="row">
                <Link to={`/ops/production/${r.number}`}>{r.number}</Link>
              </th>
              <td>
                {r.product}
                <div className="muted ops-admin__sub">
                  {r.variant} · {r.sku}
                </div>
              </td>
              <td className="ops-num">
                {r.unitsMade ? `${r.unitsMade}/` : ""}
                {r.quantity}
              </td>
              <td>
                {r.dueDate}
                {r.late ? (
                  <div>
                    <span className="badge badge--bad">Late</span>{" "}
                    <span className="muted ops-admin__sub">
                      {lateWords({ status: r.status, dueDate: r.dueDate, late: r.flagged }, today)}
                    </span>
                  </div>
                ) : null}
              </td>
              <td>
                <span className="badge">{statusWords(r.status)}</span>
                {r.status === "offered" && r.offerExpiresAt ? (
                  <div className="muted ops-admin__sub">
                    until <OpsTime iso={r.offerExpiresAt} year={false} />
                  </div>
                ) : null}
              </td>
              <td>
                {r.artisanName ? (
                  <>
                    <OpsLink route="ops.artisans.$id" to={`/ops/artisans/${r.artisanId}`}>
                      {r.artisanName}
                    </OpsLink>
                    <div className="muted ops-admin__sub">{r.county}</div>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {r.orderNumber ? (
                  <>
                    <Link to={`/ops/orders/${r.orderNumber}`}>{r.orderNumber}</Link>
                    <div className="muted ops-admin__sub">{r.channel ? CHANNEL_LABEL[r.channel] : ""}</div>
                  </>
                ) : (
                  <span className="muted">Stock</span>
                )}
              </td>
              {canAct ? (
                <td>
                  <Link to={`/ops/production/${r.number}`} aria-label={`Reassign ${r.number}`}>
                    Reassign
                  </Link>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
