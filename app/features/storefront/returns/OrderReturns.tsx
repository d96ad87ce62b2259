import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { LocalTime } from "~/components/ui/LocalTime";
import { ConfirmStep } from "~/components/ui/ConfirmStep";
import { RETURN_INSTRUCTIONS, STATUS_WORDS, STEP_STATE_WORDS, reasonLabel } from "~/domain/returns";
import type { OrderReturnView } from "~/domain/returns/index.server";

/** The order page's returns: each one's steps (live, like the pieces), where to send a parcel still to come, and the way to start one. */
export function OrderReturns({
  returns,
  currency,
  returnPath,
  payPath,
  canStart,
  justStarted,
  address,
}: {
  returns: OrderReturnView[];
  /** Where parcels go: the hub's location record (null while it has no address). */
  address: readonly string[] | null;
  currency: string;
  /** The return form's address (with the signed link's token when there is one). */
  returnPath: string;
  /** A dearer exchange's pay step (with the signed link's token when there is one). */
  payPath: (returnNumber: string) => string;
  canStart: boolean;
  justStarted: string | null;
}) {
  if (returns.length === 0 && !canStart) return null;
  return (
    <section className="order-returns" id="returns" aria-labelledby="returns-heading">
      <h2 id="returns-heading">Returns</h2>
      {justStarted && returns.some((r) => r.number === justStarted && r.status === "requested") ? (
        <p className="notice notice--success" role="status">
          Your return {justStarted} has started. Write {justStarted} on the parcel and send it to the address below; we've emailed the same
          instructions.
        </p>
      ) : null}
      {justStarted && returns.some((r) => r.number === justStarted && r.status === "cancelled") ? (
        <p className="notice" role="status">
          Return {justStarted} is cancelled: nothing needs sending back, and the pieces stay yours. You can start a new return while the
          window is open.
        </p>
      ) : null}
      {returns.map((r) => (
        <article key={r.number} className="order-return" aria-label={`Return ${r.number}`}>
          <h3>
            Return {r.number} · <span className="badge">{STATUS_WORDS[r.status]}</span>
          </h3>
          <p className="muted">
            {r.pieces.map((p) => `${p.quantity} × ${p.title}${p.exchangeFor ? `, for ${p.exchangeFor}` : ""}`).join("; ")} ·{" "}
            {reasonLabel(r.reason)} ·{" "}
            {r.status === "cancelled" ? (
              r.resolution
            ) : r.resolution === "exchange" ? (
              r.due > 0 ? (
                <>
                  exchange, with <Money value={{ amount: r.due, currency }} /> to pay for the difference
                  {r.dueState === "paid" ? " (paid)" : r.dueState === "refunded" ? " (paid, refunded)" : ""}
                </>
              ) : r.amount > 0 ? (
                <>
                  exchange, with <Money value={{ amount: r.amount, currency }} /> back for the difference
                </>
              ) : (
                "exchange"
              )
            ) : (
              <>
                refund of <Money value={{ amount: r.amount, currency }} />
              </>
            )}
          </p>
          {r.paidOn && r.refundState === "issued" ? (
            <p className="muted">
              This piece came as an exchange for one bought on order {r.paidOn}, so the money went back to what paid for that order.
            </p>
          ) : null}
          <ol className="timeline" aria-label={`Steps of return ${r.number}`}>
            {r.steps.map((step) => (
              <li
                key={step.key}
                className={`timeline__step timeline__step--${step.state}`}
                aria-current={step.state === "next" ? "step" : undefined}
              >
                <span className="timeline__dot" aria-hidden="true" />
                <span className="timeline__label">
                  {step.state === "next" ? <span className="timeline__tag">{STEP_STATE_WORDS.next}:</span> : null}
                  {step.state !== "next" ? <span className="visually-hidden">{STEP_STATE_WORDS[step.state]}: </span> : null}
                  {step.label}
                </span>
                {step.at && step.done ? <LocalTime iso={step.at} className="timeline__time" /> : null}
              </li>
            ))}
          </ol>
          {r.status === "awaiting_payment" ? (
            <div className="order-return__send">
              <p>
                <strong>
                  Pay the difference of <Money value={{ amount: r.due, currency }} /> to confirm this exchange
                </strong>
                {r.dueExpiresAt ? ` by ${r.dueExpiresAt.slice(0, 10)}` : ""}. Nothing is held for you until then; please don't send the
                parcel yet.
              </p>
              <p>
                <Link className="button" to={payPath(r.number)}>
                  Pay the difference
                </Link>
              </p>
              <p className="muted">On the same page: return it for a refund instead, or cancel.</p>
            </div>
          ) : null}
          {r.status === "requested" ? (
            <div className="order-return__send">
              <p>
                <strong>Send the parcel to</strong>
              </p>
              {address ? (
                <address>
                  {address.map((line) => (
                    <span key={line}>
                      {line}
                      <br />
                    </span>
                  ))}
                </address>
              ) : (
                <p>Our hub's address is being updated; it is in the email we sent when the return started.</p>
              )}
              <ul>
                {RETURN_INSTRUCTIONS.map((line) => (
                  <li key={line}>{line.replace("your return number", `your return number (${r.number})`)}</li>
                ))}
              </ul>
              <ConfirmStep
                label="Cancel this return"
                name={`Cancel return ${r.number}`}
                look="button button--small button--secondary"
                question={`Cancel return ${r.number}? Don't send the parcel; you can start a new return while the order is still in its return window.`}
                confirmLabel="Yes, cancel the return"
                fields={{ intent: "cancel", return: r.number }}
                action={returnPath}
              />
            </div>
          ) : null}
        </article>
      ))}
      {canStart ? (
        <p>
          <Link className="button button--secondary" to={returnPath}>
            Return or exchange pieces
          </Link>
        </p>
      ) : null}
    </section>
  );
}
