import { randomUUID } from "node:crypto";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { formatMoney } from "~/lib/money";
import { returnLinesOf, returnSchema } from "~/domain/pos";
import { recordReturn } from "~/domain/pos/index.server";
import { STORE_NAME, getSale } from "~/domain/pos/index.server";
import { Refusal } from "~/lib/refusal";
import { requirePosStaff } from "~/domain/pos/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseWith, readForm } from "~/lib/validation";

export const meta: MetaFunction<typeof loader> = ({ params }) => [{ title: `Receipt ${params.number ?? ""} · Soko San Francisco` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePosStaff(request);
  const number = String(params.number ?? "");
  const sale = await getSale(number);
  if (!sale) throw new Response(`There is no store sale ${number}. Check the number on the receipt.`, { status: 404 });
  const { order } = sale;
  return withFlash(request, {
    store: STORE_NAME,
    returnKey: randomUUID(),
    cashier: sale.cashier,
    order: {
      number: order.number,
      placedAt: order.placedAt.toISOString(),
      email: order.email,
      currency: order.currency,
      status: order.status,
      paymentStatus: order.paymentStatus,
      subtotal: order.subtotal,
      discountTotal: order.discountTotal,
      taxTotal: order.taxTotal,
      total: order.total,
      shippingAddress: order.shippingAddress,
    },
    lines: sale.lines.map((l) => ({
      id: l.id,
      title: l.title,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount,
      total: l.total,
      taken: l.taken,
      returned: l.returned,
      returnable: l.returnable,
      requests: l.requests,
    })),
    tenders: sale.tenders.map((t) => ({
      id: t.id,
      kind: t.kind,
      amount: t.amount,
      cashGiven: t.cashGiven,
      changeDue: t.changeDue,
      providerRef: t.providerRef,
      returnId: t.returnId,
      createdAt: t.createdAt.toISOString(),
    })),
    returns: sale.returns.map((r) => ({ id: r.id, amount: r.amount, reason: r.reason, createdAt: r.createdAt.toISOString() })),
    refunded: sale.refunded,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requirePosStaff(request);
  const number = String(params.number ?? "");
  const form = await readForm(request);
  const parsed = parseWith(returnSchema, form);
  if (!parsed.ok)
    return data(
      { message: Object.values(parsed.errors)[0] ?? "Check the return.", reason: String(form.get("reason") ?? "") },
      { status: 400 },
    );
  const lines = returnLinesOf(form);
  if (!lines.ok) return data({ message: lines.message, reason: parsed.data.reason }, { status: 422 });
  try {
    const done = await recordReturn({ number, key: parsed.data.key, reason: parsed.data.reason, lines: lines.lines, staff });
    return redirectWithFlash(request, `/pos/sales/${number}`, { kind: "success", message: done.message });
  } catch (error) {
    if (error instanceof Refusal) return data({ message: error.message, reason: parsed.data.reason }, { status: error.status });
    throw error;
  }
}

export default function Receipt() {
  const { order, lines, tenders, returns, refunded, store, cashier, flash, returnKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const money = (amount: number) => <Money value={{ amount, currency: order.currency }} />;
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "America/Los_Angeles" }).format(
    new Date(order.placedAt),
  );
  const paid = tenders.filter((t) => t.amount > 0);
  const refunds = tenders.filter((t) => t.amount < 0);
  const returnable = lines.filter((l) => l.returnable > 0);
  const special = lines.some((l) => l.requests.length > 0);

  return (
    <div className="pos-page pos-receipt-page">
      {flash ? (
        <p className={`notice notice--${flash.kind} no-print`} role="status">
          {flash.message}
        </p>
      ) : null}
      <p className="pos-actions no-print">
        <Link className="button pos-big" to="/pos/register">
          New sale
        </Link>
        <button type="button" className="button button--ghost" onClick={() => window.print()}>
          Print receipt
        </button>
      </p>

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
                  {l.returned ? (
                    <>
                      <br />
                      <small>Returned: {l.returned}</small>
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
            <TotalRow
              key={t.id}
              label={t.kind === "cash" ? "Cash" : `Card${t.providerRef ? ` ····${t.providerRef.slice(-4)}` : ""}`}
              value={money(t.amount)}
            />
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
          {refunds.map((t) => (
            <TotalRow key={t.id} label={t.kind === "cash" ? "Refunded in cash" : "Refunded to card"} value={money(t.amount)} />
          ))}
        </dl>
        {special && order.shippingAddress ? (
          <p>
            Special order ships to {order.shippingAddress.name}, {order.shippingAddress.line1}, {order.shippingAddress.city}{" "}
            {order.shippingAddress.postalCode ?? ""}.
          </p>
        ) : null}
        {order.email ? <p className="no-print muted">Receipt emailed to {order.email}.</p> : null}
        <p className="pos-receipt__foot">Returns and exchanges within 30 days with this receipt. Handmade in Kenya.</p>
      </article>

      <section className="pos-return no-print" aria-labelledby="return-heading">
        <h2 id="return-heading">Return or exchange</h2>
        {returns.length ? (
          <ul>
            {returns.map((r) => (
              <li key={r.id}>
                {new Date(r.createdAt).toLocaleString("en-US", { timeZone: "America/Los_Angeles" })}: {money(r.amount)} back — {r.reason}
              </li>
            ))}
          </ul>
        ) : null}
        {refunded ? (
          <p>
            Refunded so far: {money(refunded)} of {money(order.total)}.
          </p>
        ) : null}
        {returnable.length === 0 ? (
          <p className="muted">
            Nothing on this sale can be returned at the counter{special ? " (special orders are returned once delivered)" : ""}.
          </p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="key" value={returnKey} />
            {actionData?.message ? (
              <p className="notice notice--error" role="alert">
                {actionData.message}
              </p>
            ) : null}
            <p className="field-hint">
              The money goes back the way it was paid: to the card first, the rest in cash from the drawer. For an exchange, return the
              piece here, then ring up the new one as a new sale.
            </p>
            {returnable.map((l) => (
              <div className="field pos-return__line" key={l.id}>
                <label htmlFor={`return-${l.id}`}>
                  Return how many of {l.title}? (up to {l.returnable})
                </label>
                <input id={`return-${l.id}`} name={`return-${l.id}`} inputMode="numeric" defaultValue="0" />
              </div>
            ))}
            <div className="field">
              <label htmlFor="return-reason">Reason</label>
              <input
                id="return-reason"
                name="reason"
                defaultValue={actionData?.reason ?? ""}
                placeholder="Wrong size, exchange, changed mind…"
              />
            </div>
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              Return and refund
            </button>
          </Form>
        )}
      </section>
    </div>
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
