import { Form } from "@remix-run/react";
import { GIFT_CARD_MAX, GIFT_CARD_MIN, GIFT_CARD_PRESETS } from "~/domain/giftcards";
import { formatMoney } from "~/lib/money";
import type { RegisterReply } from "./sale-form";

type Props = {
  cartJson: string;
  currency: string;
  /** How many cards the sale has: the form starts empty again after each one joins. */
  cardsInSale: number;
  actionData: RegisterReply | undefined;
  busy: boolean;
};

/**
 * "Sell gift card": the number printed on a card from the register's stack (scanned or typed) and
 * its amount join the sale as a line. The server checks the number names an unsold card; the card
 * is activated when the sale is paid. A plain form post: it works with JavaScript off.
 */
export function SellGiftCard({ cartJson, currency, cardsInSale, actionData, busy }: Props) {
  const failed = actionData && !actionData.ok && actionData.values && "sellCardCode" in actionData.values ? actionData : null;
  const money = (amount: number) => formatMoney({ amount, currency }).replace(/\.00$/, "");
  const range = `${money(GIFT_CARD_MIN)}–${money(GIFT_CARD_MAX)}`;
  return (
    <details className="pos-sell-card" open={failed ? true : undefined}>
      <summary>Sell gift card</summary>
      <Form method="post" key={cardsInSale} className="pos-sell-card__form" aria-label="Sell gift card">
        <input type="hidden" name="cart" value={cartJson} />
        {failed ? (
          <p className="notice notice--error" role="alert" id="sell-card-error">
            {failed.message}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="sell-card-code">Card number</label>
          <input
            id="sell-card-code"
            name="sellCardCode"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            placeholder="Scan or type the number on the card"
            defaultValue={failed?.values?.sellCardCode ?? ""}
            aria-invalid={failed ? true : undefined}
            aria-describedby={failed ? "sell-card-error" : undefined}
          />
        </div>
        <fieldset className="pos-modes pos-sell-card__amounts">
          <legend>Amount</legend>
          {GIFT_CARD_PRESETS.map((amount) => (
            <label key={amount} className="pos-mode">
              <input type="radio" name="sellAmount" value={String(amount)} defaultChecked={amount === 50_00} />
              {money(amount)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="sell-card-other">Other amount ({range})</label>
          <input
            id="sell-card-other"
            name="sellOther"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={failed?.values?.sellOther ?? ""}
            aria-describedby="sell-card-other-hint"
          />
          <p className="field-hint" id="sell-card-other-hint">
            Typed, it is used instead of the amount chosen above.
          </p>
        </div>
        <button type="submit" name="intent" value="sell-gift-card" className="button" disabled={busy}>
          Add gift card to sale
        </button>
      </Form>
    </details>
  );
}
