import { MarketLink } from "~/components/commerce/market";

export function EmptyBag() {
  return (
    <div className="empty-state cart-empty">
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
