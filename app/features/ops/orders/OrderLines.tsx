import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { words } from "./format";
import type { PageData } from "./order.server";

type Detail = PageData["detail"];

/** Each line and where its pieces come from: stock at a location, or a production request. */
export function OrderLines({ lines, currency }: { lines: Detail["lines"]; currency: string }) {
  const money = (amount: number) => <Money value={{ amount, currency }} />;
  return (
    <section aria-labelledby="lines-heading">
      <h2 id="lines-heading">Lines</h2>
      <ul className="ops-lines">
        {lines.map((line) => (
          <li key={line.id} className="ops-line">
            <div className="ops-line__head">
              <strong>{line.title}</strong>
              <span className="muted">
                <code>{line.sku}</code> · {line.quantity} × {money(line.unitPrice)} = {money(line.total)}
              </span>
            </div>
            <ul className="ops-allocations" aria-label={`Where ${line.title} comes from`}>
              {line.allocations.map((a) => (
                <li key={a.id} className={a.released ? "is-released" : undefined}>
                  {a.kind === "stock" ? (
                    <>
                      {a.quantity} from stock at {a.location ? `${a.location.name} (${a.location.code})` : "an unknown location"}
                    </>
                  ) : a.request ? (
                    <>
                      {a.quantity} to make: <strong>{a.request.number}</strong> <span className="badge">{words(a.request.status)}</span>
                      {a.request.artisan ? (
                        <>
                          {" "}
                          · {a.request.artisan.name}, {a.request.artisan.settlement}
                        </>
                      ) : (
                        <span className="muted"> · no artisan yet</span>
                      )}
                      <span className="muted"> · due {a.request.dueDate}</span>
                      {a.request.late ? <span className="badge badge--warn">late</span> : null}
                    </>
                  ) : (
                    <>{a.quantity} to make</>
                  )}
                  {a.released ? <span className="muted"> — released</span> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The production requests made for this order, with their status, artisan and due date. */
export function ProductionRequests({ requests }: { requests: Detail["requests"] }) {
  if (!requests.length) return null;
  return (
    <section aria-labelledby="production-heading">
      <h2 id="production-heading">Production requests</h2>
      <ScrollRegion className="ops-table-wrap" label="Production requests">
        <table className="table ops-compact-table">
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Pieces</th>
              <th scope="col">Status</th>
              <th scope="col">Artisan</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.number}>
                <td>{r.number}</td>
                <td>{r.quantity}</td>
                <td>
                  <span className={`badge ${r.status === "cancelled" ? "badge--bad" : r.status === "qc_passed" ? "badge--ok" : ""}`}>
                    {words(r.status)}
                  </span>
                  {r.late ? (
                    <>
                      {" "}
                      <span className="badge badge--warn">late</span>
                    </>
                  ) : null}
                </td>
                <td>{r.artisan ? `${r.artisan.name}, ${r.artisan.settlement}` : <span className="muted">—</span>}</td>
                <td>{r.dueDate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
