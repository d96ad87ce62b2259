import { Form, Link, useSubmit } from "@remix-run/react";
import { PRICE_BANDS, SORTS, SORT_LABELS, type CollectionFilters as Filters, type PriceBand } from "~/modules/catalog/filters";

/**
 * The filter and sort form: a GET form, so a filtered page is a plain URL that works with JavaScript
 * off ("Apply"). With JavaScript, any change submits at once. Page is left out, so filtering starts
 * again at page 1.
 */
export function CollectionFilters({ filters, materials, clearHref }: { filters: Filters; materials: string[]; clearHref: string }) {
  const submit = useSubmit();
  const bands = Object.entries(PRICE_BANDS) as [PriceBand, (typeof PRICE_BANDS)[PriceBand]][];
  return (
    <Form
      method="get"
      className="filters"
      preventScrollReset
      aria-label="Filter and sort"
      onChange={(event) => {
        // Number inputs submit on change (blur or Enter), not on every keystroke.
        submit(event.currentTarget, { preventScrollReset: true, replace: true });
      }}
    >
      <div className="filters__sort field">
        <label htmlFor="sort">Sort by</label>
        <select id="sort" name="sort" defaultValue={filters.sort}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>{SORT_LABELS[sort]}</option>
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

      <fieldset className="filters__group">
        <legend>Price</legend>
        <label className="check">
          <input type="radio" name="price" value="" defaultChecked={filters.price === null} />
          <span>Any price</span>
        </label>
        {bands.map(([key, band]) => (
          <label key={key} className="check">
            <input type="radio" name="price" value={key} defaultChecked={filters.price === key} />
            <span>{band.label}</span>
          </label>
        ))}
        <div className="filters__range">
          <div className="field">
            <label htmlFor="min">Min $</label>
            <input id="min" name="min" type="number" inputMode="decimal" min={0} step="any" defaultValue={filters.minPrice ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="max">Max $</label>
            <input id="max" name="max" type="number" inputMode="decimal" min={0} step="any" defaultValue={filters.maxPrice ?? ""} />
          </div>
        </div>
      </fieldset>

      <div className="filters__actions">
        <button type="submit" className="button button--small">Apply</button>
        <Link to={clearHref} className="filters__clear">Clear filters</Link>
      </div>
    </Form>
  );
}
