import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import { getArtisan } from "~/features/artisan-app/auth.server";
import { languageForRequest, translator, type Lang } from "~/domain/artisans";
import { NavIcon } from "~/features/artisan-app/NavIcon";
import { ArtisanPageError } from "~/features/artisan-app/PageError";
import { useArtisanLang } from "~/features/artisan-app/use-t";
import styles from "~/styles/artisan.css";
import { useNonce } from "~/lib/nonce";

/** Every artisan page: no React runtime shipped (root.tsx skips <Scripts/> for this handle). */
export const handle = { hydrate: false };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "manifest", href: "/artisan/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/artisan/icon-192.png" },
];

export const meta: MetaFunction = () => [{ title: "Soko · Artisans" }, { name: "robots", content: "noindex, nofollow" }];

// One artisan's work and money: never kept by a browser or proxy cache (the service worker keeps its own copy).
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  // The login, PIN and logout pages sit under this layout too, so no requireArtisan here:
  // each child route checks the artisan itself (loaders run in parallel).
  const artisan = await getArtisan(request);
  return {
    lang: languageForRequest(request, artisan?.language),
    artisan: artisan ? { firstName: artisan.firstName, lastName: artisan.lastName } : null,
  };
}

export default function ArtisanLayout() {
  const { lang, artisan } = useLoaderData<typeof loader>();
  return (
    <ArtisanShell lang={lang} signedIn={!!artisan} name={artisan ? `${artisan.firstName} ${artisan.lastName}` : null}>
      <Outlet />
    </ArtisanShell>
  );
}

/**
 * Errors in the layout's own loader, and anything a page below has no boundary for: its data may be
 * missing here (a refused action skips the boundary's loader), so each page exports ArtisanPageError.
 */
export function ErrorBoundary() {
  const layout = useRouteLoaderData<typeof loader>("routes/artisan");
  const lang = useArtisanLang();
  const artisan = layout?.artisan ?? null;
  return (
    <ArtisanShell lang={lang} signedIn={!!artisan} name={artisan ? `${artisan.firstName} ${artisan.lastName}` : null}>
      <ArtisanPageError />
    </ArtisanShell>
  );
}

function ArtisanShell({
  lang,
  signedIn,
  name,
  children,
}: {
  lang: Lang;
  signedIn: boolean;
  name: string | null;
  children: React.ReactNode;
}) {
  const t = translator(lang);
  const { pathname } = useLocation();
  const nonce = useNonce();
  const other: Lang = lang === "sw" ? "en" : "sw";
  return (
    <div className={signedIn ? "aa aa--nav" : "aa"} lang={lang}>
      <header className="aa-header">
        <Link to={signedIn ? "/artisan/offers" : `/artisan?lang=${lang}`} className="aa-wordmark" aria-label={t("app.name")}>
          SOKO
        </Link>
        {name ? (
          <span className="aa-header__name">{name}</span>
        ) : (
          <Link to={`${pathname}?lang=${other}`} className="aa-lang" hrefLang={other} lang={other} aria-label={t("lang.switchLabel")}>
            {t("lang.switch")}
          </Link>
        )}
      </header>
      {/* Shown by the service worker when it serves this page from its cache. */}
      <p className="aa-offline" data-offline hidden role="status">
        {t("app.offline")}
      </p>
      {children}
      {signedIn ? (
        <nav className="aa-nav" aria-label={t("nav.main")}>
          {NAV_TABS.map((tab) => (
            <NavLink key={tab} to={`/artisan/${tab}`}>
              <NavIcon name={tab} />
              <span className="aa-nav__label">{t(`nav.${tab}`)}</span>
            </NavLink>
          ))}
        </nav>
      ) : null}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of our own (REGISTER_SW below), allowed by the CSP nonce */}
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: REGISTER_SW }} />
    </div>
  );
}

/** The bottom tabs, in order; each is /artisan/<tab>, its label nav.<tab>, its picture NavIcon's. */
const NAV_TABS = ["offers", "work", "deliveries", "stock", "earnings", "profile"] as const;

// A few bytes, no framework: makes the app installable and readable offline.
const REGISTER_SW = `if("serviceWorker"in navigator)navigator.serviceWorker.register("/artisan/sw.js",{scope:"/artisan/"}).catch(function(){})`;
