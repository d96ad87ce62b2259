/**
 * Every active artisan who holds all the skills a product needs, found by name, place or phone:
 * the reassign page's search beyond the dispatch engine's top ten. Not ranked (ops chose to look
 * for someone), ordered by name, a page at a time. Each answer says what is left of her week.
 */
import { and, asc, count, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { db, schema } from "~/lib/db.server";
import { escapeLike } from "~/lib/sql";

const { artisans, artisanSkills, productSkills } = schema;

export const SKILLED_PAGE_SIZE = 20;

export type SkilledArtisan = {
  artisanId: number;
  name: string;
  county: string;
  settlement: string;
  qualityScore: number;
  available: boolean;
  /** Units she can still take this week for this product (the smallest over its skills). */
  remainingCapacity: number;
};

/**
 * Active artisans with every skill `productId` needs (capacity above 0), except `excludeArtisanId`,
 * whose name, settlement, county or phone matches `query` (all of them when it is blank).
 */
export async function searchSkilledArtisans(input: {
  productId: number;
  query: string;
  page: number;
  excludeArtisanId: number | null;
}): Promise<{ artisans: SkilledArtisan[]; total: number; page: number; pageCount: number }> {
  const needed = (
    await db.select({ id: productSkills.skillId }).from(productSkills).where(eq(productSkills.productId, input.productId))
  ).map((s) => s.id);
  if (!needed.length) return { artisans: [], total: 0, page: 1, pageCount: 1 };
  const skilled = db
    .select({ id: artisanSkills.artisanId })
    .from(artisanSkills)
    .where(and(inArray(artisanSkills.skillId, needed), sql`${artisanSkills.weeklyCapacity} > 0`))
    .groupBy(artisanSkills.artisanId)
    .having(sql`count(distinct ${artisanSkills.skillId}) = ${needed.length}`);
  const where: SQL[] = [eq(artisans.active, true), inArray(artisans.id, skilled)];
  if (input.excludeArtisanId) where.push(ne(artisans.id, input.excludeArtisanId));
  const query = input.query.trim();
  if (query) {
    const pattern = `%${escapeLike(query)}%`;
    const digits = query.replace(/\D/g, "");
    where.push(
      or(
        ilike(sql`${artisans.firstName} || ' ' || ${artisans.lastName}`, pattern),
        ilike(artisans.settlement, pattern),
        ilike(artisans.county, pattern),
        digits.length >= 4 ? ilike(artisans.phone, `%${digits}%`) : undefined,
      )!,
    );
  }
  const [{ total }] = await db
    .select({ total: count() })
    .from(artisans)
    .where(and(...where));
  const pageCount = Math.max(1, Math.ceil(total / SKILLED_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page), pageCount);
  const rows = await db
    .select({
      artisanId: artisans.id,
      firstName: artisans.firstName,
      lastName: artisans.lastName,
      county: artisans.county,
      settlement: artisans.settlement,
      qualityScore: artisans.qualityScore,
      available: artisans.available,
    })
    .from(artisans)
    .where(and(...where))
    .orderBy(asc(artisans.firstName), asc(artisans.lastName), asc(artisans.id))
    .limit(SKILLED_PAGE_SIZE)
    .offset((page - 1) * SKILLED_PAGE_SIZE);
  const left = await remainingCapacity(
    rows.map((r) => r.artisanId),
    needed,
  );
  return {
    artisans: rows.map((r) => ({
      artisanId: r.artisanId,
      name: `${r.firstName} ${r.lastName}`,
      county: r.county,
      settlement: r.settlement,
      qualityScore: r.qualityScore,
      available: r.available,
      remainingCapacity: left.get(r.artisanId) ?? 0,
    })),
    total,
    page,
    pageCount,
  };
}

/** Weekly capacity less units promised (offered, accepted, in progress), the smallest over the skills. */
async function remainingCapacity(artisanIds: number[], skillIds: number[]): Promise<Map<number, number>> {
  if (!artisanIds.length) return new Map();
  const rows = await db.execute<{ artisan_id: number; left: number }>(sql`
    select s.artisan_id, min(s.weekly_capacity - coalesce((
      select sum(pr.quantity - pr.units_made)
      from production_requests pr
      join variants v on v.id = pr.variant_id
      join product_skills ps on ps.product_id = v.product_id and ps.skill_id = s.skill_id
      where pr.artisan_id = s.artisan_id and pr.status in ('offered', 'accepted', 'in_progress')
    ), 0))::int as left
    from artisan_skills s
    where s.artisan_id in (${sql.join(
      artisanIds.map((id) => sql`${id}`),
      sql`, `,
    )})
      and s.skill_id in (${sql.join(
        skillIds.map((id) => sql`${id}`),
        sql`, `,
      )})
    group by s.artisan_id`);
  return new Map(rows.map((r) => [r.artisan_id, Math.max(0, r.left)]));
}
