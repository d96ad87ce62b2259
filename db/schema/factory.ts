import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artisans } from "./artisans";
import { variants } from "./catalog";
import { orderLines, orders } from "./commerce";

export const PRODUCTION_STATUSES = [
  "unassigned",
  "offered",
  "accepted",
  "in_progress",
  "ready",
  "collected",
  "received",
  "qc_passed",
  "qc_failed",
  "declined",
  "expired",
  "cancelled",
] as const;
export type ProductionStatus = (typeof PRODUCTION_STATUSES)[number];

/** Production request numbers (PR-50001…): what the hub types or scans when a delivery arrives. */
export const productionRequestNumbers = pgSequence("production_request_numbers", { startWith: 50001 });

export const productionRequests = pgTable(
  "production_requests",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull(),
    orderId: integer().references(() => orders.id),
    orderLineId: integer().references(() => orderLines.id),
    variantId: integer()
      .notNull()
      .references(() => variants.id),
    quantity: integer().notNull(),
    unitsMade: integer().notNull().default(0),
    artisanId: integer().references(() => artisans.id),
    pieceRate: integer().notNull(),
    pieceRateCurrency: text().notNull().default("KES"),
    dueDate: date().notNull(),
    status: text({ enum: PRODUCTION_STATUSES }).notNull().default("unassigned"),
    offerExpiresAt: timestamp({ withTimezone: true }),
    /** Nobody can make it in time: operations must act. */
    late: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("production_requests_number_key").on(t.number),
    index("production_requests_artisan_idx").on(t.artisanId, t.status),
    index("production_requests_status_idx").on(t.status, t.dueDate),
    index("production_requests_order_idx").on(t.orderId),
    check("production_requests_quantity", sql`${t.quantity} > 0 and ${t.unitsMade} between 0 and ${t.quantity}`),
  ],
);

export const productionEvents = pgTable(
  "production_events",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer()
      .notNull()
      .references(() => productionRequests.id, { onDelete: "cascade" }),
    orderId: integer(),
    artisanId: integer(),
    fromStatus: text(),
    toStatus: text().notNull(),
    actor: text().notNull(),
    note: text(),
    photoUrl: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("production_events_request_idx").on(t.requestId, t.at), index("production_events_order_idx").on(t.orderId)],
);

export type ProductionRequest = typeof productionRequests.$inferSelect;
export type ProductionEvent = typeof productionEvents.$inferSelect;

/** `returned_fault`: a piece a shopper sent back that QC found faulty, recorded on the request that made it (no units, no pay). */
export const QC_OUTCOMES = ["passed", "failed_rework", "failed_redispatch", "returned_fault"] as const;

/** The Nairobi hub's quality check of a delivered request: units passed and failed, with a defect reason. */
export const qcInspections = pgTable(
  "qc_inspections",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer()
      .notNull()
      .references(() => productionRequests.id),
    unitsPassed: integer().notNull(),
    unitsFailed: integer().notNull().default(0),
    defectReason: text(),
    outcome: text({ enum: QC_OUTCOMES }).notNull(),
    inspector: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("qc_inspections_request_idx").on(t.requestId),
    index("qc_inspections_at_idx").on(t.at),
    check("qc_units", sql`${t.unitsPassed} >= 0 and ${t.unitsFailed} >= 0`),
  ],
);

export const PICKUP_STATUSES = ["scheduled", "handed_over", "delivered", "cancelled"] as const;

/** A rider collects finished work: both the artisan and the rider confirm the hand-over. */
export const pickups = pgTable(
  "pickups",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer()
      .notNull()
      .references(() => productionRequests.id),
    artisanId: integer()
      .notNull()
      .references(() => artisans.id),
    scheduledFor: timestamp({ withTimezone: true }).notNull(),
    riderName: text().notNull().default(""),
    riderPhone: text(),
    artisanConfirmedAt: timestamp({ withTimezone: true }),
    riderConfirmedAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    status: text({ enum: PICKUP_STATUSES }).notNull().default("scheduled"),
  },
  (t) => [index("pickups_artisan_idx").on(t.artisanId, t.scheduledFor), index("pickups_request_idx").on(t.requestId)],
);

export type QcInspection = typeof qcInspections.$inferSelect;
export type Pickup = typeof pickups.$inferSelect;
