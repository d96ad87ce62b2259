/**
 * What a market's and a wholesale price list's pages share: the place in the list (search and
 * page) every form carries back, the search with its count, and each row's source and its "Set by
 * hand" and "Reset" actions. Plain GET and POST forms: they work with JavaScript off.
 */
import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { minorToInput } from "~/lib/money";
import { PastLastPage } from "./PastLastPage";

/** The list's search and page, carried by every form so it comes back to the same place. */
export function KeepListPlace({ q, page }: { q: string; page: number }) {
  return (
    <>
      {q ? <input type="hidden" name="q" value={q} /> : null}
      {page > 1 ? <input type="hidden" name="page" value={page} /> : null}
    </>
  );
}

/** The list page at `path` with its search and page (page 1 left out) and `extra` parameters. */
export function priceListHref(path: string, q: string, page: number, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const query = params.toString();
  return `${path}${query ? `?${query}` : ""}`;
}

/** The search form and how many variants it found (and which page this is). */
export function PriceListSearch({
  path,
  inputId,
  q,
  list,
}: {
  path: string;
  inputId: string;
  q: string;
  list: { total: number; page: number; pageCount: number };
}) {
  return (
    <>
      <form method="get" className="ops-filters" aria-label="Search the price list">
        <div className="field">
          <label htmlFor={inputId}>Product or SKU</label>
          <input id={inputId} name="q" type="search" defaultValue={q} maxLength={120} />
        </div>
        <button type="submit" className="button button--small">
          Search
        </button>
        {q ? (
          <Link to={path} className="ops-filters__clear">
            Clear
          </Link>
        ) : null}
      </form>
      <p className="muted" aria-live="polite">
        {list.total === 0
          ? q
            ? `No variant matches “${q}”.`
            : "No variants yet: products added to the catalog are priced here at once."
          : `${list.total.toLocaleString("en-US")} ${list.total === 1 ? "variant" : "variants"}${list.pageCount > 1 && list.page <= list.pageCount ? `, page ${list.page} of ${list.pageCount}` : ""}.`}
      </p>
      {list.total > 0 && list.page > list.pageCount ? <PastLastPage rows="prices" pageCount={list.pageCount} level={3} /> : null}
    </>
  );
}

type PricedRow = { variantId: number; sku: string; source: string };

/** Where a row's price comes from: set by hand (with what the list's own rule would make it), or the rule's ("Generated", "From the rate"). */
export function PriceSource({
  row,
  ruled,
  currency,
  ruleWords,
}: {
  row: PricedRow;
  ruled: number;
  currency: string;
  ruleWords: { badge: string; title: string };
}) {
  return row.source === "manual" ? (
    <span className="badge badge--warn" title={`${ruleWords.title} ${minorToInput(ruled, currency)}`}>
      Set by hand
    </span>
  ) : (
    <span className="badge">{ruleWords.badge}</span>
  );
}

/** A row's "Set by hand" link and, for a hand-set price, its reset to the rule's price (`resetTo`), posted with `hidden` fields. */
export function PriceRowActions({
  path,
  q,
  page,
  row,
  hidden = {},
  resetLabel,
  resetTo,
}: {
  path: string;
  q: string;
  page: number;
  row: PricedRow;
  hidden?: Record<string, string>;
  resetLabel: string;
  resetTo: ReactNode;
}) {
  return (
    <td className="market-prices__actions">
      <Link to={`${priceListHref(path, q, page, { edit: String(row.variantId) })}#set-by-hand`} aria-label={`Set ${row.sku} by hand`}>
        Set by hand
      </Link>
      {row.source === "manual" ? (
        <Form method="post" action={priceListHref(path, q, page)}>
          <KeepListPlace q={q} page={page} />
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="variant" value={row.variantId} />
          <button type="submit" name="intent" value="reset" className="button button--small button--ghost" aria-label={resetLabel}>
            Reset to {resetTo}
          </button>
        </Form>
      ) : null}
    </td>
  );
}
