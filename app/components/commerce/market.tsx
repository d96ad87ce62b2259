import { Link, NavLink, useLocation, useRouteLoaderData, type LinkProps, type NavLinkProps } from "@remix-run/react";
import { createContext, useContext } from "react";
import { Money } from "./Money";
import { MARKETS, isMarketPage, marketFromPath, marketHref, type Market, type MarketCode } from "~/domain/markets";

const PageMarket = createContext<Market | null>(null);

/**
 * The page's market, worked out once in the root layout for every link and price under it (#14: a
 * product page has ~50 market links, and each read the location, three routes' loader data and the
 * path's market again).
 */
export function PageMarketProvider({ market, children }: { market: Market; children: React.ReactNode }) {
  return <PageMarket.Provider value={market}>{children}</PageMarket.Provider>;
}

/** The market of the page a component is on: the root layout's, or worked out here outside it. */
export function useMarket(): Market {
  const provided = useContext(PageMarket);
  // A tree has the provider (every page, under the root layout) or never has it, so the hooks run in
  // the same order on every render of a component.
  // biome-ignore lint/correctness/useHookAtTopLevel: see above
  return provided ?? usePageMarket();
}

/**
 * The market a page is in (docs/decisions/0021-markets-and-currencies.md): a market address says it
 * (a catalog page without a prefix is the US one); other storefront pages (the bag, checkout) are in
 * the market the root loader resolved for the visitor.
 */
export function usePageMarket(): Market {
  const { pathname } = useLocation();
  const root = useRouteLoaderData<{ market?: MarketCode }>("root");
  const bag = useBagPageMarket();
  const fromPath = marketFromPath(pathname);
  const code = fromPath.prefixed || isMarketPage(fromPath.rest) ? fromPath.market : (bag ?? root?.market ?? fromPath.market);
  return MARKETS[code];
}

/** On the bag and checkout pages, the bag's own market from their loader (the root loader does not read it there). */
function useBagPageMarket(): MarketCode | null {
  const cart = useRouteLoaderData<{ cart?: { market?: MarketCode } | null }>("routes/cart")?.cart;
  const checkout = useRouteLoaderData<{ state?: { cart?: { market?: MarketCode } } | null }>("routes/checkout")?.state?.cart;
  return cart?.market ?? checkout?.market ?? null;
}

/** A link that stays in the page's market: "/products/x" on a UK page goes to "/en-gb/products/x". */
export function MarketLink({ to, ...props }: Omit<LinkProps, "to"> & { to: string }) {
  const market = useMarket();
  return <Link to={marketHref(market.code, to)} {...props} />;
}

export function MarketNavLink({ to, ...props }: Omit<NavLinkProps, "to"> & { to: string }) {
  const market = useMarket();
  return <NavLink to={marketHref(market.code, to)} {...props} />;
}

/** "Prices in GBP, VAT included." under a grid of prices. */
export function PriceNote({ className = "price-note" }: { className?: string }) {
  const market = useMarket();
  return (
    <p className={className}>
      Prices in {market.currency}, {lowerFirst(market.tax.note)}.
    </p>
  );
}

const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text);

/** Under a product's price: the market's tax wording, its shipping rates and what is due on delivery. */
export function MarketTerms() {
  const market = useMarket();
  const { shipping, currency } = market;
  return (
    <div className="market-terms">
      <p className="market-terms__tax">{market.tax.note}</p>
      <p className="market-terms__shipping">
        {`Shipping to ${market.name}: standard `}
        <Money value={{ amount: shipping.standard, currency }} />
        {", free from "}
        <Money value={{ amount: shipping.freeFrom, currency }} />
        {"; express "}
        <Money value={{ amount: shipping.express, currency }} />.
      </p>
      <p className="market-terms__duties">{market.duties}</p>
    </div>
  );
}
