import { sql } from "drizzle-orm";
import { cardFromRow, cheapestVariantLateral, firstImageLateral, type CardRow } from "./card-sql.server";
import type { ProductCardData } from "./types";
import { db } from "~/lib/db.server";

export type { ProductCardData };

/**
 * Cards (first image, "from" price of the cheapest variant, compare-at on a markdown) for the given
 * active products, in the order of `ids`. Uses the catalog's card SQL so every grid prices alike.
 */
export async function productCardsByIds(ids: number[]): Promise<ProductCardData[]> {
  if (ids.length === 0) return [];
  const rows = (await db.execute(sql`
    select p.id, p.handle, p.title, p.category, cv.price, cv.compare_at_price, cv.currency, ci.url, ci.alt, ci.width, ci.height
    from products p
    ${cheapestVariantLateral("p")}
    ${firstImageLateral("p")}
    where p.id = any(${sql.param(ids)}::int[]) and p.status = 'active'
  `)) as unknown as CardRow[];
  const byId = new Map(rows.map((r) => [r.id, cardFromRow(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
