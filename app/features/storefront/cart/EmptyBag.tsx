import { Link } from "@remix-run/react";

export function EmptyBag() {
  return (
    <div className="empty-state cart-empty">
      <h2>Your bag is empty</h2>
      <p>Every piece is handmade in Kenya by an artisan paid for their work. Find one you love:</p>
      <ul className="cart-empty__links">
        <li>
          <Link to="/collections/earrings">Earrings</Link>
        </li>
        <li>
          <Link to="/collections/necklaces">Necklaces</Link>
        </li>
        <li>
          <Link to="/collections/bracelets">Bracelets</Link>
        </li>
        <li>
          <Link to="/collections/rings">Rings</Link>
        </li>
      </ul>
      <p>
        <Link to="/makers">Meet the makers</Link>
      </p>
    </div>
  );
}
