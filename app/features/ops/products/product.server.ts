/** The product editor on the server: its data, and every form on it (details, status, variants, images). */
import { data } from "@remix-run/node";
import type { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { Staff } from "~/domain/accounts/index.server";
import { imageAltSchema, parseFormWith, productSchema, statusSchema, variantSchema } from "~/domain/catalog";
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
import { MAX_IMAGE_BYTES } from "~/domain/images";
import { saveProductImage } from "~/domain/images/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { type FieldErrors, readForm } from "~/lib/validation";
import { type Failure, STOREFRONT_DELAY } from "./product";

/** The page's data as the component sees it. */
export type PageData = ReturnType<typeof useLoaderData<typeof productPage>>;
/** One variant as the editor draws it. */
export type VariantRow = PageData["variants"][number];

/** The editor's data: an empty one for /ops/products/new, else the product with its variants and images. */
export async function productPage(request: Request, idParam: string | undefined) {
  const [skills, collections] = await Promise.all([listSkills(), listCollections()]);
  if (idParam === "new")
    return withFlash(request, {
      skills,
      collections,
      product: null,
      variants: [],
      images: [],
      skillIds: [] as number[],
      collectionIds: [] as number[],
    });
  const editor = await productEditor(productId(idParam));
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

const fail = (intent: string, target: number | null, errors: FieldErrors, values: Record<string, string> = {}, status = 400) =>
  data<Failure>({ intent, target, errors, values }, { status });

/** Creates the product (on /new), or handles one of the editor's forms, by its intent. */
export async function productAction(request: Request, idParam: string | undefined, staff: Staff) {
  const actor = `staff:${staff.id}`;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY_BYTES)
    return fail("image-upload", null, { image: "The image is larger than 5 MB. Export it smaller and try again." }, {}, 413);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");

  if (idParam === "new") {
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

  const id = productId(idParam);
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

const MAX_BODY_BYTES = MAX_IMAGE_BYTES + 64 * 1024;

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
