import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { MarketLink } from "~/components/commerce/market";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import { MAX_QUANTITY } from "~/domain/cart";
import type { CartLineView } from "~/domain/cart/index.server";
import { capitalize, days, firstError, type CartRefusal } from "./cart-reply";
import { useFreshData } from "./use-fresh-data";

type LineErrors = Pick<CartRefusal, "errors" | "values">;

/** One line of the bag: its piece, availability, quantity (updated in place) and Remove. */
export function CartLine({
  line,
  documentError,
  onRefused,
}: {
  line: CartLineView;
  documentError: LineErrors | null;
  /** Told when this line's change (made in place, with JavaScript) is refused: the page's last notice is stale then. */
  onRefused?: () => void;
}) {
  const update = useFetcher<CartRefusal>();
  const remove = useFetcher<CartRefusal>();
  const updateRefusal = useFreshData(update);
  const removeRefusal = useFreshData(remove);
  const refused = Boolean(updateRefusal ?? removeRefusal);
  useEffect(() => {
    if (refused) onRefused?.();
  }, [refused, onRefused]);
  const failed: LineErrors | null = updateRefusal ?? removeRefusal ?? documentError;
  const error = failed ? firstError(failed.errors) : null;
  const errorId = `line-${line.id}-error`;
  const busy = update.state !== "idle" || remove.state !== "idle";
  const options = Object.entries(line.options);
  const productUrl = `/products/${line.product.handle}`;

  return (
    <li
      className={`cart-line${line.purchasable ? "" : " cart-line--unavailable"}${busy ? " is-pending" : ""}`}
      aria-busy={busy || undefined}
      data-testid="cart-line"
    >
      <MarketLink to={productUrl} className="cart-line__image" tabIndex={-1} aria-hidden="true">
        {line.image ? (
          <Image src={line.image.url} alt={line.image.alt} width={line.image.width} height={line.image.height} sizes="96px" />
        ) : (
          <span className="cart-line__no-image" />
        )}
      </MarketLink>
      <div className="cart-line__details">
        <h3 className="cart-line__title">
          <MarketLink to={productUrl}>{line.product.title}</MarketLink>
        </h3>
        {options.length > 0 ? (
          <p className="cart-line__options">{options.map(([name, value]) => `${capitalize(name)}: ${value}`).join(" · ")}</p>
        ) : line.variantTitle && line.variantTitle !== "Default" ? (
          <p className="cart-line__options">{line.variantTitle}</p>
        ) : null}
        <p className="cart-line__price">
          <Money value={line.unitPrice} /> <span className="muted">each</span>
        </p>
        {line.purchasable ? (
          line.availability.kind === "in_stock" ? (
            <p className="cart-line__availability">
              <span className="badge badge--ok">In stock</span> Ships in {days(line.availability.shipDays)}
            </p>
          ) : (
            <p className="cart-line__availability">
              <span className="badge badge--warn">Made to order</span> Handmade for you; ships in about {days(line.availability.shipDays)}
            </p>
          )
        ) : (
          <p className="cart-line__availability cart-line__flag" role="note">
            <span className="badge badge--bad">No longer available</span> Not included in your subtotal. Please remove it.
          </p>
        )}
      </div>
      <div className="cart-line__controls">
        <update.Form method="post" action="/cart" className="cart-line__update" noValidate preventScrollReset>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="lineId" value={line.id} />
          <label htmlFor={`quantity-${line.id}`} className="cart-line__label">
            Quantity
          </label>
          <input
            key={`${line.id}-${line.quantity}-${failed ? "failed" : "ok"}`}
            id={`quantity-${line.id}`}
            name="quantity"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_QUANTITY}
            step={1}
            defaultValue={failed?.values.quantity ?? line.quantity}
            className="input cart-line__quantity"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          <button type="submit" className="button button--ghost button--small" disabled={busy}>
            {update.state !== "idle" ? "Updating…" : "Update"}
          </button>
        </update.Form>
        <remove.Form method="post" action="/cart" className="cart-line__remove" preventScrollReset>
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="lineId" value={line.id} />
          <button type="submit" className="link-button" disabled={busy} aria-label={`Remove ${line.product.title}`}>
            {remove.state !== "idle" ? "Removing…" : "Remove"}
          </button>
        </remove.Form>
        {error ? (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <p className="cart-line__total">
        <span className="visually-hidden">Line total </span>
        {line.purchasable ? (
          <Money value={line.lineTotal} />
        ) : (
          <s>
            <Money value={line.lineTotal} />
          </s>
        )}
      </p>
    </li>
  );
}
