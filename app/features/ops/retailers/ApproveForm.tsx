import { Form } from "@remix-run/react";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { WHOLESALE_CURRENCIES, WHOLESALE_CURRENCY_LABEL } from "~/domain/wholesale";
import type { RetailerView } from "./retailer.server";

/**
 * Approve an application (price tier, payment terms, currency, credit limit), or change an approved
 * account's terms. The currency is fixed once the retailer has an order (docs/decisions/0025).
 */
export function ApproveForm({
  retailer,
  tiers,
  orders,
  errors,
  values,
}: Pick<RetailerView, "retailer" | "tiers" | "orders"> & { errors: Record<string, string>; values: Record<string, string> }) {
  const applied = retailer.status === "applied";
  const label = applied ? "Approve and invite the buyer" : "Save terms";
  return (
    <section className="wholesale-panel" aria-labelledby="approve-heading">
      <h2 id="approve-heading">{applied ? "Approve" : "Change terms"}</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="approve" />
        <div className="field">
          <label htmlFor="approve-tier">Price tier</label>
          <select id="approve-tier" name="tier" defaultValue={values.tier ?? retailer.tier} aria-invalid={errors.tier ? true : undefined}>
            {tiers.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name} ({t.percentOfRetail / 100}% of retail)
              </option>
            ))}
          </select>
          <FieldError id="approve-tier-error" message={errors.tier} />
        </div>
        <div className="field">
          <label htmlFor="approve-terms">Payment terms</label>
          <select
            id="approve-terms"
            name="paymentTerms"
            defaultValue={values.paymentTerms ?? retailer.paymentTerms}
            aria-invalid={errors.paymentTerms ? true : undefined}
          >
            <option value="card">Card</option>
            <option value="net30">Net 30</option>
            <option value="net60">Net 60</option>
          </select>
          <FieldError id="approve-terms-error" message={errors.paymentTerms} />
        </div>
        <div className="field">
          <label htmlFor="approve-currency">Currency</label>
          {orders > 0 ? (
            <>
              <input type="hidden" name="currency" value={retailer.currency} />
              <p id="approve-currency" className="muted">
                {WHOLESALE_CURRENCY_LABEL[retailer.currency as keyof typeof WHOLESALE_CURRENCY_LABEL] ?? retailer.currency}: fixed, the
                retailer has orders in it.
              </p>
            </>
          ) : (
            <select
              id="approve-currency"
              name="currency"
              defaultValue={values.currency ?? retailer.currency}
              aria-describedby="approve-currency-hint"
              aria-invalid={errors.currency ? true : undefined}
            >
              {WHOLESALE_CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {WHOLESALE_CURRENCY_LABEL[c]}
                </option>
              ))}
            </select>
          )}
          {orders > 0 ? null : (
            <p id="approve-currency-hint" className="field-hint">
              Prices, orders, invoices and credit are in this currency. It can't change once they order.
            </p>
          )}
          <FieldError id="approve-currency-error" message={errors.currency} />
        </div>
        <Field
          id="approve-credit"
          name="creditLimit"
          label={`Credit limit (${retailer.currency})`}
          inputMode="decimal"
          defaultValue={values.creditLimit ?? String(retailer.creditLimit / 100)}
          hint="For net terms. Card accounts have none."
          error={errors.creditLimit}
        />
        {/* Either form being sent holds both buttons: no busy label, the button keeps its words. */}
        <SubmitButton busyLabel={label}>{label}</SubmitButton>
      </Form>
    </section>
  );
}
