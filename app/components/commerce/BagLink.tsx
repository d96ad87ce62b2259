import { Link } from "@remix-run/react";

/**
 * The header's link to the bag with its count. The count is each time the whole of a text node: on a
 * catalog page it is a personal bit the page cache fills in (docs/decisions/0018).
 */
export function BagLink({ count }: { count: number | string }) {
  return (
    <Link to="/cart" className="header-link cart-link">
      Bag{" "}
      <span className="cart-count" data-count={count} aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">{`${count} items in your bag`}</span>
    </Link>
  );
}
