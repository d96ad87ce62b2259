import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orderLines, orders } from "./commerce";
import { locations } from "./inventory";
import { staffUsers } from "./platform";

/** A till at a store location. */
export const registers = pgTable(
  "registers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    locationId: integer()
      .notNull()
      .references(() => locations.id),
  },
  (t) => [uniqueIndex("registers_code_key").on(t.code)],
);

export const SHIFT_STATUSES = ["open", "closed"] as const;

/** A cashier's shift: the float at the start, the count at the end, and the variance. */
export const shifts = pgTable(
  "shifts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    registerId: integer()
      .notNull()
      .references(() => registers.id),
    openedBy: integer()
      .notNull()
      .references(() => staffUsers.id),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    openingFloat: integer().notNull(),
    currency: text().notNull().default("USD"),
    status: text({ enum: SHIFT_STATUSES }).notNull().default("open"),
    closedBy: integer().references(() => staffUsers.id),
    closedAt: timestamp({ withTimezone: true }),
    expectedCash: integer(),
    countedCash: integer(),
    variance: integer(),
    /** The closing report as it was at close (sales by tender, refunds), kept for history. */
    report: jsonb().$type<Record<string, unknown>>(),
    note: text(),
  },
  (t) => [
    index("shifts_register_idx").on(t.registerId, t.openedAt),
    // One open shift per register.
    uniqueIndex("shifts_one_open_per_register").on(t.registerId).where(sql`${t.status} = 'open'`),
  ],
);

/** gift_card: part of a sale paid with a Soko gift card (its last four in card_last4). */
export const TENDER_KINDS = ["cash", "card", "gift_card"] as const;

/** How a POS sale (or refund, negative) was paid: one row per tender, so split payments are rows. */
export const tenders = pgTable(
  "tenders",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => orders.id),
    shiftId: integer()
      .notNull()
      .references(() => shifts.id),
    kind: text({ enum: TENDER_KINDS }).notNull(),
    /** Positive for a sale, negative for a refund. */
    amount: integer().notNull(),
    currency: text().notNull().default("USD"),
    cashGiven: integer(),
    changeDue: integer(),
    /** Card present: the terminal PaymentIntent (or the simulated reader's reference). */
    providerRef: text(),
    /** Card present: the card's brand ("visa") and last four digits as the reader read them, for the receipt. */
    cardBrand: text(),
    cardLast4: text(),
    returnId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tenders_shift_idx").on(t.shiftId), index("tenders_order_idx").on(t.orderId)],
);

/** A return or exchange against an original sale. */
export const posReturns = pgTable(
  "pos_returns",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => orders.id),
    shiftId: integer()
      .notNull()
      .references(() => shifts.id),
    /** What went back to the customer (a refund, or a cheaper exchange's difference). */
    amount: integer().notNull(),
    /**
     * An exchange: what the pieces exchanged were worth (goods after discounts, plus tax), spent on
     * the new ones rather than refunded. The counter's refund cap counts it with `amount`.
     */
    exchangeValue: integer().notNull().default(0),
    reason: text().notNull(),
    createdBy: integer()
      .notNull()
      .references(() => staffUsers.id),
    idempotencyKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("pos_returns_idempotency_key").on(t.idempotencyKey), index("pos_returns_order_idx").on(t.orderId)],
);

export const posReturnLines = pgTable(
  "pos_return_lines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    returnId: integer()
      .notNull()
      .references(() => posReturns.id, { onDelete: "cascade" }),
    orderLineId: integer()
      .notNull()
      .references(() => orderLines.id),
    quantity: integer().notNull(),
    amount: integer().notNull(),
  },
  (t) => [index("pos_return_lines_line_idx").on(t.orderLineId), check("pos_return_lines_quantity", sql`${t.quantity} > 0`)],
);

export type Register = typeof registers.$inferSelect;
export type Shift = typeof shifts.$inferSelect;
export type Tender = typeof tenders.$inferSelect;

export const HELD_SALE_DECISIONS = ["booked", "rejected"] as const;

/**
 * An offline cash sale the register synced with a time outside the shift (offline-rules.ts): kept
 * as it was sent, not booked, until a manager books it into the open shift or rejects it.
 */
export const heldOfflineSales = pgTable(
  "held_offline_sales",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The register's key for the sale: the same sale synced again is held once. */
    key: text().notNull(),
    soldAt: timestamp({ withTimezone: true }),
    /** The sale as the register sent it (lines, cash given, email, the attached customer). */
    sale: jsonb()
      .$type<{
        lines: Array<{ variantId: number; quantity: number; discountPercent: number }>;
        cashGiven: number;
        email: string | null;
        customerId?: number | null;
      }>()
      .notNull(),
    reason: text().notNull(),
    shiftId: integer()
      .notNull()
      .references(() => shifts.id),
    syncedBy: integer()
      .notNull()
      .references(() => staffUsers.id),
    syncedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decision: text({ enum: HELD_SALE_DECISIONS }),
    decidedBy: integer().references(() => staffUsers.id),
    decidedAt: timestamp({ withTimezone: true }),
    orderId: integer().references(() => orders.id),
  },
  (t) => [uniqueIndex("held_offline_sales_key").on(t.key), index("held_offline_sales_open_idx").on(t.decision)],
);
