import { Link } from "@remix-run/react";
import { MarketLink, useMarket } from "~/components/commerce/market";
import { Money } from "~/components/commerce/Money";
import type { CartView } from "~/domain/cart/index.server";
import type { Money as MoneyValue } from "~/lib/money";

/**
 * The bag's subtotal and the way to checkout (only with an available piece). `checkoutSubtotal` is
 * what checkout will charge when that is in another currency than the market's prices shown here.
 */
export function CartSummary({
  cart,
  checkoutSubtotal = null,
}: {
  cart: Pick<CartView, "itemCount" | "subtotal" | "unavailableLines">;
  checkoutSubtotal?: MoneyValue | null;
}) {
  const market = useMarket();
  return (
    <aside className="cart-summary" aria-labelledby="cart-summary-heading">
      <h2 id="cart-summary-heading">Summary</h2>
      <dl className="cart-summary__rows">
        <div>
          <dt>
            Subtotal ({cart.itemCount} {cart.itemCount === 1 ? "piece" : "pieces"})
          </dt>
          <dd data-testid="cart-subtotal">
            <Money value={cart.subtotal} />
          </dd>
        </div>
      </dl>
      <p className="muted cart-summary__note" data-testid="cart-tax-note">
        {market.tax.mode === "included"
          ? `${market.tax.note}. Shipping is calculated at checkout.`
          : "Shipping and taxes are calculated at checkout."}
      </p>
      <p className="muted cart-summary__note">{market.duties}</p>
      {checkoutSubtotal ? (
        <p className="cart-summary__note cart-summary__warn" data-testid="cart-checkout-currency">
          Checkout is in US dollars for now: these pieces come to <Money value={checkoutSubtotal} /> before shipping and tax, and your bank
          converts the payment.
        </p>
      ) : null}
      {cart.unavailableLines > 0 ? (
        <p className="cart-summary__note cart-summary__warn">
          Pieces that are no longer available aren't included in your subtotal and won't be ordered.
        </p>
      ) : null}
      {cart.itemCount > 0 ? (
        <Link to="/checkout" className="button cart-summary__checkout">
          Check out
        </Link>
      ) : (
        <p className="muted">Add an available piece to check out.</p>
      )}
      <p className="cart-summary__continue">
        <MarketLink to="/collections/earrings">Continue shopping</MarketLink>
      </p>
    </aside>
  );
}
