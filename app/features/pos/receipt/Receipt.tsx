import { FLAGSHIP_TIME_ZONE } from "~/lib/time";
import { Money } from "~/components/commerce/Money";
import { formatMoney } from "~/lib/money";
import type { ReceiptView } from "../receipt.server";

type Props = Pick<ReceiptView, "order" | "lines" | "tenders" | "cashier" | "soldCards"> & { store: string };

/** The printed receipt: lines, totals, how it was paid and refunded, where a special order ships. */
export function Receipt({ order, lines, tenders, cashier, soldCards, store }: Props) {
  const money = (amount: number) => <Money value={{ amount, currency: order.currency }} />;
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: FLAGSHIP_TIME_ZONE }).format(
    new Date(order.placedAt),
  );
  const paid = tenders.filter((t) => t.amount > 0 && t.returnId === null);
  // A dearer exchange's difference, taken at the counter later.
  const differences = tenders.filter((t) => t.amount > 0 && t.returnId !== null);
  const refunds = tenders.filter((t) => t.amount < 0);
  const special = lines.some((l) => l.requests.length > 0);

  return (
    <article className="pos-receipt" aria-labelledby="receipt-heading">
      <header>
        <p className="pos-receipt__store">SOKO</p>
        <p>{store} · Register SF-1</p>
        <h1 id="receipt-heading">Receipt {order.number}</h1>
        <p>
          {when}
          {cashier ? ` · ${cashier}` : ""}
        </p>
      </header>
      <table className="pos-receipt__lines">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Qty</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td>
                {l.title}
                <br />
                <small>
                  {l.sku} · {money(l.unitPrice)} each{l.discount ? <> · discount −{money(l.discount)}</> : null}
                </small>
                {l.requests.length ? (
                  <>
                    <br />
                    <small>Special order: {l.requests.map((r) => `${r.number} (${r.quantity})`).join(", ")}</small>
                  </>
                ) : null}
                {l.exchanged.map((x) => (
                  <span key={`${x.number}-${x.for}`} data-testid="receipt-exchanged">
                    <br />
                    <small>
                      Exchanged: {x.quantity} for {x.for}
                      {x.number ? ` (${x.number})` : ""}
                    </small>
                  </span>
                ))}
                {l.returned - l.exchanged.reduce((sum, x) => sum + x.quantity, 0) > 0 ? (
                  <>
                    <br />
                    <small>Returned: {l.returned - l.exchanged.reduce((sum, x) => sum + x.quantity, 0)}</small>
                  </>
                ) : null}
              </td>
              <td>{l.quantity}</td>
              <td className="num">{money(l.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="pos-totals">
        <dt>Subtotal</dt>
        <dd>{money(order.subtotal)}</dd>
        {order.discountTotal ? (
          <>
            <dt>Discounts</dt>
            <dd>−{money(order.discountTotal)}</dd>
          </>
        ) : null}
        <dt>Sales tax</dt>
        <dd>{money(order.taxTotal)}</dd>
        <dt className="pos-totals__total">Total</dt>
        <dd className="pos-totals__total" data-testid="receipt-total">
          {money(order.total)}
        </dd>
        {paid.map((t) => (
          <TotalRow key={t.id} label={t.kind === "cash" ? "Cash" : (t.card ?? "Card")} value={money(t.amount)} />
        ))}
        {paid
          .filter((t) => t.kind === "cash" && t.cashGiven !== null)
          .map((t) => (
            <TotalRow
              key={`c${t.id}`}
              label={`Cash given ${formatMoney({ amount: t.cashGiven ?? 0, currency: order.currency })}, change`}
              value={<span data-testid="receipt-change">{money(t.changeDue ?? 0)}</span>}
            />
          ))}
        {differences.map((t) => (
          <TotalRow
            key={t.id}
            label={`Exchange difference paid ${t.kind === "cash" ? "in cash" : `by ${t.card ?? "card"}`}`}
            value={money(t.amount)}
          />
        ))}
        {refunds.map((t) => (
          <TotalRow
            key={t.id}
            label={t.kind === "cash" ? "Refunded in cash" : t.kind === "gift_card" ? "Refunded to gift card" : "Refunded to card"}
            value={money(t.amount)}
          />
        ))}
      </dl>
      {soldCards.length ? (
        <section className="pos-receipt__cards" aria-label="Gift cards sold">
          {soldCards.map((c) => (
            <p key={c.id} data-testid="receipt-gift-card">
              Gift card ····{c.last4}: {money(c.amount)} loaded · balance {money(c.balance)}
            </p>
          ))}
        </section>
      ) : null}
      {special && order.shippingAddress ? (
        <p>
          Special order ships to {order.shippingAddress.name}, {order.shippingAddress.line1}, {order.shippingAddress.city}{" "}
          {order.shippingAddress.postalCode ?? ""}.
        </p>
      ) : null}
      {order.email ? <p className="no-print muted">Receipt emailed to {order.email}.</p> : null}
      <p className="pos-receipt__foot">Returns and exchanges within 30 days with this receipt. Handmade in Kenya.</p>
    </article>
  );
}

function TotalRow({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
