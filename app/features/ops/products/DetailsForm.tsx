import { Form } from "@remix-run/react";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { CATEGORY_OPTIONS } from "~/domain/catalog";
import type { Failure } from "./product";
import type { PageData } from "./product.server";

/** Title, handle, category, story, care, skills and collections: creates the product, or saves it. */
export function DetailsForm({
  product,
  skills,
  collections,
  skillIds,
  collectionIds,
  failure,
}: Pick<PageData, "product" | "skills" | "collections" | "skillIds" | "collectionIds"> & { failure: Failure | undefined }) {
  const productFailure = failure?.intent === "product" ? failure : undefined;
  const v = (name: string, fallback: string) => productFailure?.values[name] ?? fallback;
  const checkedSkills = productFailure
    ? new Set((productFailure.values.skills ?? "").split(",").filter(Boolean).map(Number))
    : new Set(skillIds);
  const checkedCollections = productFailure
    ? new Set((productFailure.values.collections ?? "").split(",").filter(Boolean).map(Number))
    : new Set(collectionIds);
  const label = product ? "Save details" : "Create product";
  return (
    <section className="ops-admin__section" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <Form method="post" className="ops-admin__form" noValidate>
        <Field
          id="title"
          name="title"
          label="Title"
          defaultValue={v("title", product?.title ?? "")}
          error={productFailure?.errors.title}
          required
          maxLength={120}
        />
        <Field
          id="handle"
          name="handle"
          label="Handle (web address)"
          hint="Lower-case words joined by hyphens; left empty, it is made from the title. Changing it breaks old links."
          defaultValue={v("handle", product?.handle ?? "")}
          error={productFailure?.errors.handle}
          maxLength={120}
        />
        <div className="field">
          <label htmlFor="category">Category</label>
          <select
            id="category"
            name="category"
            defaultValue={v("category", product?.category ?? "")}
            aria-invalid={productFailure?.errors.category ? true : undefined}
            aria-describedby={productFailure?.errors.category ? "category-error" : undefined}
          >
            <option value="">Choose…</option>
            {CATEGORY_OPTIONS.map((c) => (
              <option key={c} value={c}>
                {c.charAt(0).toUpperCase() + c.slice(1)}
              </option>
            ))}
          </select>
          <FieldError id="category-error" message={productFailure?.errors.category} />
        </div>
        <Field
          id="materials"
          name="materials"
          label="Materials"
          hint="Separated by commas: brass, horn"
          defaultValue={v("materials", product?.materials.join(", ") ?? "")}
          error={productFailure?.errors.materials}
        />
        <TextArea
          name="story"
          label="Story"
          defaultValue={v("story", product?.story ?? "")}
          error={productFailure?.errors.story}
          rows={5}
        />
        <TextArea name="care" label="Care" defaultValue={v("care", product?.care ?? "")} error={productFailure?.errors.care} rows={2} />
        <fieldset className="field ops-admin__checks">
          <legend>Skills needed to make it</legend>
          <p className="field-hint">Only artisans with every ticked skill are offered this work.</p>
          {skills.map((s) => (
            <label key={s.id}>
              <input type="checkbox" name="skills" value={s.id} defaultChecked={checkedSkills.has(s.id)} /> {s.name}
            </label>
          ))}
        </fieldset>
        <fieldset className="field ops-admin__checks">
          <legend>Collections</legend>
          {collections.length === 0 ? <p className="muted">No collections yet.</p> : null}
          {collections.map((c) => (
            <label key={c.id}>
              <input type="checkbox" name="collections" value={c.id} defaultChecked={checkedCollections.has(c.id)} /> {c.title}
            </label>
          ))}
        </fieldset>
        <SubmitButton intent="product" busyLabel={label}>
          {label}
        </SubmitButton>
      </Form>
    </section>
  );
}

function TextArea({
  name,
  label,
  error,
  defaultValue,
  rows,
}: {
  name: string;
  label: string;
  error?: string;
  defaultValue: string;
  rows: number;
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <textarea
        id={name}
        name={name}
        defaultValue={defaultValue}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      />
      <FieldError id={`${name}-error`} message={error} />
    </div>
  );
}
