import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artisans } from "./artisans";

export const LEDGER_ACCOUNT_KINDS = [
  "artisan_payable",
  "production_cost",
  "payout_clearing",
  "cash",
  "gift_card_liability",
  "receipts",
  "sales",
  "sales_returns",
  "breakage",
  "refunds_paid",
  "receivables",
  "fx_clearing",
] as const;

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
    entryId: integer()
      .notNull()
      .references(() => ledgerEntries.id, { onDelete: "cascade" }),
    accountId: integer()
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: integer().notNull(),
    currency: text().notNull(),
    /**
     * A line booked in the settlement currency for money that moved in another (a GBP refund booked
     * in USD): what the shopper saw, beside it. Null when the line's own currency is what moved.
     */
    presentmentAmount: integer(),
    presentmentCurrency: text(),
  },
  (t) => [index("ledger_lines_entry_idx").on(t.entryId), index("ledger_lines_account_idx").on(t.accountId)],
);

/**
 * `reconciling`: M-Pesa reported a failure or a queue timeout (or already had the request); the money
 * stays in clearing and the artisan is not payable until the transaction status query (or finance)
 * says what really happened. Only `succeeded` and `failed` are final.
 */
export const PAYOUT_STATUSES = ["pending", "submitted", "reconciling", "succeeded", "failed"] as const;

export const payoutRuns = pgTable("payout_runs", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  status: text({ enum: ["open", "approved", "running", "completed"] })
    .notNull()
    .default("open"),
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
    artisanId: integer()
      .notNull()
      .references(() => artisans.id),
    amount: integer().notNull(),
    currency: text().notNull().default("KES"),
    phone: text().notNull(),
    status: text({ enum: PAYOUT_STATUSES }).notNull().default("pending"),
    idempotencyKey: text().notNull(),
    /** The ConversationID Daraja returned for this payment (random): a B2C result must carry it. */
    providerRef: text(),
    /** The M-Pesa transaction receipt the artisan sees in their SMS. */
    receipt: text(),
    failureReason: text(),
    /** The ConversationID Daraja returned for our latest transaction status query: its answer must carry it. */
    statusQueryRef: text(),
    /** Status queries sent for this payout (reconciliation gives up, for finance, after a few). */
    reconcileAttempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payouts_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("payouts_provider_ref_key").on(t.providerRef),
    uniqueIndex("payouts_status_query_ref_key").on(t.statusQueryRef),
    index("payouts_artisan_idx").on(t.artisanId, t.createdAt),
    index("payouts_status_idx").on(t.status),
    check("payouts_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** Which M-Pesa URL a callback came to: B2C result and queue timeout, transaction status answer and its timeout. */
export const PAYOUT_CALLBACK_KINDS = ["result", "timeout", "status", "status-timeout"] as const;
export const PAYOUT_CALLBACK_OUTCOMES = ["succeeded", "failed", "timeout", "inconclusive", "malformed"] as const;
/**
 * applied: matched and acted on. duplicate: matched, nothing new. unmatched: names no payout, or not
 * with the references we were given (forged or stray): nothing changed. parked: names a payout whose
 * reference from Daraja we have not stored yet; decided when we do. conflict: matched but contradicts
 * what we know: nothing changed, shown to finance. reviewed: a conflict finance has looked at.
 */
export const PAYOUT_CALLBACK_DISPOSITIONS = ["applied", "duplicate", "unmatched", "parked", "conflict", "reviewed"] as const;

/** Every M-Pesa callback we received (past the token check), and what we did with it: finance's audit trail. */
export const payoutCallbacks = pgTable(
  "payout_callbacks",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The payout it named (also for unmatched ones that named a real payout with the wrong ConversationID). */
    payoutId: integer().references(() => payouts.id),
    kind: text({ enum: PAYOUT_CALLBACK_KINDS }).notNull(),
    outcome: text({ enum: PAYOUT_CALLBACK_OUTCOMES }).notNull(),
    /** OriginatorConversationID and ConversationID as the callback carried them. */
    originatorRef: text(),
    conversationRef: text(),
    /** A status answer: the B2C payment it describes (its OriginatorConversationID and ConversationID) and amount in whole KES. */
    aboutOriginatorRef: text(),
    aboutConversationRef: text(),
    aboutAmount: integer(),
    resultCode: integer(),
    receipt: text(),
    reason: text(),
    body: jsonb().notNull(),
    disposition: text({ enum: PAYOUT_CALLBACK_DISPOSITIONS }).notNull(),
    /** Why this disposition, in words for finance. */
    note: text().notNull().default(""),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    reviewedBy: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewNote: text(),
  },
  (t) => [
    index("payout_callbacks_payout_idx").on(t.payoutId, t.id),
    index("payout_callbacks_open_idx").on(t.disposition).where(sql`${t.disposition} in ('parked', 'conflict')`),
    index("payout_callbacks_received_idx").on(t.receivedAt),
  ],
);

/**
 * Local mode's stand-in for M-Pesa's own records: one row per OriginatorConversationID it accepted,
 * with the random ConversationID and receipt it gave, so a repeated request is the same payment and
 * the simulated status query can tell the truth.
 */
export const mpesaSimulatorPayments = pgTable(
  "mpesa_simulator_payments",
  {
    originatorConversationId: text().primaryKey(),
    conversationId: text().notNull(),
    msisdn: text().notNull(),
    /** Whole shillings, as Daraja counts. */
    amount: integer().notNull(),
    success: boolean().notNull(),
    receipt: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("mpesa_simulator_payments_conversation_key").on(t.conversationId)],
);

export type LedgerAccount = typeof ledgerAccounts.$inferSelect;
export type Payout = typeof payouts.$inferSelect;
export type PayoutRun = typeof payoutRuns.$inferSelect;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];
export type PayoutCallbackRow = typeof payoutCallbacks.$inferSelect;
export type PayoutCallbackDisposition = (typeof PAYOUT_CALLBACK_DISPOSITIONS)[number];
