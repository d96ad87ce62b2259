import { and, asc, eq, inArray, min, sql } from "drizzle-orm";
import type { Money } from "~/modules/money/money";
import { db, schema } from "~/utils/db.server";

/** What a product grid needs: the first image and the lowest retail price. */
export type ProductCardData = {
  id: number;
  handle: string;
  title: string;
  category: string;
  image: { url: string; alt: string; width: number; height: number } | null;
  price: Money | null;
};

/** Cards for the given active products, in the order of `ids`. Three small indexed queries. */
export async function productCardsByIds(ids: number[]): Promise<ProductCardData[]> {
  if (ids.length === 0) return [];
  const [rows, images, prices] = await Promise.all([
    db
      .select({
        id: schema.products.id,
        handle: schema.products.handle,
        title: schema.products.title,
        category: schema.products.category,
      })
      .from(schema.products)
      .where(and(inArray(schema.products.id, ids), eq(schema.products.status, "active"))),
    db
      .selectDistinctOn([schema.productImages.productId], {
        productId: schema.productImages.productId,
        url: schema.productImages.url,
        alt: schema.productImages.alt,
        width: schema.productImages.width,
        height: schema.productImages.height,
      })
      .from(schema.productImages)
      .where(inArray(schema.productImages.productId, ids))
      .orderBy(schema.productImages.productId, asc(schema.productImages.position), asc(schema.productImages.id)),
    db
      .select({
        productId: schema.variants.productId,
        currency: schema.variants.currency,
        amount: min(schema.variants.price).mapWith(Number),
      })
      .from(schema.variants)
      .where(inArray(schema.variants.productId, ids))
      .groupBy(schema.variants.productId, schema.variants.currency)
      .orderBy(schema.variants.productId, sql`min(${schema.variants.price})`),
  ]);
  const imageBy = new Map(images.map((i) => [i.productId, i]));
  const priceBy = new Map<number, Money>();
  for (const p of prices) if (!priceBy.has(p.productId)) priceBy.set(p.productId, { amount: p.amount, currency: p.currency });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const image = imageBy.get(id);
    return [
      {
        ...row,
        image: image ? { url: image.url, alt: image.alt, width: image.width, height: image.height } : null,
        price: priceBy.get(id) ?? null,
      },
    ];
  });
}
