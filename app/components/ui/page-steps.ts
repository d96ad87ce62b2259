/**
 * Where a list's page links lead from `page` of `pageCount`: one rule for every pager (Pagination,
 * the payouts' newer and older links, the artisan's statement). Pure.
 *
 * Null when there is nothing to link: one page, and on it. Past the end (an old link, a list that
 * shrank) `prev` leads back to the last page and `current` is null: "50 of 1" would name a page
 * that isn't there, so a pager shows no position (the list's empty state says how many pages it has).
 */
export type PageSteps = { prev: number | null; next: number | null; current: number | null };

export function pageSteps(page: number, pageCount: number): PageSteps | null {
  if (pageCount <= 1 && page <= 1) return null;
  return {
    prev: page > 1 ? Math.min(page - 1, pageCount) : null,
    next: page < pageCount ? page + 1 : null,
    current: page <= pageCount ? page : null,
  };
}

/** Page `p`'s address, keeping every other query parameter (filters, search, another table's page); page 1 has no `param`. */
export function pageHref(pathname: string, search: string, param: string, p: number, hash?: string): string {
  const params = new URLSearchParams(search);
  if (p === 1) params.delete(param);
  else params.set(param, String(p));
  const qs = params.toString();
  return `${qs ? `${pathname}?${qs}` : pathname}${hash ? `#${hash}` : ""}`;
}
