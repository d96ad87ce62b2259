import { Form, Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { maskedCode } from "~/domain/giftcards";
import { MARKETS } from "~/domain/markets";
import type { CheckoutReply, CheckoutView } from "./checkout-reply";

/** 2000 basis points → "20%", 2550 → "25.5%". */
const formatRate = (bp: number) => `${Number((bp / 100).toFixed(2))}%`;

/** The bag's purchasable lines, the discount code form and the totals, beside the steps. */
export function OrderSummary({ state, actionData }: { state: CheckoutView; actionData: CheckoutReply | undefined }) {
  const money = (amount: number) => <Money value={{ amount, currency: state.cart.currency }} />;
  const market = MARKETS[state.cart.market];
  const codeError = actionData?.errors.code;
  const giftCardError = actionData?.step === "gift-card" ? actionData.errors.giftCardCode : undefined;
  return (
    <aside className="checkout__summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Order summary</h2>
      <ul className="summary-lines">
        {state.cart.lines
          .filter((l) => l.purchasable)
          .map((line) => (
            <li key={line.id}>
              <span>
                {line.title} × {line.quantity}
              </span>
              <Money value={line.lineTotal} />
            </li>
          ))}
      </ul>
      <Link to="/cart" className="muted">
        Edit bag
      </Link>
      <Form method="post" className="discount-form">
        <input type="hidden" name="intent" value="discount" />
        <div className="field">
          <label htmlFor="code">Discount code</label>
          <div className="inline-field">
            <input
              id="code"
              name="code"
              defaultValue={actionData?.values?.code ?? ""}
              aria-invalid={codeError ? true : undefined}
              aria-describedby={codeError ? "code-error" : undefined}
            />
            <button className="button button--ghost button--small" type="submit">
              Apply
            </button>
          </div>
          {codeError ? (
            <p className="field-error" id="code-error" role="alert">
              {codeError}
            </p>
          ) : null}
          {state.discount && !state.discount.ok ? <p className="field-error">{state.discount.reason}</p> : null}
        </div>
      </Form>
      {/* Keyed by the cards applied: once one is, the field starts empty again (the code is not left on screen). */}
      <Form method="post" className="discount-form" key={state.giftCards.map((c) => c.id).join(",")}>
        <input type="hidden" name="intent" value="gift-card" />
        <div className="field">
          <label htmlFor="giftCardCode">Gift card</label>
          <div className="inline-field">
            <input
              id="giftCardCode"
              name="giftCardCode"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
              placeholder="XXXX-XXXX-XXXX-XXXX"
              defaultValue={actionData?.step === "gift-card" ? (actionData.values?.giftCardCode ?? "") : ""}
              aria-invalid={giftCardError ? true : undefined}
              aria-describedby={giftCardError ? "giftCardCode-error" : undefined}
            />
            <button className="button button--ghost button--small" type="submit">
              Apply
            </button>
          </div>
          {giftCardError ? (
            <p className="field-error" id="giftCardCode-error" role="alert">
              {giftCardError}
            </p>
          ) : null}
        </div>
      </Form>
      <dl className="totals">
        <div>
          <dt>Subtotal</dt>
          <dd>{money(state.totals.subtotal)}</dd>
        </div>
        {state.discount?.ok ? (
          <div>
            <dt>
              Discount ({state.discount.code}){" "}
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="remove-discount" />
                <button className="link-button" type="submit">
                  Remove
                </button>
              </Form>
            </dt>
            <dd>−{money(state.totals.discountTotal)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Shipping</dt>
          <dd>{state.shippingMethod ? (state.totals.shippingTotal === 0 ? "Free" : money(state.totals.shippingTotal)) : "—"}</dd>
        </div>
        {market.tax.mode === "added" ? (
          <div>
            <dt>Tax{state.totals.taxRate ? ` (${(state.totals.taxRate / 100).toFixed(2)}%)` : ""}</dt>
            <dd>{state.address ? money(state.totals.taxTotal) : "—"}</dd>
          </div>
        ) : null}
        <div className="totals__total">
          <dt>Total</dt>
          <dd data-testid="checkout-total">{money(state.totals.total)}</dd>
        </div>
        {market.tax.mode === "included" ? (
          // Prices include it (docs/decisions/0021): the part of the total that is VAT/GST, at the destination's rate.
          <div className="totals__included" data-testid="checkout-tax-included">
            <dt>
              Including {market.tax.name}
              {state.address ? ` (${formatRate(state.totals.taxRate)})` : ""}
            </dt>
            <dd>{money(state.totals.taxIncluded)}</dd>
          </div>
        ) : null}
        {state.giftCards.map((card) => (
          <div key={card.id} className="totals__gift-card">
            <dt>
              Gift card {maskedCode(card.last4)}{" "}
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="remove-gift-card" />
                <input type="hidden" name="giftCardId" value={card.id} />
                <button className="link-button" type="submit" aria-label={`Remove gift card ending ${card.last4}`}>
                  Remove
                </button>
              </Form>
              <span className="muted totals__note">
                {card.amount > 0 ? <>Leaves {money(card.balanceAfter)} on the card</> : <>Not needed: keeps {money(card.balanceAfter)}</>}
              </span>
            </dt>
            <dd>−{money(card.amount)}</dd>
          </div>
        ))}
        {state.giftCards.length ? (
          <div className="totals__total">
            <dt>To pay</dt>
            <dd>{money(state.amountDue)}</dd>
          </div>
        ) : null}
      </dl>
      {/* What is due on delivery, the market's rule (the product page says the same). */}
      <p className="muted checkout__duties" data-testid="checkout-duties">
        {market.duties}
      </p>
    </aside>
  );
}
