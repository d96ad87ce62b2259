import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { ERROR_KEYS, type ErrorKey } from "~/domain/artisans";
import { useT } from "~/features/artisan-app/use-t";

/**
 * An artisan page's error, in her language. Each page route exports it as its own ErrorBoundary:
 * when a page's action is refused (a stale offer, a forged field) Remix renders the nearest boundary
 * without running that boundary's loader, so the layout's boundary had no language, name or tabs and
 * an English artisan met a Swahili page that looked signed out. Below the layout, the layout's data is there.
 */
export function ArtisanPageError() {
  const error = useRouteError();
  const t = useT();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A 400 may name one of her messages (an address that makes no sense: "err.page"); it is said in her language.
  const said = isRouteErrorResponse(error) && error.status === 400 ? sayable(error.data) : null;
  return (
    <section className="aa-page">
      <h1>{notFound ? t("err.notFound") : t("err.title")}</h1>
      {notFound ? null : <p>{said ? t(said) : t("err.generic")}</p>}
      <p>
        <Link className="aa-button" to="/artisan/offers">
          {t("err.back")}
        </Link>
      </p>
    </section>
  );
}

function sayable(data: unknown): ErrorKey | null {
  return typeof data === "string" && (ERROR_KEYS as readonly string[]).includes(data) ? (data as ErrorKey) : null;
}
