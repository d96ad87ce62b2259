/** A wholesale order's side of its ops page: who ordered it, under which PO and terms, where it ships, and its invoices. */
import { Money } from "~/components/commerce/Money";
import { OpsLink } from "~/features/ops/shared/OpsLink";
import type { PageData } from "./order.server";

type Side = NonNullable<PageData["wholesale"]>;

export function OrderWholesale({ side }: { side: Side }) {
  const window =
    side.shipWindowStart || side.shipWindowEnd ? `${side.shipWindowStart ?? "any time"} to ${side.shipWindowEnd ?? "open"}` : null;
  return (
    <section aria-labelledby="order-wholesale">
      <h2 id="order-wholesale">Wholesale</h2>
      <dl className="ops-meta">
        <div>
          <dt>Retailer</dt>
          <dd>
            <OpsLink route="ops.retailers.$id" to={`/ops/retailers/${side.retailerId}`}>
              {side.retailerName}
            </OpsLink>
            {side.buyer ? <span className="muted"> · ordered by {side.buyer}</span> : null}
          </dd>
        </div>
        <div>
          <dt>PO</dt>
          <dd>{side.poNumber}</dd>
        </div>
        <div>
          <dt>Terms</dt>
          <dd>
            {side.terms}
            {side.allowanceBps ? <span className="muted"> · allowance {(side.allowanceBps / 100).toFixed(2)}%</span> : null}
          </dd>
        </div>
        {side.location ? (
          <div>
            <dt>Ships to</dt>
            <dd>
              {side.location}
              {side.locationCity ? `, ${side.locationCity}` : ""}
            </dd>
          </div>
        ) : null}
        {window ? (
          <div>
            <dt>Ship window</dt>
            <dd>{window}</dd>
          </div>
        ) : null}
      </dl>
      {side.invoices.length ? (
        <ul aria-label="Invoices">
          {side.invoices.map((invoice) => (
            <li key={invoice.number}>
              <OpsLink route="ops.invoices.$number" to={`/ops/invoices/${invoice.number}`}>
                {invoice.number}
              </OpsLink>{" "}
              <Money value={{ amount: invoice.amount, currency: invoice.currency }} /> · due {invoice.dueDate} ·{" "}
              <span className="badge">{invoice.status}</span>
              {invoice.balance > 0 && invoice.balance !== invoice.amount ? (
                <span className="muted">
                  {" "}
                  · <Money value={{ amount: invoice.balance, currency: invoice.currency }} /> still owed
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{side.terms === "Card" ? "Paid by card at order: no invoice." : "No invoice issued yet."}</p>
      )}
    </section>
  );
}
