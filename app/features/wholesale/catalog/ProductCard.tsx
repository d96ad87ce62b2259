import { Form, Link } from "@remix-run/react";
import type { Flash } from "~/lib/session.server";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import { useDateLocale } from "~/components/ui/LocalTime";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { CatalogProduct, CatalogVariant } from "~/domain/wholesale/index.server";
import { shortDay } from "~/features/wholesale/dates";
import { addedAbout, type CatalogAddError } from "./query";

type CardProps = { product: CatalogProduct; actionData: CatalogAddError | undefined; added: Flash | null };

/** What was just added from this card, where the buyer is looking, with the way to the order. */
export function AddedNotice({ added }: { added: Flash | null }) {
  if (!added) return null;
  return (
    <p className={`notice notice--${added.kind} wholesale-added`} role="status">
      {added.message} <Link to="/wholesale/quick-order#review">Review your order</Link>
    </p>
  );
}

/** The flash, when it is about one of this product's variants. */
export function addedTo(product: CatalogProduct, flash: Flash | null): Flash | null {
  return flash?.about && product.variants.some((v) => addedAbout(v.id) === flash.about) ? flash : null;
}

/**
 * One product as a card in the grid: its picture, this retailer's price from the lowest variant,
 * MSRP, availability, and its own add to order (option, quantity, Add).
 */
export function ProductTile({ product: p, actionData, added }: CardProps) {
  const locale = useDateLocale();
  const failed = actionData && p.variants.some((v) => v.id === actionData.variantId) ? actionData : null;
  const chosen = p.variants.find((v) => v.id === failed?.variantId) ?? p.variants[0];
  const lowest = p.variants.reduce((low, v) => (v.price < low.price ? v : low), p.variants[0]);
  const inStock = p.variants.filter((v) => v.availability.kind === "in_stock").length;
  const soonest = p.variants
    .map((v) => (v.availability.kind === "made_to_order" ? v.availability.shipDate : null))
    .filter((d): d is string => Boolean(d))
    .sort()[0];
  const idBase = `tile-${p.id}`;
  const error = failed?.error ?? null;
  if (!chosen) return null;
  return (
    <li className="wholesale-tile" id={`product-${p.id}`}>
      <div className="wholesale-tile__image">
        {p.image ? <Image src={p.image.url} alt={p.image.alt} width={320} height={320} sizes="(min-width: 760px) 16rem, 45vw" /> : null}
      </div>
      <h2 className="wholesale-tile__title">{p.title}</h2>
      <p className="muted wholesale-tile__meta">
        {p.category[0].toUpperCase() + p.category.slice(1)}
        {p.materials.length ? ` · ${p.materials.join(", ")}` : ""}
      </p>
      <p className="wholesale-tile__price">
        <strong>
          {p.variants.length > 1 ? "From " : ""}
          <Money value={{ amount: lowest.price, currency: lowest.currency }} />
        </strong>{" "}
        <span className="muted">
          MSRP <Money value={{ amount: lowest.msrp, currency: lowest.currency }} />
        </span>
      </p>
      <p className="wholesale-tile__stock">
        {inStock ? (
          <span className="stock-now">
            {inStock === p.variants.length ? "In stock now" : `${inStock} of ${p.variants.length} in stock now`}
          </span>
        ) : (
          <span className="made-to-order">
            Made to order
            {soonest ? (
              <>
                , ships from <time dateTime={soonest}>{shortDay(soonest, locale)}</time>
              </>
            ) : null}
          </span>
        )}
      </p>
      <Form method="post" className="wholesale-tile__add" preventScrollReset aria-label={`Add ${p.title} to your order`}>
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="product" value={p.id} />
        {p.variants.length > 1 ? (
          <div className="wholesale-tile__field wholesale-tile__field--option">
            <label htmlFor={`${idBase}-variant`}>Option</label>
            <select id={`${idBase}-variant`} name="variantId" defaultValue={chosen.id}>
              {p.variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.title === "Default" ? v.sku : v.title} · min {v.minQty}, case {v.casePack}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="variantId" value={chosen.id} />
        )}
        <div className="wholesale-tile__field">
          <label htmlFor={`${idBase}-qty`}>Quantity</label>
          <input
            id={`${idBase}-qty`}
            name="quantity"
            inputMode="numeric"
            defaultValue={failed ? failed.quantity : String(chosen.orderFrom)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${idBase}-error` : `${idBase}-hint`}
          />
        </div>
        <SubmitButton className="button button--small" match={{ product: String(p.id) }} busyLabel="Adding…">
          Add
        </SubmitButton>
        {p.variants.length === 1 ? (
          <p className="field-hint wholesale-tile__hint" id={`${idBase}-hint`}>
            Min {chosen.minQty} · case of {chosen.casePack}
          </p>
        ) : null}
        {error ? (
          <p className="field-error wholesale-tile__hint" id={`${idBase}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </Form>
      <AddedNotice added={added} />
    </li>
  );
}

/** One product: its picture, and a row per variant with this retailer's price, MSRP, minimum, availability and an add-to-order form. */
export function ProductCard({ product: p, actionData, added }: CardProps) {
  return (
    <li className="wholesale-product" id={`product-${p.id}`}>
      <div className="wholesale-product__image">
        {p.image ? <Image src={p.image.url} alt={p.image.alt} width={160} height={160} sizes="8rem" /> : null}
      </div>
      <div>
        <h2>{p.title}</h2>
        <p className="muted">
          {p.category[0].toUpperCase() + p.category.slice(1)}
          {p.materials.length ? ` · ${p.materials.join(", ")}` : ""}
        </p>
        <table className="wholesale-variants">
          <caption className="visually-hidden">Variants of {p.title}</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Your price</th>
              <th scope="col">MSRP</th>
              <th scope="col">Min · case</th>
              <th scope="col">Availability</th>
              <th scope="col">Add to order</th>
            </tr>
          </thead>
          <tbody>
            {p.variants.map((v) => (
              <VariantRow key={v.id} v={v} error={actionData && actionData.variantId === v.id ? actionData : null} />
            ))}
          </tbody>
        </table>
        <AddedNotice added={added} />
      </div>
    </li>
  );
}

/** A variant's row; `error` is the add-to-order answer when it was for this row. */
function VariantRow({ v, error: failed }: { v: CatalogVariant; error: CatalogAddError | null }) {
  const locale = useDateLocale();
  const error = failed ? failed.error : null;
  const inputId = `qty-${v.id}`;
  return (
    <tr>
      <td data-label="Item">
        {v.title !== "Default" ? (
          <>
            {v.title}
            <br />
          </>
        ) : null}
        <span className="muted">{v.sku}</span>
      </td>
      <td data-label="Your price">
        <strong>
          <Money value={{ amount: v.price, currency: v.currency }} />
        </strong>
        {v.steps.length ? (
          <ul className="wholesale-steps">
            {v.steps.map((s) => (
              <li key={s.minQty}>
                {s.minQty}+: <Money value={{ amount: s.unit, currency: v.currency }} />
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td data-label="MSRP">
        <Money value={{ amount: v.msrp, currency: v.currency }} />
      </td>
      <td data-label="Min · case">
        Min {v.minQty} · case of {v.casePack}
      </td>
      <td data-label="Availability">
        {v.availability.kind === "in_stock" ? (
          <span className="stock-now">In stock now</span>
        ) : (
          <span className="made-to-order">
            Made to order
            {v.availability.shipDate ? (
              <>
                , ships from <time dateTime={v.availability.shipDate}>{shortDay(v.availability.shipDate, locale)}</time>
              </>
            ) : (
              `, about ${v.leadTimeDays} days`
            )}
          </span>
        )}
      </td>
      <td data-label="Add to order" className="wholesale-variants__add">
        <Form method="post" className="wholesale-add" preventScrollReset>
          <input type="hidden" name="intent" value="add" />
          <input type="hidden" name="variantId" value={v.id} />
          <label htmlFor={inputId} className="visually-hidden">
            Quantity of {v.sku}
          </label>
          <input
            id={inputId}
            name="quantity"
            inputMode="numeric"
            defaultValue={failed && error ? failed.quantity : String(v.orderFrom)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
          />
          <SubmitButton className="button button--small" match={{ variantId: String(v.id) }} busyLabel="Add">
            Add
          </SubmitButton>
          {error ? (
            <p className="field-error" id={`${inputId}-error`} role="alert">
              {error}
            </p>
          ) : null}
        </Form>
      </td>
    </tr>
  );
}
