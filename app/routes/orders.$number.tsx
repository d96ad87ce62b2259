import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ORDER_STATUS_WORDS } from "~/domain/orders";
import { Link, useLoaderData } from "@remix-run/react";
import { useLiveRevalidation } from "~/components/live/useLiveRevalidation";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import { requireOrderAccess } from "~/domain/orders/index.server";
import { reviewPath } from "~/domain/reviews/index.server";
import { normalizeReturnNumber } from "~/domain/returns";
import { returnsForOrder } from "~/domain/returns/index.server";
import { OrderReturns } from "~/features/storefront/returns/OrderReturns";
import styles from "~/styles/order-status.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Order ${data.order.number} · Soko` : "Order · Soko" },
  { name: "robots", content: "noindex" },
];
// The server's same-origin Referrer-Policy keeps the token in this address from other sites; "no-referrer"
// would make the return forms (posted without JavaScript) send `Origin: null`, which is refused as cross-site.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { order, token } = await requireOrderAccess(request, params.number);
  const search = new URL(request.url).searchParams;
  const placed = search.get("placed") === "1";
  // Whoever may see a delivered order may review its pieces: the link carries its own token.
  const reviewHref = order.status === "delivered" ? reviewPath(order.number) : null;
  const returns = await returnsForOrder(order.id);
  return { order, token, placed, reviewHref, returns, justStarted: normalizeReturnNumber(search.get("return") ?? "") };
}

export default function OrderStatusPage() {
  const { order, token, placed, reviewHref, returns, justStarted } = useLoaderData<typeof loader>();
  const live = useLiveOrder(order.number, token);
  const money = (amount: number) => <Money value={{ amount, currency: order.currency }} />;
  return (
    <div className="page order-status">
      {placed ? (
        <div className="notice notice--success" role="status">
          Thank you! Your order is confirmed. We've emailed a receipt to {order.email} with a link back to this page.
        </div>
      ) : null}
      <p className="eyebrow">Order {order.number}</p>
      <h1>{ORDER_STATUS_WORDS[order.status] ?? order.status}</h1>
      <p className="muted">
        Placed {new Date(order.placedAt).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" })}.{" "}
        Every piece is made or finished by hand in Kenya; this page follows each one.{" "}
        <span className="live-badge" data-live={live ? "on" : "off"}>
          {live ? "Live" : "Refresh for updates"}
        </span>
      </p>
      {reviewHref ? (
        <p className="notice">
          How are your pieces? <Link to={reviewHref}>Review them</Link>: other shoppers and the artisans who made them read every review.
        </p>
      ) : null}

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
                        {step.detail ? <span className="timeline__detail"> — {step.detail}</span> : null}
                      </span>
                      {step.at && step.state !== "upcoming" ? (
                        <time className="timeline__time" dateTime={step.at}>
                          {new Date(step.at).toLocaleString("en-US", {
                            month: "short",
                            day: "numeric",
                            hour: "numeric",
                            minute: "2-digit",
                            timeZone: "UTC",
                          })}{" "}
                          UTC
                        </time>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </li>
        ))}
      </ol>

      <OrderReturns
        returns={returns}
        currency={order.currency}
        returnPath={`/orders/${encodeURIComponent(order.number)}/return${token ? `?t=${encodeURIComponent(token)}` : ""}`}
        canStart={order.status === "delivered"}
        justStarted={justStarted}
      />

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
          <div>
            <dt>Tax</dt>
            <dd>{money(order.totals.taxTotal)}</dd>
          </div>
          <div className="totals__total">
            <dt>Total</dt>
            <dd>{money(order.totals.total)}</dd>
          </div>
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
    </div>
  );
}

/** Reloads the page's data whenever the server says the order moved. Without JS the page shows the state at load. */
function useLiveOrder(number: string, token: string | null) {
  return useLiveRevalidation(`/orders/${encodeURIComponent(number)}/events${token ? `?t=${encodeURIComponent(token)}` : ""}`);
}
