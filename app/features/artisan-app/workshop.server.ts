/**
 * The artisan's own workshop: finished pieces on hand there (a location of kind "workshop" owned
 * by them), their materials, and their profile. Every read and write is `where artisan_id = me`;
 * an id that isn't theirs is a 404 and nothing is written.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { MaterialCount, ProfileInput } from "./workshop-rules";
import { db, schema } from "~/lib/db.server";
import { Refusal } from "~/lib/refusal";
import { displayKenyanPhone } from "~/lib/phone";
import { audit } from "~/domain/audit/index.server";
import { t } from "~/domain/artisans";
import { queueArtisanSms } from "~/domain/messaging/index.server";

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

/** Whether saving `input` would send her payouts to another M-Pesa number (which needs her PIN again). */
export async function changesPayoutPhone(artisanId: number, input: Pick<ProfileInput, "payoutPhone">) {
  const [row] = await db.select({ payoutPhone: artisans.payoutPhone }).from(artisans).where(eq(artisans.id, artisanId));
  if (!row) throw NOT_FOUND();
  return row.payoutPhone !== input.payoutPhone;
}

export type SaveProfileOutcome = "saved" | "pin_needed";

/**
 * Saves the profile in one transaction; a capacity for a skill the artisan doesn't have is a 404.
 * A new payout number is saved only when `pinConfirmed` (her PIN was asked again: a stolen or
 * borrowed session must not redirect her pay), checked against the row locked here, and it is
 * audited and told by SMS to the number that was paid until now and to her sign-in phone.
 */
export async function saveProfile(
  artisanId: number,
  input: ProfileInput,
  options: { pinConfirmed?: boolean } = {},
): Promise<SaveProfileOutcome> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ payoutPhone: artisans.payoutPhone, phone: artisans.phone, firstName: artisans.firstName, language: artisans.language })
      .from(artisans)
      .where(eq(artisans.id, artisanId))
      .for("update");
    if (!before) throw NOT_FOUND();
    const newPayoutPhone = before.payoutPhone !== input.payoutPhone;
    if (newPayoutPhone && !options.pinConfirmed) return "pin_needed";
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
    if (newPayoutPhone) {
      await audit(tx, {
        actor: `artisan:${artisanId}`,
        action: "artisan.payout_phone",
        subject: `artisan:${artisanId}`,
        data: { from: before.payoutPhone, to: input.payoutPhone },
      });
      const change = randomUUID();
      const text = t(input.language, "profile.payoutPhoneSms", { name: before.firstName, phone: displayKenyanPhone(input.payoutPhone) });
      for (const to of new Set([before.payoutPhone, before.phone])) {
        if (to === input.payoutPhone) continue;
        await queueArtisanSms(tx, { to, text, template: "payout_phone_changed", dedupeKey: `payout-phone:${artisanId}:${change}:${to}` });
      }
    }
    return "saved";
  });
}
