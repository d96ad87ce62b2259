/** The catalog row that gift card order lines name (a card sold online or at the register is an order line). */
import { eq } from "drizzle-orm";
import { schema, type Executor } from "~/lib/db.server";
import { GIFT_CARD_SKU } from "./delivery";

/** The catalog row gift card order lines name. Archived: never listed, never in a bag. */
export const GIFT_CARD_HANDLE = "soko-gift-card";

/** The gift card's variant, made on first use (concurrency-safe by the unique handle and SKU). */
export async function giftCardVariantId(tx: Executor): Promise<number> {
  const [found] = await tx.select({ id: schema.variants.id }).from(schema.variants).where(eq(schema.variants.sku, GIFT_CARD_SKU));
  if (found) return found.id;
  await tx
    .insert(schema.products)
    .values({
      handle: GIFT_CARD_HANDLE,
      title: "Soko gift card",
      story: "A gift card for handmade jewelry. Sold on /gift-cards and at the register.",
      // The catalog requires a category; this product is never listed, so it means nothing here.
      category: "earrings",
      status: "archived",
    })
    .onConflictDoNothing();
  const [product] = await tx.select({ id: schema.products.id }).from(schema.products).where(eq(schema.products.handle, GIFT_CARD_HANDLE));
  // Prices are the line's own (the card's value); the catalog's checks want positive numbers here.
  await tx
    .insert(schema.variants)
    .values({
      productId: product.id,
      sku: GIFT_CARD_SKU,
      barcode: GIFT_CARD_SKU,
      title: "Default",
      price: 1,
      wholesalePrice: 1,
      pieceRate: 1,
      leadTimeDays: 0,
    })
    .onConflictDoNothing();
  const [variant] = await tx.select({ id: schema.variants.id }).from(schema.variants).where(eq(schema.variants.sku, GIFT_CARD_SKU));
  return variant.id;
}
