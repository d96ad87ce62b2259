import { Link, useLocation } from "@remix-run/react";

/**
 * Newer/older links for a table with its own page parameter (runs, payouts), keeping every other
 * parameter (threshold, search, the preview's page, filters). Plain links: works without JS.
 */
export function PagesFor({
  param,
  page,
  pageCount,
  label,
  newer,
  older,
}: {
  param: string;
  page: number;
  pageCount: number;
  label: string;
  newer: string;
  older: string;
}) {
  const { search } = useLocation();
  // One page and on it: nothing to link. Past the end (an old link, a list that shrank): links back.
  if (pageCount <= 1 && page <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search);
    if (p === 1) params.delete(param);
    else params.set(param, String(p));
    return `?${params}`;
  };
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link to={href(Math.min(page - 1, pageCount))} rel="prev">
          {newer}
        </Link>
      ) : null}
      <span aria-current="page">
        {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next">
          {older}
        </Link>
      ) : null}
    </nav>
  );
}
