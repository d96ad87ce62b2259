import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artisans } from "./artisans";

export const LEDGER_ACCOUNT_KINDS = ["artisan_payable", "production_cost", "payout_clearing", "cash"] as const;

/** Double-entry accounts: one payable per artisan, plus Soko's own. */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    kind: text({ enum: LEDGER_ACCOUNT_KINDS }).notNull(),
    artisanId: integer().references(() => artisans.id),
    currency: text().notNull(),
  },
  (t) => [uniqueIndex("ledger_accounts_code_key").on(t.code), index("ledger_accounts_artisan_idx").on(t.artisanId)],
);

/** One business fact (QC credit, payout, payout reversal). `reference` makes each fact happen once. */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull(),
    reference: text().notNull(),
    memo: text().notNull().default(""),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("ledger_entries_reference_key").on(t.reference), index("ledger_entries_kind_at_idx").on(t.kind, t.at)],
);

/** Signed amounts in minor units; an entry's lines sum to zero (checked by a trigger at commit). */
export const ledgerLines = pgTable(
  "ledger_lines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    entryId: integer().notNull().references(() => ledgerEntries.id, { onDelete: "cascade" }),
    accountId: integer().notNull().references(() => ledgerAccounts.id),
    amount: integer().notNull(),
    currency: text().notNull(),
  },
  (t) => [index("ledger_lines_entry_idx").on(t.entryId), index("ledger_lines_account_idx").on(t.accountId)],
);

export const PAYOUT_STATUSES = ["pending", "submitted", "succeeded", "failed"] as const;

export const payoutRuns = pgTable("payout_runs", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  status: text({ enum: ["open", "approved", "running", "completed"] }).notNull().default("open"),
  /** Pay balances at or above this, KES minor units. */
  threshold: integer().notNull(),
  createdBy: text().notNull(),
  approvedBy: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp({ withTimezone: true }),
});

/** One M-Pesa B2C payment to an artisan. The idempotency key is what the provider sees twice at most once. */
export const payouts = pgTable(
  "payouts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    runId: integer().references(() => payoutRuns.id),
    artisanId: integer().notNull().references(() => artisans.id),
    amount: integer().notNull(),
    currency: text().notNull().default("KES"),
    phone: text().notNull(),
    status: text({ enum: PAYOUT_STATUSES }).notNull().default("pending"),
    idempotencyKey: text().notNull(),
    /** Daraja's ConversationID / OriginatorConversationID. */
    providerRef: text(),
    /** The M-Pesa transaction receipt the artisan sees in their SMS. */
    receipt: text(),
    failureReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payouts_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("payouts_provider_ref_key").on(t.providerRef),
    index("payouts_artisan_idx").on(t.artisanId, t.createdAt),
    index("payouts_status_idx").on(t.status),
    check("payouts_amount_positive", sql`${t.amount} > 0`),
  ],
);

export type LedgerAccount = typeof ledgerAccounts.$inferSelect;
export type Payout = typeof payouts.$inferSelect;
export type PayoutRun = typeof payoutRuns.$inferSelect;
