import { sql } from "drizzle-orm";
import { check, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { variants } from "./catalog";
import { orderLines, orders, payments, refunds } from "./commerce";
import { productionRequests } from "./factory";

/** Return numbers (RT-20001…): on the shopper's label, typed or scanned at the hub. */
export const returnNumbers = pgSequence("return_numbers", { startWith: 20001 });

/**
 * awaiting_payment: an exchange for a dearer piece, waiting for the shopper to pay the difference
 * (nothing is sent, reserved or made before it is paid; it expires unpaid) · requested: the shopper asked, the parcel is on its way · received: at the Nairobi hub ·
 * inspected: QC said what becomes of each piece · closed: nothing more to do (money back, exchange
 * placed) · cancelled: the shopper or operations stopped it before it arrived.
 */
export const RETURN_STATUSES = ["awaiting_payment", "requested", "received", "inspected", "closed", "cancelled"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export const RETURN_RESOLUTIONS = ["refund", "exchange"] as const;
export const REFUND_METHODS = ["original", "store_credit"] as const;
export const RETURN_CHANNELS = ["web", "pos"] as const;
/** Whether the money is owed, sent, or failed at the provider (and may be retried). */
export const RETURN_REFUND_STATES = ["none", "owed", "issued", "failed"] as const;
/** not_ours: QC found the parcel holds pieces that aren't the ones sold: the return fails (nothing back, no exchange). */
export const RETURN_DISPOSITIONS = ["restock", "rework", "write_off", "not_ours"] as const;
/**
 * The difference a dearer exchange costs: none (not a dearer exchange), awaiting (to pay), paid,
 * refunded (the return failed or was cancelled after paying), expired (never paid).
 */
export const RETURN_DUE_STATES = ["none", "awaiting", "paid", "refunded", "expired"] as const;

/** One return (web or counter) of pieces from one order: the one model both channels write. */
export const returns = pgTable(
  "returns",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull(),
    orderId: integer()
      .notNull()
      .references(() => orders.id),
    channel: text({ enum: RETURN_CHANNELS }).notNull(),
    status: text({ enum: RETURN_STATUSES }).notNull().default("requested"),
    resolution: text({ enum: RETURN_RESOLUTIONS }).notNull(),
    refundMethod: text({ enum: REFUND_METHODS }).notNull().default("original"),
    /** A code from the returns rules' REASONS; `note` is the shopper's own words. */
    reason: text().notNull(),
    note: text().notNull().default(""),
    /** What goes back to the shopper (goods share after discounts, plus its tax), minor units of `currency`. */
    amount: integer().notNull(),
    currency: text().notNull(),
    refundState: text({ enum: RETURN_REFUND_STATES }).notNull().default("none"),
    /** A dearer exchange: what the shopper pays on top (the new pieces on the same terms less the returned ones' worth), minor units. */
    due: integer().notNull().default(0),
    dueState: text({ enum: RETURN_DUE_STATES }).notNull().default("none"),
    /** The payment that paid `due` (on the original order, so the one refund path can send it back). */
    duePaymentId: integer().references(() => payments.id),
    /** An unpaid difference lapses then (the expire_returns job cancels the return, nothing reserved). */
    dueExpiresAt: timestamp({ withTimezone: true }),
    duePaidAt: timestamp({ withTimezone: true }),
    refundId: integer().references(() => refunds.id),
    /** The exchange's own order (committed through commitOrder): stock reserved or production started. */
    exchangeOrderId: integer().references(() => orders.id),
    /** The submit's key: a double submit or a burst of the same form makes one return. */
    idempotencyKey: text().notNull(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp({ withTimezone: true }),
    inspectedAt: timestamp({ withTimezone: true }),
    refundedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("returns_number_key").on(t.number),
    uniqueIndex("returns_idempotency_key").on(t.idempotencyKey),
    index("returns_order_idx").on(t.orderId),
    index("returns_status_idx").on(t.status, t.createdAt),
    check("returns_amount", sql`${t.amount} >= 0`),
    check("returns_due", sql`${t.due} >= 0`),
    index("returns_due_expiry_idx").on(t.dueExpiresAt).where(sql`${t.status} = 'awaiting_payment'`),
  ],
);

export const returnLines = pgTable(
  "return_lines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    returnId: integer()
      .notNull()
      .references(() => returns.id, { onDelete: "cascade" }),
    orderLineId: integer()
      .notNull()
      .references(() => orderLines.id),
    quantity: integer().notNull(),
    /** This line's share of the refund (goods after discounts + tax), minor units. */
    amount: integer().notNull(),
    /** An exchange: the variant wanted instead. */
    exchangeVariantId: integer().references(() => variants.id),
    disposition: text({ enum: RETURN_DISPOSITIONS }),
    /** QC found the maker's fault: recorded against the work (her QC record), never her pay. */
    fault: text(),
    /** The request that made the piece (when it was made to order): whose QC record a fault goes on. */
    madeByRequestId: integer().references(() => productionRequests.id),
    /** Sent to rework: the request that remakes it. */
    reworkRequestId: integer().references(() => productionRequests.id),
  },
  (t) => [
    index("return_lines_return_idx").on(t.returnId),
    index("return_lines_order_line_idx").on(t.orderLineId),
    check("return_lines_quantity", sql`${t.quantity} > 0 and ${t.amount} >= 0`),
  ],
);

export type Return = typeof returns.$inferSelect;
export type ReturnLine = typeof returnLines.$inferSelect;
