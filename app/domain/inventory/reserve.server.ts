import { and, eq, sql } from "drizzle-orm";
import { schema, sendText, TextParams, type Executor } from "~/lib/db.server";

export type Reservation = { locationId: number; quantity: number };

/**
 * Reserves up to `quantity` units of a variant across the given locations, fastest-shipping first,
 * in one statement: the rows with free stock are locked (`for update`, in shipping order, so
 * concurrent checkouts queue rather than deadlock, and a waiting one sees the winner's reservation),
 * each takes what the earlier ones could not, and the movements are written beside the update.
 * `on_hand - reserved` can never go below zero; whatever is not reserved goes to production.
 */
export async function reserveStock(
  tx: Executor,
  variantId: number,
  quantity: number,
  locationIds: number[],
  reference: string,
): Promise<Reservation[]> {
  if (quantity <= 0 || locationIds.length === 0) return [];
  // SQL text (db/client.ts sendText): every web order reserves its lines with it (#14).
  const p = new TextParams();
  const variant = p.$(variantId);
  const rows = await sendText<{ location_id: number; take: number }>(
    tx,
    `
    with available as (
      select il.location_id, il.on_hand - il.reserved as free, l.ship_days
      from inventory_levels il
      join locations l on l.id = il.location_id
      where il.variant_id = ${variant} and il.location_id in (${locationIds.map((id) => p.$(id)).join(", ")}) and il.on_hand > il.reserved
      order by l.ship_days, il.location_id
      for update of il
    ),
    planned as (
      select location_id, ship_days,
             least(free, ${p.$(quantity)}::int - coalesce(sum(free) over (order by ship_days, location_id rows between unbounded preceding and 1 preceding), 0))::int as take
      from available
    ),
    reserved as (
      update inventory_levels il set reserved = il.reserved + planned.take
      from planned
      where il.variant_id = ${variant} and il.location_id = planned.location_id and planned.take > 0
      returning il.location_id, planned.take, planned.ship_days
    ),
    moved as (
      insert into inventory_movements (variant_id, location_id, reserved_delta, reason, reference)
      select ${variant}, location_id, take, 'reserved for order', ${p.$(reference)} from reserved
    )
    select location_id, take from reserved order by ship_days, location_id
  `,
    p,
  );
  return rows.map((row) => ({ locationId: Number(row.location_id), quantity: Number(row.take) }));
}

/** Gives reserved units back (a cancelled order): the reverse of reserveStock, with its own movement rows. */
export async function releaseReservation(
  tx: Executor,
  variantId: number,
  locationId: number,
  quantity: number,
  reference: string,
  actor?: string,
) {
  if (quantity <= 0) return;
  await tx
    .update(schema.inventoryLevels)
    .set({ reserved: sql`greatest(${schema.inventoryLevels.reserved} - ${quantity}, 0)` })
    .where(and(eq(schema.inventoryLevels.variantId, variantId), eq(schema.inventoryLevels.locationId, locationId)));
  await tx
    .insert(schema.inventoryMovements)
    .values({ variantId, locationId, reservedDelta: -quantity, reason: "reservation released", reference, actor });
}
