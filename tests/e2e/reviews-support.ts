import { sql } from "drizzle-orm";
import type { createDb } from "../../db/client";

export type UnreviewedPiece = { handle: string; title: string; variant_id: number; artisan_id: number; maker: string };

/**
 * A piece nobody has reviewed yet, with a maker who has a public profile, from the newest or the
 * oldest end of the catalog: two specs running side by side take one from each end, so neither
 * sees the other's review on its product page.
 */
export async function unreviewedPiece(db: ReturnType<typeof createDb>["db"], from: "newest" | "oldest"): Promise<UnreviewedPiece> {
  const [piece] = await db.execute<UnreviewedPiece>(sql`
    select p.handle, p.title, v.id as variant_id, a.id as artisan_id, a.first_name || ' ' || a.last_name as maker
    from products p
    join variants v on v.product_id = p.id
    join product_skills ps on ps.product_id = p.id
    join artisan_skills s on s.skill_id = ps.skill_id
    join artisans a on a.id = s.artisan_id and a.active and a.public_profile
    where p.status = 'active' and not exists (select 1 from reviews r where r.product_id = p.id)
    order by case when ${from} = 'newest' then -p.id else p.id end, v.position, a.id limit 1`);
  return piece;
}
