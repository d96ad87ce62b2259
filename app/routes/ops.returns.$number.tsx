import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { STATUS_WORDS, reasonLabel } from "~/domain/returns";
import { DifferenceFact, RefundOwed, RefundParts } from "~/features/ops/returns/ReturnMoney";
import { type ReturnActionFailure, returnAction, returnNumberParam, returnPage } from "~/features/ops/returns/returns.server";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import styles from "~/styles/ops-orders.css";
import returnStyles from "~/styles/ops-returns.css";
import { FlashNotice } from "~/components/ui/Notice";
import { OpsLink } from "~/features/ops/shared/OpsLink";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: returnStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.detail.number ?? "Return"} · Returns · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.returns.$number", "loader");
  return returnPage(request, returnNumberParam(params.number), staff);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.returns.$number", "action");
  return returnAction(request, returnNumberParam(params.number), staff);
}

const DISPOSITION_WORDS = {
  restock: "Back in stock",
  rework: "Sent to rework",
  write_off: "Written off",
  not_ours: "Not ours (return rejected)",
} as const;

export default function OpsReturn() {
  const { detail, policy, owed, can, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ReturnActionFailure | undefined;
  const d = detail;
  return (
    <div className="ops-page ops-order">
      <p>
        <Link to="/ops/returns">← Returns</Link>
      </p>
      <p className="eyebrow">{d.channel === "pos" ? "Counter return" : "Web return"}</p>
      <h1>{d.number}</h1>
      <p>
        <span className={`badge ${d.status === "closed" ? "badge--ok" : "badge--warn"}`}>{STATUS_WORDS[d.status]}</span>{" "}
        {d.refundState === "failed" ? <span className="badge badge--bad">refund failed</span> : null}
      </p>
      <FlashNotice flash={flash} />
      {failure?.error ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}

      <ol className="return-steps" aria-label="Steps of this return">
        {d.steps.map((s) => (
          <li key={s.key} data-done={s.done} data-state={s.state} aria-current={s.state === "next" ? "step" : undefined}>
            {s.label}
            {s.at && s.done ? <OpsTime iso={s.at} /> : <span className="muted"> — {s.state === "next" ? "next" : "to come"}</span>}
          </li>
        ))}
      </ol>

      <dl className="return-facts">
        <dt>Order</dt>
        <dd>
          <Link to={`/ops/orders/${d.orderNumber}`}>{d.orderNumber}</Link> ({d.email})
        </dd>
        <dt>Reason</dt>
        <dd>
          {reasonLabel(d.reason)}
          {d.note ? ` — “${d.note}”` : ""}
        </dd>
        <dt>Resolution</dt>
        <dd>
          {d.resolution === "exchange" ? (
            d.exchangeNumber ? (
              <>
                Exchange: order <Link to={`/ops/orders/${d.exchangeNumber}`}>{d.exchangeNumber}</Link>
              </>
            ) : (
              "Exchange, placed when settled"
            )
          ) : (
            <>
              Refund of <Money value={{ amount: d.amount, currency: d.currency }} />{" "}
              {d.refundMethod === "store_credit" ? "as store credit" : "to the original payment"} ({d.refundState})
            </>
          )}
        </dd>
        {d.paidOn ? (
          <>
            <dt>Paid on</dt>
            <dd>
              Order <Link to={`/ops/orders/${d.paidOn}`}>{d.paidOn}</Link>: this order is an exchange, its pieces paid for there, so their
              refunds go back to that order's payments.
            </dd>
          </>
        ) : null}
        <RefundParts refunds={d.refunds} currency={d.currency} />
        <DifferenceFact detail={d} />
        <dt>Money back</dt>
        <dd>{policy.refundOn === "qc" ? "After QC" : "On receipt at the hub"} (the returns policy)</dd>
      </dl>

      <section aria-labelledby="pieces">
        <h2 id="pieces">Pieces</h2>
        <ScrollRegion className="ops-table-wrap" label="Returned pieces">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Piece</th>
                <th scope="col" className="ops-num">
                  Qty
                </th>
                <th scope="col" className="ops-num">
                  Worth
                </th>
                <th scope="col">After QC</th>
                <th scope="col">Made by</th>
              </tr>
            </thead>
            <tbody>
              {d.lines.map((l) => (
                <tr key={l.id}>
                  <td>
                    {l.title} <span className="muted">{l.sku}</span>
                  </td>
                  <td className="ops-num">{l.quantity}</td>
                  <td className="ops-num">
                    <Money value={{ amount: l.amount, currency: d.currency }} />
                  </td>
                  <td>
                    {l.disposition ? DISPOSITION_WORDS[l.disposition] : "—"}
                    {l.reworkNumber ? (
                      <>
                        {" "}
                        (
                        <OpsLink route="ops.production.$number" to={`/ops/production/${l.reworkNumber}`}>
                          {l.reworkNumber}
                        </OpsLink>
                        )
                      </>
                    ) : null}
                    {l.fault ? <div className="muted">Fault: {l.fault}</div> : null}
                  </td>
                  <td>{l.madeBy ? `${l.maker ?? "—"} (${l.madeBy})` : "From stock"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="return-actions" className="ops-actions">
        <h2 id="return-actions">Actions</h2>
        <div className="return-actions">
          {d.status === "requested" && can.receive ? (
            <Form method="post">
              <p>The parcel is here: the pieces match the return.</p>
              <SubmitButton intent="receive" busyLabel="Receiving…">
                Receive {d.number}
              </SubmitButton>
            </Form>
          ) : null}
          {d.status === "received" && can.inspect ? (
            <Form method="post" className="return-qc" id="qc">
              <h3>Quality check</h3>
              <p className="muted">
                Check each piece like new work. A fault the maker caused goes on her QC record; her pay is never taken back.
              </p>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Piece</th>
                    <th scope="col">What becomes of it</th>
                    <th scope="col">Fault found (if any)</th>
                  </tr>
                </thead>
                <tbody>
                  {d.lines.map((l) => (
                    <tr key={l.id}>
                      <td>
                        {l.quantity} × {l.title}
                      </td>
                      <td>
                        <label className="visually-hidden" htmlFor={`do-${l.id}`}>
                          What becomes of {l.title}
                        </label>
                        <select id={`do-${l.id}`} name={`do-${l.id}`} defaultValue="restock">
                          <option value="restock">Restock at the hub</option>
                          <option value="rework">Send to rework</option>
                          <option value="write_off">Write off</option>
                          <option value="not_ours">Not ours: reject the return</option>
                        </select>
                      </td>
                      <td>
                        <label className="visually-hidden" htmlFor={`fault-${l.id}`}>
                          Fault found in {l.title}
                        </label>
                        <input id={`fault-${l.id}`} name={`fault-${l.id}`} maxLength={200} placeholder="e.g. clasp snapped" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <SubmitButton intent="inspect" busyLabel="Saving…">
                Save the check
              </SubmitButton>
            </Form>
          ) : null}
          {owed && can.refund ? <RefundOwed owed={owed} currency={d.currency} /> : null}
          {d.status === "requested" && can.cancel ? (
            <Form method="post">
              <p>Nothing will come back (the shopper changed their mind).</p>
              <SubmitButton intent="cancel" danger busyLabel="Cancelling…">
                Cancel {d.number}
              </SubmitButton>
            </Form>
          ) : null}
          {(d.status === "closed" || d.status === "cancelled") && !owed ? <p className="muted">Nothing more to do.</p> : null}
        </div>
      </section>
    </div>
  );
}
