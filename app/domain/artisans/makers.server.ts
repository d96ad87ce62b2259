/**
 * Public maker profiles. Every query here filters on `active and public_profile`: an artisan who has
 * not consented is never listed, shown, searched or counted.
 */
import { and, asc, count, eq, exists, ilike, inArray, notExists, or, sql, type SQL } from "drizzle-orm";
import { makerListKeys, makerProfileKeys, MISSING_PAGE_KEYS } from "~/domain/catalog";
import { productCardsByIds, type ProductCardData } from "~/domain/catalog/index.server";
import { db, schema } from "~/lib/db.server";
import { recordPurgeKeys, type PurgeKeyCollector } from "~/lib/purge.server";
import { MAKER_PRODUCTS_LIMIT, MAKERS_PAGE_SIZE, escapeLike, pageCount, portraitUrl, shortName, type DirectoryParams } from "./makers";

const a = schema.artisans;

/** The consent rule, in one place. */
export const isPublicMaker = and(eq(a.active, true), eq(a.publicProfile, true))!;

export type MakerCard = {
  handle: string;
  name: string;
  settlement: string;
  county: string;
  portraitUrl: string;
  skills: string[];
};

function nameOrPlaceMatches(q: string): SQL {
  const pattern = `%${escapeLike(q)}%`;
  return or(ilike(sql`${a.firstName} || ' ' || ${a.lastName}`, pattern), ilike(a.settlement, pattern))!;
}

async function skillNamesByArtisan(ids: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ artisanId: schema.artisanSkills.artisanId, name: schema.skills.name })
    .from(schema.artisanSkills)
    .innerJoin(schema.skills, eq(schema.skills.id, schema.artisanSkills.skillId))
    .where(inArray(schema.artisanSkills.artisanId, ids))
    .orderBy(asc(schema.skills.name));
  for (const row of rows) out.set(row.artisanId, [...(out.get(row.artisanId) ?? []), row.name]);
  return out;
}

async function toCards(
  rows: Array<{
    id: number;
    handle: string;
    firstName: string;
    lastName: string;
    settlement: string;
    county: string;
    portraitUrl: string | null;
  }>,
): Promise<MakerCard[]> {
  const skills = await skillNamesByArtisan(rows.map((r) => r.id));
  return rows.map((r) => ({
    handle: r.handle,
    name: shortName(r.firstName, r.lastName),
    settlement: r.settlement,
    county: r.county,
    portraitUrl: portraitUrl(r.handle, r.portraitUrl),
    skills: skills.get(r.id) ?? [],
  }));
}

const cardColumns = {
  id: a.id,
  handle: a.handle,
  firstName: a.firstName,
  lastName: a.lastName,
  settlement: a.settlement,
  county: a.county,
  portraitUrl: a.portraitUrl,
};

export type MakerDirectory = {
  makers: MakerCard[];
  total: number;
  page: number;
  pageCount: number;
  counties: string[];
};

/** /makers: consenting, active artisans, filtered by name/settlement and county, 24 a page. */
export async function listPublicMakers(params: DirectoryParams, into?: PurgeKeyCollector): Promise<MakerDirectory> {
  const filters: SQL[] = [isPublicMaker];
  if (params.q) filters.push(nameOrPlaceMatches(params.q));
  if (params.county) filters.push(eq(a.county, params.county));
  const where = and(...filters);

  const [[{ total }], counties] = await Promise.all([db.select({ total: count() }).from(a).where(where), listPublicCounties()]);
  const { page } = params;
  const rows =
    total === 0
      ? []
      : await db
          .select(cardColumns)
          .from(a)
          .where(where)
          .orderBy(asc(a.lastName), asc(a.firstName), asc(a.id))
          .limit(MAKERS_PAGE_SIZE)
          .offset((page - 1) * MAKERS_PAGE_SIZE);
  recordPurgeKeys(into, makerListKeys(rows.map((r) => r.id)));
  return { makers: await toCards(rows), total, page, pageCount: pageCount(total, MAKERS_PAGE_SIZE), counties };
}

/** Counties that have at least one public maker, for the filter. */
export async function listPublicCounties(): Promise<string[]> {
  const rows = await db.selectDistinct({ county: a.county }).from(a).where(isPublicMaker).orderBy(asc(a.county));
  return rows.map((r) => r.county);
}

/** A few consenting makers whose name or settlement matches, for the search page. */
export async function searchPublicMakers(q: string, limit = 6, into?: PurgeKeyCollector): Promise<MakerCard[]> {
  if (!q) return [];
  const rows = await db
    .select(cardColumns)
    .from(a)
    .where(and(isPublicMaker, nameOrPlaceMatches(q)))
    .orderBy(asc(a.lastName), asc(a.firstName), asc(a.id))
    .limit(limit);
  recordPurgeKeys(into, makerListKeys(rows.map((r) => r.id)));
  return toCards(rows);
}

export type MakerProfile = {
  handle: string;
  firstName: string;
  lastName: string;
  bio: string;
  settlement: string;
  county: string;
  portraitUrl: string;
  skills: string[];
  piecesMade: number;
  joinedAt: string;
  products: ProductCardData[];
};

/** /makers/:handle. Null for an unknown, inactive or non-consenting artisan: the route answers 404. */
export async function getPublicMaker(handle: string, into?: PurgeKeyCollector): Promise<MakerProfile | null> {
  const [row] = await db
    .select({
      id: a.id,
      handle: a.handle,
      firstName: a.firstName,
      lastName: a.lastName,
      bio: a.bio,
      settlement: a.settlement,
      county: a.county,
      portraitUrl: a.portraitUrl,
      piecesMade: a.piecesMade,
      joinedAt: a.joinedAt,
    })
    .from(a)
    .where(and(eq(a.handle, handle), isPublicMaker))
    .limit(1);
  if (!row) {
    recordPurgeKeys(into, MISSING_PAGE_KEYS);
    return null;
  }
  const [skills, products] = await Promise.all([skillNamesByArtisan([row.id]), productsMakerCanMake(row.id)]);
  recordPurgeKeys(
    into,
    makerProfileKeys(
      row.id,
      products.map((p) => p.id),
    ),
  );
  return {
    handle: row.handle,
    firstName: row.firstName,
    lastName: row.lastName,
    bio: row.bio,
    settlement: row.settlement,
    county: row.county,
    portraitUrl: portraitUrl(row.handle, row.portraitUrl),
    skills: skills.get(row.id) ?? [],
    piecesMade: row.piecesMade,
    joinedAt: row.joinedAt.toISOString(),
    products,
  };
}

/**
 * Active products this artisan can make: every skill the product requires is one of theirs (the same
 * rule dispatch uses). A product with no required skills is left out: it says nothing about the maker.
 */
export async function productsMakerCanMake(artisanId: number, limit = MAKER_PRODUCTS_LIMIT): Promise<ProductCardData[]> {
  const p = schema.products;
  const ps = schema.productSkills;
  const rows = await db
    .select({ id: p.id })
    .from(p)
    .where(
      and(
        eq(p.status, "active"),
        exists(db.select({ one: sql`1` }).from(ps).where(eq(ps.productId, p.id))),
        notExists(
          db
            .select({ one: sql`1` })
            .from(ps)
            .where(
              and(
                eq(ps.productId, p.id),
                sql`${ps.skillId} not in (select ${schema.artisanSkills.skillId} from ${schema.artisanSkills} where ${schema.artisanSkills.artisanId} = ${artisanId})`,
              ),
            ),
        ),
      ),
    )
    .orderBy(sql`${p.featured} desc`, sql`${p.publishedAt} desc nulls last`, asc(p.title), asc(p.id))
    .limit(limit);
  return productCardsByIds(rows.map((r) => r.id));
}
