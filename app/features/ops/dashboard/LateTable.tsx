import { Link } from "@remix-run/react";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { STATUS_LABEL } from "./format";
import type { OpsHome } from "./home.server";

/**
 * The late requests (flagged, or past their due date), oldest first, each badged the same way as on
 * the board (domain/production/late.ts): days past due, or "Won't make it in time" when dispatch
 * flagged it before its due date.
 */
export function LateTable({ rows, can }: { rows: OpsHome["dashboard"]["late"]["rows"]; can: OpsHome["can"] }) {
  return (
    <ScrollRegion className="ops-table-wrap" label="Late requests">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Product</th>
            <th scope="col">State</th>
            <th scope="col">Due</th>
            <th scope="col">Artisan</th>
            <th scope="col">Order</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.number}>
              <td>{can.production ? <Link to={`/ops/production/${encodeURIComponent(r.number)}`}>{r.number}</Link> : r.number}</td>
              <td>
                {r.productTitle}{" "}
                <span className="muted">
                  {r.sku} × {r.quantity}
                </span>
              </td>
              <td>{STATUS_LABEL[r.status]}</td>
              <td>
                {r.dueDate} <span className="badge badge--bad">{r.lateWords}</span>
              </td>
              <td>{r.artisan ?? <span className="muted">Nobody yet</span>}</td>
              <td>
                {r.orderNumber ? (
                  can.order ? (
                    <Link to={`/ops/orders/${encodeURIComponent(r.orderNumber)}`}>{r.orderNumber}</Link>
                  ) : (
                    r.orderNumber
                  )
                ) : (
                  <span className="muted">For stock</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
