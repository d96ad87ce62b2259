/** A list's empty state on a page past its last (an old link, a list that shrank): says so, the page links below lead back. */
export function PastLastPage({ rows, pageCount }: { rows: string; pageCount: number }) {
  return (
    <>
      <h2>No {rows} on this page</h2>
      <p className="muted">The list has {pageCount === 1 ? "one page" : `${pageCount} pages`}: go back with the page links below.</p>
    </>
  );
}
