import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { artisans } from "./artisans";
import { customers } from "./commerce";
import { staffUsers } from "./platform";
import { buyerUsers } from "./wholesale";

/**
 * Sign-in sessions (app/lib/session.server.ts). The `__soko_session` cookie carries a random id;
 * only its SHA-256 is kept here, so a copy of this table opens nobody's session. A session belongs
 * to at most one person (none: it only carries a one-time message); deleting the row ends it for
 * every copy of the cookie. Deleting the person deletes their sessions.
 */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text().primaryKey(),
    staffUserId: integer().references(() => staffUsers.id, { onDelete: "cascade" }),
    customerId: integer().references(() => customers.id, { onDelete: "cascade" }),
    artisanId: integer().references(() => artisans.id, { onDelete: "cascade" }),
    buyerUserId: integer().references(() => buyerUsers.id, { onDelete: "cascade" }),
    /** Everything else the session holds (the flash message); never who is signed in. */
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** How long the session may sit unused; each use moves expiresAt up to now + this, never past absoluteExpiresAt. */
    idleSeconds: integer().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("sessions_staff_user_idx").on(t.staffUserId),
    index("sessions_customer_idx").on(t.customerId),
    index("sessions_artisan_idx").on(t.artisanId),
    index("sessions_buyer_user_idx").on(t.buyerUserId),
    index("sessions_expires_idx").on(t.expiresAt),
    check("sessions_one_person", sql`num_nonnulls(${t.staffUserId}, ${t.customerId}, ${t.artisanId}, ${t.buyerUserId}) <= 1`),
    check("sessions_expiry_order", sql`${t.expiresAt} <= ${t.absoluteExpiresAt} and ${t.idleSeconds} > 0`),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
