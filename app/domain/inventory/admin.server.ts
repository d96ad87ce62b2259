/**
 * Stock administration for /ops/inventory: levels per location (search, low stock, CSV), one
 * variant's levels and movement history, transfers between locations and counts with a reason.
 *
 * Every change is movement rows plus an audit_log row in ONE transaction with the level update.
 * Transfers take stock with a conditional update (`on_hand - reserved >= quantity`) like checkout
 * does, so a transfer can never take units an order has reserved, even while orders come in.
 * Each form carries a key: the same submission twice (a double click, a retry) changes stock once.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { LOW_STOCK_AT, checkTransfer, countReason, planCount, type AdjustmentReason, type LevelCsvRow } from "./admin-rules";
import { escapeLike } from "~/lib/sql";

const { inventoryLevels: levels, inventoryMovements: movements, locations, variants, products } = schema;

export const LEVELS_PAGE_SIZE = 50;
export const MOVEMENTS_PAGE_SIZE = 25;
export const CSV_ROW_LIMIT = 100_000;

export type LevelFilter = { q?: string; locationId?: number; low?: boolean };
export type StockResult = { ok: true; message: string; already?: boolean } | { ok: false; field: string; message: string };

export async function listLocations(executor: Executor = db) {
  return executor
    .select({ id: locations.id, code: locations.code, name: locations.name, kind: locations.kind })
    .from(locations)
    .orderBy(asc(locations.kind), asc(locations.code));
}

function levelConditions(filter: LevelFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    conditions.push(sql`(${variants.sku} ilike ${like} or ${products.title} ilike ${like} or ${variants.barcode} = ${filter.q})`);
  }
  if (filter.locationId) conditions.push(eq(levels.locationId, filter.locationId));
  if (filter.low) conditions.push(sql`${levels.onHand} - ${levels.reserved} <= ${LOW_STOCK_AT}`);
  return conditions.length ? and(...conditions) : undefined;
}

const levelColumns = {
  variantId: variants.id,
  sku: variants.sku,
  variantTitle: variants.title,
  productTitle: products.title,
  locationId: locations.id,
  locationCode: locations.code,
  locationName: locations.name,
  onHand: levels.onHand,
  reserved: levels.reserved,
};

/** Levels, one row per variant and location, by product then SKU then location; a page at a time. */
export async function listLevels(filter: LevelFilter & { page?: number }, executor: Executor = db) {
  const page = Math.max(1, filter.page ?? 1);
  const where = levelConditions(filter);
  const rows = await executor
    .select({ ...levelColumns, total: sql<number>`count(*) over ()::int` })
    .from(levels)
    .innerJoin(variants, eq(variants.id, levels.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(locations, eq(locations.id, levels.locationId))
    .where(where)
    .orderBy(asc(products.title), asc(variants.sku), asc(locations.code))
    .limit(LEVELS_PAGE_SIZE)
    .offset((page - 1) * LEVELS_PAGE_SIZE);
  // Past the last page the window count has no row to ride on: count apart, so the page says so and links back.
  const total = rows[0] ? Number(rows[0].total) : page > 1 ? await countLevels(where, executor) : 0;
  return {
    rows: rows.map(({ total: _t, ...row }) => ({
      ...row,
      available: row.onHand - row.reserved,
      low: row.onHand - row.reserved <= LOW_STOCK_AT,
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / LEVELS_PAGE_SIZE)),
  };
}

async function countLevels(where: SQL | undefined, executor: Executor): Promise<number> {
  const [row] = await executor
    .select({ total: sql<number>`count(*)::int` })
    .from(levels)
    .innerJoin(variants, eq(variants.id, levels.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(locations, eq(locations.id, levels.locationId))
    .where(where);
  return Number(row?.total ?? 0);
}

/** Every level matching the filter, for the CSV export (capped). */
export async function levelsForCsv(filter: LevelFilter, executor: Executor = db): Promise<LevelCsvRow[]> {
  return executor
    .select({
      sku: variants.sku,
      productTitle: products.title,
      variantTitle: variants.title,
      locationCode: locations.code,
      locationName: locations.name,
      onHand: levels.onHand,
      reserved: levels.reserved,
    })
    .from(levels)
    .innerJoin(variants, eq(variants.id, levels.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(locations, eq(locations.id, levels.locationId))
    .where(levelConditions(filter))
    .orderBy(asc(products.title), asc(variants.sku), asc(locations.code))
    .limit(CSV_ROW_LIMIT);
}

/** One variant by SKU: its product, its level at every location (zero where it has none) and its movements. */
export async function variantStock(sku: string, page = 1, executor: Executor = db) {
  const [variant] = await executor
    .select({ id: variants.id, sku: variants.sku, title: variants.title, productTitle: products.title, productHandle: products.handle })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(variants.sku, sku))
    .limit(1);
  if (!variant) return null;
  const current = Math.max(1, page);
  const [allLocations, levelRows, moves] = await Promise.all([
    listLocations(executor),
    executor
      .select({ locationId: levels.locationId, onHand: levels.onHand, reserved: levels.reserved })
      .from(levels)
      .where(eq(levels.variantId, variant.id)),
    executor
      .select({
        id: movements.id,
        at: movements.at,
        locationCode: locations.code,
        onHandDelta: movements.onHandDelta,
        reservedDelta: movements.reservedDelta,
        reason: movements.reason,
        reference: movements.reference,
        actor: movements.actor,
        total: sql<number>`count(*) over ()::int`,
      })
      .from(movements)
      .innerJoin(locations, eq(locations.id, movements.locationId))
      .where(eq(movements.variantId, variant.id))
      .orderBy(desc(movements.at), desc(movements.id))
      .limit(MOVEMENTS_PAGE_SIZE)
      .offset((current - 1) * MOVEMENTS_PAGE_SIZE),
  ]);
  const byLocation = new Map(levelRows.map((l) => [l.locationId, l]));
  const total = moves[0] ? Number(moves[0].total) : 0;
  return {
    variant,
    levels: allLocations.map((location) => {
      const level = byLocation.get(location.id) ?? { onHand: 0, reserved: 0 };
      return {
        ...location,
        onHand: level.onHand,
        reserved: level.reserved,
        available: level.onHand - level.reserved,
        stocked: byLocation.has(location.id),
      };
    }),
    movements: {
      rows: moves.map(({ total: _t, ...m }) => m),
      page: current,
      pageCount: Math.max(1, Math.ceil(total / MOVEMENTS_PAGE_SIZE)),
      total,
    },
  };
}

/** A fresh key for one stock form: the same submission twice is applied once. */
export function newFormKey(): string {
  return randomUUID();
}

/** True when this form submission was already applied (its key is on a movement); holds a lock on the key meanwhile. */
async function alreadyApplied(tx: Executor, reference: string): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${reference}))`);
  const [seen] = await tx.select({ id: movements.id }).from(movements).where(eq(movements.reference, reference)).limit(1);
  return Boolean(seen);
}

async function twoLocations(tx: Executor, fromId: number, toId: number) {
  const rows = await tx
    .select({ id: locations.id, code: locations.code, name: locations.name })
    .from(locations)
    .where(sql`${locations.id} in (${fromId}, ${toId})`);
  return { from: rows.find((r) => r.id === fromId), to: rows.find((r) => r.id === toId) };
}

/**
 * Moves free stock of one variant from one location to another: both levels, a movement row at each
 * end and an audit row, in one transaction. Refuses more than is free (on hand less reserved) at the source.
 */
export async function transferStock(input: {
  variantId: number;
  fromLocationId: number;
  toLocationId: number;
  quantity: number;
  actor: string;
  key: string;
  note?: string;
}): Promise<StockResult> {
  if (input.fromLocationId === input.toLocationId) return { ok: false, field: "to", message: "Choose two different locations." };
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0)
    return { ok: false, field: "quantity", message: "Move at least one unit." };
  const reference = `transfer:${input.key}`;
  return db.transaction(async (tx): Promise<StockResult> => {
    const { from, to } = await twoLocations(tx, input.fromLocationId, input.toLocationId);
    if (!from) return { ok: false, field: "from", message: "That source location doesn't exist." };
    if (!to) return { ok: false, field: "to", message: "That destination doesn't exist." };
    if (await alreadyApplied(tx, reference))
      return { ok: true, already: true, message: "That transfer was already made; nothing more was moved." };

    const [taken] = await tx
      .update(levels)
      .set({ onHand: sql`${levels.onHand} - ${input.quantity}` })
      .where(
        and(
          eq(levels.variantId, input.variantId),
          eq(levels.locationId, from.id),
          sql`${levels.onHand} - ${levels.reserved} >= ${input.quantity}`,
        ),
      )
      .returning({ onHand: levels.onHand });
    if (!taken) {
      const [level] = await tx
        .select({ free: sql<number>`(${levels.onHand} - ${levels.reserved})::int` })
        .from(levels)
        .where(and(eq(levels.variantId, input.variantId), eq(levels.locationId, from.id)));
      const check = checkTransfer(Number(level?.free ?? 0), input.quantity, from.name);
      return { ok: false, field: "quantity", message: check.ok ? "The stock changed while you were moving it: try again." : check.message };
    }
    await tx
      .insert(levels)
      .values({ variantId: input.variantId, locationId: to.id, onHand: input.quantity })
      .onConflictDoUpdate({ target: [levels.variantId, levels.locationId], set: { onHand: sql`${levels.onHand} + ${input.quantity}` } });
    const note = input.note ? ` — ${input.note}` : "";
    await tx.insert(movements).values([
      {
        variantId: input.variantId,
        locationId: from.id,
        onHandDelta: -input.quantity,
        reason: `transfer to ${to.code}${note}`,
        reference,
        actor: input.actor,
      },
      {
        variantId: input.variantId,
        locationId: to.id,
        onHandDelta: input.quantity,
        reason: `transfer from ${from.code}${note}`,
        reference,
        actor: input.actor,
      },
    ]);
    const [variant] = await tx.select({ sku: variants.sku }).from(variants).where(eq(variants.id, input.variantId));
    await audit(tx, {
      actor: input.actor,
      action: "inventory.transfer",
      subject: `variant:${variant?.sku ?? input.variantId}`,
      data: { from: from.code, to: to.code, quantity: input.quantity, reference, ...(input.note ? { note: input.note } : {}) },
    });
    return { ok: true, message: `Moved ${input.quantity} ${input.quantity === 1 ? "unit" : "units"} from ${from.name} to ${to.name}.` };
  });
}

/**
 * Sets the on-hand count of a variant at a location to what was counted, with a reason: the level,
 * a movement row with the difference, and an audit row, in one transaction. Never below reserved.
 */
export async function countStock(input: {
  variantId: number;
  locationId: number;
  counted: number;
  reason: AdjustmentReason;
  note?: string;
  actor: string;
  key: string;
}): Promise<StockResult> {
  const reference = `count:${input.key}`;
  return db.transaction(async (tx): Promise<StockResult> => {
    const [location] = await tx
      .select({ id: locations.id, code: locations.code, name: locations.name })
      .from(locations)
      .where(eq(locations.id, input.locationId));
    if (!location) return { ok: false, field: "location", message: "That location doesn't exist." };
    if (await alreadyApplied(tx, reference))
      return { ok: true, already: true, message: "That count was already recorded; nothing changed." };
    // Lock the level so a checkout can't reserve between our read and our write.
    const [existing] = await tx
      .select({ onHand: levels.onHand, reserved: levels.reserved })
      .from(levels)
      .where(and(eq(levels.variantId, input.variantId), eq(levels.locationId, location.id)))
      .for("update");
    const level = existing ?? { onHand: 0, reserved: 0 };
    const plan = planCount(level, input.counted);
    if (!plan.ok) return { ok: false, field: "counted", message: plan.message };
    await tx
      .insert(levels)
      .values({ variantId: input.variantId, locationId: location.id, onHand: input.counted })
      .onConflictDoUpdate({ target: [levels.variantId, levels.locationId], set: { onHand: input.counted } });
    await tx.insert(movements).values({
      variantId: input.variantId,
      locationId: location.id,
      onHandDelta: plan.delta,
      reason: countReason(input.reason, input.note),
      reference,
      actor: input.actor,
    });
    const [variant] = await tx.select({ sku: variants.sku }).from(variants).where(eq(variants.id, input.variantId));
    await audit(tx, {
      actor: input.actor,
      action: "inventory.count",
      subject: `variant:${variant?.sku ?? input.variantId}`,
      data: {
        location: location.code,
        before: level.onHand,
        counted: input.counted,
        delta: plan.delta,
        reason: input.reason,
        ...(input.note ? { note: input.note } : {}),
        reference,
      },
    });
    const change = plan.delta === 0 ? "no change" : `${plan.delta > 0 ? "+" : ""}${plan.delta}`;
    return { ok: true, message: `Counted ${input.counted} at ${location.name} (${change}).` };
  });
}
