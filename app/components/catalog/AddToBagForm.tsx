import { MarketTerms, useMarket } from "~/components/commerce/market";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Money } from "~/components/commerce/Money";
import { OPTION_FIELD_PREFIX, optionGroups, variantForChoices, variantLabel } from "~/domain/catalog";
import type { OptionGroup, VariantView } from "~/domain/catalog";
import { formatMoney } from "~/lib/money";

type Props = { productId: number; category: string; variants: VariantView[]; initialVariantId: number };

/**
 * Price, availability, the choices, quantity and "Add to bag". A plain POST to /cart, so it works
 * with JavaScript off. A product whose variants differ by options (finish, size, length) offers each
 * option as its own group (`productId` + `option.finish` + `option.size`: the bag finds the variant);
 * otherwise each variant is a radio (`variantId`). With JavaScript the price and availability follow
 * the choice and the URL gets `?variant=`. Finish radios carry `data-finish-slot`, which the gallery's
 * CSS follows (its pictures change with the finish with or without JavaScript).
 */
export function AddToBagForm({ productId, category, variants, initialVariantId }: Props) {
  const groups = optionGroups(variants);
  const initial = variants.find((v) => v.id === initialVariantId) ?? variants[0];
  const [choices, setChoices] = useState<Record<string, string>>(initial.options);
  const [selectedId, setSelectedId] = useState(initial.id);
  useEffect(() => {
    const again = variants.find((v) => v.id === initialVariantId) ?? variants[0];
    setSelectedId(again.id);
    setChoices(again.options);
  }, [initialVariantId, variants]);
  const navigation = useNavigation();
  const adding = navigation.state !== "idle" && navigation.formAction === "/cart";
  const selected = groups ? variantForChoices(variants, choices) : (variants.find((v) => v.id === selectedId) ?? variants[0]);
  const shown = selected ?? initial;
  const single = variants.length === 1;

  function remember(id: number) {
    const url = new URL(window.location.href);
    url.searchParams.set("variant", String(id));
    // Replace without a navigation: the loader has everything already.
    window.history.replaceState(window.history.state, "", url);
  }

  const market = useMarket();
  function choose(name: string, value: string) {
    const next = { ...choices, [name]: value };
    setChoices(next);
    const variant = variantForChoices(variants, next);
    if (variant) remember(variant.id);
  }

  return (
    <div className="buy-box">
      <p className="buy-box__price" aria-live="polite">
        <Money value={shown.price} className="buy-box__amount" />
        {shown.compareAtPrice ? (
          <s className="compare-at">
            <span className="visually-hidden">Was </span>
            <Money value={shown.compareAtPrice} />
          </s>
        ) : null}
      </p>
      <MarketTerms />
      <p
        className={`availability ${shown.availability.inStock ? "availability--in" : "availability--made"}`}
        data-testid="availability"
        aria-live="polite"
      >
        {selected ? shown.availability.label : "Not made in this combination: choose another"}
      </p>
      <Form method="post" action="/cart" className="buy-box__form">
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="market" value={market.code} />
        {groups ? (
          <>
            <input type="hidden" name="productId" value={productId} />
            {groups.map((group) => (
              <OptionPicker
                key={group.name}
                group={group}
                category={category}
                variants={variants}
                choices={choices}
                onChoose={(value) => choose(group.name, value)}
              />
            ))}
          </>
        ) : (
          <fieldset className={`variant-picker${single ? " variant-picker--single" : ""}`}>
            <legend>{single ? "Piece" : "Choose one"}</legend>
            {variants.map((variant) => (
              <label key={variant.id} className="variant-option">
                <input
                  type="radio"
                  name="variantId"
                  value={variant.id}
                  checked={variant.id === shown.id}
                  onChange={() => {
                    setSelectedId(variant.id);
                    remember(variant.id);
                  }}
                />
                <span className="variant-option__name">{variantLabel(variant)}</span>
                <span className="variant-option__meta">
                  <Money value={variant.price} /> · {variant.availability.inStock ? "In stock" : "Made to order"}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <div className="buy-box__row">
          <div className="field quantity-field">
            <label htmlFor="quantity">Quantity</label>
            <input id="quantity" name="quantity" type="number" inputMode="numeric" min={1} max={99} step={1} defaultValue={1} required />
          </div>
          <button type="submit" className="button buy-box__submit" disabled={adding || !selected}>
            {adding ? "Adding…" : "Add to bag"}
          </button>
        </div>
      </Form>
    </div>
  );
}

const SIZED = new Set(["size", "length"]);

/** One option as a row of choice chips (radios), with the size guide beside a size or length. */
function OptionPicker({
  group,
  category,
  variants,
  choices,
  onChoose,
}: {
  group: OptionGroup;
  category: string;
  variants: VariantView[];
  choices: Record<string, string>;
  onChoose: (value: string) => void;
}) {
  return (
    <fieldset className="option-picker">
      <legend>{group.label}</legend>
      {SIZED.has(group.name) ? (
        <Link to={`/size-guide#${category}`} className="option-picker__guide">
          Size guide
        </Link>
      ) : null}
      <div className="option-picker__values">
        {group.values.map((value, slot) => {
          const price = priceDifference(variants, group.name, value);
          return (
            <label key={value} className="option-chip">
              <input
                type="radio"
                name={`${OPTION_FIELD_PREFIX}${group.name}`}
                value={value}
                checked={choices[group.name] === value}
                onChange={() => onChoose(value)}
                data-finish-slot={group.name === "finish" ? slot : undefined}
              />
              <span>
                {value}
                {price ? <span className="option-chip__price"> {price}</span> : null}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/** "+$6.00" on a value whose variants all cost more than the option's cheapest value; else nothing. */
function priceDifference(variants: VariantView[], name: string, value: string): string | null {
  const byValue = new Map<string, number[]>();
  for (const v of variants) byValue.set(v.options[name], [...(byValue.get(v.options[name]) ?? []), v.price.amount]);
  const lowest = Math.min(...[...byValue.values()].map((prices) => Math.min(...prices)));
  const own = byValue.get(value) ?? [];
  const extra = Math.min(...own) - lowest;
  if (extra <= 0 || own.some((p) => p !== own[0])) return null;
  return `+${formatMoney({ amount: extra, currency: variants[0].price.currency })}`;
}
