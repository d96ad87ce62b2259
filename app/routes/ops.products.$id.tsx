import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import { minorToInput } from "~/lib/money";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { CATEGORY_OPTIONS, imageAltSchema, parseFormWith, productSchema, statusSchema, variantSchema } from "~/domain/catalog";
import {
  addProductImage,
  createProduct,
  listCollections,
  listSkills,
  moveImage,
  productEditor,
  removeImage,
  saveVariant,
  setProductStatus,
  updateImageAlt,
  updateProduct,
} from "~/domain/catalog/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { MAX_IMAGE_BYTES } from "~/domain/images";
import { saveProductImage } from "~/domain/images/index.server";
import type { FieldErrors } from "~/lib/validation";
import styles from "~/styles/ops-admin.css";
import { readForm } from "~/lib/validation";
import { answerRefusals } from "~/lib/refusal.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && "product" in data && data.product ? data.product.title : "New product"} · Products · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.products.$id", "loader");
  const [skills, collections] = await Promise.all([listSkills(), listCollections()]);
  if (params.id === "new")
    return withFlash(request, {
      skills,
      collections,
      product: null,
      variants: [],
      images: [],
      skillIds: [] as number[],
      collectionIds: [] as number[],
    });
  const editor = await productEditor(productId(params.id));
  if (!editor) throw new Response("There is no product with this id.", { status: 404 });
  return withFlash(request, {
    skills,
    collections,
    ...editor,
    product: {
      ...editor.product,
      createdAt: editor.product.createdAt.toISOString(),
      publishedAt: editor.product.publishedAt?.toISOString() ?? null,
    },
  });
}

type Failure = { intent: string; target: number | null; errors: FieldErrors; values: Record<string, string> };
const fail = (intent: string, target: number | null, errors: FieldErrors, values: Record<string, string> = {}, status = 400) =>
  data<Failure>({ intent, target, errors, values }, { status });

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.products.$id", "action");
  const actor = `staff:${staff.id}`;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY_BYTES)
    return fail("image-upload", null, { image: "The image is larger than 5 MB. Export it smaller and try again." }, {}, 413);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");

  if (params.id === "new") {
    if (intent !== "product") throw new Response("Unknown action", { status: 400 });
    const parsed = parseFormWith(productSchema, form, ["skills", "collections"]);
    if (!parsed.ok) return fail(intent, null, parsed.errors, parsed.values);
    const saved = await createProduct(parsed.data, actor);
    if (!saved.ok) return fail(intent, null, saved.errors, stringValues(form), 422);
    return redirectWithFlash(request, `/ops/products/${saved.id}`, {
      kind: "success",
      message: "Product created as a draft. Add a variant with its prices, then publish it.",
    });
  }

  const id = productId(params.id);
  const here = `/ops/products/${id}`;
  switch (intent) {
    case "product": {
      const parsed = parseFormWith(productSchema, form, ["skills", "collections"]);
      if (!parsed.ok) return fail(intent, null, parsed.errors, parsed.values);
      const saved = await updateProduct(id, parsed.data, actor);
      if (!saved.ok) return fail(intent, null, saved.errors, stringValues(form), 422);
      return redirectWithFlash(request, here, { kind: "success", message: `Saved. ${STOREFRONT_DELAY}` });
    }
    case "status": {
      const parsed = parseFormWith(statusSchema, form);
      if (!parsed.ok) return fail(intent, null, parsed.errors);
      const result = await setProductStatus(id, parsed.data.status, actor);
      if (!result.ok) return fail(intent, null, { status: result.message }, {}, 422);
      const message =
        result.status === "active"
          ? `Published: it is on sale. ${STOREFRONT_DELAY}`
          : result.status === "draft"
            ? "Unpublished: it is no longer for sale."
            : "Archived: it is no longer for sale.";
      return redirectWithFlash(request, here, { kind: "success", message });
    }
    case "variant": {
      const variantId = optionalId(form.get("variantId"));
      const parsed = parseFormWith(variantSchema, form);
      if (!parsed.ok) return fail(intent, variantId, parsed.errors, parsed.values);
      const saved = await saveVariant(id, variantId, parsed.data, actor);
      if (!saved.ok) return fail(intent, variantId, saved.errors, stringValues(form), 422);
      return redirectWithFlash(request, `${here}#variants`, {
        kind: "success",
        message: `${variantId ? "Variant saved" : "Variant added"}: ${parsed.data.sku}. ${STOREFRONT_DELAY}`,
      });
    }
    case "image-upload": {
      const alt = parseFormWith(imageAltSchema, form);
      const file = form.get("image");
      const errors: FieldErrors = alt.ok ? {} : alt.errors;
      if (!(file instanceof File) || file.size === 0) errors.image = "Choose a JPEG, PNG or WebP image to upload.";
      if (Object.keys(errors).length || !alt.ok || !(file instanceof File))
        return fail(intent, null, errors, alt.ok ? { alt: alt.data.alt } : alt.values);
      const saved = await saveProductImage(file);
      if (!saved.ok) return fail(intent, null, { image: saved.message }, { alt: alt.data.alt }, 422);
      await addProductImage(id, saved.image, alt.data.alt, actor);
      return redirectWithFlash(request, `${here}#images`, { kind: "success", message: `Image added. ${STOREFRONT_DELAY}` });
    }
    case "image-alt": {
      const imageId = requiredId(form.get("imageId"));
      const parsed = parseFormWith(imageAltSchema, form);
      if (!parsed.ok) return fail(intent, imageId, parsed.errors, parsed.values);
      await updateImageAlt(id, imageId, parsed.data.alt, actor);
      return redirectWithFlash(request, `${here}#images`, { kind: "success", message: "Alt text saved." });
    }
    case "image-up":
    case "image-down": {
      await moveImage(id, requiredId(form.get("imageId")), intent === "image-up" ? "up" : "down", actor);
      return redirectWithFlash(request, `${here}#images`, { kind: "success", message: "Image order saved." });
    }
    case "image-remove": {
      await removeImage(id, requiredId(form.get("imageId")), actor);
      return redirectWithFlash(request, `${here}#images`, { kind: "success", message: "Image removed." });
    }
    default:
      throw new Response("Unknown action", { status: 400 });
  }
}

export default function OpsProduct() {
  const { product, variants, images, skills, collections, skillIds, collectionIds, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const productFailure = failure?.intent === "product" ? failure : undefined;
  const v = (name: string, fallback: string) => productFailure?.values[name] ?? fallback;
  const checkedSkills = productFailure
    ? new Set((productFailure.values.skills ?? "").split(",").filter(Boolean).map(Number))
    : new Set(skillIds);
  const checkedCollections = productFailure
    ? new Set((productFailure.values.collections ?? "").split(",").filter(Boolean).map(Number))
    : new Set(collectionIds);

  return (
    <div className="ops-page ops-admin">
      <p>
        <Link to="/ops/products">← All products</Link>
      </p>
      <div className="ops-admin__head">
        <h1>{product ? product.title : "New product"}</h1>
        {product ? (
          <span className={`badge ${product.status === "active" ? "badge--ok" : product.status === "archived" ? "badge--bad" : ""}`}>
            {STATUS_LABEL[product.status]}
          </span>
        ) : null}
      </div>
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}
      {failure && Object.keys(failure.errors).length ? (
        <p className="notice notice--error" role="alert">
          Please fix the {Object.keys(failure.errors).length === 1 ? "field" : "fields"} marked below.
        </p>
      ) : null}

      {product ? (
        <section className="ops-admin__section" aria-labelledby="status-title">
          <h2 id="status-title">Status</h2>
          <p className="muted">
            {product.status === "active" ? (
              <>
                On sale at <Link to={`/products/${product.handle}`}>/products/{product.handle}</Link>.{" "}
              </>
            ) : (
              "Not for sale. "
            )}
            {STOREFRONT_DELAY}
          </p>
          {failure?.intent === "status" ? (
            <p className="field-error" role="alert">
              {failure.errors.status}
            </p>
          ) : null}
          <div className="ops-admin__actions">
            {product.status !== "active" ? <StatusButton status="active" label="Publish" /> : null}
            {product.status !== "draft" ? <StatusButton status="draft" label="Unpublish" ghost /> : null}
            {product.status !== "archived" ? <StatusButton status="archived" label="Archive" ghost /> : null}
          </div>
        </section>
      ) : null}

      <section className="ops-admin__section" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <Form method="post" className="ops-admin__form" noValidate>
          <input type="hidden" name="intent" value="product" />
          <TextField
            name="title"
            label="Title"
            defaultValue={v("title", product?.title ?? "")}
            error={productFailure?.errors.title}
            required
            maxLength={120}
          />
          <TextField
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
            {productFailure?.errors.category ? (
              <p id="category-error" className="field-error">
                {productFailure.errors.category}
              </p>
            ) : null}
          </div>
          <TextField
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
          <button type="submit" className="button" disabled={busy}>
            {product ? "Save details" : "Create product"}
          </button>
        </Form>
      </section>

      {product ? (
        <>
          <section className="ops-admin__section" id="variants" aria-labelledby="variants-title">
            <h2 id="variants-title">Variants</h2>
            <p className="muted">Prices in US dollars; the piece rate is what the artisan earns for each piece, in Kenyan shillings.</p>
            {variants.length === 0 ? <p className="notice">No variants yet: add one to put this product on sale.</p> : null}
            {variants.map((variant) => (
              <details
                key={variant.id}
                className="ops-admin__variant"
                open={failure?.intent === "variant" && failure.target === variant.id}
              >
                <summary>
                  <strong>{variant.title}</strong> <span className="muted">{variant.sku}</span> ·{" "}
                  <Money value={{ amount: variant.price, currency: variant.currency }} /> · piece rate{" "}
                  <Money value={{ amount: variant.pieceRate, currency: variant.pieceRateCurrency }} />
                </summary>
                <VariantForm
                  variant={variant}
                  failure={failure?.intent === "variant" && failure.target === variant.id ? failure : undefined}
                  busy={busy}
                />
              </details>
            ))}
            <details
              className="ops-admin__variant"
              open={variants.length === 0 || (failure?.intent === "variant" && failure.target === null)}
            >
              <summary>
                <strong>Add a variant</strong>
              </summary>
              <VariantForm
                variant={null}
                failure={failure?.intent === "variant" && failure.target === null ? failure : undefined}
                busy={busy}
              />
            </details>
          </section>

          <section className="ops-admin__section" id="images" aria-labelledby="images-title">
            <h2 id="images-title">Images</h2>
            <p className="muted">The first image is the one shown on product cards.</p>
            {images.length === 0 ? <p className="muted">No images yet.</p> : null}
            <ol className="ops-admin__images">
              {images.map((image, index) => {
                const altFailure = failure?.intent === "image-alt" && failure.target === image.id ? failure : undefined;
                return (
                  <li key={image.id} className="ops-admin__image">
                    <Image
                      src={image.url}
                      alt={image.alt}
                      width={120}
                      height={Math.round((120 * image.height) / image.width)}
                      sizes="120px"
                    />
                    <div className="ops-admin__image-forms">
                      <Form method="post" className="ops-admin__inline">
                        <input type="hidden" name="intent" value="image-alt" />
                        <input type="hidden" name="imageId" value={image.id} />
                        <TextField
                          name="alt"
                          id={`alt-${image.id}`}
                          label={`Alt text, image ${index + 1}`}
                          defaultValue={altFailure?.values.alt ?? image.alt}
                          error={altFailure?.errors.alt}
                          maxLength={300}
                        />
                        <button type="submit" className="button button--small button--ghost">
                          Save alt text
                        </button>
                      </Form>
                      <Form method="post" className="ops-admin__actions">
                        <input type="hidden" name="imageId" value={image.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="image-up"
                          className="button button--small button--ghost"
                          disabled={index === 0}
                          aria-label={`Move image ${index + 1} earlier`}
                        >
                          Move up
                        </button>
                        <button
                          type="submit"
                          name="intent"
                          value="image-down"
                          className="button button--small button--ghost"
                          disabled={index === images.length - 1}
                          aria-label={`Move image ${index + 1} later`}
                        >
                          Move down
                        </button>
                        <button
                          type="submit"
                          name="intent"
                          value="image-remove"
                          className="button button--small button--ghost ops-admin__danger"
                          aria-label={`Remove image ${index + 1}`}
                        >
                          Remove
                        </button>
                      </Form>
                    </div>
                  </li>
                );
              })}
            </ol>
            <Form method="post" encType="multipart/form-data" className="ops-admin__form ops-admin__upload">
              <input type="hidden" name="intent" value="image-upload" />
              <div className="field">
                <label htmlFor="image">Upload an image</label>
                <input
                  id="image"
                  name="image"
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  aria-describedby="image-hint"
                  aria-invalid={failure?.intent === "image-upload" && failure.errors.image ? true : undefined}
                />
                <p id="image-hint" className="field-hint">
                  JPEG, PNG or WebP, up to 5 MB.
                </p>
                {failure?.intent === "image-upload" && failure.errors.image ? (
                  <p className="field-error" role="alert">
                    {failure.errors.image}
                  </p>
                ) : null}
              </div>
              <TextField
                name="alt"
                id="upload-alt"
                label="Alt text (required)"
                hint="What the picture shows, for people using a screen reader."
                defaultValue={failure?.intent === "image-upload" ? (failure.values.alt ?? "") : ""}
                error={failure?.intent === "image-upload" ? failure.errors.alt : undefined}
                maxLength={300}
              />
              <button type="submit" className="button button--small" disabled={busy}>
                Upload image
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}

type VariantRow = Awaited<ReturnType<typeof productEditor>> extends infer E ? (E extends { variants: (infer V)[] } ? V : never) : never;

function VariantForm({
  variant,
  failure,
  busy,
}: {
  variant: (Omit<VariantRow, "options"> & { options: Record<string, string> }) | null;
  failure: Failure | undefined;
  busy: boolean;
}) {
  const key = variant ? String(variant.id) : "new";
  const v = (name: string, fallback: string) => failure?.values[name] ?? fallback;
  const e = (name: string) => failure?.errors[name];
  const options = variant
    ? Object.entries(variant.options)
        .map(([k, value]) => `${k}: ${value}`)
        .join(", ")
    : "";
  return (
    <Form method="post" className="ops-admin__form ops-admin__grid" noValidate>
      <input type="hidden" name="intent" value="variant" />
      {variant ? <input type="hidden" name="variantId" value={variant.id} /> : null}
      <TextField
        id={`title-${key}`}
        name="title"
        label="Variant name"
        defaultValue={v("title", variant?.title ?? (variant ? "" : "Default"))}
        error={e("title")}
      />
      <TextField id={`sku-${key}`} name="sku" label="SKU" defaultValue={v("sku", variant?.sku ?? "")} error={e("sku")} />
      <TextField
        id={`barcode-${key}`}
        name="barcode"
        label="Barcode (EAN/UPC)"
        defaultValue={v("barcode", variant?.barcode ?? "")}
        error={e("barcode")}
        inputMode="numeric"
      />
      <TextField
        id={`options-${key}`}
        name="options"
        label="Options"
        hint="finish: Brass, size: Large"
        defaultValue={v("options", options)}
        error={e("options")}
      />
      <TextField
        id={`price-${key}`}
        name="price"
        label="Price (USD)"
        defaultValue={v("price", minorToInput(variant?.price))}
        error={e("price")}
        inputMode="decimal"
      />
      <TextField
        id={`compare-${key}`}
        name="compareAtPrice"
        label="Compare-at price (USD, optional)"
        defaultValue={v("compareAtPrice", minorToInput(variant?.compareAtPrice))}
        error={e("compareAtPrice")}
        inputMode="decimal"
      />
      <TextField
        id={`wholesale-${key}`}
        name="wholesalePrice"
        label="Wholesale price (USD)"
        defaultValue={v("wholesalePrice", minorToInput(variant?.wholesalePrice))}
        error={e("wholesalePrice")}
        inputMode="decimal"
      />
      <TextField
        id={`minqty-${key}`}
        name="minQty"
        label="Wholesale minimum quantity"
        defaultValue={v("minQty", String(variant?.minQty ?? 6))}
        error={e("minQty")}
        inputMode="numeric"
      />
      <TextField
        id={`casepack-${key}`}
        name="casePack"
        label="Case pack"
        defaultValue={v("casePack", String(variant?.casePack ?? 6))}
        error={e("casePack")}
        inputMode="numeric"
      />
      <TextField
        id={`lead-${key}`}
        name="leadTimeDays"
        label="Lead time (days)"
        defaultValue={v("leadTimeDays", String(variant?.leadTimeDays ?? 14))}
        error={e("leadTimeDays")}
        inputMode="numeric"
      />
      <TextField
        id={`rate-${key}`}
        name="pieceRate"
        label="Piece rate (KES)"
        defaultValue={v("pieceRate", minorToInput(variant?.pieceRate, "KES"))}
        error={e("pieceRate")}
        inputMode="decimal"
      />
      <div className="ops-admin__grid-end">
        <button type="submit" className="button button--small" disabled={busy}>
          {variant ? "Save variant" : "Add variant"}
        </button>
      </div>
    </Form>
  );
}

function StatusButton({ status, label, ghost }: { status: string; label: string; ghost?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="status" value={status} />
      <button type="submit" className={`button button--small${ghost ? " button--ghost" : ""}`}>
        {label}
      </button>
    </Form>
  );
}

type FieldProps = { name: string; label: string; id?: string; hint?: string; error?: string; defaultValue: string } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "name" | "id" | "defaultValue"
>;

function TextField({ name, label, id = name, hint, error, defaultValue, ...rest }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
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
      {error ? (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const MAX_BODY_BYTES = MAX_IMAGE_BYTES + 64 * 1024;
const STOREFRONT_DELAY = "Changes appear on the storefront within a minute.";
const STATUS_LABEL: Record<string, string> = { active: "Published", draft: "Draft", archived: "Archived" };

const idField = z.coerce.number().int().positive().max(2_147_483_647);

function productId(raw: string | undefined): number {
  const parsed = idField.safeParse(raw);
  if (!parsed.success) throw new Response("There is no product with this id.", { status: 404 });
  return parsed.data;
}

function requiredId(raw: FormDataEntryValue | null): number {
  const parsed = idField.safeParse(raw);
  if (!parsed.success) throw new Response("That form is missing which item it is for.", { status: 400 });
  return parsed.data;
}

function optionalId(raw: FormDataEntryValue | null): number | null {
  return raw === null || raw === "" ? null : requiredId(raw);
}

function stringValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in values)) values[key] = value;
  values.skills = form.getAll("skills").join(",");
  values.collections = form.getAll("collections").join(",");
  return values;
}
