import { Form } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { FieldError } from "~/components/ui/Field";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { DraftReview } from "~/domain/wholesale/index.server";

type Props = {
  review: DraftReview;
  creditLimit: number;
  /** The last form's errors and values, by field name (a line's quantity is `line-<variantId>`). */
  errors: Record<string, string>;
  values: Record<string, string>;
};

/** The working draft's lines, each quantity a form of its own, then the totals and the order minimum. */
export function ReviewLines({ review, creditLimit, errors: formErrors, values: formValues }: Props) {
  const money = (amount: number) => <Money value={{ amount, currency: review.currency }} />;
  return (
    <>
      <ScrollRegion className="wholesale-table-wrap" label="Order lines">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Quantity</th>
              <th scope="col" className="num">
                Unit
              </th>
              <th scope="col" className="num">
                MSRP
              </th>
              <th scope="col" className="num">
                Line total
              </th>
              <th scope="col">Availability</th>
            </tr>
          </thead>
          <tbody>
            {review.lines.map((l) => {
              const key = `line-${l.variantId}`;
              return (
                <tr key={l.variantId}>
                  <td>
                    {l.title}
                    <br />
                    <span className="muted">
                      {l.sku} · min {l.minQty}, case of {l.casePack}
                    </span>
                    {l.problem ? <p className="line-problem">{l.problem}</p> : null}
                  </td>
                  <td>
                    <Form method="post" className="line-qty" preventScrollReset>
                      <input type="hidden" name="intent" value="set-line" />
                      <input type="hidden" name="variantId" value={l.variantId} />
                      <label htmlFor={key} className="visually-hidden">
                        Quantity of {l.sku}
                      </label>
                      <input
                        id={key}
                        name="quantity"
                        inputMode="numeric"
                        defaultValue={formValues[key] ?? String(l.quantity)}
                        aria-invalid={formErrors[key] ? true : undefined}
                        aria-describedby={formErrors[key] ? `${key}-error` : undefined}
                      />
                      <button type="submit" className="button button--ghost button--small">
                        Update
                      </button>
                      <FieldError id={`${key}-error`} message={formErrors[key]} />
                    </Form>
                  </td>
                  <td className="num">{money(l.unitPrice)}</td>
                  <td className="num">{money(l.msrp)}</td>
                  <td className="num">{money(l.lineTotal)}</td>
                  <td>
                    {l.availability.kind === "in_stock" ? (
                      <span className="stock-now">In stock</span>
                    ) : (
                      <span className="made-to-order">
                        Made to order{l.availability.shipDate ? `, ships from ${l.availability.shipDate}` : ""}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <dl className="review-totals">
        <dt>{review.units} units</dt>
        <dd>{money(review.subtotal)}</dd>
        <dt>Freight</dt>
        <dd>Included</dd>
        <dt className="review-totals__total">Total</dt>
        <dd className="review-totals__total">{money(review.total)}</dd>
        {review.earliestShipDate ? (
          <>
            <dt>Earliest ship date</dt>
            <dd>{review.earliestShipDate}</dd>
          </>
        ) : null}
        {review.credit ? (
          <>
            <dt>Credit available</dt>
            <dd>
              {money(review.credit.available)} of {money(creditLimit)}
            </dd>
          </>
        ) : null}
      </dl>
      {!review.minimum.ok ? <p className="notice notice--error">{review.minimum.message}</p> : null}
    </>
  );
}
