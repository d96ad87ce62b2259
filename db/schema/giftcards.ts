import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { carts, customers, orders } from "./commerce";

/** digital: sold online and emailed; physical: a printed card activated at the register; store_credit: a refund. */
export const GIFT_CARD_KINDS = ["digital", "physical", "store_credit"] as const;
/** inactive: a printed card not sold yet (no value); disabled: frozen by ops (balance kept, not spendable). */
export const GIFT_CARD_STATUSES = ["inactive", "active", "disabled"] as const;
/** What moved a card's balance: every movement is a row, and the rows add up to the balance. */
export const GIFT_CARD_MOVEMENTS = ["issued", "redeemed", "refunded", "expired"] as const;

/**
 * A gift card or store credit. The code itself is never stored: only its SHA-256 (looked up by a
 * unique index) and its last four characters (docs/decisions/0016). `balance` is the sum of its
 * movements, changed only by a conditional update that cannot go below zero.
 */
export const giftCards = pgTable(
  "gift_cards",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    codeHash: text().notNull(),
    last4: text().notNull(),
    kind: text({ enum: GIFT_CARD_KINDS }).notNull(),
    status: text({ enum: GIFT_CARD_STATUSES }).notNull(),
    currency: text().notNull(),
    /** What it was issued for (0 while an unsold printed card). */
    initialAmount: integer().notNull().default(0),
    balance: integer().notNull().default(0),
    /** The person it is for (digital cards and store credit); a printed card has none. */
    recipientEmail: text(),
    recipientName: text(),
    senderName: text(),
    message: text(),
    /** The day (UTC) a digital card's email goes out; delivered_at once it has been queued. */
    sendOn: date({ mode: "string" }),
    deliveredAt: timestamp({ withTimezone: true }),
    /**
     * A digital card's code, sealed (AES-256-GCM under a key derived from SESSION_SECRET) only
     * until its email is queued on the send date, then cleared: the email carries it from there.
     */
    sealedCode: text(),
    customerId: integer().references(() => customers.id),
    /** The order that bought it (a gift card line), or the order a store credit refunds. */
    orderId: integer().references(() => orders.id),
    reason: text(),
    expiresAt: timestamp({ withTimezone: true }),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp({ withTimezone: true }),
    disabledAt: timestamp({ withTimezone: true }),
    disabledReason: text(),
  },
  (t) => [
    uniqueIndex("gift_cards_code_hash_key").on(t.codeHash),
    index("gift_cards_last4_idx").on(t.last4),
    index("gift_cards_recipient_idx").on(sql`lower(${t.recipientEmail})`),
    index("gift_cards_order_idx").on(t.orderId),
    index("gift_cards_undelivered_idx").on(t.sendOn).where(sql`${t.sealedCode} is not null`),
    check("gift_cards_balance_not_negative", sql`${t.balance} >= 0`),
    check("gift_cards_balance_within_issue", sql`${t.initialAmount} >= 0`),
  ],
);

/** One row per movement of a card's balance (signed: issue and refund add, redeem and expiry take). */
export const giftCardMovements = pgTable(
  "gift_card_movements",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    giftCardId: integer()
      .notNull()
      .references(() => giftCards.id),
    kind: text({ enum: GIFT_CARD_MOVEMENTS }).notNull(),
    amount: integer().notNull(),
    balanceAfter: integer().notNull(),
    currency: text().notNull(),
    orderId: integer().references(() => orders.id),
    /** Unique per fact ("redeem:<order key>:<card>"): the same fact twice moves the balance once. */
    reference: text().notNull(),
    actor: text().notNull(),
    memo: text().notNull().default(""),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("gift_card_movements_reference_key").on(t.reference),
    index("gift_card_movements_card_idx").on(t.giftCardId, t.id),
    index("gift_card_movements_order_idx").on(t.orderId),
    check("gift_card_movements_amount_not_zero", sql`${t.amount} <> 0`),
    check("gift_card_movements_balance_after", sql`${t.balanceAfter} >= 0`),
  ],
);

/** Gift cards a shopper applied at checkout: redeemed with the order, in its transaction. */
export const cartGiftCards = pgTable(
  "cart_gift_cards",
  {
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    giftCardId: integer()
      .notNull()
      .references(() => giftCards.id),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cartId, t.giftCardId] })],
);

export type GiftCard = typeof giftCards.$inferSelect;
export type GiftCardMovement = typeof giftCardMovements.$inferSelect;
export type GiftCardKind = (typeof GIFT_CARD_KINDS)[number];
