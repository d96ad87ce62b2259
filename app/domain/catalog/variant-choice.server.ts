import { and, eq } from "drizzle-orm";
import { db, schema } from "~/lib/db.server";
import { variantForChoices } from "./variant-options";

/**
 * The variant of an active product that a set of choices names (a product page's form posted with
 * "Finish" and "Size" chosen apart, JavaScript on or off). Null when there is no such product or
 * no variant with exactly those choices.
 */
export async function variantIdForChoices(productId: number, choices: Record<string, string>): Promise<number | null> {
  if (!Number.isSafeInteger(productId) || productId <= 0 || productId > 2_147_483_647) return null;
  const rows = await db
    .select({ id: schema.variants.id, options: schema.variants.options })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(and(eq(schema.variants.productId, productId), eq(schema.products.status, "active")));
  return variantForChoices(rows, choices)?.id ?? null;
}
