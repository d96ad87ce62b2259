import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { cartNoticeSchema } from "~/domain/cart";
import { describeNotice, getCart } from "~/domain/cart/index.server";
import { cartAction } from "~/features/storefront/cart.server";
import { CartLine } from "~/features/storefront/cart/CartLine";
import { CartSummary } from "~/features/storefront/cart/CartSummary";
import { firstError } from "~/features/storefront/cart/cart-reply";
import { EmptyBag } from "~/features/storefront/cart/EmptyBag";
import { statusPath } from "~/domain/orders/index.server";
import { placedOrderNumber } from "~/lib/session.server";
import { readForm } from "~/lib/validation";
import styles from "~/styles/cart.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Your bag · Soko" }, { name: "robots", content: "noindex" }];

// The bag is one shopper's: never cached by a browser or a CDN.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  // The bag is priced in its own market (set when adding and by the switcher): what checkout charges.
  const cart = await getCart(request);
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const notice = cartNoticeSchema.safeParse(search);
  // An empty bag in a browser whose bag just became an order (a second tab, a double submit): say where it went.
  const placed = cart?.lines.length ? null : await placedOrderNumber(request);
  return {
    cart,
    notice: notice.success ? await describeNotice(notice.data, cart) : null,
    placedOrder: placed ? { number: placed, href: statusPath(placed) } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  return cartAction(request, form);
}

export default function CartPage() {
  const { cart, notice, placedOrder } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lines = cart?.lines ?? [];
  // A document POST (JS off) that failed: its message goes beside the line, or on top if it has no line.
  const actionLine = actionData?.lineId && lines.some((l) => l.id === actionData.lineId) ? actionData.lineId : null;
  const topError = actionData && !actionLine ? firstError(actionData.errors) : null;
  // A line's own form (a fetcher, with JavaScript) that was refused: the last change's notice is no longer news.
  const [lineRefused, setLineRefused] = useState(false);
  const onRefused = useCallback(() => setLineRefused(true), []);
  const { key } = useLocation();
  useEffect(() => {
    if (key) setLineRefused(false);
  }, [key]);

  return (
    <div className="page cart-page">
      <h1>Your bag</h1>
      {topError ? (
        <p className="notice notice--error" role="alert">
          {topError}
        </p>
      ) : null}
      {notice && !actionData && !lineRefused ? (
        <div className="notice notice--success cart-notice" role="status">
          <span>{notice.message}</span>
          {notice.undo ? (
            <Form method="post" action="/cart" className="cart-notice__undo">
              <input type="hidden" name="intent" value="undo" />
              <input type="hidden" name="variantId" value={notice.undo.variantId} />
              <input type="hidden" name="quantity" value={notice.undo.quantity} />
              <button type="submit" className="link-button">
                Undo
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}

      {lines.length === 0 ? (
        <EmptyBag placedOrder={placedOrder} />
      ) : (
        <div className="cart-layout">
          <section aria-labelledby="cart-lines-heading">
            <h2 id="cart-lines-heading" className="visually-hidden">
              Pieces in your bag
            </h2>
            <ul className="cart-lines">
              {lines.map((line) => (
                <CartLine
                  key={line.id}
                  line={line}
                  documentError={actionLine === line.id && actionData ? { errors: actionData.errors, values: actionData.values } : null}
                  onRefused={onRefused}
                />
              ))}
            </ul>
          </section>
          <CartSummary cart={cart!} />
        </div>
      )}
    </div>
  );
}
