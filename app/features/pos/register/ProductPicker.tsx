import { Form, Link } from "@remix-run/react";
import { useMemo, useState, type FormEvent, type RefObject } from "react";
import { Image } from "~/components/commerce/Image";
import { groupByProduct, type CatalogItem, type CatalogProduct } from "~/domain/pos";
import { formatMoney } from "~/lib/money";
import type { RegisterMessage } from "./use-register-sale";

type Props = {
  items: CatalogItem[];
  categories: string[];
  cartJson: string;
  scanRef: RefObject<HTMLInputElement>;
  message: RegisterMessage | null;
  matches: CatalogItem[];
  onScan: (event: FormEvent<HTMLFormElement>) => void;
  onAdd: (event: FormEvent<HTMLFormElement>) => void;
  onSearchInput: (value: string) => void;
};

/** Scan or search, the pieces a search matched, and the tiles by category. */
export function ProductPicker({ items, categories, cartJson, scanRef, message, matches, onScan, onAdd, onSearchInput }: Props) {
  const [category, setCategory] = useState(categories[0] ?? "");
  const products = useMemo(() => groupByProduct(items.filter((i) => i.category === category)), [items, category]);
  return (
    <section className="pos-catalog" aria-label="Products">
      <Form method="post" className="pos-scan" onSubmit={onScan}>
        <input type="hidden" name="cart" value={cartJson} />
        <label htmlFor="scan">Scan or search</label>
        <div className="pos-scan__row">
          <input
            ref={scanRef}
            id="scan"
            name="code"
            autoComplete="off"
            autoFocus
            placeholder="Barcode, SKU or name"
            enterKeyHint="search"
            aria-controls="pos-results"
            onChange={(event) => onSearchInput(event.currentTarget.value)}
          />
          <button type="submit" name="intent" value="scan" className="button">
            Add
          </button>
        </div>
      </Form>
      {/* A search that found several pieces is a list of results to choose from, not an error. */}
      {message && !matches.length ? (
        <p className={`notice ${message.ok ? "notice--success" : "notice--error"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}

      <Form method="post" onSubmit={onAdd}>
        <input type="hidden" name="cart" value={cartJson} />
        {matches.length ? (
          <section className="pos-results" id="pos-results" aria-labelledby="pos-results-heading">
            <h2 id="pos-results-heading" className="pos-results__heading" role="status">
              {message?.text ?? `${matches.length} pieces match`}
            </h2>
            <ProductTiles products={groupByProduct(matches)} />
          </section>
        ) : null}
        <nav className="pos-tabs" aria-label="Categories">
          {categories.map((c) => (
            <Link
              key={c}
              to={`?category=${c}`}
              aria-current={c === category ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                setCategory(c);
              }}
            >
              {c[0].toUpperCase() + c.slice(1)}
            </Link>
          ))}
        </nav>
        <ProductTiles products={products} />
      </Form>
    </section>
  );
}

const price = (amount: number, currency: string) => formatMoney({ amount, currency });
const stock = (onShelf: number) => (onShelf > 0 ? `${onShelf} on shelf` : "special order");

/**
 * One tile per product. A product with one variant adds at a tap; one with several lists its
 * variants (finish, size) inside the tile, each a button of its own. Submit buttons: with JavaScript
 * off they post `add:<variant>` to the register's action.
 */
function ProductTiles({ products }: { products: CatalogProduct[] }) {
  return (
    <ul className="pos-grid">
      {products.map((product) => {
        const only = product.variants.length === 1 ? product.variants[0] : null;
        const range =
          product.minPrice === product.maxPrice
            ? price(product.minPrice, product.currency)
            : `${price(product.minPrice, product.currency)}–${price(product.maxPrice, product.currency)}`;
        const picture = product.image ? <Image src={product.image} alt="" width={72} height={72} sizes="72px" /> : null;
        return (
          <li key={product.productId}>
            {only ? (
              <button
                type="submit"
                name="intent"
                value={`add:${only.variantId}`}
                className="pos-tile"
                aria-label={`Add ${only.title}, ${price(only.price, only.currency)}`}
              >
                {picture}
                <span className="pos-tile__title">{product.title}</span>
                <span className="pos-tile__meta">
                  {range} · {stock(only.onShelf)}
                </span>
              </button>
            ) : (
              <div className="pos-tile pos-tile--group">
                <div className="pos-tile__head">
                  {picture}
                  <span>
                    <span className="pos-tile__title">{product.title}</span>
                    <span className="pos-tile__meta">
                      {range} · {product.variants.length} options
                    </span>
                  </span>
                </div>
                <ul className="pos-variants" aria-label={`${product.title}: choose one`}>
                  {product.variants.map((v) => (
                    <li key={v.variantId}>
                      <button
                        type="submit"
                        name="intent"
                        value={`add:${v.variantId}`}
                        className="pos-variant"
                        aria-label={`Add ${v.title}, ${price(v.price, v.currency)}`}
                      >
                        <span className="pos-variant__name">{v.variantTitle ?? v.sku}</span>
                        <span className="pos-variant__meta">
                          {product.minPrice === product.maxPrice ? "" : `${price(v.price, v.currency)} · `}
                          {v.onShelf > 0 ? v.onShelf : "order"}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
