import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Money } from "~/components/commerce/Money";
import { variantLabel } from "~/domain/catalog";
import type { VariantView } from "~/domain/catalog";

/**
 * Price, availability, variant radios, quantity and "Add to bag". A plain POST to /cart, so it works
 * with JavaScript off (each radio names its price and availability); with JavaScript the price and
 * availability above follow the chosen radio and the URL gets `?variant=`.
 */
export function AddToBagForm({ variants, initialVariantId }: { variants: VariantView[]; initialVariantId: number }) {
  const [selectedId, setSelectedId] = useState(initialVariantId);
  useEffect(() => setSelectedId(initialVariantId), [initialVariantId]);
  const navigation = useNavigation();
  const adding = navigation.state !== "idle" && navigation.formAction === "/cart";
  const selected = variants.find((v) => v.id === selectedId) ?? variants[0];
  const single = variants.length === 1;

  function choose(id: number) {
    setSelectedId(id);
    const url = new URL(window.location.href);
    url.searchParams.set("variant", String(id));
    // Replace without a navigation: the loader has everything already.
    window.history.replaceState(window.history.state, "", url);
  }

  return (
    <div className="buy-box">
      <p className="buy-box__price" aria-live="polite">
        <Money value={selected.price} className="buy-box__amount" />
        {selected.compareAtPrice ? (
          <s className="compare-at">
            <span className="visually-hidden">Was </span>
            <Money value={selected.compareAtPrice} />
          </s>
        ) : null}
      </p>
      <p
        className={`availability ${selected.availability.inStock ? "availability--in" : "availability--made"}`}
        data-testid="availability"
        aria-live="polite"
      >
        {selected.availability.label}
      </p>
      <Form method="post" action="/cart" className="buy-box__form">
        <input type="hidden" name="intent" value="add" />
        <fieldset className={`variant-picker${single ? " variant-picker--single" : ""}`}>
          <legend>{single ? "Piece" : "Choose a finish"}</legend>
          {variants.map((variant) => (
            <label key={variant.id} className="variant-option">
              <input
                type="radio"
                name="variantId"
                value={variant.id}
                checked={variant.id === selected.id}
                onChange={() => choose(variant.id)}
              />
              <span className="variant-option__name">{variantLabel(variant)}</span>
              <span className="variant-option__meta">
                <Money value={variant.price} /> · {variant.availability.inStock ? "In stock" : "Made to order"}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="buy-box__row">
          <div className="field quantity-field">
            <label htmlFor="quantity">Quantity</label>
            <input id="quantity" name="quantity" type="number" inputMode="numeric" min={1} max={99} step={1} defaultValue={1} required />
          </div>
          <button type="submit" className="button buy-box__submit" disabled={adding}>
            {adding ? "Adding…" : "Add to bag"}
          </button>
        </div>
      </Form>
    </div>
  );
}
