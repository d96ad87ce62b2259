import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const RETAILER_STATUSES = ["applied", "approved", "rejected", "suspended"] as const;
export const PAYMENT_TERMS = ["card", "net30", "net60"] as const;

export const retailers = pgTable(
  "retailers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    handle: text().notNull(),
    name: text().notNull(),
    kind: text().notNull().default("boutique"),
    taxId: text(),
    website: text(),
    city: text().notNull().default(""),
    country: text().notNull().default("US"),
    status: text({ enum: RETAILER_STATUSES }).notNull().default("applied"),
    tier: text().notNull().default("standard"),
    paymentTerms: text({ enum: PAYMENT_TERMS }).notNull().default("card"),
    /** USD minor units. */
    creditLimit: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("retailers_handle_key").on(t.handle), index("retailers_status_idx").on(t.status)],
);

export const buyerUsers = pgTable(
  "buyer_users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    retailerId: integer().notNull().references(() => retailers.id, { onDelete: "cascade" }),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("buyer_users_email_key").on(t.email), index("buyer_users_retailer_idx").on(t.retailerId)],
);

export type Retailer = typeof retailers.$inferSelect;
