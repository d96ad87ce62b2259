import { SubmitButton } from "~/components/ui/SubmitButton";
import { FieldError } from "~/components/ui/Field";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { parseMoneyInput } from "~/lib/money";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { ORDER_ACTIONS, opsAllows } from "~/domain/accounts";
import { cancelOrder, markDelivered, markPacked, refundOrder, shipOrder, type Result } from "~/domain/orders/index.server";
import { orderCurrency, orderDetail } from "~/domain/orders/index.server";
import { orderActionSchema } from "~/domain/orders";
import { SHIPPING_CARRIERS, TRACKING_NUMBER_MAX } from "~/domain/orders";
import styles from "~/styles/ops-orders.css";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseWith, readForm, type FieldErrors } from "~/lib/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.detail.order.number ?? "Order"} · Orders · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.orders.$number", "loader");
  const detail = await orderDetail(orderNumber(params.number));
  if (!detail) throw new Response(`There is no order ${params.number}.`, { status: 404 });
  const body = {
    detail,
    can: {
      refund: opsAllows(ORDER_ACTIONS.refund, staff.roles),
      cancel: opsAllows(ORDER_ACTIONS.cancel, staff.roles),
      ship: opsAllows(ORDER_ACTIONS.ship, staff.roles),
    },
    // One key per drawn form: the same form submitted twice is the same refund.
    keys: { refund: crypto.randomUUID(), cancel: crypto.randomUUID() },
  };
  return withFlash(request, body);
}

type ActionFailure = { intent: string; error: string | null; errors: FieldErrors; values: Record<string, string>; nextKey?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.orders.$number", "action");
  const number = orderNumber(params.number);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const parsed = parseWith(orderActionSchema, form);
  if (!parsed.ok) return data<ActionFailure>({ intent, error: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const input = parsed.data;
  const roles = ORDER_ACTIONS[input.intent];
  if (!opsAllows(roles, staff.roles)) {
    throw new Response(`Your account can't ${INTENT_WORDS[input.intent]}. It needs one of these roles: admin, ${roles.join(", ")}.`, {
      status: 403,
    });
  }
  const actor = `staff:${staff.id}`;
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));

  let result: Result;
  switch (input.intent) {
    case "refund": {
      const currency = await orderCurrency(number);
      if (!currency) throw new Response(`There is no order ${number}.`, { status: 404 });
      const amount = parseMoneyInput(input.amount, currency);
      if (amount === null || amount === 0) {
        return data<ActionFailure>(
          { intent, error: null, errors: { amount: "Enter an amount greater than zero, with at most two decimal places." }, values },
          { status: 422 },
        );
      }
      result = await refundOrder({ number, amount, reason: input.reason, formKey: input.key, actor });
      break;
    }
    case "cancel":
      result = await cancelOrder({
        number,
        actor,
        reason: input.reason,
        refundRemaining: input.refundRemaining ? { formKey: input.key } : null,
      });
      break;
    case "pack":
      result = await markPacked({ number, actor });
      break;
    case "ship":
      result = await shipOrder({ number, carrier: input.carrier, trackingNumber: input.trackingNumber, actor });
      break;
    case "deliver":
      result = await markDelivered({ number, actor });
      break;
  }
  if (!result.ok) {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
    // After a provider failure the form gets a fresh key, so trying again is a new request to the provider.
    return data<ActionFailure>(
      { intent, error: result.message, errors: {}, values, ...(result.status === 502 ? { nextKey: crypto.randomUUID() } : {}) },
      { status: result.status },
    );
  }
  // A cancel whose optional refund didn't go through is done, but says so in red.
  const refund = (result as { refund?: { ok: boolean } | null }).refund;
  const refundFailed = Boolean(refund && !refund.ok);
  return redirectWithFlash(request, `/ops/orders/${encodeURIComponent(number)}`, {
    kind: refundFailed ? "error" : "success",
    message: result.message,
  });
}

export default function OpsOrder() {
  const { detail, can, keys, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { order, lines, requests, payments, refunds, shipments, history, invoices } = detail;
  const money = (amount: number, currency = order.currency) => <Money value={{ amount, currency }} />;
  const failure = actionData && "intent" in actionData ? (actionData as ActionFailure) : null;
  const address = order.shippingAddress;
  const refundKey = failure?.intent === "refund" && failure.nextKey ? failure.nextKey : keys.refund;

  return (
    <div className="ops-page ops-order">
      <p>
        <Link to="/ops/orders">← Orders</Link>
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

      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}
      {failure?.error ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}

      <dl className="ops-meta">
        <div>
          <dt>Placed</dt>
          <dd>
            <time dateTime={order.placedAt}>{utc(order.placedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{order.email}</dd>
        </div>
        <div>
          <dt>Ship to</dt>
          <dd>
            {address
              ? [
                  address.name,
                  address.line1,
                  address.line2,
                  `${address.city}${address.region ? `, ${address.region}` : ""} ${address.postalCode ?? ""}`.trim(),
                  address.country,
                ]
                  .filter(Boolean)
                  .join(", ")
              : "—"}
          </dd>
        </div>
        <div>
          <dt>Shipping</dt>
          <dd>{order.shippingMethod ?? "—"}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>
            {money(order.totals.total)}
            {order.discountCode ? <span className="muted"> (code {order.discountCode})</span> : null}
          </dd>
        </div>
        <div>
          <dt>Paid · refunded</dt>
          <dd>
            {money(detail.money.paid)} · {money(detail.money.refunded)}
          </dd>
        </div>
        {order.cancelledAt ? (
          <div>
            <dt>Cancelled</dt>
            <dd>
              <time dateTime={order.cancelledAt}>{utc(order.cancelledAt)}</time>
            </dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">Lines</h2>
        <ul className="ops-lines">
          {lines.map((line) => (
            <li key={line.id} className="ops-line">
              <div className="ops-line__head">
                <strong>{line.title}</strong>
                <span className="muted">
                  <code>{line.sku}</code> · {line.quantity} × {money(line.unitPrice)} = {money(line.total)}
                </span>
              </div>
              <ul className="ops-allocations" aria-label={`Where ${line.title} comes from`}>
                {line.allocations.map((a) => (
                  <li key={a.id} className={a.released ? "is-released" : undefined}>
                    {a.kind === "stock" ? (
                      <>
                        {a.quantity} from stock at {a.location ? `${a.location.name} (${a.location.code})` : "an unknown location"}
                      </>
                    ) : a.request ? (
                      <>
                        {a.quantity} to make: <strong>{a.request.number}</strong> <span className="badge">{words(a.request.status)}</span>
                        {a.request.artisan ? (
                          <>
                            {" "}
                            · {a.request.artisan.name}, {a.request.artisan.settlement}
                          </>
                        ) : (
                          <span className="muted"> · no artisan yet</span>
                        )}
                        <span className="muted"> · due {a.request.dueDate}</span>
                        {a.request.late ? <span className="badge badge--warn">late</span> : null}
                      </>
                    ) : (
                      <>{a.quantity} to make</>
                    )}
                    {a.released ? <span className="muted"> — released</span> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      {requests.length ? (
        <section aria-labelledby="production-heading">
          <h2 id="production-heading">Production requests</h2>
          <ScrollRegion className="ops-table-wrap" label="Production requests">
            <table className="table ops-compact-table">
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Pieces</th>
                  <th scope="col">Status</th>
                  <th scope="col">Artisan</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr key={r.number}>
                    <td>{r.number}</td>
                    <td>{r.quantity}</td>
                    <td>
                      <span className={`badge ${r.status === "cancelled" ? "badge--bad" : r.status === "qc_passed" ? "badge--ok" : ""}`}>
                        {words(r.status)}
                      </span>
                      {r.late ? (
                        <>
                          {" "}
                          <span className="badge badge--warn">late</span>
                        </>
                      ) : null}
                    </td>
                    <td>{r.artisan ? `${r.artisan.name}, ${r.artisan.settlement}` : <span className="muted">—</span>}</td>
                    <td>{r.dueDate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ) : null}

      <div className="ops-order__money">
        <section aria-labelledby="payments-heading">
          <h2 id="payments-heading">Payments</h2>
          {payments.length ? (
            <ul className="ops-plain-list">
              {payments.map((p) => (
                <li key={p.id}>
                  {money(p.amount, p.currency)} · {p.provider} <code>{p.providerRef}</code> · {p.status} ·{" "}
                  <time dateTime={p.createdAt}>{utc(p.createdAt)}</time>
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
                  <Link to={`/ops/invoices/${invoice.number}`}>{invoice.number}</Link> ({invoice.status}, due {invoice.dueDate})
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
                  {money(r.amount, r.currency)} ·{" "}
                  <span
                    className={`badge ${r.status === "failed" ? "badge--bad" : r.status === "succeeded" ? "badge--ok" : "badge--warn"}`}
                  >
                    {r.status}
                  </span>{" "}
                  · {r.reason} · <time dateTime={r.createdAt}>{utc(r.createdAt)}</time>
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
                  {s.carrier} <code>{s.trackingNumber}</code> · shipped <time dateTime={s.shippedAt}>{utc(s.shippedAt)}</time>
                  {s.deliveredAt ? (
                    <>
                      {" "}
                      · delivered <time dateTime={s.deliveredAt}>{utc(s.deliveredAt)}</time>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Not shipped yet.</p>
          )}
        </section>
      </div>

      <section aria-labelledby="actions-heading" className="ops-actions">
        <h2 id="actions-heading">Actions</h2>
        {!can.refund && !can.cancel && !can.ship ? <p className="muted">Your role can view this order but not change it.</p> : null}
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
              failure={failure && ["pack", "ship", "deliver"].includes(failure.intent) ? failure : null}
            />
          ) : null}
        </div>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.length ? (
          <ol className="ops-history">
            {history.map((e) => (
              <li key={e.key} className={`ops-history__item ops-history__item--${e.source}`}>
                <time dateTime={e.at}>{utc(e.at, true)}</time>
                <span className="ops-history__what">
                  {e.requestNumber ? <span className="badge">{e.requestNumber}</span> : <span className="badge badge--order">order</span>}{" "}
                  <span className="ops-history__summary">{e.summary}</span>
                  {e.money ? <> · {money(e.money.amount, e.money.currency)}</> : null}
                </span>
                <span className="ops-history__actor muted">by {e.actor}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">Nothing has happened to this order yet.</p>
        )}
      </section>
    </div>
  );
}

function RefundForm({
  refundable,
  paid,
  refunded,
  currency,
  formKey,
  failure,
}: {
  refundable: number;
  paid: number;
  refunded: number;
  currency: string;
  formKey: string;
  failure: ActionFailure | null;
}) {
  const errors = failure?.errors ?? {};
  return (
    <Form method="post" className="ops-action" aria-labelledby="refund-heading">
      <h3 id="refund-heading">Refund</h3>
      <p className="field-hint">
        At most <Money value={{ amount: refundable, currency }} /> can be refunded (<Money value={{ amount: paid, currency }} /> paid,{" "}
        <Money value={{ amount: refunded, currency }} /> refunded so far). The money goes back through the original payment and the customer
        is emailed.
      </p>
      <input type="hidden" name="key" value={formKey} />
      <div className="field">
        <label htmlFor="refund-amount">Amount ({currency})</label>
        <input
          id="refund-amount"
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          required
          defaultValue={failure?.values.amount ?? ""}
          aria-invalid={errors.amount ? true : undefined}
          aria-describedby={errors.amount ? "refund-amount-error" : undefined}
        />
        <FieldError id="refund-amount-error" message={errors.amount} />
      </div>
      <div className="field">
        <label htmlFor="refund-reason">Reason (the customer sees this)</label>
        <textarea
          id="refund-reason"
          name="reason"
          rows={2}
          maxLength={500}
          required
          defaultValue={failure?.values.reason ?? ""}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? "refund-reason-error" : undefined}
        />
        <FieldError id="refund-reason-error" message={errors.reason} />
      </div>
      <div className="ops-check">
        <input
          id="refund-confirm"
          type="checkbox"
          name="confirm"
          value="yes"
          required
          aria-describedby={errors.confirm ? "refund-confirm-error" : undefined}
        />
        <label htmlFor="refund-confirm">Yes, refund this amount now. It can't be undone.</label>
      </div>
      <FieldError id="refund-confirm-error" message={errors.confirm ?? errors.key} />
      <SubmitButton intent="refund" className="button button--small">
        Refund
      </SubmitButton>
    </Form>
  );
}

function CancelForm({
  refundable,
  canRefund,
  currency,
  formKey,
  failure,
}: {
  refundable: number;
  canRefund: boolean;
  currency: string;
  formKey: string;
  failure: ActionFailure | null;
}) {
  const errors = failure?.errors ?? {};
  return (
    <Form method="post" className="ops-action" aria-labelledby="cancel-heading">
      <h3 id="cancel-heading">Cancel order</h3>
      <p className="field-hint">
        Cancelling stops production that hasn't started, puts reserved stock back on the shelf and can't be undone. Pieces already being
        made are left with their artisans.
      </p>
      <input type="hidden" name="key" value={formKey} />
      <div className="field">
        <label htmlFor="cancel-reason">Reason (optional)</label>
        <input
          id="cancel-reason"
          name="reason"
          maxLength={500}
          defaultValue={failure?.values.reason ?? ""}
          aria-invalid={errors.reason ? true : undefined}
        />
        <FieldError id="cancel-reason-error" message={errors.reason} />
      </div>
      {canRefund && refundable > 0 ? (
        <div className="ops-check">
          <input
            id="cancel-refund"
            type="checkbox"
            name="refundRemaining"
            value="yes"
            defaultChecked={failure?.values.refundRemaining === "yes"}
          />
          <label htmlFor="cancel-refund">
            Also refund the full remaining amount (<Money value={{ amount: refundable, currency }} />)
          </label>
        </div>
      ) : null}
      <div className="ops-check">
        <input id="cancel-confirm" type="checkbox" name="confirm" value="yes" required />
        <label htmlFor="cancel-confirm">Yes, cancel this order.</label>
      </div>
      <FieldError id="cancel-confirm-error" message={errors.confirm ?? errors.key} />
      <SubmitButton intent="cancel" className="button button--small" danger>
        Cancel order
      </SubmitButton>
    </Form>
  );
}

function FulfilmentForms({ status, failure }: { status: string; failure: ActionFailure | null }) {
  const errors = failure?.errors ?? {};
  if (status === "cancelled" || status === "delivered") return null;
  return (
    <div className="ops-action" aria-labelledby="fulfil-heading" role="group">
      <h3 id="fulfil-heading">Fulfilment</h3>
      {status === "shipped" ? (
        <Form method="post">
          <p className="field-hint">The carrier confirmed delivery: the customer's status page shows it.</p>
          <SubmitButton intent="deliver" className="button button--small">
            Mark delivered
          </SubmitButton>
        </Form>
      ) : status === "packed" ? (
        <Form method="post">
          <p className="field-hint">Shipping takes the reserved stock off the shelf and emails the customer the tracking number.</p>
          <div className="field">
            <label htmlFor="ship-carrier">Carrier</label>
            <select
              id="ship-carrier"
              name="carrier"
              required
              defaultValue={failure?.values.carrier ?? ""}
              aria-invalid={errors.carrier ? true : undefined}
              aria-describedby={errors.carrier ? "ship-carrier-error" : undefined}
            >
              <option value="" disabled>
                Choose…
              </option>
              {SHIPPING_CARRIERS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <FieldError id="ship-carrier-error" message={errors.carrier} />
          </div>
          <div className="field">
            <label htmlFor="ship-tracking">Tracking number</label>
            <input
              id="ship-tracking"
              name="trackingNumber"
              required
              maxLength={TRACKING_NUMBER_MAX}
              autoComplete="off"
              defaultValue={failure?.values.trackingNumber ?? ""}
              aria-invalid={errors.trackingNumber ? true : undefined}
              aria-describedby={errors.trackingNumber ? "ship-tracking-error" : undefined}
            />
            <FieldError id="ship-tracking-error" message={errors.trackingNumber} />
          </div>
          <SubmitButton intent="ship" className="button button--small">
            Mark shipped
          </SubmitButton>
        </Form>
      ) : (
        <Form method="post">
          <p className="field-hint">Packed at the hub once every piece is here and has passed QC.</p>
          <SubmitButton intent="pack" className="button button--small">
            Mark packed
          </SubmitButton>
        </Form>
      )}
    </div>
  );
}

const INTENT_WORDS = {
  refund: "refund orders",
  cancel: "cancel orders",
  pack: "pack orders",
  ship: "ship orders",
  deliver: "mark orders delivered",
} as const;
const CHANNEL_LABEL: Record<string, string> = { web: "Web", wholesale: "Wholesale", pos: "Flagship POS" };

function orderNumber(param: string | undefined) {
  if (!param || !/^[A-Za-z0-9-]{1,40}$/.test(param)) throw new Response("There is no order with that number.", { status: 404 });
  return param;
}

function words(value: string) {
  return value.replace(/_/g, " ");
}

/** The same text on the server and in the browser (UTC), so hydration never disagrees. */
function utc(iso: string, seconds = false) {
  return `${iso.slice(0, seconds ? 19 : 16).replace("T", " ")} UTC`;
}
