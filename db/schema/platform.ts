import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const STAFF_ROLES = ["admin", "ops", "hub", "finance", "cashier", "manager"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffUsers = pgTable(
  "staff_users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    roles: text({ enum: STAFF_ROLES }).array().notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("staff_users_email_key").on(t.email)],
);

export const STAFF_PASSWORD_LINK_PURPOSES = ["invite", "reset"] as const;

/**
 * Links that let a staff member choose a password: the invitation an admin sends a new colleague
 * (7 days) and the reset an admin sends someone who forgot theirs (1 hour). Only the token's hash is
 * kept; the token travels in the email. A newer link revokes the older ones.
 */
export const staffPasswordLinks = pgTable(
  "staff_password_links",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    staffUserId: integer()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    purpose: text({ enum: STAFF_PASSWORD_LINK_PURPOSES }).notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdBy: integer().references(() => staffUsers.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("staff_password_links_token_hash_key").on(t.tokenHash), index("staff_password_links_staff_idx").on(t.staffUserId)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    actor: text().notNull(),
    action: text().notNull(),
    subject: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_subject_idx").on(t.subject)],
);

export const OUTBOX_CHANNELS = ["email", "sms"] as const;
export const OUTBOX_STATUSES = ["queued", "sent", "stored", "failed"] as const;

/** Every email and SMS, rendered. In local mode this is where they end up. */
export const outbox = pgTable(
  "outbox",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    channel: text({ enum: OUTBOX_CHANNELS }).notNull(),
    to: text().notNull(),
    subject: text(),
    template: text().notNull(),
    html: text(),
    text: text().notNull(),
    status: text({ enum: OUTBOX_STATUSES }).notNull().default("queued"),
    attempts: integer().notNull().default(0),
    providerRef: text(),
    lastError: text(),
    /** One message per business fact (e.g. "order-confirmation:SK-1001"): never sent twice. */
    dedupeKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("outbox_dedupe_key").on(t.dedupeKey), index("outbox_created_idx").on(t.createdAt)],
);

export type StaffUser = typeof staffUsers.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;

/** Settings operations can change without a deploy (e.g. wholesale minimums), as JSON by key. */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: text(),
});

/**
 * One counter of attempts at a secret per (scope, key): a sign-in email, an artisan's phone, a client
 * address… Read and written only by app/domain/accounts/throttle.server.ts, under a row lock, before the
 * secret is checked (the rules are app/domain/accounts/throttle-rules.ts).
 */
export const authThrottles = pgTable(
  "auth_throttles",
  {
    scope: text().notNull(),
    key: text().notNull(),
    failures: integer().notNull().default(0),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
    /** The last lock's end, kept after it passes: the next lock is longer if it came within a day. */
    lockedUntil: timestamp({ withTimezone: true }),
    /** Locks in a row (for escalating rules); a good answer or a quiet day resets it. */
    lockouts: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index("auth_throttles_updated_idx").on(t.updatedAt)],
);

export type AuthThrottle = typeof authThrottles.$inferSelect;
