import { Form, Link, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { SORTS, SORT_LABELS, type CollectionFilters as Filters } from "~/domain/catalog";

/**
 * The filter and sort form: a GET form, so a filtered page is a plain URL that works with JavaScript
 * off ("Apply"). With JavaScript, any change submits at once. Page is left out, so filtering starts
 * again at page 1.
 */
export function CollectionFilters({
  filters,
  materials,
  clearHref,
  bands,
  currencySign = "$",
}: {
  filters: Filters;
  materials: string[];
  clearHref: string;
  /** The page's market's price bands, in its currency (priceBands, priceBandLabel). */
  bands: Array<{ key: string; label: string }>;
  /** The sign beside the typed bounds ("$", "£", "€"). */
  currencySign?: string;
}) {
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const state = JSON.stringify(filters);
  // After a navigation that did not come from this form (clear link, back button), show its filters
  // without remounting (a remount would throw away keyboard focus after every auto-submit).
  useEffect(() => {
    const form = formRef.current;
    if (form) syncForm(form, JSON.parse(state) as Filters);
  }, [state]);
  return (
    <Form
      ref={formRef}
      method="get"
      className="filters"
      preventScrollReset
      aria-label="Filter and sort"
      onChange={(event) => {
        // Typed prices wait for Enter or "Apply"; checkboxes, radios and the sort apply at once.
        const target = event.target as HTMLInputElement;
        if (target.type === "number") return;
        submit(event.currentTarget, { preventScrollReset: true, replace: true });
      }}
    >
      <div className="filters__sort field">
        <label htmlFor="sort">Sort by</label>
        <select id="sort" name="sort" defaultValue={filters.sort}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </div>

      {materials.length ? (
        <fieldset className="filters__group">
          <legend>Material</legend>
          {materials.map((material) => (
            <label key={material} className="check">
              <input type="checkbox" name="material" value={material} defaultChecked={filters.materials.includes(material)} />
              <span>{material.charAt(0).toUpperCase() + material.slice(1)}</span>
            </label>
          ))}
        </fieldset>
      ) : null}

      {/* Each market's bands are in its own money and filter by its stored prices (docs/decisions/0021). */}
      {bands.length ? (
        <fieldset className="filters__group">
          <legend>Price</legend>
          <label className="check">
            <input type="radio" name="price" value="" defaultChecked={filters.price === null} />
            <span>Any price</span>
          </label>
          {bands.map(({ key, label }) => (
            <label key={key} className="check">
              <input type="radio" name="price" value={key} defaultChecked={filters.price === key} />
              <span>{label}</span>
            </label>
          ))}
          <div className="filters__range">
            <div className="field">
              <label htmlFor="min">Min {currencySign}</label>
              <input id="min" name="min" type="number" inputMode="decimal" min={0} step="any" defaultValue={filters.minPrice ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="max">Max {currencySign}</label>
              <input id="max" name="max" type="number" inputMode="decimal" min={0} step="any" defaultValue={filters.maxPrice ?? ""} />
            </div>
          </div>
        </fieldset>
      ) : null}

      <div className="filters__actions">
        <button type="submit" className="button button--small">
          Apply
        </button>
        <Link to={clearHref} className="filters__clear">
          Clear filters
        </Link>
      </div>
    </Form>
  );
}

function syncForm(form: HTMLFormElement, filters: Filters) {
  for (const element of Array.from(form.elements)) {
    if (element instanceof HTMLInputElement) {
      if (element.name === "material") element.checked = filters.materials.includes(element.value);
      else if (element.name === "price") element.checked = element.value === (filters.price ?? "");
      else if (element.name === "min") element.value = filters.minPrice === null ? "" : String(filters.minPrice);
      else if (element.name === "max") element.value = filters.maxPrice === null ? "" : String(filters.maxPrice);
    } else if (element instanceof HTMLSelectElement && element.name === "sort") {
      element.value = filters.sort;
    }
  }
}
