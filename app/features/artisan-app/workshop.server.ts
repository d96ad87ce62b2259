/**
 * The artisan's own workshop: finished pieces on hand there (a location of kind "workshop" owned
 * by them), their materials, and their profile. Every read and write is `where artisan_id = me`;
 * an id that isn't theirs is a 404 and nothing is written.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { MaterialCount, ProfileInput } from "./workshop-rules";
import { db, schema } from "~/lib/db.server";
import { Refusal } from "~/lib/refusal";

const { artisans, artisanSkills, artisanMaterials, skills, locations, inventoryLevels, variants, products } = schema;
const NOT_FOUND = () => new Refusal(404, "Not found");

/** Finished pieces at this artisan's workshop location(s) that can fill orders. */
export async function listWorkshopStock(artisanId: number) {
  return db
    .select({
      variantId: variants.id,
      sku: variants.sku,
      product: products.title,
      variant: variants.title,
      location: locations.name,
      onHand: inventoryLevels.onHand,
      reserved: inventoryLevels.reserved,
    })
    .from(inventoryLevels)
    .innerJoin(locations, eq(locations.id, inventoryLevels.locationId))
    .innerJoin(variants, eq(variants.id, inventoryLevels.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(locations.kind, "workshop"), eq(locations.artisanId, artisanId), sql`${inventoryLevels.onHand} > 0`))
    .orderBy(asc(products.title), asc(variants.position));
}

export async function listMaterials(artisanId: number) {
  return db
    .select({
      id: artisanMaterials.id,
      name: artisanMaterials.name,
      unit: artisanMaterials.unit,
      onHand: artisanMaterials.onHand,
      lowStockAt: artisanMaterials.lowStockAt,
    })
    .from(artisanMaterials)
    .where(eq(artisanMaterials.artisanId, artisanId))
    .orderBy(asc(artisanMaterials.name));
}

/** Saves new counts for several materials at once: all of them must be this artisan's, or none is saved. */
export async function updateMaterialCounts(artisanId: number, counts: MaterialCount[]) {
  if (!counts.length) return;
  await db.transaction(async (tx) => {
    const ids = [...new Set(counts.map((c) => c.id))];
    const mine = await tx
      .select({ id: artisanMaterials.id })
      .from(artisanMaterials)
      .where(and(eq(artisanMaterials.artisanId, artisanId), inArray(artisanMaterials.id, ids)))
      .for("update");
    if (mine.length !== ids.length) throw NOT_FOUND();
    for (const count of counts) {
      await tx
        .update(artisanMaterials)
        .set({ onHand: count.onHand, lowStockAt: count.lowStockAt, updatedAt: sql`now()` })
        .where(and(eq(artisanMaterials.id, count.id), eq(artisanMaterials.artisanId, artisanId)));
    }
  });
}

/** Adds a material; false when this artisan already has one by that name (any letter case). */
export async function addMaterial(
  artisanId: number,
  input: { name: string; unit: string; onHand: number; lowStockAt: number },
): Promise<boolean> {
  const [existing] = await db
    .select({ id: artisanMaterials.id })
    .from(artisanMaterials)
    .where(and(eq(artisanMaterials.artisanId, artisanId), sql`lower(${artisanMaterials.name}) = lower(${input.name})`))
    .limit(1);
  if (existing) return false;
  const [row] = await db
    .insert(artisanMaterials)
    .values({ artisanId, ...input })
    .onConflictDoNothing()
    .returning({ id: artisanMaterials.id });
  return !!row;
}

/** The profile page: what the artisan may change about themselves. */
export async function loadProfile(artisanId: number) {
  const [artisan] = await db
    .select({
      payoutPhone: artisans.payoutPhone,
      publicProfile: artisans.publicProfile,
      language: artisans.language,
      available: artisans.available,
      awayFrom: artisans.awayFrom,
      awayUntil: artisans.awayUntil,
    })
    .from(artisans)
    .where(eq(artisans.id, artisanId));
  if (!artisan) throw NOT_FOUND();
  const skillRows = await db
    .select({ skillId: skills.id, slug: skills.slug, name: skills.name, weeklyCapacity: artisanSkills.weeklyCapacity })
    .from(artisanSkills)
    .innerJoin(skills, eq(skills.id, artisanSkills.skillId))
    .where(eq(artisanSkills.artisanId, artisanId))
    .orderBy(asc(skills.name));
  return { ...artisan, skills: skillRows };
}

/** Saves the profile in one transaction; a capacity for a skill the artisan doesn't have is a 404. */
export async function saveProfile(artisanId: number, input: ProfileInput) {
  await db.transaction(async (tx) => {
    if (input.capacities.length) {
      const ids = [...new Set(input.capacities.map((c) => c.skillId))];
      const mine = await tx
        .select({ skillId: artisanSkills.skillId })
        .from(artisanSkills)
        .where(and(eq(artisanSkills.artisanId, artisanId), inArray(artisanSkills.skillId, ids)))
        .for("update");
      if (mine.length !== ids.length) throw NOT_FOUND();
      for (const c of input.capacities) {
        await tx
          .update(artisanSkills)
          .set({ weeklyCapacity: c.weeklyCapacity })
          .where(and(eq(artisanSkills.artisanId, artisanId), eq(artisanSkills.skillId, c.skillId)));
      }
    }
    await tx
      .update(artisans)
      .set({
        available: input.available,
        awayFrom: input.awayFrom,
        awayUntil: input.awayUntil,
        payoutPhone: input.payoutPhone,
        publicProfile: input.publicProfile,
        language: input.language,
      })
      .where(eq(artisans.id, artisanId));
  });
}
