import type { ReactNode } from "react";

/**
 * A list's empty state on a page past its last (an old link, a list that shrank): says so, the page
 * links below lead back. `level` 3 for a list under its section's own h2.
 */
export function PastLastPage({ rows, pageCount, level = 2 }: { rows: string; pageCount: number; level?: 2 | 3 }) {
  const Heading = level === 3 ? "h3" : "h2";
  return (
    <>
      <Heading>No {rows} on this page</Heading>
      <p className="muted">The list has {pageCount === 1 ? "one page" : `${pageCount} pages`}: go back with the page links below.</p>
    </>
  );
}

/**
 * An ops list with no row on this page: when the list (as filtered) has rows elsewhere (`total` > 0)
 * the page is past its last and says so (PastLastPage); otherwise `children`, the list's own
 * "nothing yet" or "nothing matches these filters". Put the list's Pagination below it.
 */
export function EmptyList({ total, pageCount, rows, children }: { total: number; pageCount: number; rows: string; children: ReactNode }) {
  return <div className="empty-state">{total > 0 ? <PastLastPage rows={rows} pageCount={pageCount} /> : children}</div>;
}
