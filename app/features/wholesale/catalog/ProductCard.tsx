import { Form } from "@remix-run/react";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { CatalogProduct, CatalogVariant } from "~/domain/wholesale/index.server";
import { formatDay, type CatalogAddError } from "./query";

/** One product: its picture, and a row per variant with this retailer's price, MSRP, minimum, availability and an add-to-order form. */
export function ProductCard({ product: p, actionData }: { product: CatalogProduct; actionData: CatalogAddError | undefined }) {
  return (
    <li className="wholesale-product">
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
      </div>
    </li>
  );
}

/** A variant's row; `error` is the add-to-order answer when it was for this row. */
function VariantRow({ v, error: failed }: { v: CatalogVariant; error: CatalogAddError | null }) {
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
                , ships from <time dateTime={v.availability.shipDate}>{formatDay(v.availability.shipDate)}</time>
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
