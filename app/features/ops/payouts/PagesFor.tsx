import { Link, useLocation } from "@remix-run/react";
import { pageHref, pageSteps } from "~/components/ui/page-steps";

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
  const { pathname, search } = useLocation();
  const steps = pageSteps(page, pageCount);
  if (!steps) return null;
  const href = (p: number) => pageHref(pathname, search, param, p);
  return (
    <nav className="pagination" aria-label={label}>
      {steps.prev ? (
        <Link to={href(steps.prev)} rel="prev">
          {newer}
        </Link>
      ) : null}
      {steps.current ? (
        <span aria-current="page">
          {steps.current} of {pageCount}
        </span>
      ) : null}
      {steps.next ? (
        <Link to={href(steps.next)} rel="next">
          {older}
        </Link>
      ) : null}
    </nav>
  );
}
