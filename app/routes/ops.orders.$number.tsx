import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { CancelForm } from "~/features/ops/orders/CancelForm";
import { type ActionFailure, CHANNEL_LABEL, words } from "~/features/ops/orders/format";
import { FulfilmentForms } from "~/features/ops/orders/FulfilmentForms";
import { orderAction, orderNumber, orderPage } from "~/features/ops/orders/order.server";
import { OrderEdi } from "~/features/ops/orders/OrderEdi";
import { OpsLink } from "~/features/ops/shared/OpsLink";
import { OrderWholesale } from "~/features/ops/orders/OrderWholesale";
import { OrderHistory } from "~/features/ops/orders/OrderHistory";
import { OrderLines, ProductionRequests } from "~/features/ops/orders/OrderLines";
import { OrderMeta } from "~/features/ops/orders/OrderMeta";
import { OrderLedger } from "~/features/ops/orders/OrderLedger";
import { OrderMoney } from "~/features/ops/orders/OrderMoney";
import { RefundForm } from "~/features/ops/orders/RefundForm";
import { UnverifiedRefunds } from "~/features/ops/orders/UnverifiedRefunds";
import styles from "~/styles/ops-orders.css";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.detail.order.number ?? "Order"} · Orders · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.orders.$number", "loader");
  return orderPage(request, orderNumber(params.number), staff);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.orders.$number", "action");
  return orderAction(request, orderNumber(params.number), staff);
}

export default function OpsOrder() {
  const { detail, edi, wholesale, actors, can, keys, flash, ledger, giftCardsOnly } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { order } = detail;
  const failure = actionData && "intent" in actionData ? (actionData as ActionFailure) : null;
  const refundKey = failure?.intent === "refund" && failure.nextKey ? failure.nextKey : keys.refund;

  return (
    <div className="ops-page ops-order">
      <p>
        {/* The hub opens an order to pack and ship it, not from the list of all orders (which it may not open). */}
        <OpsLink
          route="ops.orders._index"
          to="/ops/orders"
          fallback={
            <OpsLink route="ops.hub.packing" to="/ops/hub/packing" fallback={null}>
              ← Pack & ship
            </OpsLink>
          }
        >
          ← Orders
        </OpsLink>
      </p>
      <p className="eyebrow">{CHANNEL_LABEL[order.channel] ?? order.channel} order</p>
      <h1>{order.number}</h1>
      <p className="ops-order__badges">
        <span className={`badge ${order.status === "cancelled" ? "badge--bad" : ""}`}>{words(order.status)}</span>{" "}
        <span
          className={`badge ${order.paymentStatus === "paid" ? "badge--ok" : order.paymentStatus === "failed" ? "badge--bad" : "badge--warn"}`}
        >
          payment {words(order.paymentStatus)}
        </span>{" "}
        <a href={order.statusPath} className="ops-order__status-link">
          Customer's status page
        </a>
      </p>

      <FlashNotice flash={flash} />
      {failure?.error ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}

      <OrderMeta detail={detail} />
      {wholesale ? <OrderWholesale side={wholesale} /> : null}
      {edi ? <OrderEdi edi={edi} /> : null}
      <OrderLines lines={detail.lines} currency={order.currency} />
      <ProductionRequests requests={detail.requests} />
      <OrderMoney detail={detail} giftCardsOnly={giftCardsOnly} />
      <OrderLedger ledger={ledger} paid={detail.order.paymentStatus !== "pending" && detail.order.paymentStatus !== "on_terms"} />

      <section aria-labelledby="actions-heading" className="ops-actions">
        <h2 id="actions-heading">Actions</h2>
        {!can.refund && !can.cancel && !can.ship ? <p className="muted">Your role can view this order but not change it.</p> : null}
        {can.refund ? <UnverifiedRefunds refunds={detail.unverifiable} /> : null}
        <div className="ops-actions__grid">
          {can.refund && detail.money.refundable > 0 ? (
            // Keyed by the form's key: after a refund the loader draws a new key, so the form starts empty
            // (an uncontrolled form would otherwise keep the last amount, ready to be sent again).
            <RefundForm
              key={refundKey}
              refundable={detail.money.refundable}
              paid={detail.money.paid}
              refunded={detail.money.refunded}
              currency={order.currency}
              formKey={refundKey}
              failure={failure?.intent === "refund" ? failure : null}
            />
          ) : null}
          {can.cancel && order.status !== "cancelled" && order.status !== "shipped" && order.status !== "delivered" ? (
            <CancelForm
              key={keys.cancel}
              refundable={detail.money.refundable}
              canRefund={can.refund}
              currency={order.currency}
              formKey={keys.cancel}
              failure={failure?.intent === "cancel" ? failure : null}
            />
          ) : null}
          {can.ship ? (
            <FulfilmentForms
              key={order.status}
              status={order.status}
              giftCardsOnly={giftCardsOnly}
              failure={failure && ["pack", "ship", "deliver"].includes(failure.intent) ? failure : null}
            />
          ) : null}
        </div>
      </section>

      <OrderHistory history={detail.history} actors={actors} />
    </div>
  );
}
