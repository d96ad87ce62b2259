import { Link, useLocation } from "@remix-run/react";
import { pageHref, pageSteps } from "~/components/ui/page-steps";
import { useT } from "./use-t";

/**
 * A long list a page at a time on a small phone: "Page 2 of 5" above "Newer" and "Older" as big
 * plain links (no JavaScript), in the artisan's language. Keeps the other query
 * parameters; page 1 has no ?page=.
 */
export function Pager({ page, pageCount, label }: { page: number; pageCount: number; label: string }) {
  const t = useT();
  const { pathname, search } = useLocation();
  // Past the end (an old link, a list that shrank): "Newer" leads back to the last page, and no "Page 400 of 2".
  const steps = pageSteps(page, pageCount);
  if (!steps) return null;
  const href = (p: number) => pageHref(pathname, search, "page", p);
  return (
    <nav className="aa-pager" aria-label={label}>
      {steps.prev ? (
        <Link to={href(steps.prev)} rel="prev" className="aa-button aa-button--quiet aa-pager__prev">
          ← {t("earnings.newer")}
        </Link>
      ) : null}
      {steps.current ? (
        <span className="aa-pager__where" aria-current="page">
          {t("earnings.pageOf", { page: steps.current, pages: pageCount })}
        </span>
      ) : null}
      {steps.next ? (
        <Link to={href(steps.next)} rel="next" className="aa-button aa-button--quiet aa-pager__next">
          {t("earnings.older")} →
        </Link>
      ) : null}
    </nav>
  );
}
