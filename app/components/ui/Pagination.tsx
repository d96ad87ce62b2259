import { Link, useLocation } from "@remix-run/react";
import { pageHref, pageSteps } from "./page-steps";

/**
 * Page links that keep every other query parameter (filters, sort, search). Plain links: works
 * without JS. `param` names the page's query parameter ("page"), `hash` an anchor to land on.
 */
export function Pagination({
  page,
  pageCount,
  label = "Pages",
  param = "page",
  hash,
}: {
  page: number;
  pageCount: number;
  label?: string;
  param?: string;
  hash?: string;
}) {
  const { pathname, search } = useLocation();
  const steps = pageSteps(page, pageCount);
  if (!steps) return null;
  const href = (p: number) => pageHref(pathname, search, param, p, hash);
  const pages = pageWindow(page, pageCount);
  return (
    <nav className="pagination" aria-label={label}>
      {steps.prev ? (
        <Link to={href(steps.prev)} rel="prev">
          Previous
        </Link>
      ) : null}
      {pages.map((p, i) =>
        p === null ? (
          // A gap follows a page number: the one before it names it.
          <span key={`gap-after-${pages[i - 1]}`} aria-hidden="true">
            …
          </span>
        ) : p === page ? (
          <span key={p} aria-current="page">
            {p}
          </span>
        ) : (
          <Link key={p} to={href(p)} aria-label={`Page ${p}`}>
            {p}
          </Link>
        ),
      )}
      {steps.next ? (
        <Link to={href(steps.next)} rel="next">
          Next
        </Link>
      ) : null}
    </nav>
  );
}

/** 1 … 4 5 [6] 7 8 … 20 */
export function pageWindow(page: number, pageCount: number): Array<number | null> {
  const wanted = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (typeof last === "number" && p - last > 1) out.push(null);
    out.push(p);
  }
  return out;
}
