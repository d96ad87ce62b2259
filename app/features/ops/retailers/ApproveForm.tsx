import { Form } from "@remix-run/react";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { RetailerView } from "./retailer.server";

/** Approve an application (price tier, payment terms, credit limit), or change an approved account's terms. */
export function ApproveForm({
  retailer,
  tiers,
  errors,
  values,
}: Pick<RetailerView, "retailer" | "tiers"> & { errors: Record<string, string>; values: Record<string, string> }) {
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
        <Field
          id="approve-credit"
          name="creditLimit"
          label="Credit limit (US dollars)"
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
