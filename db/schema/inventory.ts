import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artisans } from "./artisans";
import { variants } from "./catalog";

export const LOCATION_KINDS = ["hub", "store", "fulfilment", "workshop"] as const;

export const locations = pgTable(
  "locations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    kind: text({ enum: LOCATION_KINDS }).notNull(),
    /** Days from this location to a shopper's door; decides which stock fills a web order first. */
    shipDays: integer().notNull().default(2),
    artisanId: integer().references(() => artisans.id),
    /** The postal address as it is written on a parcel, one line each (the hub's is the labels' return address). */
    address: text().array().notNull().default(sql`'{}'::text[]`),
    phone: text(),
  },
  (t) => [uniqueIndex("locations_code_key").on(t.code)],
);

export const inventoryLevels = pgTable(
  "inventory_levels",
  {
    variantId: integer()
      .notNull()
      .references(() => variants.id, { onDelete: "cascade" }),
    locationId: integer()
      .notNull()
      .references(() => locations.id),
    onHand: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.variantId, t.locationId] }),
    index("inventory_levels_location_idx").on(t.locationId),
    check("inventory_never_negative", sql`${t.reserved} >= 0 and ${t.onHand} >= ${t.reserved}`),
  ],
);

/** Every change to a level is a row with a reason. */
export const inventoryMovements = pgTable(
  "inventory_movements",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    variantId: integer()
      .notNull()
      .references(() => variants.id, { onDelete: "cascade" }),
    locationId: integer()
      .notNull()
      .references(() => locations.id),
    onHandDelta: integer().notNull().default(0),
    reservedDelta: integer().notNull().default(0),
    reason: text().notNull(),
    reference: text(),
    actor: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("inventory_movements_variant_idx").on(t.variantId, t.at)],
);

export type Location = typeof locations.$inferSelect;
export type InventoryLevel = typeof inventoryLevels.$inferSelect;
