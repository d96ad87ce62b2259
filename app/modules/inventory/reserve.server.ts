import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { schema, type Executor } from "~/utils/db.server";

export type Reservation = { locationId: number; quantity: number };

/**
 * Reserves up to `quantity` units of a variant across the given locations, fastest-shipping first.
 * Each row is taken with a conditional update (`on_hand - reserved >= take`), so concurrent
 * checkouts can never reserve more than is on hand; whatever is not reserved goes to production.
 */
export async function reserveStock(tx: Executor, variantId: number, quantity: number, locationIds: number[], reference: string): Promise<Reservation[]> {
  if (quantity <= 0 || locationIds.length === 0) return [];
  const rows = await tx
    .select({ locationId: schema.inventoryLevels.locationId, free: sql<number>`(${schema.inventoryLevels.onHand} - ${schema.inventoryLevels.reserved})::int` })
    .from(schema.inventoryLevels)
    .innerJoin(schema.locations, eq(schema.locations.id, schema.inventoryLevels.locationId))
    .where(and(eq(schema.inventoryLevels.variantId, variantId), inArray(schema.inventoryLevels.locationId, locationIds), gt(schema.inventoryLevels.onHand, schema.inventoryLevels.reserved)))
    .orderBy(schema.locations.shipDays, schema.locations.id);

  const taken: Reservation[] = [];
  let needed = quantity;
  for (const row of rows) {
    if (needed === 0) break;
    let take = Math.min(needed, row.free);
    // Another checkout may have taken some since we looked: retry this row with what is left.
    while (take > 0) {
      const updated = await tx
        .update(schema.inventoryLevels)
        .set({ reserved: sql`${schema.inventoryLevels.reserved} + ${take}` })
        .where(and(
          eq(schema.inventoryLevels.variantId, variantId),
          eq(schema.inventoryLevels.locationId, row.locationId),
          sql`${schema.inventoryLevels.onHand} - ${schema.inventoryLevels.reserved} >= ${take}`,
        ))
        .returning({ free: sql<number>`(${schema.inventoryLevels.onHand} - ${schema.inventoryLevels.reserved})::int` });
      if (updated.length) break;
      const [now] = await tx
        .select({ free: sql<number>`(${schema.inventoryLevels.onHand} - ${schema.inventoryLevels.reserved})::int` })
        .from(schema.inventoryLevels)
        .where(and(eq(schema.inventoryLevels.variantId, variantId), eq(schema.inventoryLevels.locationId, row.locationId)));
      take = Math.min(take, Math.max(0, now?.free ?? 0));
    }
    if (take > 0) {
      taken.push({ locationId: row.locationId, quantity: take });
      needed -= take;
    }
  }
  if (taken.length) {
    await tx.insert(schema.inventoryMovements).values(
      taken.map((t) => ({ variantId, locationId: t.locationId, reservedDelta: t.quantity, reason: "reserved for order", reference })),
    );
  }
  return taken;
}

/** Gives reserved units back (a cancelled order): the reverse of reserveStock, with its own movement rows. */
export async function releaseReservation(tx: Executor, variantId: number, locationId: number, quantity: number, reference: string, actor?: string) {
  if (quantity <= 0) return;
  await tx
    .update(schema.inventoryLevels)
    .set({ reserved: sql`greatest(${schema.inventoryLevels.reserved} - ${quantity}, 0)` })
    .where(and(eq(schema.inventoryLevels.variantId, variantId), eq(schema.inventoryLevels.locationId, locationId)));
  await tx.insert(schema.inventoryMovements).values({ variantId, locationId, reservedDelta: -quantity, reason: "reservation released", reference, actor });
}
