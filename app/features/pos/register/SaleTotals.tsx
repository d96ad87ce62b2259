import { Money } from "~/components/commerce/Money";
import type { CartTotals } from "~/domain/pos";

export function SaleTotals({ totals, taxRate }: { totals: CartTotals; taxRate: number }) {
  const money = (amount: number) => <Money value={{ amount, currency: totals.currency }} />;
  return (
    <dl className="pos-totals">
      <dt>Subtotal</dt>
      <dd>{money(totals.subtotal)}</dd>
      {totals.discountTotal ? (
        <>
          <dt>Discounts</dt>
          <dd>−{money(totals.discountTotal)}</dd>
        </>
      ) : null}
      <dt>Sales tax ({(taxRate / 100).toFixed(2)}%)</dt>
      <dd>{money(totals.taxTotal)}</dd>
      <dt className="pos-totals__total">Total</dt>
      <dd className="pos-totals__total" data-testid="sale-total">
        {money(totals.total)}
      </dd>
    </dl>
  );
}
