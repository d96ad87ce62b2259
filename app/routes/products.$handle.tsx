import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AddToBagForm } from "~/components/catalog/AddToBagForm";
import { JsonLd } from "~/components/catalog/JsonLd";
import { MakerCard } from "~/components/catalog/MakerCard";
import { ProductGallery } from "~/components/catalog/ProductGallery";
import { ProductGrid } from "~/components/commerce/ProductCard";
import { getProductPage, type ProductPage } from "~/domain/catalog/index.server";
import { CATEGORY_TITLES, initialVariantId, optionGroups, productSeo } from "~/domain/catalog";
import { seoMeta } from "~/domain/catalog";
import { isHandle } from "~/domain/images";
import { env } from "~/lib/env.server";
import { MarketLink } from "~/components/commerce/market";
import { MARKETS } from "~/domain/markets";
import { priceCards, priceVariants, type PriceList } from "~/domain/markets/index.server";
import { pageMarket } from "~/features/storefront/market.server";
import { ProductReviews } from "~/features/storefront/reviews/ProductReviews";
import { Stars } from "~/features/storefront/reviews/Stars";
import { TOP_REVIEWS, productReviewsPath, ratingSentence, reviewsPageParam } from "~/domain/reviews";
import { productReviews } from "~/domain/reviews/index.server";
import styles from "~/styles/catalog.css";
import reviewStyles from "~/styles/reviews.css";
import { sharedPageHeaders } from "~/domain/catalog";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: reviewStyles },
];
export const headers = sharedPageHeaders;

// SEO tags and JSON-LD are derived from the product where they are rendered, not shipped as loader
// data: the page would otherwise carry the same facts twice (and the JSON-LD string escaped twice).
export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data ? pageSeo(data).seo : undefined);

/**
 * The tags and the JSON-LD built once per product, reviews, market and address: the meta function (in
 * the head, first) and the page (the JSON-LD) read the same object, and on the server every render of
 * a product gets the same product and reviews objects from the catalog's caches (pricedProduct below)
 * until an edit purges them, so the SEO is built once per edit, not on every render (#14).
 */
const builtSeo = new WeakMap<object, WeakMap<object, Map<string, ReturnType<typeof productSeo>>>>();
function pageSeo(data: SerializeFrom<typeof loader>) {
  let byReviews = builtSeo.get(data.product);
  if (!byReviews) {
    byReviews = new WeakMap();
    builtSeo.set(data.product, byReviews);
  }
  let byAddress = byReviews.get(data.reviews);
  if (!byAddress) {
    byAddress = new Map();
    byReviews.set(data.reviews, byAddress);
  }
  const key = `${data.market}\n${data.publicUrl}`;
  let built = byAddress.get(key);
  if (!built) {
    built = productSeo(data.product, data.publicUrl, jsonLdRating(data.reviews), MARKETS[data.market].prefix);
    byAddress.set(key, built);
  }
  return built;
}

/**
 * The product with its market's prices: one object per cached page and price list (both kept until
 * an edit purges them), so the SEO above is worked out once for it. Never changed once made.
 */
const NO_PRICE_LIST = {};
const pricedPages = new WeakMap<ProductPage, WeakMap<object, ProductPage>>();
function pricedProduct(page: ProductPage, prices: PriceList | null): ProductPage {
  let byList = pricedPages.get(page);
  if (!byList) {
    byList = new WeakMap();
    pricedPages.set(page, byList);
  }
  let priced = byList.get(prices ?? NO_PRICE_LIST);
  if (!priced) {
    priced = { ...page, variants: priceVariants(page.variants, prices), related: priceCards(page.related, prices) };
    byList.set(prices ?? NO_PRICE_LIST, priced);
  }
  return priced;
}

/** The reviews as structured data: the aggregate of all, and the most helpful shown on the page. */
const jsonLdRating = (reviews: SerializeFrom<typeof loader>["reviews"]) =>
  reviews.summary.average === null
    ? null
    : {
        average: reviews.summary.average,
        count: reviews.summary.count,
        reviews: reviews.reviews.map((r) => ({
          author: r.authorName,
          rating: r.rating,
          title: r.title,
          body: r.body,
          datePublished: r.createdAt,
        })),
      };

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const handle = params.handle ?? "";
  const [page, market] = await Promise.all([
    isHandle(handle) ? getProductPage(handle, context.purgeKeys) : null,
    pageMarket(request, context.purgeKeys),
  ]);
  const product = page && pricedProduct(page, market.prices);
  if (!product) throw new Response("We couldn't find that piece. It may have sold out or moved.", { status: 404 });
  const query = new URL(request.url).searchParams;
  // The reviews' pages were `?reviews=N` here before they had a page of their own.
  if (query.has("reviews")) throw redirect(productReviewsPath(product.handle, reviewsPageParam(query.get("reviews"))), 301);
  const selectedVariantId = initialVariantId(product.variants, query.get("variant"));
  // Shared by everyone who sees the page (it is cached): nothing about who is asking. The most
  // helpful few; the rest are on the reviews page.
  const reviews = await productReviews(product.id, 1, context.purgeKeys, TOP_REVIEWS);
  return { product, selectedVariantId, publicUrl: env().PUBLIC_URL, reviews, market: market.market };
}

export default function ProductRoute() {
  const data = useLoaderData<typeof loader>();
  const { product, selectedVariantId, reviews } = data;
  const { jsonLd } = pageSeo(data);
  const category = CATEGORY_TITLES[product.category] ?? product.category;
  // The gallery shows one set of pictures per finish choice (in the buy box's order), when there is one.
  const finishes = optionGroups(product.variants)?.find((g) => g.name === "finish")?.values ?? [];
  return (
    <div className="page product-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <MarketLink to="/">Home</MarketLink> <span aria-hidden="true">/</span>{" "}
        <MarketLink to={`/collections/${product.category}`}>{category}</MarketLink>
      </nav>
      <div className="product-layout">
        <ProductGallery images={product.images} title={product.title} finishes={finishes} handle={product.handle} />
        <div className="product-info">
          <p className="eyebrow">{`${category} · handmade in Kenya`}</p>
          <h1>{product.title}</h1>
          {reviews.summary.average !== null ? (
            <p className="product-rating">
              <a href="#reviews">
                <Stars rating={reviews.summary.average} label={ratingSentence(reviews.summary)} />{" "}
                <span aria-hidden="true">
                  {`${reviews.summary.average.toFixed(1)} (${reviews.summary.count} ${reviews.summary.count === 1 ? "review" : "reviews"})`}
                </span>
              </a>
            </p>
          ) : null}
          {product.variants.length > 0 && selectedVariantId !== null ? (
            <AddToBagForm
              key={product.id}
              productId={product.id}
              category={product.category}
              variants={product.variants}
              initialVariantId={selectedVariantId}
            />
          ) : (
            <p className="notice">This piece is not available to order right now.</p>
          )}
          {product.story ? (
            <div className="product-story">
              <p>{product.story}</p>
            </div>
          ) : null}
          <dl className="product-facts">
            {product.materials.length ? (
              <>
                <dt>Materials</dt>
                <dd>{product.materials.map(capitalize).join(", ")}</dd>
              </>
            ) : null}
            {product.care ? (
              <>
                <dt>Care</dt>
                <dd>{product.care}</dd>
              </>
            ) : null}
          </dl>
        </div>
      </div>

      {product.makers.length ? (
        <section aria-labelledby="made-by" className="made-by">
          <h2 id="made-by">Made by</h2>
          <p className="muted">Each piece is made by hand by one of these artisans, or another with the same skills, when you order it.</p>
          <ul className="maker-list">
            {product.makers.map((maker) => (
              <li key={maker.handle}>
                <MakerCard maker={maker} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ProductReviews reviews={reviews} productTitle={product.title} handle={product.handle} />

      {product.related.length ? (
        <section aria-labelledby="related">
          <h2 id="related">{`More ${category.toLowerCase()}`}</h2>
          <ProductGrid products={product.related} label={`More ${category.toLowerCase()}`} />
        </section>
      ) : null}
      <JsonLd json={jsonLd} />
    </div>
  );
}

function capitalize(word: string) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
