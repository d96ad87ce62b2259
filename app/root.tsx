import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { BagLink } from "~/components/commerce/BagLink";
import { MarketLink, MarketNavLink, PageMarketProvider, useMarket, usePageMarket } from "~/components/commerce/market";
import { MARKET_LIST, alternateLinks, isMarketPage, marketFromPath } from "~/domain/markets";
import { CheckoutFooter, CheckoutHeader } from "~/features/checkout/CheckoutChrome";
import { requestMarket, visitorMarket } from "~/features/storefront/market.server";
import type { Personal } from "~/features/storefront/personal";
import { personalFor } from "~/features/storefront/personal.server";
import { env } from "~/lib/env.server";
import { useNonce } from "~/lib/nonce";
import styles from "~/styles/app.css";
import { errorWords, surfaceOf } from "~/lib/error-words";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/**
 * The bag and checkout pages read the whole bag in their own loaders: the header counts it from
 * there (BAG_PAGES) instead of a second query for the count.
 */
const BAG_PAGE_PATHS = /^\/(cart|checkout)(\.data)?\/?$/;
const BAG_PAGES: Record<string, (data: unknown) => { lines: Array<{ quantity: number }> } | null | undefined> = {
  "routes/cart": (data) => (data as { cart?: { lines: Array<{ quantity: number }> } | null } | undefined)?.cart,
  "routes/checkout": (data) => (data as { state?: { cart?: { lines: Array<{ quantity: number }> } } } | undefined)?.state?.cart,
};

/**
 * The personal bits (~/features/storefront/personal.ts): the only loader data of a catalog page that
 * is not the same for everybody. A render for the shared page cache gets tokens to return in their
 * place (the HTTP edge fills in each visitor's own) and reads no cookie.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { pathname } = new URL(request.url);
  const publicUrl = env().PUBLIC_URL;
  if (context.personalSlots) {
    // A catalog page's market is its address's: the shared render reads no cookie and no hint.
    return { personal: context.personalSlots as unknown as Personal, market: marketFromPath(pathname).market, publicUrl };
  }
  const bag = !BAG_PAGE_PATHS.test(pathname);
  // The bag and checkout pages read the bag (and so its market) themselves: useMarket takes it from
  // there, so those pages cost no read more here. Elsewhere the bag's market is read (visitorMarket).
  const [personal, market] = await Promise.all([
    personalFor(request.headers.get("Cookie"), { bag }),
    bag ? visitorMarket(request) : requestMarket(request),
  ]);
  return { personal, market, publicUrl };
}

/** Leaving a bag page, the header's count comes from this loader again. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || (BAG_PAGE_PATHS.test(currentUrl.pathname) && !BAG_PAGE_PATHS.test(nextUrl.pathname));

/** Units in the bag for the header: the root loader's count (a token in a shared render), or the bag page's own bag. */
function cartUnits(rootCount: number | null | undefined, matches: ReturnType<typeof useMatches>): number {
  if (rootCount !== null && rootCount !== undefined) return rootCount;
  for (const match of matches) {
    const bagOf = BAG_PAGES[match.id];
    if (bagOf) return bagOf(match.data)?.lines.reduce((units, line) => units + line.quantity, 0) ?? 0;
  }
  return 0;
}

/** Staff, POS and artisan surfaces bring their own chrome; the storefront shell is for shoppers. */
const OWN_CHROME = /^\/(ops|pos|artisan|wholesale)(\/|$)/;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { pathname } = useLocation();
  const storefront = !OWN_CHROME.test(pathname);
  // Pages built to work without JavaScript can ship none (the artisan app on a cheap phone):
  // a route says so with `handle = { hydrate: false }`.
  const matches = useMatches();
  const cartCount = cartUnits(data?.personal.bag, matches);
  const hydrate = !matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
  // The checkout brings its own slimmer chrome (docs/decisions/0030-checkout-chrome.md).
  const checkout = matches.some((m) => (m.handle as { chrome?: string } | undefined)?.chrome === "checkout");
  // The storefront's pages are in their market's English (en-GB on a UK page); the consoles in plain "en".
  const market = usePageMarket();
  const lang = useRouteLoaderData<{ lang?: string }>("routes/artisan")?.lang ?? (storefront ? market.locale : "en");
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1f1a17" />
        <Meta />
        <Links />
        {storefront && data ? <MarketAlternates publicUrl={data.publicUrl} /> : null}
      </head>
      <body>
        <PageMarketProvider market={market}>
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          {checkout ? (
            <CheckoutHeader cartCount={cartCount} />
          ) : storefront ? (
            <StoreHeader cartCount={cartCount} account={data?.personal.account ?? "Account"} />
          ) : null}
          <main id="main">{children}</main>
          {checkout ? <CheckoutFooter /> : storefront ? <StoreFooter /> : null}
        </PageMarketProvider>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  // Marks the document once React has taken it over: browser tests wait for this, not for the network.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

/** The personal bits are each the whole of a text node (the shared page cache fills them in). */
function StoreHeader({ cartCount, account }: { cartCount: number; account: string }) {
  const market = useMarket();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <MarketLink to="/" className="wordmark" aria-label="Soko, home">
          SOKO
        </MarketLink>
        <nav aria-label="Shop" className="site-nav">
          <MarketNavLink to="/collections/earrings">Earrings</MarketNavLink>
          <MarketNavLink to="/collections/necklaces">Necklaces</MarketNavLink>
          <MarketNavLink to="/collections/bracelets">Bracelets</MarketNavLink>
          <MarketNavLink to="/collections/rings">Rings</MarketNavLink>
          <MarketNavLink to="/makers">Makers</MarketNavLink>
        </nav>
        <div className="site-header__tools">
          <MarketSwitcher />
          <form action={market.prefix ? `${market.prefix}/search` : "/search"} method="get" role="search" className="header-search">
            <label htmlFor="header-q" className="visually-hidden">
              Search
            </label>
            <input id="header-q" name="q" type="search" placeholder="Search" />
          </form>
          <MarketLink to="/search" className="header-link header-search-link">
            Search
          </MarketLink>
          <Link to="/account" className="header-link account-link">
            {account}
          </Link>
          <BagLink count={cartCount} />
        </div>
      </div>
    </header>
  );
}

/**
 * The header's market switcher: a plain form (works without JavaScript) posting to /market, which
 * keeps the choice in a cookie and comes back to this page in the chosen market.
 */
function MarketSwitcher() {
  const market = useMarket();
  const { pathname, search } = useLocation();
  const here = `${marketFromPath(pathname).rest}${search}`;
  return (
    <form method="post" action="/market" className="market-switcher">
      <input type="hidden" name="redirectTo" value={here} />
      <label htmlFor="market-select" className="market-switcher__label">
        Shipping to
      </label>
      <select id="market-select" name="market" defaultValue={market.code} key={market.code}>
        {MARKET_LIST.map((m) => (
          <option key={m.code} value={m.code}>
            {`${m.name} (${m.currency})`}
          </option>
        ))}
      </select>
      <button type="submit" className="market-switcher__button">
        Change
      </button>
    </form>
  );
}

/** Every market's address of a catalog page, and x-default (docs/decisions/0021). */
function MarketAlternates({ publicUrl }: { publicUrl: string }) {
  const { pathname, search } = useLocation();
  const { rest } = marketFromPath(pathname);
  if (!isMarketPage(rest)) return null;
  const page = new URLSearchParams(search).get("page");
  const path = page && /^\d+$/.test(page) && page !== "1" ? `${rest}?page=${page}` : rest;
  return (
    <>
      {alternateLinks(publicUrl, path).map((link) => (
        <link key={link.hreflang} rel="alternate" hrefLang={link.hreflang} href={link.href} />
      ))}
    </>
  );
}

function StoreFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p className="wordmark">SOKO</p>
        <p>Handmade in Kenya by 1,300+ independent artisans, paid for every piece on their phones.</p>
        <nav aria-label="Footer" className="site-footer__nav">
          <ul>
            <li className="site-footer__heading">Shop</li>
            <li>
              <MarketLink to="/makers">Meet the makers</MarketLink>
            </li>
            <li>
              <Link to="/gift-cards">Gift cards</Link>
            </li>
            <li>
              <Link to="/gift-cards/balance">Gift card balance</Link>
            </li>
            <li>
              <Link to="/wholesale">Wholesale</Link>
            </li>
            <li>
              <MarketLink to="/search">Search</MarketLink>
            </li>
          </ul>
          <ul>
            <li className="site-footer__heading">Help</li>
            <li>
              <Link to="/policies/shipping">Shipping</Link>
            </li>
            <li>
              <Link to="/policies/returns">Returns</Link>
            </li>
            <li>
              <Link to="/size-guide">Size guide</Link>
            </li>
            <li>
              <Link to="/contact">Contact us</Link>
            </li>
          </ul>
          <ul>
            <li className="site-footer__heading">Policies</li>
            <li>
              <Link to="/policies/privacy">Privacy</Link>
            </li>
            <li>
              <Link to="/policies/terms">Terms of sale</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  // An address under /ops, /pos, /wholesale or /artisan that no page answers is still that surface's.
  const surface = surfaceOf(useLocation().pathname);
  const { status, title, detail } = errorWords(error, {
    titles: { 404: "We couldn't find that page" },
    notFound: surface?.notFound ?? "The piece or page you were looking for isn't here. It may have sold out or moved.",
  });
  if (surface)
    return (
      <section className="error-page">
        <p className="eyebrow">Error {status}</p>
        <h1>{title}</h1>
        <p>{detail}</p>
        <p className="error-page__links">
          <Link className="button" to={surface.home}>
            {surface.label}
          </Link>
        </p>
      </section>
    );
  return (
    <section className="error-page">
      <p className="eyebrow">Error {status}</p>
      <h1>{title}</h1>
      <p>{detail}</p>
      <p className="error-page__links">
        <MarketLink className="button" to="/">
          Go to the shop
        </MarketLink>
        <MarketLink to="/collections/earrings">Earrings</MarketLink>
        <MarketLink to="/collections/necklaces">Necklaces</MarketLink>
        <MarketLink to="/makers">Makers</MarketLink>
      </p>
    </section>
  );
}
