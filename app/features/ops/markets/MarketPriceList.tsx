/**
 * A market's price list page, in parts: the list (search, pages, each price with its source), the
 * hand-set price form, the regeneration form with its preview, and the undo banner. Every form is a
 * plain GET or POST: the page works with JavaScript off.
 */
import { Form, Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Field, FieldError } from "~/components/ui/Field";
import { Notice } from "~/components/ui/Notice";
import { Pagination } from "~/components/ui/Pagination";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { PriceChanges } from "~/features/ops/shared/PriceChanges";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { ActorView } from "~/domain/audit";
import { Actor } from "~/features/ops/shared/Actor";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { minorToInput } from "~/lib/money";
import { KeepListPlace, PriceListSearch, PriceRowActions, PriceSource, priceListHref } from "~/features/ops/shared/PriceListParts";
import { ROUNDING_ENDINGS, rateText, roundingLabel } from "./price-form";

const GENERATED = { badge: "Generated", title: "Generated would be" };

type Row = {
  variantId: number;
  product: string;
  variant: string;
  sku: string;
  usd: number;
  price: number;
  compareAtPrice: number | null;
  source: "generated" | "manual";
  generated: number;
};
type Failure = { error: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };
type MarketView = { code: string; name: string; currency: string; ratePpm: number | null; manualCount: number };

const listHref = (code: string, q: string, page: number, extra: Record<string, string> = {}) =>
  priceListHref(`/ops/markets/${code}`, q, page, extra);

export function MarketPriceTable({
  market,
  list,
  q,
  canEdit,
}: {
  market: MarketView;
  list: { rows: Row[]; total: number; page: number; pageCount: number };
  q: string;
  canEdit: boolean;
}) {
  return (
    <section className="ops-admin__section" aria-labelledby="price-list">
      <h2 id="price-list">Price list</h2>
      <PriceListSearch path={`/ops/markets/${market.code}`} inputId="market-q" q={q} list={list} />
      {list.rows.length ? (
        <ScrollRegion className="ops-table-wrap" label={`${market.name} price list`}>
          <table className="table market-prices">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">SKU</th>
                <th scope="col" className="num">
                  USD
                </th>
                <th scope="col" className="num">
                  {market.currency}
                </th>
                <th scope="col" className="num">
                  Compare-at
                </th>
                <th scope="col">Source</th>
                {canEdit ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.variantId}>
                  <td>
                    {row.product}
                    {row.variant && row.variant !== "Default" ? <span className="muted"> · {row.variant}</span> : null}
                  </td>
                  <td>
                    <code>{row.sku}</code>
                  </td>
                  <td className="num">
                    <Money value={{ amount: row.usd, currency: "USD" }} />
                  </td>
                  <td className="num">
                    <strong>
                      <Money value={{ amount: row.price, currency: market.currency }} />
                    </strong>
                  </td>
                  <td className="num">
                    {row.compareAtPrice === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <Money value={{ amount: row.compareAtPrice, currency: market.currency }} />
                    )}
                  </td>
                  <td>
                    <PriceSource row={row} ruled={row.generated} currency={market.currency} ruleWords={GENERATED} />
                  </td>
                  {canEdit ? (
                    <PriceRowActions
                      path={`/ops/markets/${market.code}`}
                      q={q}
                      page={list.page}
                      row={row}
                      resetLabel={`Reset ${row.sku} to the generated price`}
                      resetTo={<Money value={{ amount: row.generated, currency: market.currency }} />}
                    />
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      <Pagination page={list.page} pageCount={list.pageCount} label={`${market.name} price list pages`} />
    </section>
  );
}

export function MarketPriceEdit({
  code,
  row,
  currency,
  action,
  q,
  page,
  failure,
}: {
  code: string;
  row: Row;
  currency: string;
  action: string;
  q: string;
  page: number;
  failure?: Failure;
}) {
  const values = failure?.values;
  return (
    <section className="ops-admin__section market-edit" id="set-by-hand" aria-labelledby="set-by-hand-title">
      <h2 id="set-by-hand-title">
        Set {row.product}
        {row.variant && row.variant !== "Default" ? ` · ${row.variant}` : ""} by hand
      </h2>
      <p className="muted">
        <code>{row.sku}</code>: <Money value={{ amount: row.usd, currency: "USD" }} /> in the US; the rate and rounding make it{" "}
        <Money value={{ amount: row.generated, currency }} />. A price set by hand is kept when the list is generated again, until it is
        reset.
      </p>
      {failure?.error ? <Notice kind="error">{failure.error}</Notice> : null}
      <Form method="post" action={action} className="ops-admin__form ops-admin__inline" noValidate>
        <KeepListPlace q={q} page={page} />
        <input type="hidden" name="variant" value={row.variantId} />
        <Field
          name="price"
          idPrefix="set"
          label={`Price (${currency})`}
          inputMode="decimal"
          autoComplete="off"
          required
          defaultValue={values?.price ?? minorToInput(row.price, currency)}
          error={failure?.fieldErrors?.price}
        />
        <Field
          name="compareAtPrice"
          idPrefix="set"
          label={`Compare-at (${currency}, optional)`}
          inputMode="decimal"
          autoComplete="off"
          hint="Shown struck through beside the price when it is higher."
          defaultValue={values?.compareAtPrice ?? minorToInput(row.compareAtPrice, currency)}
          error={failure?.fieldErrors?.compareAtPrice}
        />
        <SubmitButton intent="set" busyLabel="Saving…">
          Save the price
        </SubmitButton>
        <Link to={listHref(code, q, page)} className="button button--ghost">
          Cancel
        </Link>
      </Form>
    </section>
  );
}

type Preview = {
  currency: string;
  from: { ratePpm: number; rounding: { ending: number } };
  to: { ratePpm: number; rounding: { ending: number }; replaceManual: boolean };
  total: number;
  changeCount: number;
  keptManual: number;
  sample: Array<{ variantId: number; product: string; variant: string; sku: string; source: string; from: number; to: number }>;
  version: string;
};

export function MarketRegenerate({
  market,
  regeneration,
  preview,
  undoMinutes,
  q,
  page,
  failure,
}: {
  market: MarketView;
  regeneration: { values: { rate: string; ending: string; keepManual: boolean }; errors: Record<string, string> };
  preview: Preview | null;
  undoMinutes: number;
  q: string;
  page: number;
  failure?: Failure;
}) {
  const { values, errors } = regeneration;
  return (
    <section className="ops-admin__section" aria-labelledby="regenerate">
      <h2 id="regenerate">Generate the list again</h2>
      <p className="muted">
        Every generated price becomes the US price × the rate, rounded to the ending. Nothing changes until you have seen the preview and
        applied it.
      </p>
      <form method="get" className="ops-admin__form market-regenerate" aria-label="Preview a regeneration">
        <KeepListPlace q={q} page={page} />
        <input type="hidden" name="preview" value="1" />
        <Field
          name="rate"
          idPrefix="regen"
          label={`Rate: 1 USD in ${market.currency}`}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={values.rate}
          error={errors.rate}
          required
        />
        <div className="field">
          <label htmlFor="regen-ending">Rounding</label>
          <select
            id="regen-ending"
            name="ending"
            defaultValue={values.ending}
            aria-describedby={errors.ending ? "regen-ending-error" : undefined}
          >
            {ROUNDING_ENDINGS.map((ending) => (
              <option key={ending} value={ending}>
                {roundingLabel(ending)}
              </option>
            ))}
          </select>
          <FieldError id="regen-ending-error" message={errors.ending} />
        </div>
        <label className="check">
          <input type="checkbox" name="keep" defaultChecked={values.keepManual} />
          <span>
            {market.manualCount === 1
              ? "Keep the price set by hand"
              : `Keep the ${market.manualCount.toLocaleString("en-US")} prices set by hand`}
          </span>
        </label>
        <button type="submit" className="button button--small">
          Preview
        </button>
      </form>
      {preview ? (
        <RegenerationPreview preview={preview} undoMinutes={undoMinutes} code={market.code} q={q} page={page} failure={failure} />
      ) : null}
      {!preview && failure?.error ? <Notice kind="error">{failure.error}</Notice> : null}
    </section>
  );
}

function RegenerationPreview({
  preview,
  undoMinutes,
  code,
  q,
  page,
  failure,
}: {
  preview: Preview;
  undoMinutes: number;
  code: string;
  q: string;
  page: number;
  failure?: Failure;
}) {
  const { to, currency } = preview;
  const same = preview.from.ratePpm === to.ratePpm && preview.from.rounding.ending === to.rounding.ending;
  return (
    <section className="market-preview" aria-labelledby="preview-title">
      <h3 id="preview-title">
        Preview: {rateText(to.ratePpm)}, {roundingLabel(to.rounding.ending).toLowerCase()}
      </h3>
      {failure?.error ? <Notice kind="error">{failure.error}</Notice> : null}
      <dl className="bulk-summary">
        <div>
          <dt>Prices that change</dt>
          <dd>
            <strong>{preview.changeCount.toLocaleString("en-US")}</strong> of {preview.total.toLocaleString("en-US")}
          </dd>
        </div>
        <div>
          <dt>Set by hand</dt>
          <dd>{to.replaceManual ? "Replaced by generated prices" : `${preview.keptManual.toLocaleString("en-US")} kept as they are`}</dd>
        </div>
        <div>
          <dt>Rate and rounding now</dt>
          <dd>
            {rateText(preview.from.ratePpm)}, {roundingLabel(preview.from.rounding.ending).toLowerCase()}
            {same ? " (the same)" : ""}
          </dd>
        </div>
      </dl>
      {preview.sample.length ? (
        <PriceChanges
          rows={preview.sample}
          currency={currency}
          caption={
            preview.sample.length < preview.changeCount
              ? `The first ${preview.sample.length} of ${preview.changeCount.toLocaleString("en-US")} changes`
              : "Every change"
          }
          product={(s) => (
            <>
              {s.product}
              {s.source === "manual" ? <span className="muted"> (set by hand)</span> : null}
            </>
          )}
        />
      ) : (
        <p className="notice">No price would change{same ? "" : "; the new rate and rounding would be kept for products added later"}.</p>
      )}
      <Form method="post" action={listHref(code, q, page)} className="bulk-confirm">
        <KeepListPlace q={q} page={page} />
        <input type="hidden" name="rate" value={rateText(to.ratePpm)} />
        <input type="hidden" name="ending" value={to.rounding.ending} />
        {to.replaceManual ? null : <input type="hidden" name="keep" value="on" />}
        <input type="hidden" name="version" value={preview.version} />
        <p className="muted">
          All at once, in one go: the storefront shows the new prices at once, and it can be undone for {undoMinutes} minutes unless a price
          of this market is changed before.
        </p>
        <div className="bulk-confirm__actions">
          <SubmitButton intent="regenerate" busyLabel="Applying…" disabled={preview.changeCount === 0 && same}>
            Apply to {preview.changeCount.toLocaleString("en-US")} {preview.changeCount === 1 ? "price" : "prices"}
          </SubmitButton>
          <Link to={listHref(code, q, page)} className="button button--ghost">
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  );
}

export function MarketUndo({
  run,
  actors,
  currency,
  q,
  page,
}: {
  run: {
    id: number;
    actor: string;
    ratePpm: number;
    rounding: { ending: number };
    changedCount: number;
    createdAt: string;
    undoUntil: string;
  };
  actors: Record<string, ActorView>;
  currency: string;
  q: string;
  page: number;
}) {
  return (
    <Form method="post" className="bulk-undo">
      <KeepListPlace q={q} page={page} />
      <input type="hidden" name="run" value={run.id} />
      <p>
        Last generated at {rateText(run.ratePpm)} {currency}, {roundingLabel(run.rounding.ending).toLowerCase()}:{" "}
        {run.changedCount.toLocaleString("en-US")} {run.changedCount === 1 ? "price" : "prices"} changed, by{" "}
        <Actor actor={run.actor} actors={actors} /> at <OpsTime iso={run.createdAt} />. It can be undone until{" "}
        <OpsTime iso={run.undoUntil} /> unless a price here is changed before.
      </p>
      <button type="submit" name="intent" value="undo" className="button button--small button--ghost">
        Undo the regeneration
      </button>
    </Form>
  );
}
