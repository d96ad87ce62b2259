/**
 * The catalog as /ops/products edits it: products, variants, skills, collections and images. Every
 * write is one transaction with its audit row, and clears this process's catalog page caches after
 * it commits (other processes, and the shared page cache for anonymous visitors, catch up within
 * about 30 seconds). Unique handles, SKUs and barcodes come back as field messages, never a 500.
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { Refusal } from "~/lib/refusal";
import { audit } from "~/domain/audit/index.server";
import { clearCatalogCaches } from "./invalidate.server";
import { productImageUrl } from "~/domain/images";
import { removeUploadedImage, type SavedImage } from "~/domain/images/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import type { FieldErrors } from "~/lib/validation";
import type { ProductInput, ProductStatusOption, VariantInput } from "./forms";
import { escapeLike, uniqueViolation } from "~/lib/sql";

const { products, variants, productImages, productSkills, skills, collections, collectionProducts } = schema;

export type SaveResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

const UNIQUE_MESSAGES: Record<string, [field: string, message: string]> = {
  products_handle_key: ["handle", "Another product already uses this handle. Choose another."],
  variants_sku_key: ["sku", "Another variant already uses this SKU."],
  variants_barcode_key: ["barcode", "Another variant already uses this barcode."],
};

async function withUniqueMessages(work: () => Promise<number>): Promise<SaveResult> {
  try {
    const id = await work();
    clearCatalogCaches();
    return { ok: true, id };
  } catch (error) {
    const constraint = uniqueViolation(error);
    const known = constraint !== null ? UNIQUE_MESSAGES[constraint] : undefined;
    if (known) return { ok: false, errors: { [known[0]]: known[1] } };
    throw error;
  }
}

export type ProductListFilter = { q?: string; status?: ProductStatusOption; category?: string; page: number; perPage?: number };

/**
 * The outer query's product id, qualified. Drizzle writes `${products.id}` as a bare "id" in a
 * single-table select, which inside `from variants v` means v.id: every row then showed the variant
 * whose id happened to equal its own (issue 15).
 */
const PRODUCT_ID = sql`"products"."id"`;

/** The list's filter as a where clause: `q` matches the title, the handle or a variant's SKU. */
function listWhere({ q, status, category }: Omit<ProductListFilter, "page">): SQL | undefined {
  const conditions: SQL[] = [];
  if (status) conditions.push(eq(products.status, status));
  if (category) conditions.push(eq(products.category, category as ProductInput["category"]));
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(
      or(
        ilike(products.title, pattern),
        ilike(products.handle, pattern),
        sql`exists (select 1 from variants v where v.product_id = ${PRODUCT_ID} and v.sku ilike ${pattern})`,
      )!,
    );
  }
  return conditions.length ? and(...conditions) : undefined;
}

/** The ids the list shows for this filter, in its order: one page of them, or (page null) every one. */
export async function productIdsMatching(filter: Omit<ProductListFilter, "page">, page: number | null, executor: Executor = db) {
  const perPage = filter.perPage ?? 25;
  const query = executor
    .select({ id: products.id })
    .from(products)
    .where(listWhere(filter))
    .orderBy(desc(products.createdAt), desc(products.id));
  const rows = page === null ? await query : await query.limit(perPage).offset((page - 1) * perPage);
  return rows.map((r) => r.id);
}

/** Newest first; `q` matches the title, the handle or a variant's SKU. */
export async function listProducts({ q, status, category, page, perPage = 25 }: ProductListFilter) {
  const where = listWhere({ q, status, category });
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: products.id,
        handle: products.handle,
        title: products.title,
        category: products.category,
        status: products.status,
        variantCount: sql<number>`(select count(*)::int from variants v where v.product_id = ${PRODUCT_ID})`,
        fromPrice: sql<number | null>`(select min(v.price)::int from variants v where v.product_id = ${PRODUCT_ID})`,
        toPrice: sql<number | null>`(select max(v.price)::int from variants v where v.product_id = ${PRODUCT_ID})`,
        image: sql<{
          url: string;
          alt: string;
        } | null>`(select json_build_object('url', i.url, 'alt', i.alt) from product_images i where i.product_id = ${PRODUCT_ID} order by i.position, i.id limit 1)`,
      })
      .from(products)
      .where(where)
      .orderBy(desc(products.createdAt), desc(products.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ total: count() }).from(products).where(where),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / perPage)) };
}

export function listSkills() {
  return db.select({ id: skills.id, slug: skills.slug, name: skills.name }).from(skills).orderBy(asc(skills.name));
}

export function listCollections() {
  return db
    .select({ id: collections.id, title: collections.title, kind: collections.kind })
    .from(collections)
    .orderBy(asc(collections.kind), asc(collections.position), asc(collections.title));
}

/** Everything the edit page shows, or null. */
export async function productEditor(id: number) {
  const [product] = await db.select().from(products).where(eq(products.id, id));
  if (!product) return null;
  const [variantRows, imageRows, skillRows, collectionRows] = await Promise.all([
    db.select().from(variants).where(eq(variants.productId, id)).orderBy(asc(variants.position), asc(variants.id)),
    db.select().from(productImages).where(eq(productImages.productId, id)).orderBy(asc(productImages.position), asc(productImages.id)),
    db.select({ skillId: productSkills.skillId }).from(productSkills).where(eq(productSkills.productId, id)),
    db.select({ collectionId: collectionProducts.collectionId }).from(collectionProducts).where(eq(collectionProducts.productId, id)),
  ]);
  return {
    product,
    variants: variantRows,
    images: imageRows,
    skillIds: skillRows.map((s) => s.skillId),
    collectionIds: collectionRows.map((c) => c.collectionId),
  };
}

async function setSkillsAndCollections(tx: Executor, productId: number, input: Pick<ProductInput, "skills" | "collections">) {
  const [knownSkills, knownCollections] = await Promise.all([
    input.skills.length ? tx.select({ id: skills.id }).from(skills).where(inArray(skills.id, input.skills)) : Promise.resolve([]),
    input.collections.length
      ? tx.select({ id: collections.id }).from(collections).where(inArray(collections.id, input.collections))
      : Promise.resolve([]),
  ]);
  const skillIds = knownSkills.map((s) => s.id);
  const collectionIds = knownCollections.map((c) => c.id);
  await tx.delete(productSkills).where(eq(productSkills.productId, productId));
  if (skillIds.length) await tx.insert(productSkills).values(skillIds.map((skillId) => ({ productId, skillId })));
  // Collections it leaves lose it; collections it joins get it at the end; the others keep their order.
  await tx
    .delete(collectionProducts)
    .where(
      and(
        eq(collectionProducts.productId, productId),
        collectionIds.length ? sql`${collectionProducts.collectionId} not in ${collectionIds}` : undefined,
      ),
    );
  for (const collectionId of collectionIds) {
    await tx.execute(sql`
      insert into collection_products (collection_id, product_id, position)
      select ${collectionId}, ${productId}, coalesce(max(position) + 1, 0) from collection_products where collection_id = ${collectionId}
      on conflict do nothing`);
  }
  return { skillIds, collectionIds };
}

/** Creates a product as a draft: it goes on sale only when published (with at least one variant). */
export function createProduct(input: ProductInput, actor: string): Promise<SaveResult> {
  return withUniqueMessages(() =>
    db.transaction(async (tx) => {
      const [product] = await tx
        .insert(products)
        .values({
          handle: input.handle,
          title: input.title,
          story: input.story,
          category: input.category,
          materials: input.materials,
          care: input.care,
          status: "draft",
        })
        .returning({ id: products.id });
      const linked = await setSkillsAndCollections(tx, product.id, input);
      await audit(tx, {
        actor,
        action: "product.create",
        subject: `product:${product.id}`,
        data: { handle: input.handle, title: input.title, ...linked },
      });
      return product.id;
    }),
  );
}

export function updateProduct(id: number, input: ProductInput, actor: string): Promise<SaveResult> {
  return withUniqueMessages(() =>
    db.transaction(async (tx) => {
      const [before] = await tx.select().from(products).where(eq(products.id, id)).for("update");
      if (!before) throw new Refusal(404, "No such product");
      await tx
        .update(products)
        .set({
          handle: input.handle,
          title: input.title,
          story: input.story,
          category: input.category,
          materials: input.materials,
          care: input.care,
        })
        .where(eq(products.id, id));
      if (before.handle !== input.handle) {
        // Generated pictures are addressed by handle: follow the new one so they keep drawing.
        // `<old>-<n>.svg` and `<old>-<n>.<finish>.svg` become `<new>-…`; uploaded photos keep their keys.
        const from = productImageUrl(before.handle, 1).replace(/1\.svg$/, "");
        const to = productImageUrl(input.handle, 1).replace(/1\.svg$/, "");
        await tx
          .update(productImages)
          .set({ url: sql`${to} || substr(${productImages.url}, ${from.length + 1})` })
          .where(
            and(
              eq(productImages.productId, id),
              sql`starts_with(${productImages.url}, ${from})`,
              sql`substr(${productImages.url}, ${from.length + 1}) ~ '^[1-6]([.][a-z0-9-]+)?[.]svg$'`,
            ),
          );
      }
      const linked = await setSkillsAndCollections(tx, id, input);
      const changed = (["handle", "title", "story", "category", "care"] as const).filter((k) => before[k] !== input[k]);
      if (before.materials.join(",") !== input.materials.join(",")) changed.push("materials" as never);
      await audit(tx, { actor, action: "product.update", subject: `product:${id}`, data: { changed, ...linked } });
      return id;
    }),
  );
}

export type StatusResult = { ok: true; status: ProductStatusOption } | { ok: false; message: string };

/** Publish (active), unpublish (draft) or archive. Publishing needs at least one variant. */
export async function setProductStatus(id: number, status: ProductStatusOption, actor: string): Promise<StatusResult> {
  const result = await db.transaction(async (tx): Promise<StatusResult> => {
    const [before] = await tx.select({ status: products.status }).from(products).where(eq(products.id, id)).for("update");
    if (!before) throw new Refusal(404, "No such product");
    if (status === "active") {
      const [{ n }] = await tx.select({ n: count() }).from(variants).where(eq(variants.productId, id));
      if (n === 0) return { ok: false, message: "Add at least one variant with a price before publishing." };
    }
    await tx
      .update(products)
      .set({ status, ...(status === "active" ? { publishedAt: sql`coalesce(${products.publishedAt}, now())` } : {}) })
      .where(eq(products.id, id));
    await audit(tx, {
      actor,
      action: status === "active" ? "product.publish" : status === "draft" ? "product.unpublish" : "product.archive",
      subject: `product:${id}`,
      data: { from: before.status, to: status },
    });
    return { ok: true, status };
  });
  if (result.ok) clearCatalogCaches();
  return result;
}

function variantRow(input: VariantInput) {
  return {
    title: input.title,
    sku: input.sku,
    barcode: input.barcode,
    options: input.options,
    price: input.price,
    compareAtPrice: input.compareAtPrice ?? null,
    wholesalePrice: input.wholesalePrice,
    minQty: input.minQty,
    casePack: input.casePack,
    leadTimeDays: input.leadTimeDays,
    pieceRate: input.pieceRate,
    currency: "USD",
    pieceRateCurrency: "KES",
  };
}

/** Adds a variant (variantId null) or changes one of this product's variants. */
export function saveVariant(productId: number, variantId: number | null, input: VariantInput, actor: string): Promise<SaveResult> {
  return withUniqueMessages(() =>
    db.transaction(async (tx) => {
      const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for("update");
      if (!product) throw new Refusal(404, "No such product");
      if (variantId === null) {
        const [{ position }] = await tx
          .select({ position: sql<number>`coalesce(max(${variants.position}) + 1, 0)::int` })
          .from(variants)
          .where(eq(variants.productId, productId));
        const [created] = await tx
          .insert(variants)
          .values({ ...variantRow(input), productId, position })
          .returning({ id: variants.id });
        await audit(tx, {
          actor,
          action: "variant.create",
          subject: `variant:${created.id}`,
          data: { productId, sku: input.sku, price: input.price, pieceRate: input.pieceRate },
        });
        return created.id;
      }
      const [before] = await tx
        .select()
        .from(variants)
        .where(and(eq(variants.id, variantId), eq(variants.productId, productId)));
      if (!before) throw new Refusal(404, "No such variant");
      await tx.update(variants).set(variantRow(input)).where(eq(variants.id, variantId));
      const row = variantRow(input);
      const changed = Object.fromEntries(
        (Object.keys(row) as (keyof typeof row)[])
          .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(row[k]))
          .map((k) => [k, { from: before[k], to: row[k] }]),
      );
      await audit(tx, { actor, action: "variant.update", subject: `variant:${variantId}`, data: { productId, changed } });
      return variantId;
    }),
  );
}

/** Stores an uploaded image's row at the end of the gallery. */
export async function addProductImage(productId: number, image: SavedImage, alt: string, actor: string) {
  const id = await db.transaction(async (tx) => {
    const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for("update");
    if (!product) throw new Refusal(404, "No such product");
    const [{ position }] = await tx
      .select({ position: sql<number>`coalesce(max(${productImages.position}) + 1, 0)::int` })
      .from(productImages)
      .where(eq(productImages.productId, productId));
    const [row] = await tx
      .insert(productImages)
      .values({ productId, url: image.url, alt, width: image.width, height: image.height, position })
      .returning({ id: productImages.id });
    await audit(tx, { actor, action: "product.image_add", subject: `product:${productId}`, data: { imageId: row.id, url: image.url } });
    return row.id;
  });
  clearCatalogCaches();
  return id;
}

async function imageOf(tx: Executor, productId: number, imageId: number) {
  const [image] = await tx
    .select()
    .from(productImages)
    .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)));
  if (!image) throw new Refusal(404, "No such image");
  return image;
}

export async function updateImageAlt(productId: number, imageId: number, alt: string, actor: string) {
  await db.transaction(async (tx) => {
    await imageOf(tx, productId, imageId);
    await tx.update(productImages).set({ alt }).where(eq(productImages.id, imageId));
    await audit(tx, { actor, action: "product.image_alt", subject: `product:${productId}`, data: { imageId } });
  });
  clearCatalogCaches();
}

/** Moves an image one place earlier or later; the first image is the one product cards show. */
export async function moveImage(productId: number, imageId: number, direction: "up" | "down", actor: string) {
  await db.transaction(async (tx) => {
    await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for("update");
    const rows = await tx
      .select({ id: productImages.id })
      .from(productImages)
      .where(eq(productImages.productId, productId))
      .orderBy(asc(productImages.position), asc(productImages.id));
    const from = rows.findIndex((r) => r.id === imageId);
    if (from === -1) throw new Refusal(404, "No such image");
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= rows.length) return;
    [rows[from], rows[to]] = [rows[to], rows[from]];
    for (const [position, row] of rows.entries()) await tx.update(productImages).set({ position }).where(eq(productImages.id, row.id));
    await audit(tx, { actor, action: "product.image_move", subject: `product:${productId}`, data: { imageId, direction } });
  });
  clearCatalogCaches();
}

export async function removeImage(productId: number, imageId: number, actor: string) {
  const image = await db.transaction(async (tx) => {
    const row = await imageOf(tx, productId, imageId);
    await tx.delete(productImages).where(eq(productImages.id, imageId));
    await audit(tx, { actor, action: "product.image_remove", subject: `product:${productId}`, data: { imageId, url: row.url } });
    return row;
  });
  clearCatalogCaches();
  // The file goes after the row is gone: a failure here leaves an orphan file, never a broken page.
  await removeUploadedImage(image.url).catch(() => undefined);
}
