import { Form } from "@remix-run/react";
import { Field } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { minorToInput } from "~/lib/money";
import type { Failure } from "./product";
import type { VariantRow } from "./product.server";

/** One variant's SKU, prices, wholesale terms and piece rate; `variant` null adds one. */
export function VariantForm({ variant, failure }: { variant: VariantRow | null; failure: Failure | undefined }) {
  const key = variant ? String(variant.id) : "new";
  const v = (name: string, fallback: string) => failure?.values[name] ?? fallback;
  const e = (name: string) => failure?.errors[name];
  const options = variant
    ? Object.entries(variant.options)
        .map(([k, value]) => `${k}: ${value}`)
        .join(", ")
    : "";
  const label = variant ? "Save variant" : "Add variant";
  return (
    <Form method="post" className="ops-admin__form ops-admin__grid" noValidate>
      {variant ? <input type="hidden" name="variantId" value={variant.id} /> : null}
      <Field
        id={`title-${key}`}
        name="title"
        label="Variant name"
        defaultValue={v("title", variant?.title ?? (variant ? "" : "Default"))}
        error={e("title")}
      />
      <Field id={`sku-${key}`} name="sku" label="SKU" defaultValue={v("sku", variant?.sku ?? "")} error={e("sku")} />
      <Field
        id={`barcode-${key}`}
        name="barcode"
        label="Barcode (EAN/UPC)"
        defaultValue={v("barcode", variant?.barcode ?? "")}
        error={e("barcode")}
        inputMode="numeric"
      />
      <Field
        id={`options-${key}`}
        name="options"
        label="Options"
        hint="finish: Brass, size: Large"
        defaultValue={v("options", options)}
        error={e("options")}
      />
      <Field
        id={`price-${key}`}
        name="price"
        label="Price (USD)"
        defaultValue={v("price", minorToInput(variant?.price))}
        error={e("price")}
        inputMode="decimal"
      />
      <Field
        id={`compare-${key}`}
        name="compareAtPrice"
        label="Compare-at price (USD, optional)"
        defaultValue={v("compareAtPrice", minorToInput(variant?.compareAtPrice))}
        error={e("compareAtPrice")}
        inputMode="decimal"
      />
      <Field
        id={`wholesale-${key}`}
        name="wholesalePrice"
        label="Wholesale price (USD)"
        defaultValue={v("wholesalePrice", minorToInput(variant?.wholesalePrice))}
        error={e("wholesalePrice")}
        inputMode="decimal"
      />
      <Field
        id={`minqty-${key}`}
        name="minQty"
        label="Wholesale minimum quantity"
        defaultValue={v("minQty", String(variant?.minQty ?? 6))}
        error={e("minQty")}
        inputMode="numeric"
      />
      <Field
        id={`casepack-${key}`}
        name="casePack"
        label="Case pack"
        defaultValue={v("casePack", String(variant?.casePack ?? 6))}
        error={e("casePack")}
        inputMode="numeric"
      />
      <Field
        id={`lead-${key}`}
        name="leadTimeDays"
        label="Lead time (days)"
        defaultValue={v("leadTimeDays", String(variant?.leadTimeDays ?? 14))}
        error={e("leadTimeDays")}
        inputMode="numeric"
      />
      <Field
        id={`rate-${key}`}
        name="pieceRate"
        label="Piece rate (KES)"
        defaultValue={v("pieceRate", minorToInput(variant?.pieceRate, "KES"))}
        error={e("pieceRate")}
        inputMode="decimal"
      />
      <div className="ops-admin__grid-end">
        <SubmitButton
          intent="variant"
          match={variant ? { variantId: String(variant.id) } : undefined}
          className="button button--small"
          busyLabel={label}
        >
          {label}
        </SubmitButton>
      </div>
    </Form>
  );
}
