import { Money } from "~/components/commerce/Money";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { PageData } from "./order.server";

/** When it was placed, by whom, where it goes, and the money in and out. */
export function OrderMeta({ detail }: { detail: PageData["detail"] }) {
  const { order } = detail;
  const money = (amount: number) => <Money value={{ amount, currency: order.currency }} />;
  const address = order.shippingAddress;
  return (
    <dl className="ops-meta">
      <div>
        <dt>Placed</dt>
        <dd>
          <OpsTime iso={order.placedAt} />
        </dd>
      </div>
      <div>
        <dt>Email</dt>
        <dd>{order.email}</dd>
      </div>
      <div>
        <dt>Ship to</dt>
        <dd>
          {address
            ? [
                address.name,
                address.line1,
                address.line2,
                `${address.city}${address.region ? `, ${address.region}` : ""} ${address.postalCode ?? ""}`.trim(),
                address.country,
              ]
                .filter(Boolean)
                .join(", ")
            : "—"}
        </dd>
      </div>
      <div>
        <dt>Shipping</dt>
        <dd>{order.shippingMethod ?? "—"}</dd>
      </div>
      <div>
        <dt>Total</dt>
        <dd>
          {money(order.totals.total)}
          {order.discountCode ? <span className="muted"> (code {order.discountCode})</span> : null}
          {order.includedTax ? (
            <span className="muted">
              {" "}
              (including {money(order.includedTax.amount)} {order.includedTax.name})
            </span>
          ) : null}
        </dd>
      </div>
      {order.settlement ? (
        <div>
          <dt>Settles as</dt>
          <dd data-testid="ops-settlement">
            <Money value={{ amount: order.settlement.amount, currency: order.settlement.currency }} />{" "}
            <span className="muted">
              at {order.currency} {(order.settlement.ratePpm / 1_000_000).toFixed(4)} to the {order.settlement.currency}, the{" "}
              {order.market?.toUpperCase()} market's rate when it was placed
            </span>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Paid · refunded</dt>
        <dd>
          {money(detail.money.paid)} · {money(detail.money.refunded)}
        </dd>
      </div>
      {order.cancelledAt ? (
        <div>
          <dt>Cancelled</dt>
          <dd>
            <OpsTime iso={order.cancelledAt} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
