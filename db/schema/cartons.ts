/**
 * Cartons the hub packs an order into when the retailer wants an advance ship notice (EDI 856): each
 * carton has its SSCC-18 (app/domain/edi/sscc.ts; the serial from `sscc_serials`, never reused) and
 * says which of the order's lines are in it, how many of each.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orderLines, orders } from "./commerce";

/** SSCC serial references: one per carton ever labelled, so a number is never printed on two cartons. */
export const ssccSerials = pgSequence("sscc_serials", { startWith: 1 });

export const cartons = pgTable(
  "cartons",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => orders.id),
    /** 1, 2, … within the order ("carton 2 of 3"). */
    position: integer().notNull(),
    sscc: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cartons_sscc_key").on(t.sscc),
    uniqueIndex("cartons_order_position_key").on(t.orderId, t.position),
    check("cartons_sscc_digits", sql`${t.sscc} ~ '^[0-9]{18}$'`),
    check("cartons_position_positive", sql`${t.position} > 0`),
  ],
);

export const cartonLines = pgTable(
  "carton_lines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cartonId: integer()
      .notNull()
      .references(() => cartons.id, { onDelete: "cascade" }),
    orderLineId: integer()
      .notNull()
      .references(() => orderLines.id),
    quantity: integer().notNull(),
  },
  (t) => [
    uniqueIndex("carton_lines_key").on(t.cartonId, t.orderLineId),
    index("carton_lines_order_line_idx").on(t.orderLineId),
    check("carton_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

export type Carton = typeof cartons.$inferSelect;
