import { FLAGSHIP_TIME_ZONE } from "~/lib/time";
import { Form } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import type { ReceiptView } from "../receipt.server";

type Props = Pick<ReceiptView, "order" | "lines" | "returns" | "refunded"> & {
  returnKey: string;
  busy: boolean;
  actionData: { message: string; reason: string } | undefined;
};

/** Returns so far, and the counter return: how many of each piece, and why. */
export function ReturnSection({ order, lines, returns, refunded, returnKey, busy, actionData }: Props) {
  const money = (amount: number) => <Money value={{ amount, currency: order.currency }} />;
  const returnable = lines.filter((l) => l.returnable > 0);
  const special = lines.some((l) => l.requests.length > 0);
  return (
    <section className="pos-return no-print" aria-labelledby="return-heading">
      <h2 id="return-heading">Return or exchange</h2>
      {returns.length ? (
        <ul>
          {returns.map((r) => (
            <li key={r.id}>
              {new Date(r.createdAt).toLocaleString("en-US", { timeZone: FLAGSHIP_TIME_ZONE })}: {money(r.amount)} back — {r.reason}
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
            The money goes back the way it was paid: to the card first, the rest in cash from the drawer. For an exchange, return the piece
            here, then ring up the new one as a new sale.
          </p>
          {/* Each piece starts at what is left to return of it (sold, less returned so far): change it for a part return. */}
          {returnable.map((l) => (
            <div className="field pos-return__line" key={l.id}>
              <label htmlFor={`return-${l.id}`}>
                Return how many of {l.title}? (up to {l.returnable})
              </label>
              <input id={`return-${l.id}`} name={`return-${l.id}`} inputMode="numeric" defaultValue={String(l.returnable)} />
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
          <button type="submit" className="button" disabled={busy}>
            Return and refund
          </button>
        </Form>
      )}
    </section>
  );
}
