import { Link } from "@remix-run/react";
import { BagLink } from "~/components/commerce/BagLink";
import { useMarket } from "~/components/commerce/market";

/**
 * The checkout's own header and footer (docs/decisions/0030-checkout-chrome.md): what a shopper who
 * is paying needs and nothing to wander off through — the logo back to the bag, that it is secure,
 * the market and currency being paid in, help, the bag; the policies below.
 */
export function CheckoutHeader({ cartCount }: { cartCount: number }) {
  const market = useMarket();
  return (
    <header className="site-header checkout-header">
      <div className="site-header__inner">
        <Link to="/cart" className="wordmark" aria-label="Soko, back to your bag">
          SOKO
        </Link>
        <p className="checkout-header__secure">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" fill="currentColor" />
          </svg>
          Secure checkout
        </p>
        <p className="checkout-header__market">
          <span className="visually-hidden">Market: </span>
          {`${market.name} · ${market.currency}`}
        </p>
        <div className="site-header__tools">
          <Link to="/contact" className="header-link">
            Help
          </Link>
          <BagLink count={cartCount} />
        </div>
      </div>
    </header>
  );
}

export function CheckoutFooter() {
  return (
    <footer className="site-footer checkout-footer">
      <nav aria-label="Policies" className="checkout-footer__nav">
        <Link to="/policies/shipping">Shipping policy</Link>
        <Link to="/policies/returns">Returns policy</Link>
        <Link to="/policies/privacy">Privacy policy</Link>
        <Link to="/policies/terms">Terms of sale</Link>
      </nav>
    </footer>
  );
}
