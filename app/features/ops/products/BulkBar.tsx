/**
 * The products list's bulk edit: which products (ticked, all on this page, all matching the filter)
 * and one change, sent to the review page (/ops/products/bulk, a GET that writes nothing). The rows'
 * checkboxes belong to this form by `form="bulk-edit"`. Without JavaScript every part still works:
 * the scope is a radio, and CSS (:has) shows only the chosen change's fields. With it, "select all
 * on this page" ticks the rows and offers every product matching the filter.
 */
import { BULK_CHANGE_LABELS, BULK_CHANGE_OPTIONS, BULK_PERCENT_MAX, BULK_PERCENT_MIN, type BulkScope } from "~/domain/catalog";

export const BULK_FORM_ID = "bulk-edit";

type Props = {
  filter: { q?: string; status?: string; category?: string };
  page: number;
  onPage: number;
  total: number;
  filtered: boolean;
  scope: BulkScope;
  onScope: (scope: BulkScope) => void;
  /** How many rows are ticked (known only with JavaScript; null without). */
  tickedCount: number | null;
  collections: { id: number; title: string; kind: string }[];
  skills: { id: number; name: string }[];
};

export function BulkBar({ filter, page, onPage, total, filtered, scope, onScope, tickedCount, collections, skills }: Props) {
  const matching = filtered ? `All ${total.toLocaleString("en-US")} matching this filter` : `All ${total.toLocaleString("en-US")} products`;
  return (
    <form id={BULK_FORM_ID} method="get" action="/ops/products/bulk" className="bulk-bar" aria-labelledby="bulk-title">
      <h2 id="bulk-title" className="bulk-bar__title">
        Bulk edit
      </h2>
      {filter.q ? <input type="hidden" name="q" value={filter.q} /> : null}
      {filter.status ? <input type="hidden" name="status" value={filter.status} /> : null}
      {filter.category ? <input type="hidden" name="category" value={filter.category} /> : null}
      <input type="hidden" name="page" value={page} />
      <fieldset className="bulk-bar__scope">
        <legend>Products</legend>
        <label>
          <input type="radio" name="scope" value="ticked" checked={scope === "ticked"} onChange={() => onScope("ticked")} /> Ticked below
          {tickedCount !== null ? (
            <span className="muted" aria-live="polite">
              ({tickedCount})
            </span>
          ) : null}
        </label>
        <label>
          <input type="radio" name="scope" value="page" checked={scope === "page"} onChange={() => onScope("page")} /> All {onPage} on this
          page
        </label>
        <label>
          <input type="radio" name="scope" value="filter" checked={scope === "filter"} onChange={() => onScope("filter")} /> {matching}
        </label>
      </fieldset>
      <div className="bulk-bar__change">
        <div className="field">
          <label htmlFor="bulk-change">Change</label>
          <select id="bulk-change" name="change" defaultValue="" required>
            <option value="" disabled>
              Choose…
            </option>
            {BULK_CHANGE_OPTIONS.map((kind) => (
              <option key={kind} value={kind}>
                {BULK_CHANGE_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field bulk-for bulk-for--status">
          <label htmlFor="bulk-status">New status</label>
          <select id="bulk-status" name="newStatus" defaultValue="active">
            <option value="active">Published (on sale)</option>
            <option value="draft">Hidden (draft)</option>
          </select>
        </div>
        <div className="field bulk-for bulk-for--collection">
          <label htmlFor="bulk-collection">Collection</label>
          <select id="bulk-collection" name="collection" defaultValue="">
            <option value="">Choose a collection…</option>
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
                {c.kind === "category" ? " (category)" : ""}
              </option>
            ))}
          </select>
        </div>
        <div className="field bulk-for bulk-for--skill">
          <label htmlFor="bulk-skill">Skill</label>
          <select id="bulk-skill" name="skill" defaultValue="">
            <option value="">Choose a skill…</option>
            {skills.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field bulk-for bulk-for--lead-time">
          <label htmlFor="bulk-lead">Lead time (days)</label>
          <input id="bulk-lead" name="leadTime" type="number" inputMode="numeric" min={0} max={365} step={1} />
        </div>
        <fieldset className="bulk-for bulk-for--price bulk-bar__price">
          <legend>Price (every variant)</legend>
          <div className="bulk-bar__price-row">
            <label className="bulk-bar__inline">
              <input type="radio" name="priceMode" value="percent" defaultChecked /> Change by
            </label>
            <label htmlFor="bulk-percent" className="visually-hidden">
              Percent
            </label>
            <input
              id="bulk-percent"
              name="percent"
              className="input bulk-bar__short"
              inputMode="decimal"
              placeholder="10 or -15"
              aria-describedby="bulk-percent-hint"
            />
            <span>%, rounded to</span>
            <label htmlFor="bulk-rounding" className="visually-hidden">
              Rounding
            </label>
            <select id="bulk-rounding" name="rounding" className="input bulk-bar__rounding" defaultValue="dollar">
              <option value="dollar">whole dollars (.00)</option>
              <option value="cent">the cent</option>
            </select>
          </div>
          <p id="bulk-percent-hint" className="field-hint">
            From {BULK_PERCENT_MIN}% to +{BULK_PERCENT_MAX}%.
          </p>
          <div className="bulk-bar__price-row">
            <label className="bulk-bar__inline">
              <input type="radio" name="priceMode" value="set" /> Set to $
            </label>
            <label htmlFor="bulk-price" className="visually-hidden">
              New price in dollars
            </label>
            <input id="bulk-price" name="price" className="input bulk-bar__short" inputMode="decimal" placeholder="48.00" />
          </div>
        </fieldset>
        <button type="submit" className="button bulk-bar__submit">
          Review the change
        </button>
      </div>
    </form>
  );
}

/** With JavaScript: once every row on the page is ticked, offer every product matching (and take it back). */
export function BulkScopeNotice({
  allTicked,
  onPage,
  total,
  filtered,
  scope,
  onScope,
}: {
  allTicked: boolean;
  onPage: number;
  total: number;
  filtered: boolean;
  scope: BulkScope;
  onScope: (scope: BulkScope) => void;
}) {
  const all = `${total.toLocaleString("en-US")} ${filtered ? "products matching this filter" : "products"}`;
  if (scope === "filter")
    return (
      <p className="notice bulk-all" role="status">
        All {all} are selected.{" "}
        <button type="button" className="link-button" onClick={() => onScope("ticked")}>
          Only the ticked ones
        </button>
      </p>
    );
  if (!allTicked || total <= onPage) return null;
  return (
    <p className="notice bulk-all" role="status">
      All {onPage} products on this page are ticked.{" "}
      <button type="button" className="link-button" onClick={() => onScope("filter")}>
        Select all {all}
      </button>
    </p>
  );
}
