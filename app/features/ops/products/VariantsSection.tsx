import { Money } from "~/components/commerce/Money";
import type { Failure } from "./product";
import type { VariantRow } from "./product.server";
import { VariantForm } from "./VariantForm";

/** Each variant folded under its name, price and piece rate, and a form to add one. */
export function VariantsSection({ variants, failure }: { variants: VariantRow[]; failure: Failure | undefined }) {
  const variantFailure = failure?.intent === "variant" ? failure : undefined;
  return (
    <section className="ops-admin__section" id="variants" aria-labelledby="variants-title">
      <h2 id="variants-title">Variants</h2>
      <p className="muted">Prices in US dollars; the piece rate is what the artisan earns for each piece, in Kenyan shillings.</p>
      {variants.length === 0 ? <p className="notice">No variants yet: add one to put this product on sale.</p> : null}
      {variants.map((variant) => (
        <details key={variant.id} className="ops-admin__variant" open={variantFailure?.target === variant.id}>
          <summary>
            <strong>{variant.title}</strong> <span className="muted">{variant.sku}</span> ·{" "}
            <Money value={{ amount: variant.price, currency: variant.currency }} /> · piece rate{" "}
            <Money value={{ amount: variant.pieceRate, currency: variant.pieceRateCurrency }} />
          </summary>
          <VariantForm variant={variant} failure={variantFailure?.target === variant.id ? variantFailure : undefined} />
        </details>
      ))}
      <details className="ops-admin__variant" open={variants.length === 0 || variantFailure?.target === null}>
        <summary>
          <strong>Add a variant</strong>
        </summary>
        <VariantForm variant={null} failure={variantFailure?.target === null ? variantFailure : undefined} />
      </details>
    </section>
  );
}
