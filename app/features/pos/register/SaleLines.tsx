import { Form } from "@remix-run/react";
import type { FormEvent } from "react";
import { Money } from "~/components/commerce/Money";
import type { CartTotals } from "~/domain/pos";

type Props = {
  /** The cart has no lines (a line whose piece left the catalog still counts, as the server sees it). */
  empty: boolean;
  totals: CartTotals;
  cartJson: string;
  drafts: Record<string, string>;
  onCart: (event: FormEvent<HTMLFormElement>) => void;
  onLineChange: (variantId: number, field: "quantity" | "discount", value: string) => void;
  clearDraft: (name: string) => void;
};

/** The sale's lines, each with its quantity and discount; with JavaScript off, "Update cart" sends them. */
export function SaleLines({ empty, totals, cartJson, drafts, onCart, onLineChange, clearDraft }: Props) {
  const money = (amount: number) => <Money value={{ amount, currency: totals.currency }} />;
  if (empty) return <p className="muted">Scan a piece or tap one to start a sale.</p>;
  return (
    <>
      {/* A form of its own, so Enter in a quantity field updates the cart and never starts over. */}
      <Form method="post" onSubmit={onCart} className="pos-cart__new">
        <input type="hidden" name="cart" value={cartJson} />
        <span className="muted">
          {[
            totals.units || !totals.giftCards.length ? `${totals.units} ${totals.units === 1 ? "piece" : "pieces"}` : null,
            totals.giftCards.length ? `${totals.giftCards.length} gift ${totals.giftCards.length === 1 ? "card" : "cards"}` : null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </span>
        {/* Starts over: the lines go, and the next charge is a new sale. */}
        <button type="submit" name="intent" value="clear" className="button button--ghost button--small">
          New sale
        </button>
      </Form>
      <Form method="post" onSubmit={onCart}>
        <input type="hidden" name="cart" value={cartJson} />
        <ul className="pos-lines">
          {totals.giftCards.map((card) => (
            <li key={card.code} className="pos-line pos-line--gift-card" data-testid="sale-gift-card">
              <div className="pos-line__head">
                <span className="pos-line__title">Gift card ····{card.last4}</span>
                <span className="pos-line__total">{money(card.amount)}</span>
              </div>
              <p className="pos-line__meta">
                Activated when the sale is paid{" "}
                <button type="submit" name="intent" value={`remove-gift-card:${card.code}`} className="link-button">
                  Remove
                </button>
              </p>
            </li>
          ))}
          {totals.lines.map((line) => (
            <li key={line.variantId} className="pos-line">
              <div className="pos-line__head">
                <span className="pos-line__title">{line.item.title}</span>
                <span className="pos-line__total">{money(line.total)}</span>
              </div>
              <p className="pos-line__meta">
                {line.item.sku} · {money(line.item.price)} each
                {line.discount ? <> · −{money(line.discount)}</> : null}
                {line.toMake > 0 ? <span className="badge badge--warn"> {line.toMake} special order</span> : null}
                {line.needsApproval ? <span className="badge badge--bad"> needs manager</span> : null}
              </p>
              <div className="pos-line__edit">
                <label>
                  Qty
                  <input
                    name={`qty-${line.variantId}`}
                    inputMode="numeric"
                    value={drafts[`qty-${line.variantId}`] ?? String(line.quantity)}
                    onChange={(e) => onLineChange(line.variantId, "quantity", e.currentTarget.value)}
                    onBlur={() => clearDraft(`qty-${line.variantId}`)}
                    aria-label={`Quantity of ${line.item.title}`}
                  />
                </label>
                <label>
                  Discount %
                  <input
                    name={`discount-${line.variantId}`}
                    inputMode="decimal"
                    value={drafts[`discount-${line.variantId}`] ?? (line.discountPercent ? String(line.discountPercent) : "")}
                    placeholder="0"
                    onChange={(e) => onLineChange(line.variantId, "discount", e.currentTarget.value)}
                    onBlur={() => clearDraft(`discount-${line.variantId}`)}
                    aria-label={`Discount percent on ${line.item.title}`}
                  />
                </label>
                <button type="submit" name="intent" value={`remove:${line.variantId}`} className="link-button">
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
        <p className="pos-cart__tools">
          <button type="submit" name="intent" value="update" className="button button--ghost button--small">
            Update cart
          </button>
        </p>
      </Form>
    </>
  );
}
