import { Link, useLocation } from "@remix-run/react";
import { useT } from "./use-t";

/**
 * A long list a page at a time on a small phone: "Page 2 of 5" above "Newer" and "Older" as big
 * plain links (no JavaScript), in the artisan's language. Keeps the other query
 * parameters; page 1 has no ?page=.
 */
export function Pager({ page, pageCount, label }: { page: number; pageCount: number; label: string }) {
  const t = useT();
  const { pathname, search } = useLocation();
  // One page and on it: nothing to link. Past the end (an old link, a list that shrank): "Newer" leads back to the last page.
  if (pageCount <= 1 && page <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search);
    if (p === 1) params.delete("page");
    else params.set("page", String(p));
    const qs = params.toString();
    return qs ? `${pathname}?${qs}` : pathname;
  };
  return (
    <nav className="aa-pager" aria-label={label}>
      {page > 1 ? (
        <Link to={href(Math.min(page - 1, pageCount))} rel="prev" className="aa-button aa-button--quiet aa-pager__prev">
          ← {t("earnings.newer")}
        </Link>
      ) : null}
      <span className="aa-pager__where" aria-current="page">
        {t("earnings.pageOf", { page, pages: pageCount })}
      </span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next" className="aa-button aa-button--quiet aa-pager__next">
          {t("earnings.older")} →
        </Link>
      ) : null}
    </nav>
  );
}
