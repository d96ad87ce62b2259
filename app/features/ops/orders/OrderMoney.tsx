import { Money } from "~/components/commerce/Money";
import { emailedCardFor } from "~/domain/giftcards";
import { toSettlement } from "~/domain/markets";
import { formatLongDay } from "~/lib/intl";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { PageData } from "./order.server";
import { OpsLink } from "~/features/ops/shared/OpsLink";

/** Payments (and invoices), refunds and shipments (or the gift cards emailed instead), side by side. */
export function OrderMoney({ detail, giftCardsOnly }: { detail: PageData["detail"]; giftCardsOnly: boolean }) {
  const { order, payments, refunds, shipments, invoices, emailedCards } = detail;
  const money = (amount: number, currency = order.currency) => <Money value={{ amount, currency }} />;
  return (
    <div className="ops-order__money">
      <section aria-labelledby="payments-heading">
        <h2 id="payments-heading">Payments</h2>
        {payments.length ? (
          <ul className="ops-plain-list">
            {payments.map((p) => (
              <li key={p.id}>
                {money(p.amount, p.currency)} · {p.provider} <code>{p.providerRef}</code> · {p.status} · <OpsTime iso={p.createdAt} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No payments recorded{order.paymentStatus === "on_terms" ? " (on terms: invoiced)" : ""}.</p>
        )}
        {invoices.length ? (
          <p>
            Invoice{invoices.length > 1 ? "s" : ""}:{" "}
            {invoices.map((invoice, i) => (
              <span key={invoice.number}>
                {i ? ", " : ""}
                <OpsLink route="ops.invoices.$number" to={`/ops/invoices/${invoice.number}`}>
                  {invoice.number}
                </OpsLink>{" "}
                ({invoice.status}, due {invoice.dueDate})
              </span>
            ))}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="refunds-heading">
        <h2 id="refunds-heading">Refunds</h2>
        {refunds.length ? (
          <ul className="ops-plain-list">
            {refunds.map((r) => (
              <li key={r.id}>
                {money(r.amount, r.currency)}
                {order.settlement && r.currency === order.currency ? (
                  // In USD at the order's own rate: what the books see of it.
                  <span className="muted"> ({money(toSettlement(r.amount, order.settlement.ratePpm), order.settlement.currency)})</span>
                ) : null}{" "}
                ·{" "}
                <span className={`badge ${r.status === "failed" ? "badge--bad" : r.status === "succeeded" ? "badge--ok" : "badge--warn"}`}>
                  {r.status}
                </span>{" "}
                · {r.reason} · <OpsTime iso={r.createdAt} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No refunds.</p>
        )}
      </section>
      <section aria-labelledby="shipments-heading">
        <h2 id="shipments-heading">Shipments</h2>
        {shipments.length ? (
          <ul className="ops-plain-list">
            {shipments.map((s) => (
              <li key={s.id}>
                {s.carrier} <code>{s.trackingNumber}</code> · shipped <OpsTime iso={s.shippedAt} />
                {s.deliveredAt ? (
                  <>
                    {" "}
                    · delivered <OpsTime iso={s.deliveredAt} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : giftCardsOnly ? null : (
          <p className="muted">Not shipped yet.</p>
        )}
        {emailedCards.length ? (
          <ul className="ops-plain-list">
            {emailedCards.map((card) => (
              <li key={card.last4}>
                {giftCardsOnly ? "Nothing to ship: gift card" : "Gift card"} ····{card.last4} for {emailedCardFor(card)}{" "}
                {card.deliveredAt ? (
                  <>
                    sent by email <OpsTime iso={card.deliveredAt} />
                  </>
                ) : card.sendOn ? (
                  <>to be sent by email on {formatLongDay(`${card.sendOn}T00:00:00Z`, "en-GB")} (early that day, UTC)</>
                ) : (
                  "to be sent by email shortly"
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
