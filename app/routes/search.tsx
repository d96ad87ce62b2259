import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Image } from "~/components/commerce/Image";
import { ProductGrid } from "~/components/commerce/ProductCard";
import { Pagination } from "~/components/ui/Pagination";
import { PORTRAIT_SIZE } from "~/domain/artisans";
import { searchPublicMakers } from "~/domain/artisans/index.server";
import { POPULAR_SEARCHES, SEARCH_QUERY_MAX, parseSearchParams } from "~/domain/catalog";
import { searchProducts, suggestSearch } from "~/domain/catalog/index.server";
import styles from "~/styles/makers.css";
import { sharedPageHeaders } from "~/domain/catalog";
import { MarketLink, PriceNote, useMarket } from "~/components/commerce/market";
import { marketHref } from "~/domain/markets";
import { priceCards } from "~/domain/markets/index.server";
import { pageMarket } from "~/features/storefront/market.server";
import { PastLastPage } from "~/features/ops/shared/PastLastPage";
import { listPageOf } from "~/lib/fields";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q}”: search | Soko` : "Search | Soko" },
  { name: "description", content: "Search handmade earrings, necklaces, bracelets and rings, and the Kenyan artisans who make them." },
  // Result pages are endless and thin: keep them out of search engines, but let crawlers follow links.
  { name: "robots", content: "noindex, follow" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  const { q } = parseSearchParams(query);
  const page = listPageOf(query);
  const [found, makers, market] = await Promise.all([
    searchProducts(q, page, context.purgeKeys),
    searchPublicMakers(q, 6, context.purgeKeys),
    pageMarket(request, context.purgeKeys),
  ]);
  const results = { ...found, products: priceCards(found.products, market.prices) };
  // Nothing found: perhaps a typo ("neklace"). Suggest the catalog's nearest words and show what they find.
  const suggestion = q && results.total === 0 && makers.length === 0 ? await suggestSearch(q) : null;
  const suggested = suggestion ? await searchProducts(suggestion, 1, context.purgeKeys) : null;
  return {
    q,
    ...results,
    makers,
    suggestion,
    suggested: suggested?.total ? { ...suggested, products: priceCards(suggested.products, market.prices) } : null,
  };
}

export default function SearchPage() {
  const { q, products, total, page, pageCount, makers, suggestion, suggested } = useLoaderData<typeof loader>();
  return (
    <div className="page search-page">
      <h1>{q ? <>Results for “{q}”</> : "Search"}</h1>
      <Form method="get" action={marketHref(useMarket().code, "/search")} role="search" className="search-form">
        <label htmlFor="search-q" className="visually-hidden">
          Search products and makers
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={SEARCH_QUERY_MAX}
          placeholder="Earrings, brass, horn, a maker's name…"
          className="input"
        />
        <button type="submit" className="button">
          Search
        </button>
      </Form>

      {!q ? (
        <section aria-labelledby="popular">
          <h2 id="popular">Popular searches</h2>
          <PopularSearches />
        </section>
      ) : (
        <>
          <p className="search-count" role="status">
            {total === 0 && makers.length === 0
              ? suggested
                ? `Nothing found for “${q}”.`
                : "Nothing found."
              : `${total.toLocaleString("en")} ${total === 1 ? "piece" : "pieces"}${makers.length ? `, ${makers.length === 1 ? "1 maker" : `${makers.length} makers`}` : ""}`}
          </p>

          {makers.length ? (
            <section aria-labelledby="maker-results" className="search-makers">
              <h2 id="maker-results">Makers</h2>
              <ul className="maker-strip">
                {makers.map((maker) => (
                  <li key={maker.handle}>
                    <MarketLink to={`/makers/${maker.handle}`} className="maker-chip">
                      <Image src={maker.portraitUrl} alt="" width={PORTRAIT_SIZE.width} height={PORTRAIT_SIZE.height} sizes="48px" />
                      <span>
                        <span className="maker-chip__name">{maker.name}</span>
                        <span className="maker-chip__place">
                          {maker.settlement}, {maker.county}
                        </span>
                      </span>
                    </MarketLink>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {products.length ? (
            <section aria-labelledby="product-results">
              <h2 id="product-results" className={makers.length ? undefined : "visually-hidden"}>
                Pieces
              </h2>
              <ProductGrid products={products} />
              <PriceNote />
              <Pagination page={page} pageCount={pageCount} label="Search result pages" />
            </section>
          ) : total > 0 ? (
            <div className="empty-state">
              <PastLastPage rows="pieces" pageCount={pageCount} />
              <Pagination page={page} pageCount={pageCount} label="Search result pages" />
            </div>
          ) : suggestion && suggested ? (
            <section aria-labelledby="did-you-mean" className="search-suggestion">
              <h2 id="did-you-mean">
                Did you mean <MarketLink to={`/search?q=${encodeURIComponent(suggestion)}`}>{suggestion}</MarketLink>?
              </h2>
              <p className="muted">
                No pieces match “{q}”. Here {suggested.total === 1 ? "is the piece" : `are ${suggested.total.toLocaleString("en")} pieces`}{" "}
                for “{suggestion}”.
              </p>
              <ProductGrid products={suggested.products} label={`Pieces for ${suggestion}`} />
              {suggested.pageCount > 1 ? (
                <p>
                  <MarketLink to={`/search?q=${encodeURIComponent(suggestion)}&page=2`}>More pieces for “{suggestion}”</MarketLink>
                </p>
              ) : null}
            </section>
          ) : (
            <div className="empty-state">
              {suggestion ? (
                <p className="search-suggestion">
                  Did you mean <MarketLink to={`/search?q=${encodeURIComponent(suggestion)}`}>{suggestion}</MarketLink>?
                </p>
              ) : null}
              <h2>No pieces match “{q}”</h2>
              <p>Check the spelling, try a material such as brass or horn, or browse a collection.</p>
              <PopularSearches />
              <p className="search-links">
                <MarketLink to="/collections/earrings">Earrings</MarketLink>
                <MarketLink to="/collections/necklaces">Necklaces</MarketLink>
                <MarketLink to="/collections/bracelets">Bracelets</MarketLink>
                <MarketLink to="/collections/rings">Rings</MarketLink>
                <MarketLink to="/makers">Meet the makers</MarketLink>
              </p>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function PopularSearches() {
  return (
    <ul className="popular-searches">
      {POPULAR_SEARCHES.map((term) => (
        <li key={term}>
          <MarketLink to={`/search?q=${encodeURIComponent(term)}`} className="badge">
            {term}
          </MarketLink>
        </li>
      ))}
    </ul>
  );
}
