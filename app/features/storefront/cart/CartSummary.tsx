import { Link } from "@remix-run/react";
import { MarketLink } from "~/components/commerce/market";
import { Money } from "~/components/commerce/Money";
import type { CartView } from "~/domain/cart/index.server";
import { MARKETS } from "~/domain/markets";

/**
 * The bag's subtotal and the way to checkout (only with an available piece), in the bag's market:
 * checkout charges what is shown here, in that currency (docs/decisions/0021).
 */
export function CartSummary({ cart }: { cart: Pick<CartView, "itemCount" | "subtotal" | "unavailableLines" | "market"> }) {
  const market = MARKETS[cart.market];
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
      <p className="muted cart-summary__note" data-testid="cart-market">
        Prices for {market.code === "us" || market.code === "gb" ? "the " : ""}
        {market.name}, paid in {market.currency}.
      </p>
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
