/**
 * The 846 inventory advice for partners that expect one: written to the outbox (and POSTed) like
 * every document of ours, once a day at the partner's own time by the `edi_inventory_advice` job
 * (every 15 minutes it looks whose time has come; one UPDATE decides, so two workers send one), or
 * now from the partner's page. Numbers come from the database as it is: stock on hand and not
 * reserved at the locations that fill wholesale orders, and a week of the artisans' work on each
 * made-to-order item with the day the dispatch plan says it could ship.
 */
import { isoDate } from "~/domain/orders";
import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import type { EdiPartner } from "#db/schema";
import { audit } from "~/domain/audit/index.server";
import { WEB_STOCK_LOCATION_CODES } from "~/domain/inventory";
import { earliestShipDate } from "~/domain/production";
import { loadDispatchArtisans } from "~/domain/production/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { zonedStamp } from "~/lib/time";
import { expects, writeDocument, x12Clock } from "./documents.server";
import { adviceDue, advice846Segments, weeklyCapacity, type AdviceItem } from "./inventory-advice";

const { ediPartners, ediItemRefs, variants, products, productSkills, inventoryLevels, locations } = schema;

/** Every item in the partner's cross-reference that is for sale, with its numbers as of `now`. */
export async function adviceItems(executor: Executor, partnerId: number, now: Date): Promise<AdviceItem[]> {
  const refs = await executor
    .select({ qualifier: ediItemRefs.qualifier, value: ediItemRefs.value, variantId: ediItemRefs.variantId })
    .from(ediItemRefs)
    .where(eq(ediItemRefs.partnerId, partnerId));
  const variantIds = [...new Set(refs.map((r) => r.variantId))];
  if (!variantIds.length) return [];
  const [rows, stock, artisans] = await Promise.all([
    executor
      .select({ id: variants.id, sku: variants.sku, productId: variants.productId, title: products.title, variantTitle: variants.title })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(and(inArray(variants.id, variantIds), eq(products.status, "active")))
      .orderBy(variants.sku),
    executor
      .select({
        variantId: inventoryLevels.variantId,
        available: sql<number>`greatest(sum(${inventoryLevels.onHand} - ${inventoryLevels.reserved}), 0)::int`,
      })
      .from(inventoryLevels)
      .innerJoin(locations, eq(locations.id, inventoryLevels.locationId))
      .where(and(inArray(inventoryLevels.variantId, variantIds), inArray(locations.code, WEB_STOCK_LOCATION_CODES)))
      .groupBy(inventoryLevels.variantId),
    loadDispatchArtisans(executor),
  ]);
  const skills = rows.length
    ? await executor
        .select({ productId: productSkills.productId, skillId: productSkills.skillId })
        .from(productSkills)
        .where(
          inArray(
            productSkills.productId,
            rows.map((r) => r.productId),
          ),
        )
    : [];
  const today = isoDate(now);
  const stockBy = new Map(stock.map((s) => [s.variantId, Number(s.available)]));
  return rows.map((v) => {
    const skillIds = skills.filter((s) => s.productId === v.productId).map((s) => s.skillId);
    const weekly = weeklyCapacity(artisans, skillIds);
    const shipDate = weekly > 0 ? earliestShipDate({ today, skillIds, quantity: weekly, artisans }) : null;
    return {
      ids: refs.filter((r) => r.variantId === v.id).map((r) => ({ qualifier: r.qualifier, value: r.value })),
      title: v.variantTitle && v.variantTitle !== "Default" ? `${v.title} ${v.variantTitle}` : v.title,
      available: stockBy.get(v.id) ?? 0,
      makeable: shipDate ? { quantity: weekly, shipDate } : null,
    };
  });
}

/** Writes one 846 for the partner in `tx`; null when it has no items to advise. */
async function writeAdvice(tx: Executor, partner: EdiPartner, now: Date): Promise<{ documentId: number; items: number } | null> {
  const items = await adviceItems(tx, partner.id, now);
  if (!items.length) return null;
  const { date, time } = x12Clock(now);
  const reference = `INV${date}`;
  const documentId = await writeDocument(
    tx,
    partner,
    "846",
    [advice846Segments(items, { reference, today: now.toISOString().slice(0, 10), time })],
    {
      reference: `Inventory ${now.toISOString().slice(0, 10)} (${items.length} ${items.length === 1 ? "item" : "items"})`,
      now,
    },
  );
  return { documentId, items: items.length };
}

export type AdviceResult = { ok: true; message: string; documentId: number } | { ok: false; status: 404 | 409 | 422; message: string };

/** "Send inventory advice now" on the partner's page. */
export async function sendInventoryAdvice(partnerId: number, actor: string, now = new Date()): Promise<AdviceResult> {
  return db.transaction(async (tx) => {
    const [partner] = await tx.select().from(ediPartners).where(eq(ediPartners.id, partnerId));
    if (!partner) return { ok: false as const, status: 404 as const, message: "That partner no longer exists." };
    if (!expects(partner, "846"))
      return {
        ok: false as const,
        status: 409 as const,
        message: `${partner.name} does not expect an 846: tick it under "They expect from us" first.`,
      };
    const sent = await writeAdvice(tx, partner, now);
    if (!sent)
      return { ok: false as const, status: 422 as const, message: "The partner's cross-reference has no item for sale: import it first." };
    await audit(tx, { actor, action: "edi.inventory_advice", subject: `edi_partner:${partnerId}`, data: { items: sent.items } });
    return {
      ok: true as const,
      documentId: sent.documentId,
      message: `Inventory advice for ${sent.items} ${sent.items === 1 ? "item" : "items"} is on its way to ${partner.name}.`,
    };
  });
}

/**
 * The scheduled run: each active partner expecting an 846 whose clock has passed its time today and
 * that has not had today's gets one. The UPDATE that claims the day is the lock: a second worker finds
 * the day taken and sends nothing.
 */
export async function sendScheduledAdvice(now = new Date()): Promise<Array<{ partnerId: number; items: number }>> {
  const partners = await db
    .select()
    .from(ediPartners)
    .where(and(eq(ediPartners.active, true), sql`'846' = any(${ediPartners.documentsOut})`));
  const sent: Array<{ partnerId: number; items: number }> = [];
  for (const partner of partners) {
    let stamp: string;
    try {
      stamp = zonedStamp(now, partner.adviceTimeZone);
    } catch {
      continue; // A zone the form let through and Intl does not know: nothing to schedule by.
    }
    const { due, day } = adviceDue({ localStamp: stamp, adviceAt: partner.adviceAt, lastAdviceOn: partner.lastAdviceOn });
    if (!due) continue;
    const result = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(ediPartners)
        .set({ lastAdviceOn: day })
        .where(and(eq(ediPartners.id, partner.id), or(isNull(ediPartners.lastAdviceOn), ne(ediPartners.lastAdviceOn, day))))
        .returning({ id: ediPartners.id });
      return claimed ? writeAdvice(tx, partner, now) : null;
    });
    if (result) sent.push({ partnerId: partner.id, items: result.items });
  }
  return sent;
}

export const ediInventoryAdviceTask: Task = async () => {
  await sendScheduledAdvice();
};
