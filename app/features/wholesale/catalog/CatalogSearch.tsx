import { Link } from "@remix-run/react";
import { CATEGORIES } from "~/domain/wholesale";

/** Search by name or SKU and filter by category: a plain GET form, so results have their own URL. */
export function CatalogSearch({ query }: { query: { q?: string; category?: string } }) {
  return (
    <form method="get" className="wholesale-filters" aria-label="Search the catalog">
      <div className="field">
        <label htmlFor="catalog-q">Search by name or SKU</label>
        <input id="catalog-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={80} />
      </div>
      <div className="field">
        <label htmlFor="catalog-category">Category</label>
        <select id="catalog-category" name="category" defaultValue={query.category ?? ""}>
          <option value="">All categories</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {c[0].toUpperCase() + c.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--small">
        Search
      </button>
      {query.q || query.category ? <Link to="/wholesale/catalog">Clear</Link> : null}
    </form>
  );
}
