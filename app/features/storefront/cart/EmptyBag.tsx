import { MarketLink } from "~/components/commerce/market";

/** The bag with nothing in it; when this browser's bag just became an order, that order first. */
export function EmptyBag({ placedOrder }: { placedOrder?: { number: string; href: string } | null }) {
  return (
    <div className="empty-state cart-empty">
      {placedOrder ? (
        <p className="notice notice--success" role="status">
          Your bag became order {placedOrder.number}: it is placed and paid. <a href={placedOrder.href}>Follow your order</a>
        </p>
      ) : null}
      <h2>Your bag is empty</h2>
      <p>Every piece is handmade in Kenya by an artisan paid for their work. Find one you love:</p>
      <ul className="cart-empty__links">
        <li>
          <MarketLink to="/collections/earrings">Earrings</MarketLink>
        </li>
        <li>
          <MarketLink to="/collections/necklaces">Necklaces</MarketLink>
        </li>
        <li>
          <MarketLink to="/collections/bracelets">Bracelets</MarketLink>
        </li>
        <li>
          <MarketLink to="/collections/rings">Rings</MarketLink>
        </li>
      </ul>
      <p>
        <MarketLink to="/makers">Meet the makers</MarketLink>
      </p>
    </div>
  );
}
