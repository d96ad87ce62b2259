import { useState } from "react";
import { FLAGSHIP_TIME_ZONE } from "~/lib/time";
import { Form, Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { formatMoney } from "~/lib/money";
import { RETURN_REASONS } from "~/domain/returns";
import type { ExchangeChoice } from "~/domain/pos/index.server";
import type { ReceiptView } from "../receipt.server";
import { useOnline } from "./use-online";

type Props = Pick<ReceiptView, "order" | "lines" | "returns" | "refunded"> & {
  returnKey: string;
  busy: boolean;
  choices: Record<number, ExchangeChoice[]>;
  actionData: { message: string; fields: Record<string, string> } | undefined;
};

/**
 * Returns so far, and the counter return: how many of each piece, and for each a refund or an
 * exchange for another size or finish (or the same piece again), handed over from the shelf. A
 * dearer exchange's difference is paid by card or cash in the same step. A plain form: it works
 * without JavaScript; with it, the form sums what the customer pays or gets back as it changes.
 */
export function ReturnSection({ order, lines, returns, refunded, returnKey, busy, choices, actionData }: Props) {
  const money = (amount: number) => <Money value={{ amount, currency: order.currency }} />;
  const words = (amount: number) => formatMoney({ amount, currency: order.currency });
  const online = useOnline();
  const returnable = lines.filter((l) => l.returnable > 0);
  const special = lines.some((l) => l.requests.length > 0);
  const kept = actionData?.fields ?? {};
  const [picked, setPicked] = useState<Record<string, string>>(kept);
  const anyDearer = returnable.some((l) => (choices[l.id] ?? []).some((c) => c.duePerUnit > 0));

  // The guide: each piece's difference × how many (the exchange prices the real one, on the same terms).
  let due = 0;
  let back = 0;
  for (const l of returnable) {
    const quantity = Number(picked[`return-${l.id}`] ?? l.returnable) || 0;
    const choice = (choices[l.id] ?? []).find((c) => String(c.variantId) === picked[`swap-${l.id}`]);
    if (choice) {
      due += choice.duePerUnit * quantity;
      back += choice.backPerUnit * quantity;
    }
  }
  const exchanging = returnable.some((l) => picked[`swap-${l.id}`]);

  return (
    <section className="pos-return no-print" aria-labelledby="return-heading">
      <h2 id="return-heading">Return or exchange</h2>
      {returns.length ? (
        <ul>
          {returns.map((r) => (
            <li key={r.id}>
              {new Date(r.createdAt).toLocaleString("en-US", { timeZone: FLAGSHIP_TIME_ZONE })}:{" "}
              {r.returnNumber ? <>{r.returnNumber} </> : null}
              {r.exchangeNumber ? (
                <>
                  exchanged (new piece <Link to={`/pos/sales/${r.exchangeNumber}`}>{r.exchangeNumber}</Link>)
                  {r.taken ? <>, {money(r.taken)} paid on top</> : r.amount ? <>, {money(r.amount)} back</> : null}
                </>
              ) : (
                <>{money(r.amount)} back</>
              )}{" "}
              — {r.reason}
              {r.note ? <> ({r.note})</> : null}
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
        <Form
          method="post"
          noValidate
          onChange={(event) => {
            const form = event.currentTarget;
            setPicked(Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)])));
          }}
        >
          <input type="hidden" name="key" value={returnKey} />
          {!online ? (
            <p className="notice notice--warn" role="status" data-testid="return-offline">
              <strong>Offline.</strong> Returns and exchanges need the connection (card refunds, the shelf count, the shift's cash): the
              offline queue takes cash sales only. Keep the receipt and take the return once the tablet is back online.
            </p>
          ) : null}
          {actionData?.message ? (
            <p className="notice notice--error" role="alert">
              {actionData.message}
            </p>
          ) : null}
          <p className="field-hint">
            For each piece, refund it or exchange it for another size or finish (or the same piece again), handed over from the shelf now.
            Money back goes the way it was paid: to the card first, the rest in cash from the drawer.
          </p>
          {/* Each piece starts at what is left to return of it (sold, less returned so far): change it for a part return. */}
          {returnable.map((l) => {
            const options = choices[l.id] ?? [];
            return (
              <fieldset className="pos-return__line" key={l.id}>
                <legend>{l.title}</legend>
                <div className="field">
                  <label htmlFor={`return-${l.id}`}>
                    Return how many of {l.title}? (up to {l.returnable})
                  </label>
                  <input
                    id={`return-${l.id}`}
                    name={`return-${l.id}`}
                    inputMode="numeric"
                    defaultValue={kept[`return-${l.id}`] ?? String(l.returnable)}
                  />
                </div>
                {options.length ? (
                  <div className="field">
                    <label htmlFor={`swap-${l.id}`}>Refund, or exchange for</label>
                    <select id={`swap-${l.id}`} name={`swap-${l.id}`} defaultValue={kept[`swap-${l.id}`] ?? ""}>
                      <option value="">Refund it</option>
                      {options.map((c) => (
                        <option key={c.variantId} value={c.variantId} disabled={c.onShelf < 1}>
                          {c.label} · {words(c.unitPrice)} ·{" "}
                          {c.onShelf < 1
                            ? "none on the shelf (order it on the web or as a special order)"
                            : c.duePerUnit
                              ? `${words(c.duePerUnit)} to pay each`
                              : c.backPerUnit
                                ? `${words(c.backPerUnit)} back each`
                                : "no difference"}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
              </fieldset>
            );
          })}
          {anyDearer ? (
            <fieldset className="pos-return__difference">
              <legend>A dearer piece: the difference is paid by</legend>
              <div className="pos-return__modes">
                <label>
                  <input type="radio" name="differenceMode" value="card" defaultChecked={(kept.differenceMode ?? "card") === "card"} /> Card
                  (on the terminal)
                </label>
                <label>
                  <input type="radio" name="differenceMode" value="cash" defaultChecked={kept.differenceMode === "cash"} /> Cash
                </label>
              </div>
              <div className="field">
                <label htmlFor="return-cash-given">Cash handed over (empty: the exact difference)</label>
                <input id="return-cash-given" name="cashGiven" inputMode="decimal" defaultValue={kept.cashGiven ?? ""} />
              </div>
            </fieldset>
          ) : null}
          <div className="field">
            <label htmlFor="return-reason">Reason</label>
            <select id="return-reason" name="reason" required defaultValue={kept.reason ?? ""}>
              <option value="" disabled>
                Choose why it is coming back
              </option>
              {RETURN_REASONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="return-note">Note (optional)</label>
            <input id="return-note" name="note" maxLength={300} defaultValue={kept.note ?? ""} placeholder="Clasp loose, prefers silver…" />
          </div>
          {exchanging ? (
            <p className="pos-return__sum" role="status" data-testid="exchange-sum">
              {due > back ? (
                <>About {money(due - back)} to take from the customer.</>
              ) : back > due ? (
                <>About {money(back - due)} back to the customer.</>
              ) : (
                <>No difference to pay or refund.</>
              )}
            </p>
          ) : null}
          <button type="submit" className="button" disabled={busy || !online}>
            Return or exchange
          </button>
        </Form>
      )}
    </section>
  );
}
