import { Link } from "@remix-run/react";
import { marketHref, type MarketCode } from "~/domain/markets";
import { useMarket } from "./market";
import type { Money as MoneyValue } from "~/lib/money";
import { Image } from "./Image";
import { Money } from "./Money";

export type ProductCardProduct = {
  handle: string;
  title: string;
  image: { url: string; alt: string; width: number; height: number } | null;
  price: MoneyValue | null;
  compareAtPrice?: MoneyValue | null;
};

/**
 * One tile of a product grid: image, title, "from" price (with a struck compare-at on markdown),
 * linking to the product in the page's market (`market`: the grid works it out once for every card).
 */
function ProductCard({ product, market, loading }: { product: ProductCardProduct; market: MarketCode; loading: "lazy" | "eager" }) {
  return (
    <Link to={marketHref(market, `/products/${product.handle}`)} className="product-card" prefetch="intent">
      {product.image ? (
        <Image
          src={product.image.url}
          alt={product.image.alt || product.title}
          width={product.image.width}
          height={product.image.height}
          loading={loading}
          sizes="(min-width: 1024px) 25vw, (min-width: 720px) 33vw, 50vw"
        />
      ) : (
        <span className="product-card__placeholder" aria-hidden="true" />
      )}
      <span className="product-card__title">{product.title}</span>
      {product.price ? (
        <span className="product-card__price">
          <Money value={product.price} />
          {product.compareAtPrice ? (
            <s className="compare-at">
              <span className="visually-hidden">Was </span>
              <Money value={product.compareAtPrice} />
            </s>
          ) : null}
        </span>
      ) : null}
    </Link>
  );
}

/** A grid of cards; the first row loads eagerly (it is above the fold). */
export function ProductGrid({ products, label }: { products: ProductCardProduct[]; label?: string }) {
  const market = useMarket().code;
  return (
    <ul className="product-grid" aria-label={label}>
      {products.map((product, index) => (
        <li key={product.handle}>
          <ProductCard product={product} market={market} loading={index < 4 ? "eager" : "lazy"} />
        </li>
      ))}
    </ul>
  );
}
