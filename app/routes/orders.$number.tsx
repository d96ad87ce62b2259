import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useState } from "react";
import { ORDER_STATUS_WORDS } from "~/domain/orders";
import { Link, useLoaderData } from "@remix-run/react";
import { useLiveRevalidation } from "~/components/live/useLiveRevalidation";
import { requireOrderAccess } from "~/domain/orders/index.server";
import { reviewPath } from "~/domain/reviews/index.server";
import { normalizeReturnNumber } from "~/domain/returns";
import { returnAddress, returnsForOrder } from "~/domain/returns/index.server";
import { DeliveryCard, OrderLines, OrderSummary } from "~/features/storefront/order-status/OrderLines";
import { EmailedCards } from "~/features/storefront/order-status/EmailedCards";
import { OrderReturns } from "~/features/storefront/returns/OrderReturns";
import { DateLocaleProvider, LocalTime } from "~/components/ui/LocalTime";
import { takeThanks } from "~/lib/session.server";
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
  // Thanks only on the visit the pay step sent here; "Create an account" was ticked: the same words
  // whether or not the email had one (docs/decisions/0029).
  const { placed, accountOffered, setCookie } = await takeThanks(request, order.number);
  // Whoever may see a delivered order may review its pieces: the link carries its own token.
  const reviewHref = order.status === "delivered" ? reviewPath(order.number) : null;
  const returns = await returnsForOrder(order.id);
  // Only a return still on its way needs the address.
  const address = returns.some((r) => r.status === "requested") ? await returnAddress() : null;
  return data(
    { order, token, placed, accountOffered, reviewHref, returns, address, justStarted: normalizeReturnNumber(search.get("return") ?? "") },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export default function OrderStatusPage() {
  const { order, token, reviewHref, returns, address, justStarted, ...visit } = useLoaderData<typeof loader>();
  // Kept from the first load: the live page's revalidations (the cookie spent by then) keep the thanks on screen.
  const [thanked] = useState(() => (visit.placed ? { number: order.number, accountOffered: visit.accountOffered } : null));
  const placed = thanked?.number === order.number;
  const accountOffered = placed && Boolean(thanked?.accountOffered);
  const live = useLiveOrder(order.number, token);
  return (
    <DateLocaleProvider value={order.locale}>
      <div className="page order-status">
        {placed ? (
          <div className="notice notice--success" role="status">
            Thank you! Your order is confirmed. We've emailed a receipt to {order.email} with a link back to this page.
            {accountOffered ? (
              <>
                {" "}
                About your account: check your email. We've sent {order.email} what to do next — a link to finish your account, or, if you
                already have one, how to see this order in it.
              </>
            ) : null}
          </div>
        ) : null}
        <p className="eyebrow">Order {order.number}</p>
        <h1>{ORDER_STATUS_WORDS[order.status] ?? order.status}</h1>
        <p className="muted">
          Placed <LocalTime iso={order.placedAt} options={PLACED} />.{" "}
          {order.giftCardsOnly
            ? "A gift card is emailed to its recipient: there is nothing to make or ship."
            : "Every piece is made or finished by hand in Kenya; this page follows each one."}{" "}
          <span className="live-badge" data-live={live ? "on" : "off"}>
            {live ? "Live" : "Refresh for updates"}
          </span>
        </p>
        {reviewHref ? (
          <p className="notice">
            How are your pieces? <Link to={reviewHref}>Review them</Link>: other shoppers and the artisans who made them read every review.
          </p>
        ) : null}

        {order.delivery ? <DeliveryCard delivery={order.delivery} locale={order.locale} /> : null}

        <EmailedCards cards={order.emailedCards} locale={order.locale} only={order.giftCardsOnly} />

        <OrderLines order={order} token={token} />

        <OrderReturns
          returns={returns}
          currency={order.currency}
          returnPath={`/orders/${encodeURIComponent(order.number)}/return${token ? `?t=${encodeURIComponent(token)}` : ""}`}
          payPath={(returnNumber) =>
            `/orders/${encodeURIComponent(order.number)}/returns/${encodeURIComponent(returnNumber)}/pay${token ? `?t=${encodeURIComponent(token)}` : ""}`
          }
          canStart={order.status === "delivered"}
          justStarted={justStarted}
          address={address}
        />

        <OrderSummary order={order} />
      </div>
    </DateLocaleProvider>
  );
}

const PLACED: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

/** Reloads the page's data whenever the server says the order moved. Without JS the page shows the state at load. */
function useLiveOrder(number: string, token: string | null) {
  return useLiveRevalidation(`/orders/${encodeURIComponent(number)}/events${token ? `?t=${encodeURIComponent(token)}` : ""}`);
}
