import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { DateLocaleProvider } from "~/components/ui/LocalTime";
import { dateLocaleOfCountry } from "~/domain/markets";
import { WholesalePageError } from "~/features/wholesale/PageError";
import { getBuyer, workingDraft } from "~/domain/wholesale/index.server";
import styles from "~/styles/wholesale.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Wholesale · Soko" }];

// Prices and orders are one retailer's: never cached by a browser or a proxy.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  // The header only: each page checks the buyer itself (loaders run in parallel).
  const context = await getBuyer(request);
  if (!context) return { buyer: null, dateLocale: "en-US" };
  // The order being built, counted in the nav on every page (it revalidates after each add).
  const draft = await workingDraft(request, context);
  const items = draft?.lines.length ?? 0;
  const units = draft?.lines.reduce((sum, l) => sum + l.quantity, 0) ?? 0;
  // Dates the retailer's way: the market of its country (a UK store reads "3 November 2026").
  const dateLocale = dateLocaleOfCountry(context.retailer.country);
  return { buyer: { name: context.buyer.name, retailer: context.retailer.name, items, units }, dateLocale };
}

export default function WholesaleLayout() {
  const { buyer, dateLocale } = useLoaderData<typeof loader>();
  return (
    <WholesaleShell buyer={buyer}>
      <DateLocaleProvider value={dateLocale}>
        <Outlet />
      </DateLocaleProvider>
    </WholesaleShell>
  );
}

/** The portal's header around an error; each page exports WholesalePageError, which has the buyer (see there). */
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("routes/wholesale");
  return (
    <WholesaleShell buyer={data?.buyer ?? null}>
      <WholesalePageError />
    </WholesaleShell>
  );
}

type ShellBuyer = { name: string; retailer: string; items: number; units: number };

function WholesaleShell({ buyer, children }: { buyer: ShellBuyer | null; children: React.ReactNode }) {
  return (
    <div className="wholesale">
      <header className="wholesale-header">
        <div className="wholesale-header__inner">
          <Link to={buyer ? "/wholesale/catalog" : "/wholesale"} className="wholesale-wordmark" aria-label="Soko wholesale, home">
            SOKO <span>Wholesale</span>
          </Link>
          {buyer ? (
            <>
              <nav aria-label="Wholesale" className="wholesale-nav">
                <NavLink to="/wholesale/catalog">Catalog</NavLink>
                <NavLink
                  to="/wholesale/quick-order"
                  className="wholesale-nav__order"
                  aria-label={
                    buyer.items
                      ? `Quick order: ${buyer.items} ${buyer.items === 1 ? "item" : "items"}, ${buyer.units} ${buyer.units === 1 ? "unit" : "units"} in your order`
                      : undefined
                  }
                >
                  Quick order
                  {buyer.items ? (
                    <span className="wholesale-nav__count" aria-hidden="true">
                      {buyer.items}
                    </span>
                  ) : null}
                </NavLink>
                <NavLink to="/wholesale/orders">Orders</NavLink>
                <NavLink to="/wholesale/invoices">Invoices</NavLink>
                <NavLink to="/wholesale/account">Account</NavLink>
              </nav>
              <div className="wholesale-header__who">
                <span className="wholesale-header__name">
                  {buyer.name} <span className="muted-inverse">· {buyer.retailer}</span>
                </span>
                <Form method="post" action="/wholesale/logout">
                  <button type="submit" className="wholesale-signout">
                    Sign out
                  </button>
                </Form>
              </div>
            </>
          ) : (
            <nav aria-label="Wholesale" className="wholesale-nav wholesale-nav--public">
              <NavLink to="/wholesale" end>
                Programme
              </NavLink>
              <a href="/wholesale#apply">Apply</a>
              <NavLink to="/wholesale/login">Sign in</NavLink>
              <Link to="/">Shop</Link>
            </nav>
          )}
        </div>
      </header>
      {children}
    </div>
  );
}
