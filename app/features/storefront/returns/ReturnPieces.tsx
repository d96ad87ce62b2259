import { Money } from "~/components/commerce/Money";
import { formatMoney } from "~/lib/money";

type Option = { variantId: number; title: string; unitPrice: number; perUnit: number; costsMore: boolean; duePerUnit: number };
type Line = {
  id: number;
  title: string;
  variantId: number;
  quantity: number;
  unitPrice: number;
  returned: number;
  returnable: number;
  unitRefund: number;
  madeToOrder: boolean;
  window: { open: true } | { open: false; message: string };
  exchangeOptions: Option[];
};

/** What an option says in the exchange list: the same again, the same price, money back, or why it can't be chosen. */
function optionLabel(option: Option, line: Line, currency: string) {
  if (option.variantId === line.variantId) return `${option.title} (the same again)`;
  if (option.costsMore) return `${option.title}: you pay ${formatMoney({ amount: option.duePerUnit, currency })} more each`;
  if (option.perUnit === 0) return `${option.title} (same price)`;
  return `${option.title}: ${formatMoney({ amount: option.perUnit, currency })} back each`;
}

/** The return form's pieces: how many of each to send back and, for an exchange, what instead. */
export function ReturnPieces({ lines, currency, values }: { lines: Line[]; currency: string; values: Record<string, string> }) {
  const money = (amount: number) => <Money value={{ amount, currency }} />;
  return (
    <fieldset className="return-pieces">
      <legend>Which pieces?</legend>
      {lines.map((line) => (
        <div key={line.id} className="return-piece">
          <p className="return-piece__title">
            <strong>{line.title}</strong>
            <span className="muted">
              {" "}
              · bought {line.quantity}
              {line.returned ? `, ${line.returned} already on a return` : ""}
              {line.madeToOrder ? " · made to order for you" : ""}
            </span>
          </p>
          {line.window.open && line.returnable > 0 ? (
            <div className="return-piece__fields">
              <div className="field">
                <label htmlFor={`qty-${line.id}`}>How many to send back</label>
                <select id={`qty-${line.id}`} name={`qty-${line.id}`} defaultValue={values[`qty-${line.id}`] ?? "0"}>
                  {Array.from({ length: line.returnable + 1 }, (_, n) => String(n)).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
                <p className="hint">Refund {money(line.unitRefund)} each (after discounts, with tax)</p>
              </div>
              {line.exchangeOptions.length > 1 ? (
                <div className="field">
                  <label htmlFor={`swap-${line.id}`}>If exchanging, what instead</label>
                  <select
                    id={`swap-${line.id}`}
                    name={`swap-${line.id}`}
                    defaultValue={values[`swap-${line.id}`] ?? String(line.variantId)}
                    aria-describedby={`swap-${line.id}-hint`}
                  >
                    {line.exchangeOptions.map((o) => (
                      <option key={o.variantId} value={o.variantId}>
                        {optionLabel(o, line, currency)}
                      </option>
                    ))}
                  </select>
                  <p className="hint" id={`swap-${line.id}-hint`}>
                    A size or finish that costs less: the difference comes back to you. One that costs more: you pay the difference (with
                    your order's discount and tax applied the same way) before we hold it for you.
                  </p>
                </div>
              ) : null}
            </div>
          ) : (
            <p className="muted">{line.window.open ? "Already on a return." : line.window.message}</p>
          )}
        </div>
      ))}
    </fieldset>
  );
}
