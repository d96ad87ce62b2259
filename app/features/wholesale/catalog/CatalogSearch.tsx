import { Link, useLocation } from "@remix-run/react";
import { CATALOG_SORTS, CATEGORIES } from "~/domain/wholesale";
import { SORT_LABELS } from "./query";
import { FilterSelect } from "~/components/ui/FilterSelect";

type Query = { q?: string; category?: string; sort?: string; view: "grid" | "list" };

/**
 * Search by name or SKU, filter by category and sort: a plain GET form, so results have their own
 * URL and it works without JavaScript. The view (grid or list) rides along as a hidden field. On a
 * phone it folds behind "Search, filter and sort" (a <details>, with how many are in use) so the
 * products come first; on a wide screen it stays open.
 */
export function CatalogSearch({ query }: { query: Query }) {
  const active = [query.q, query.category, query.sort && query.sort !== "category" ? query.sort : undefined].filter(Boolean).length;
  return (
    <div className="wholesale-catalog-controls">
      <details className="filters-disclosure wholesale-filters-disclosure">
        <summary className="filters-disclosure__summary">
          <span>Search, filter and sort</span>
          {active ? (
            <>
              <span className="filters-disclosure__count">{active}</span>
              <span className="visually-hidden"> in use</span>
            </>
          ) : null}
        </summary>
        <form method="get" className="wholesale-filters" aria-label="Search the catalog">
          <div className="field">
            <label htmlFor="catalog-q">Search by name or SKU</label>
            <input id="catalog-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={80} />
          </div>
          <FilterSelect
            id="catalog-category"
            label="Category"
            name="category"
            value={query.category}
            all="All categories"
            options={CATEGORIES.map((c) => [c, c[0].toUpperCase() + c.slice(1)])}
          />
          <div className="field">
            <label htmlFor="catalog-sort">Sort by</label>
            <select id="catalog-sort" name="sort" defaultValue={query.sort ?? "category"}>
              {CATALOG_SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          {query.view === "list" ? <input type="hidden" name="view" value="list" /> : null}
          <button type="submit" className="button button--small">
            Show
          </button>
          {query.q || query.category || (query.sort && query.sort !== "category") ? (
            <Link to={query.view === "list" ? "/wholesale/catalog?view=list" : "/wholesale/catalog"}>Clear</Link>
          ) : null}
        </form>
      </details>
      <ViewSwitch view={query.view} />
    </div>
  );
}

/** Grid (pictures first) or list (every variant's row): two links that keep the search and sort. */
function ViewSwitch({ view }: { view: "grid" | "list" }) {
  const { search } = useLocation();
  const href = (to: "grid" | "list") => {
    const params = new URLSearchParams(search);
    params.delete("page");
    if (to === "grid") params.delete("view");
    else params.set("view", "list");
    const qs = params.toString();
    return qs ? `/wholesale/catalog?${qs}` : "/wholesale/catalog";
  };
  return (
    <nav className="wholesale-view-switch" aria-label="Catalog view">
      <Link to={href("grid")} aria-current={view === "grid" ? "page" : undefined}>
        Grid
      </Link>
      <Link to={href("list")} aria-current={view === "list" ? "page" : undefined}>
        List
      </Link>
    </nav>
  );
}
