import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CollectionFilters } from "~/components/catalog/CollectionFilters";
import { ProductGrid } from "~/components/commerce/ProductCard";
import { Pagination } from "~/components/ui/Pagination";
import { getCollectionPage } from "~/domain/catalog/index.server";
import { hasActiveFilters, parseCollectionFilters, priceBandLabel, priceBands } from "~/domain/catalog";
import { absoluteUrl, excerpt, seoMeta, type Seo } from "~/domain/catalog";
import { isHandle } from "~/domain/images";
import { env } from "~/lib/env.server";
import { numberFormat } from "~/lib/intl";
import { MarketLink, PriceNote, useMarket } from "~/components/commerce/market";
import { MARKETS, marketHref } from "~/domain/markets";
import { priceCards } from "~/domain/markets/index.server";
import { pageMarket } from "~/features/storefront/market.server";
import styles from "~/styles/catalog.css";
import { sharedPageHeaders } from "~/domain/catalog";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const handle = params.handle ?? "";
  const market = await pageMarket(request, context.purgeKeys);
  // Bands in the market's own money, filtering and sorting by its stored prices (docs/decisions/0021).
  const { currency, locale } = MARKETS[market.market];
  const filters = parseCollectionFilters(new URL(request.url).searchParams, currency);
  const page = isHandle(handle) ? await getCollectionPage(handle, filters, context.purgeKeys, { market: market.market, currency }) : null;
  if (!page) throw new Response("We couldn't find that collection.", { status: 404 });

  if (page.page < filters.page) {
    // Past the end (a bookmark from when the collection was longer): the last page, at its own address.
    const url = new URL(request.url);
    if (page.page > 1) url.searchParams.set("page", String(page.page));
    else url.searchParams.delete("page");
    throw redirect(`${url.pathname}${url.search}`);
  }
  const { collection } = page;
  // Filtered and sorted views share the collection's canonical URL; later pages keep their number.
  const path = `/collections/${collection.handle}${page.page > 1 ? `?page=${page.page}` : ""}`;
  const firstImage = page.products.find((p) => p.image)?.image;
  const seo: Seo = {
    title: `${collection.title} | Soko`,
    description: excerpt(collection.description) || `${collection.title}, handmade in Kenya by independent artisans.`,
    url: market.url(path),
    image: firstImage ? absoluteUrl(env().PUBLIC_URL, firstImage.url) : null,
    type: "website",
  };
  return {
    ...page,
    products: priceCards(page.products, market.prices),
    filters: { ...filters, page: page.page },
    filtered: hasActiveFilters(filters),
    bands: priceBands(currency).map((band) => ({ key: band.key, label: priceBandLabel(band, currency, locale) })),
    currencySign:
      numberFormat(locale, { style: "currency", currency })
        .formatToParts(0)
        .find((p) => p.type === "currency")?.value ?? currency,
    seo,
  };
}

export default function CollectionRoute() {
  const { collection, materials, products, total, page, pageCount, filters, filtered, bands, currencySign } =
    useLoaderData<typeof loader>();
  const basePath = marketHref(useMarket().code, `/collections/${collection.handle}`);
  const clearHref = filters.sort !== "featured" ? `${basePath}?sort=${filters.sort}` : basePath;
  const activeCount =
    filters.materials.length +
    (filters.price || filters.minPrice !== null || filters.maxPrice !== null ? 1 : 0) +
    (filters.sort !== "featured" ? 1 : 0);
  return (
    <div className="page collection-page">
      <header className="collection-header">
        <p className="eyebrow">{collection.kind === "category" ? "Shop by piece" : "Collection"}</p>
        <h1>{collection.title}</h1>
        {collection.description ? <p className="collection-header__intro">{collection.description}</p> : null}
      </header>
      <div className="collection-layout">
        <aside className="collection-layout__filters">
          {/* On a phone the panel folds behind "Filter and sort" (a <details>: no JavaScript needed) so pieces come first; on a wide screen it stays open beside them. */}
          <details className="filters-disclosure">
            <summary className="filters-disclosure__summary">
              <span>Filter and sort</span>
              {activeCount ? <span className="filters-disclosure__count">{activeCount}</span> : null}
            </summary>
            <CollectionFilters filters={filters} materials={materials} clearHref={clearHref} bands={bands} currencySign={currencySign} />
          </details>
        </aside>
        <section aria-labelledby="results" className="collection-layout__results">
          <h2 id="results" className="results-count" aria-live="polite">
            {total === 1 ? "1 piece" : `${total} pieces`}
            {pageCount > 1 ? (
              <span className="muted">
                {" "}
                · page {page} of {pageCount}
              </span>
            ) : null}
          </h2>
          {products.length ? (
            <>
              <ProductGrid products={products} label={collection.title} />
              <PriceNote />
              <Pagination page={page} pageCount={pageCount} label={`${collection.title} pages`} />
            </>
          ) : (
            <div className="empty-state">
              {filtered ? (
                <p>
                  No pieces match — <Link to={clearHref}>clear filters</Link>
                </p>
              ) : (
                <p>
                  No pieces here yet; new work is on the way. <MarketLink to="/">Back to the shop</MarketLink>
                </p>
              )}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
