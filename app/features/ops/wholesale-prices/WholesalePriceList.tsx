/**
 * A wholesale price list's page, in parts: the prices (search, pages, each with its source), the
 * hand-set price form, and the new rate and rounding step with its preview. Every form is a plain GET
 * or POST: the page works with JavaScript off.
 */
import { Form, Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Field } from "~/components/ui/Field";
import { Notice } from "~/components/ui/Notice";
import { Pagination } from "~/components/ui/Pagination";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { PriceChanges } from "~/features/ops/shared/PriceChanges";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { rateText } from "~/features/ops/markets/price-form";
import { KeepListPlace, PriceListSearch, PriceRowActions, PriceSource, priceListHref } from "~/features/ops/shared/PriceListParts";
import { minorToInput } from "~/lib/money";

const FROM_THE_RATE = { badge: "From the rate", title: "The rate would make it" };

type Row = {
  variantId: number;
  product: string;
  variant: string;
  sku: string;
  usd: number;
  price: number;
  source: string;
  computed: number;
};
type Failure = { error: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

export const listHref = (currency: string, q: string, page: number, extra: Record<string, string> = {}) =>
  priceListHref(`/ops/wholesale/prices/${currency}`, q, page, extra);

const variantName = (row: { product: string; variant: string }) =>
  row.variant && row.variant !== "Default" ? `${row.product} · ${row.variant}` : row.product;

export function WholesalePriceTable({
  currency,
  prices,
  q,
  canEdit,
}: {
  currency: string;
  prices: { rows: Row[]; total: number; page: number; pageCount: number };
  q: string;
  canEdit: boolean;
}) {
  return (
    <section className="ops-admin__section" aria-labelledby="price-list">
      <h2 id="price-list">Prices</h2>
      <PriceListSearch path={`/ops/wholesale/prices/${currency}`} inputId="wholesale-q" q={q} list={prices} />
      {prices.rows.length ? (
        <ScrollRegion className="ops-table-wrap" label={`${currency} wholesale prices`}>
          <table className="table market-prices">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">SKU</th>
                <th scope="col" className="num">
                  USD wholesale
                </th>
                <th scope="col" className="num">
                  {currency}
                </th>
                <th scope="col">Source</th>
                {canEdit ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {prices.rows.map((row) => (
                <tr key={row.variantId}>
                  <td>{variantName(row)}</td>
                  <td>
                    <code>{row.sku}</code>
                  </td>
                  <td className="num">
                    <Money value={{ amount: row.usd, currency: "USD" }} />
                  </td>
                  <td className="num">
                    <strong>
                      <Money value={{ amount: row.price, currency }} />
                    </strong>
                  </td>
                  <td>
                    <PriceSource row={row} ruled={row.computed} currency={currency} ruleWords={FROM_THE_RATE} />
                  </td>
                  {canEdit ? (
                    <PriceRowActions
                      path={`/ops/wholesale/prices/${currency}`}
                      q={q}
                      page={prices.page}
                      row={row}
                      hidden={{ currency }}
                      resetLabel={`Reset ${row.sku} to the price from the rate`}
                      resetTo={<Money value={{ amount: row.computed, currency }} />}
                    />
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      <Pagination page={prices.page} pageCount={prices.pageCount} label={`${currency} wholesale price pages`} />
    </section>
  );
}

export function WholesalePriceEdit({
  currency,
  row,
  q,
  page,
  failure,
}: {
  currency: string;
  row: Row;
  q: string;
  page: number;
  failure?: Failure;
}) {
  return (
    <section className="ops-admin__section market-edit" id="set-by-hand" aria-labelledby="set-by-hand-title">
      <h2 id="set-by-hand-title">Set {variantName(row)} by hand</h2>
      <p className="muted">
        <code>{row.sku}</code>: <Money value={{ amount: row.usd, currency: "USD" }} /> wholesale in US dollars; the list's rate and step
        make it <Money value={{ amount: row.computed, currency }} />. A price set by hand is kept when the list is generated again, until it
        is reset. Orders already placed keep their prices.
      </p>
      {failure?.error ? <Notice kind="error">{failure.error}</Notice> : null}
      {/* Posted to the page with this form open, so a refusal comes back beside it. */}
      <Form
        method="post"
        action={listHref(currency, q, page, { edit: String(row.variantId) })}
        className="ops-admin__form ops-admin__inline"
        noValidate
      >
        <KeepListPlace q={q} page={page} />
        <input type="hidden" name="currency" value={currency} />
        <input type="hidden" name="variant" value={row.variantId} />
        <Field
          name="price"
          idPrefix="set"
          label={`Wholesale price (${currency})`}
          inputMode="decimal"
          autoComplete="off"
          required
          defaultValue={failure?.values?.price ?? minorToInput(row.price, currency)}
          error={failure?.fieldErrors?.price}
        />
        <SubmitButton intent="set" busyLabel="Saving…">
          Save the price
        </SubmitButton>
        <Link to={listHref(currency, q, page)} className="button button--ghost">
          Cancel
        </Link>
      </Form>
    </section>
  );
}

type Preview = {
  currency: string;
  from: { ratePpm: number; step: number };
  to: { ratePpm: number; step: number };
  total: number;
  changeCount: number;
  keptManual: number;
  sample: Array<{ variantId: number; product: string; variant: string; sku: string; from: number; to: number }>;
  version: string;
  q: string;
};

export function WholesaleRegenerate({
  currency,
  regeneration,
  preview,
  q,
  page,
  failure,
}: {
  currency: string;
  regeneration: { values: { rate: string; step: string }; errors: Record<string, string> };
  preview: Preview | null;
  q: string;
  page: number;
  failure?: Failure;
}) {
  const { values, errors } = regeneration;
  return (
    <section className="ops-admin__section" aria-labelledby="regenerate">
      <h2 id="regenerate">Change the rate or rounding</h2>
      <p className="muted">
        Every price from the rate becomes the USD wholesale price × the rate, to the nearest step; prices set by hand stay. Orders placed
        from then on are priced and booked at the new rate; orders already placed never change. Nothing changes until you have seen the
        preview and confirmed it.
      </p>
      <form method="get" className="ops-admin__form market-regenerate" aria-label="Preview a new rate or rounding" noValidate>
        <KeepListPlace q={q} page={page} />
        <input type="hidden" name="preview" value="1" />
        <Field
          name="rate"
          idPrefix="regen"
          label={`Rate: 1 USD in ${currency}`}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={values.rate}
          error={errors.rate}
          required
        />
        <Field
          name="step"
          idPrefix="regen"
          label={`Rounding step (${currency})`}
          inputMode="decimal"
          autoComplete="off"
          hint="Prices go to the nearest multiple of this: 0.50 makes 12.00 or 12.50."
          defaultValue={values.step}
          error={errors.step}
          required
        />
        <button type="submit" className="button button--small">
          Preview
        </button>
      </form>
      {preview ? <RegenerationPreview preview={preview} q={q} page={page} failure={failure} /> : null}
      {!preview && failure?.error ? <Notice kind="error">{failure.error}</Notice> : null}
    </section>
  );
}

function RegenerationPreview({ preview, q, page, failure }: { preview: Preview; q: string; page: number; failure?: Failure }) {
  const { to, from, currency } = preview;
  const same = from.ratePpm === to.ratePpm && from.step === to.step;
  return (
    <section className="market-preview" aria-labelledby="preview-title">
      <h3 id="preview-title">
        Preview: 1 USD → {rateText(to.ratePpm)} {currency}, to the nearest <Money value={{ amount: to.step, currency }} />
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
          <dd>{preview.keptManual.toLocaleString("en-US")} kept as they are</dd>
        </div>
        <div>
          <dt>Now</dt>
          <dd>
            1 USD → {rateText(from.ratePpm)} {currency}, to the nearest <Money value={{ amount: from.step, currency }} />
            {same ? " (the same)" : ""}
          </dd>
        </div>
      </dl>
      {preview.sample.length ? (
        <PriceChanges
          rows={preview.sample}
          currency={currency}
          caption={
            preview.q
              ? `Changes among the pieces matching “${preview.q}” (${preview.changeCount.toLocaleString("en-US")} in all)`
              : preview.sample.length < preview.changeCount
                ? `The first ${preview.sample.length} of ${preview.changeCount.toLocaleString("en-US")} changes`
                : "Every change"
          }
          product={(s) => variantName(s)}
        />
      ) : (
        <p className="notice">
          {preview.changeCount && preview.q
            ? `No price matching “${preview.q}” would change (${preview.changeCount.toLocaleString("en-US")} others would).`
            : `No price would change${same ? "" : "; the new rate and step would price products added later"}.`}
        </p>
      )}
      <Form method="post" action={listHref(currency, q, page)} className="bulk-confirm">
        <KeepListPlace q={q} page={page} />
        <input type="hidden" name="currency" value={currency} />
        <input type="hidden" name="rate" value={rateText(to.ratePpm)} />
        <input type="hidden" name="step" value={minorToInput(to.step, currency)} />
        <input type="hidden" name="version" value={preview.version} />
        <p className="muted">
          All at once: buyers see the new prices in the portal at once; orders already placed keep theirs, and new orders are booked at the
          new rate.
        </p>
        <div className="bulk-confirm__actions">
          <SubmitButton intent="regenerate" busyLabel="Applying…" disabled={preview.changeCount === 0 && same}>
            Apply to {preview.changeCount.toLocaleString("en-US")} {preview.changeCount === 1 ? "price" : "prices"}
          </SubmitButton>
          <Link to={listHref(currency, q, page)} className="button button--ghost">
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  );
}
