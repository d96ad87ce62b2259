import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { RETURN_REASONS } from "~/domain/returns";
import { formatLongDay } from "~/lib/intl";
import { ReturnPieces } from "~/features/storefront/returns/ReturnPieces";
import { type ReturnFormFailure, returnFormAction, returnFormPage } from "~/features/storefront/returns/return.server";
import styles from "~/styles/order-status.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Return pieces from order ${data.order.number} · Soko` : "Return pieces · Soko" },
  { name: "robots", content: "noindex" },
];
// The server's same-origin Referrer-Policy keeps the token in this address from other sites; "no-referrer"
// would make the return forms (posted without JavaScript) send `Origin: null`, which is refused as cross-site.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return returnFormPage(request, params.number);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return returnFormAction(request, params.number);
}

export default function StartReturn() {
  const { order, channel, deliveredAt, policy, lines, backTo, key, address } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ReturnFormFailure | undefined;
  const values = failure?.values ?? {};
  const open = lines.filter((l) => l.window.open && l.returnable > 0);
  const refundable = open.some((l) => l.window.open && l.window.resolutions.includes("refund"));
  return (
    <div className="page order-status return-page">
      <p className="eyebrow">Order {order.number}</p>
      <h1>Return or exchange pieces</h1>
      <p>
        <Link to={backTo}>← Back to your order</Link>
      </p>
      {failure?.error ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}
      {channel !== "web" ? (
        <p className="notice">Pieces bought in the shop are returned at the counter, with the receipt.</p>
      ) : !deliveredAt ? (
        <p className="notice">Pieces can be returned once they have been delivered. This page follows your order until then.</p>
      ) : open.length === 0 ? (
        <p className="notice">
          Nothing on this order can be returned now:{" "}
          {lines[0]?.window.open ? "every piece is already on a return." : (lines[0]?.window.message ?? "")}
        </p>
      ) : (
        <Form method="post" className="return-form" aria-label="Start a return">
          <input type="hidden" name="key" value={key} />
          <p className="muted">
            Delivered {formatLongDay(deliveredAt, order.locale)}. Pieces from stock can come back within {policy.windowDays} days of
            delivery; made-to-order pieces{" "}
            {policy.madeToOrder === "final_sale"
              ? "are final sale"
              : policy.madeToOrder === "exchange_only"
                ? `can be exchanged within ${policy.madeToOrderWindowDays} days`
                : `within ${policy.madeToOrderWindowDays} days`}
            . Shipping charges are not refunded.
          </p>
          <ReturnPieces lines={lines} currency={order.currency} values={values} />

          <div className="field">
            <label htmlFor="reason">Why are you sending it back?</label>
            <select id="reason" name="reason" required defaultValue={values.reason ?? ""}>
              <option value="" disabled>
                Choose a reason
              </option>
              {RETURN_REASONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="note">Anything we should know? (optional)</label>
            <textarea id="note" name="note" rows={3} maxLength={1000} defaultValue={values.note ?? ""} />
          </div>

          <fieldset className="field">
            <legend>Refund or exchange?</legend>
            {refundable ? (
              <label className="choice">
                <input type="radio" name="resolution" value="refund" defaultChecked={(values.resolution ?? "refund") === "refund"} /> A
                refund
              </label>
            ) : null}
            <label className="choice">
              <input type="radio" name="resolution" value="exchange" defaultChecked={!refundable || values.resolution === "exchange"} /> An
              exchange (the same piece, or another size or finish; made or sent as soon as your parcel reaches us)
            </label>
          </fieldset>
          {refundable || lines.some((l) => l.exchangeOptions.some((o) => o.perUnit > 0)) ? (
            <fieldset className="field">
              <legend>For a refund (or an exchange's difference), send the money</legend>
              <label className="choice">
                <input
                  type="radio"
                  name="refundMethod"
                  value="original"
                  defaultChecked={(values.refundMethod ?? "original") === "original"}
                />{" "}
                back to the card you paid with
              </label>
              <label className="choice">
                <input type="radio" name="refundMethod" value="store_credit" defaultChecked={values.refundMethod === "store_credit"} /> as
                store credit on a gift card, emailed to you
              </label>
            </fieldset>
          ) : null}
          {address ? (
            <p className="muted">You'll send the parcel to: {address.join(", ")}. We email the full instructions.</p>
          ) : (
            <p className="notice">Our hub's address is being updated, so returns can't start online just now. Please try again shortly.</p>
          )}
          <SubmitButton busyLabel="Starting your return…">Start the return</SubmitButton>
        </Form>
      )}
    </div>
  );
}
