import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import { LocalTime } from "~/components/ui/LocalTime";
import { maskedCode } from "~/domain/giftcards";
import { type DeliveryEstimate, formatDayRange } from "~/domain/orders";
import type { OrderStatusView } from "~/domain/orders/index.server";

type Order = SerializeFrom<OrderStatusView>;

/** Each line of the order, with its pieces' progress (per track), the carrier's link and the maker's photo of the finished work. */
export function OrderLines({ order, token }: { order: Order; token: string | null }) {
  const money = (amount: number) => <Money value={{ amount, currency: order.currency }} />;
  return (
    <ol className="order-lines">
      {order.lines.map((line) => (
        <li key={line.id} className="order-line">
          <div className="order-line__head">
            {line.image ? <Image src={line.image.url} alt={line.image.alt} width={96} height={96} sizes="96px" /> : null}
            <div>
              <h2>
                <Link to={`/products/${line.handle}`}>{line.title}</Link>
              </h2>
              <p className="muted">
                Qty {line.quantity} · {money(line.total)}
              </p>
            </div>
          </div>
          {line.tracks.map((track) => (
            <div key={track.key} className="track">
              {line.tracks.length > 1 ? (
                <p className="track__qty">
                  {track.quantity} {track.kind === "stock" ? "from stock" : "made to order"}
                </p>
              ) : null}
              {track.note ? <p className="badge badge--warn">{track.note}</p> : null}
              <ol className="timeline" aria-label={`Progress of ${line.title}`}>
                {track.steps.map((step) => (
                  <li
                    key={step.stage}
                    className={`timeline__step timeline__step--${step.state}`}
                    aria-current={step.state === "current" ? "step" : undefined}
                  >
                    <span className="timeline__dot" aria-hidden="true" />
                    <span className="timeline__label">
                      {step.maker?.handle ? (
                        <>
                          Accepted by <Link to={`/makers/${step.maker.handle}`}>{step.maker.firstName}</Link>, {step.maker.settlement}
                        </>
                      ) : (
                        step.label
                      )}
                      {step.tracking ? (
                        <span className="timeline__detail">
                          {" "}
                          — {step.tracking.carrier}{" "}
                          {step.tracking.url ? (
                            <a href={step.tracking.url} target="_blank" rel="noopener noreferrer" className="tracking-link">
                              {step.tracking.number}
                              <span className="visually-hidden"> (track on {step.tracking.carrier}'s site, opens in a new tab)</span>
                            </a>
                          ) : (
                            step.tracking.number
                          )}
                        </span>
                      ) : step.detail ? (
                        <span className="timeline__detail"> — {step.detail}</span>
                      ) : null}
                    </span>
                    {step.at && step.state !== "upcoming" ? <LocalTime iso={step.at} className="timeline__time" /> : null}
                  </li>
                ))}
              </ol>
              {track.photoUrl ? (
                <figure className="work-photo">
                  <img
                    src={`/orders/${encodeURIComponent(order.number)}/photos/${track.photoUrl.split("/").pop()}${token ? `?t=${encodeURIComponent(token)}` : ""}`}
                    alt={`${line.title}, photographed by ${makerOf(track) ?? "its maker"} when it was finished`}
                    loading="lazy"
                    decoding="async"
                  />
                  <figcaption>Your piece, photographed by {makerOf(track) ?? "its maker"} when it was finished.</figcaption>
                </figure>
              ) : null}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

/** The order's money: subtotal, discount, shipping, tax, total, refunds; and where it goes. */
export function OrderSummary({ order }: { order: Order }) {
  const money = (amount: number) => <Money value={{ amount, currency: order.currency }} />;
  const paidByCard = order.totals.total - order.giftCards.reduce((sum, card) => sum + card.amount, 0);
  return (
    <section className="order-summary" aria-labelledby="summary">
      <h2 id="summary">Summary</h2>
      <dl className="totals">
        <div>
          <dt>Subtotal</dt>
          <dd>{money(order.totals.subtotal)}</dd>
        </div>
        {order.totals.discountTotal ? (
          <div>
            <dt>Discount</dt>
            <dd>−{money(order.totals.discountTotal)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Shipping</dt>
          <dd>{money(order.totals.shippingTotal)}</dd>
        </div>
        {order.includedTax ? null : (
          <div>
            <dt>Tax</dt>
            <dd>{money(order.totals.taxTotal)}</dd>
          </div>
        )}
        <div className="totals__total">
          <dt>Total</dt>
          <dd data-testid="order-total">{money(order.totals.total)}</dd>
        </div>
        {order.includedTax ? (
          <div className="totals__included" data-testid="order-tax-included">
            <dt>Including {order.includedTax.name}</dt>
            <dd>{money(order.includedTax.amount)}</dd>
          </div>
        ) : null}
        {order.giftCards.map((card) => (
          <div key={card.last4} data-testid="order-gift-card">
            <dt>Gift card {maskedCode(card.last4)}</dt>
            <dd>−{money(card.amount)}</dd>
          </div>
        ))}
        {order.giftCards.length && paidByCard > 0 ? (
          <div data-testid="order-paid-by-card">
            <dt>Paid by card</dt>
            <dd>{money(paidByCard)}</dd>
          </div>
        ) : null}
        {order.refunded ? (
          <div>
            <dt>Refunded</dt>
            <dd>−{money(order.refunded)}</dd>
          </div>
        ) : null}
      </dl>
      {order.shippingAddress ? (
        <p className="muted">
          Shipping to {order.shippingAddress.name}, {order.shippingAddress.city}, {order.shippingAddress.country}
        </p>
      ) : null}
    </section>
  );
}

function makerOf(track: { steps: Array<{ maker?: { firstName: string } }> }): string | null {
  return track.steps.find((s) => s.maker)?.maker?.firstName ?? null;
}

/** When it should arrive: a range of days (no time of day, so no time zone), or the day it did. */
export function DeliveryCard({ delivery, locale }: { delivery: DeliveryEstimate; locale?: string }) {
  return (
    <section className="delivery-card" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">
        {delivery.kind === "delivered" ? "Delivered" : delivery.kind === "shipped" ? "On its way" : "Estimated delivery"}
      </h2>
      <p className="delivery-card__when" data-testid="delivery-estimate">
        {delivery.kind === "delivered"
          ? formatDayRange(delivery.on, delivery.on, locale)
          : formatDayRange(delivery.from, delivery.to, locale)}
      </p>
      {delivery.kind === "expected" ? (
        delivery.making ? (
          <p className="muted">
            {delivery.method === "express" ? "Express" : "Standard"} shipping once every piece is made and checked at our Nairobi hub.
            Handwork can run a day or two either way; this page and an email tell you when it ships.
          </p>
        ) : (
          <p className="muted">
            {delivery.method === "express" ? "Express" : "Standard"} shipping: your pieces are ready and leave within a business day. An
            email tells you when it ships.
          </p>
        )
      ) : delivery.kind === "shipped" ? (
        <p className="muted">Expected by the carrier's {delivery.method === "express" ? "express" : "standard"} service times.</p>
      ) : null}
    </section>
  );
}
