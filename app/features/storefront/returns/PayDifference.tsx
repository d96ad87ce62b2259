import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { Money } from "~/components/commerce/Money";
import { StripePaymentElement } from "~/components/commerce/StripePaymentElement";
import { ConfirmStep } from "~/components/ui/ConfirmStep";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { formatLongDay } from "~/lib/intl";
import { CardFields } from "~/components/commerce/CardFields";
import type { PayReply } from "./pay.server";

type Props = {
  order: { number: string; currency: string; locale: string };
  ret: {
    number: string;
    status: string;
    due: number;
    dueState: string;
    dueExpiresAt: string | null;
    currency: string;
    pieces: Array<{ title: string; quantity: number; exchangeFor: string | null }>;
  };
  provider: "local" | "stripe";
  payPath: string;
  orderPath: string;
  stripeOutcome: "processing" | "failed" | null;
  reply: PayReply | undefined;
};

/** The difference for a dearer exchange: what it is, paying it (a plain form, or Stripe's), or a refund instead, or cancelling. */
export function PayDifference({ order, ret, provider, payPath, orderPath, stripeOutcome, reply }: Props) {
  const due = { amount: ret.due, currency: ret.currency };
  const [editing, setEditing] = useState(false);
  const awaiting = ret.status === "awaiting_payment" && ret.dueState === "awaiting";
  return (
    <div className="page order-status return-page">
      <p className="eyebrow">
        Order {order.number} · return {ret.number}
      </p>
      <h1>Pay the difference for your exchange</h1>
      <p>
        <Link to={orderPath}>← Back to your order</Link>
      </p>
      {reply?.error ? (
        <p className="notice notice--error" role="alert">
          {reply.error}
        </p>
      ) : null}
      {stripeOutcome === "processing" ? (
        <p className="notice" role="status">
          Your bank is still confirming the payment. Reload this page in a moment; nothing is charged twice.
        </p>
      ) : null}
      {stripeOutcome === "failed" ? (
        <p className="notice notice--error" role="alert">
          The payment didn't go through. Try again, or choose a refund instead.
        </p>
      ) : null}
      <section className="pay-difference" aria-labelledby="difference-heading">
        <h2 id="difference-heading">
          To pay: <Money value={due} />
        </h2>
        <ul>
          {ret.pieces.map((p) => (
            <li key={`${p.title}-${p.exchangeFor}`}>
              {p.quantity} × {p.title}
              {p.exchangeFor ? (
                <>
                  {" "}
                  → <strong>{p.exchangeFor}</strong>
                </>
              ) : null}
            </li>
          ))}
        </ul>
        <p className="muted">
          The piece you chose costs more than the one you're sending back. The difference has your order's discount and tax applied the same
          way as the piece you paid for, in the order's currency.
        </p>
      </section>
      {!awaiting ? (
        <p className="notice" role="status">
          {ret.dueState === "paid"
            ? "The difference is paid. Send the parcel as your order's page says."
            : ret.dueState === "expired"
              ? "This exchange lapsed unpaid; nothing was charged. You can start a new return while the window is open."
              : "This return no longer waits for a payment."}
        </p>
      ) : reply?.stripePayment && !editing ? (
        <div className="pay-difference__stripe">
          <StripePaymentElement
            publishableKey={reply.stripePayment.publishableKey}
            clientSecret={reply.stripePayment.clientSecret}
            returnUrl={reply.stripePayment.returnUrl}
            total={due}
          />
          <button type="button" className="button button--ghost button--small" onClick={() => setEditing(true)}>
            Back
          </button>
        </div>
      ) : (
        <>
          <p>
            {ret.dueExpiresAt ? <>Pay by {formatLongDay(ret.dueExpiresAt, order.locale)}. </> : null}
            Until it is paid nothing is reserved or made, and please don't send the parcel yet.
          </p>
          <Form method="post" action={payPath} className="return-form" aria-label="Pay the difference">
            <input type="hidden" name="intent" value="pay" />
            {provider === "local" ? (
              <fieldset className="field">
                <legend>Card</legend>
                <p className="field-hint">Test mode: use 4242 4242 4242 4242 with any future expiry and any CVC.</p>
                <CardFields errors={{ number: reply?.field === "card" ? reply.error : undefined }} />
              </fieldset>
            ) : null}
            <SubmitButton busyLabel={provider === "local" ? "Paying…" : "One moment…"}>
              {provider === "local" ? (
                <>
                  Pay <Money value={due} />
                </>
              ) : (
                "Continue to payment"
              )}
            </SubmitButton>
          </Form>
          <div className="pay-difference__else">
            <h2>Or instead</h2>
            <Form method="post" action={payPath}>
              <input type="hidden" name="intent" value="refund" />
              <SubmitButton className="button button--ghost" busyLabel="Changing…">
                Return it for a refund instead
              </SubmitButton>
            </Form>
            <ConfirmStep
              label="Cancel this return"
              name={`Cancel return ${ret.number}`}
              look="button button--ghost"
              question={`Cancel return ${ret.number}? Nothing is exchanged or refunded, and you keep the piece you have.`}
              confirmLabel="Yes, cancel the return"
              fields={{ intent: "cancel" }}
              action={payPath}
              open={reply?.field === "confirm"}
              error={reply?.field === "confirm" ? reply.error : undefined}
            />
          </div>
        </>
      )}
    </div>
  );
}
