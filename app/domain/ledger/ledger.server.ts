/**
 * The double-entry ledger: every money movement is one entry whose signed lines sum to zero
 * (positive = debit, negative = credit; see entries.ts). Entries are idempotent by `reference`,
 * and a deferred trigger (db/migrations/0005) refuses to commit an unbalanced entry.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db, schema, type Executor } from "~/lib/db.server";
import { listTotal } from "~/lib/sql";
import { ACCOUNT_CODES, assertBalanced, describeAccount, owedToArtisan, qcCreditEntry, type LedgerEntryInput } from "./entries";

export { ACCOUNT_CODES, owedToArtisan } from "./entries";
export type { LedgerEntryInput, LedgerLineInput } from "./entries";

const { ledgerAccounts, ledgerEntries, ledgerLines } = schema;

export const STATEMENT_PAGE_SIZE = 20;

function isTransaction(executor: Executor): boolean {
  return typeof (executor as { rollback?: unknown }).rollback === "function";
}

/** Account ids for these codes, creating missing accounts (concurrency-safe: ON CONFLICT DO NOTHING). */
async function accountIds(tx: Executor, codes: string[], currencyOf: Map<string, string>): Promise<Map<string, number>> {
  const unique = [...new Set(codes)];
  const found = await tx
    .select({ id: ledgerAccounts.id, code: ledgerAccounts.code, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.code, unique));
  const missing = unique.filter((code) => !found.some((row) => row.code === code));
  if (missing.length > 0) {
    await tx
      .insert(ledgerAccounts)
      .values(
        missing.map((code) => {
          const { kind, name, artisanId } = describeAccount(code);
          return { code, kind, name, artisanId, currency: currencyOf.get(code)! };
        }),
      )
      .onConflictDoNothing({ target: ledgerAccounts.code });
    found.push(
      ...(await tx
        .select({ id: ledgerAccounts.id, code: ledgerAccounts.code, currency: ledgerAccounts.currency })
        .from(ledgerAccounts)
        .where(inArray(ledgerAccounts.code, missing))),
    );
  }
  for (const row of found) {
    if (row.currency !== currencyOf.get(row.code)) {
      throw new Error(`Account ${row.code} is kept in ${row.currency}, not ${currencyOf.get(row.code)}.`);
    }
  }
  return new Map(found.map((row) => [row.code, row.id]));
}

/**
 * Records one balanced entry, once: a second post with the same reference (a retry, a duplicate
 * callback, a second QC click) writes nothing and returns `created: false`. Call it inside the
 * transaction that makes the business change, so both commit or neither does.
 */
export async function postEntry(tx: Executor, entry: LedgerEntryInput): Promise<{ created: boolean; entryId: number | null }> {
  assertBalanced(entry);
  if (!isTransaction(tx)) return db.transaction((inner) => postEntry(inner, entry));
  const [row] = await tx
    .insert(ledgerEntries)
    .values({ kind: entry.kind, reference: entry.reference, memo: entry.memo ?? "" })
    .onConflictDoNothing({ target: ledgerEntries.reference })
    .returning({ id: ledgerEntries.id });
  if (!row) return { created: false, entryId: null };
  const currencyOf = new Map(entry.lines.map((line) => [line.accountCode, line.currency]));
  const ids = await accountIds(
    tx,
    entry.lines.map((line) => line.accountCode),
    currencyOf,
  );
  await tx.insert(ledgerLines).values(
    entry.lines.map((line) => ({
      entryId: row.id,
      accountId: ids.get(line.accountCode)!,
      amount: line.amount,
      currency: line.currency,
      presentmentAmount: line.presentment?.amount ?? null,
      presentmentCurrency: line.presentment?.currency ?? null,
    })),
  );
  return { created: true, entryId: row.id };
}

export type QcCredit = {
  requestId: number;
  inspectionId: number;
  artisanId: number;
  /** QC-passed units of this inspection. */
  units: number;
  /** The request's piece rate, minor units. */
  pieceRate: number;
  currency: string;
  /** For the memo; looked up from requestId when absent. */
  requestNumber?: string;
};

/**
 * Credits the artisan for QC-passed units at the request's piece rate: debit production cost,
 * credit `artisan:<id>:payable`. Idempotent by inspection (`qc:<inspectionId>`): calling it twice
 * for the same inspection credits once. Returns the amount credited now (0 when nothing new).
 */
export async function creditArtisanForQc(tx: Executor, credit: QcCredit): Promise<{ created: boolean; amount: number }> {
  if (!Number.isSafeInteger(credit.units) || credit.units < 0) throw new Error(`Bad QC unit count ${credit.units}.`);
  if (!Number.isSafeInteger(credit.pieceRate) || credit.pieceRate < 0) throw new Error(`Bad piece rate ${credit.pieceRate}.`);
  if (credit.units === 0 || credit.pieceRate === 0) return { created: false, amount: 0 };
  let requestNumber = credit.requestNumber;
  if (!requestNumber) {
    const [request] = await tx
      .select({ number: schema.productionRequests.number })
      .from(schema.productionRequests)
      .where(eq(schema.productionRequests.id, credit.requestId))
      .limit(1);
    requestNumber = request?.number;
  }
  const result = await postEntry(tx, qcCreditEntry({ ...credit, requestNumber }));
  return { created: result.created, amount: result.created ? credit.units * credit.pieceRate : 0 };
}

/** What Soko owes the artisan now (positive minor units, KES). */
export async function artisanBalance(artisanId: number, executor: Executor = db): Promise<{ amount: number; currency: string }> {
  const [row] = await executor
    .select({ total: sql<string | null>`sum(${ledgerLines.amount})`, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .leftJoin(ledgerLines, eq(ledgerLines.accountId, ledgerAccounts.id))
    .where(eq(ledgerAccounts.code, ACCOUNT_CODES.artisanPayable(artisanId)))
    .groupBy(ledgerAccounts.currency);
  return { amount: owedToArtisan(Number(row?.total ?? 0)), currency: row?.currency ?? "KES" };
}

export type StatementLine =
  | {
      type: "credit";
      key: string;
      at: Date;
      amount: number;
      currency: string;
      requestNumber: string | null;
      productTitle: string | null;
      variantTitle: string | null;
      units: number | null;
      pieceRate: number | null;
    }
  | {
      type: "payout";
      key: string;
      at: Date;
      amount: number;
      currency: string;
      payoutId: number;
      status: schema.PayoutStatus;
      receipt: string | null;
      failureReason: string | null;
    };

/**
 * The artisan's statement, newest first: one line per QC credit (request number, product, units,
 * rate, amount) and one per payout (status, M-Pesa receipt or failure reason). Only this artisan's rows.
 */
export async function artisanStatement(artisanId: number, page = 1, executor: Executor = db) {
  const pageSize = STATEMENT_PAGE_SIZE;
  const offset = (Math.max(1, page) - 1) * pageSize;
  const rows = await executor.execute<{
    type: "credit" | "payout";
    id: number;
    at: string | Date;
    amount: number;
    currency: string;
    request_number: string | null;
    product_title: string | null;
    variant_title: string | null;
    units: number | null;
    piece_rate: number | null;
    status: schema.PayoutStatus;
    receipt: string | null;
    failure_reason: string | null;
    total: number;
  }>(sql`
    with lines as (${statementLines(artisanId)})
    select *, count(*) over ()::int as total from lines order by at desc, id desc limit ${pageSize} offset ${offset}`);
  const lines: StatementLine[] = rows.map((row) =>
    row.type === "credit"
      ? {
          type: "credit",
          key: `credit:${row.id}`,
          at: new Date(row.at),
          amount: Number(row.amount),
          currency: row.currency,
          requestNumber: row.request_number,
          productTitle: row.product_title,
          variantTitle: row.variant_title,
          units: row.units === null ? null : Number(row.units),
          pieceRate: row.piece_rate === null ? null : Number(row.piece_rate),
        }
      : {
          type: "payout",
          key: `payout:${row.id}`,
          at: new Date(row.at),
          amount: Number(row.amount),
          currency: row.currency,
          payoutId: Number(row.id),
          status: row.status,
          receipt: row.receipt,
          failureReason: row.failure_reason,
        },
  );
  const total = await listTotal(rows, page, () => countStatementLines(artisanId, executor));
  return { lines, page: Math.max(1, page), pageCount: Math.max(1, Math.ceil(total / pageSize)), total };
}

/** Her statement's lines, newest first: each QC credit to her payable account and each payout to her. */
function statementLines(artisanId: number) {
  const payable = ACCOUNT_CODES.artisanPayable(artisanId);
  return sql`
      select 'credit' as type, e.id, e.at, -l.amount as amount, l.currency,
             pr.number as request_number, p.title as product_title, v.title as variant_title,
             qi.units_passed as units, pr.piece_rate,
             null::text as status, null::text as receipt, null::text as failure_reason
      from ledger_lines l
      join ledger_accounts a on a.id = l.account_id and a.code = ${payable}
      join ledger_entries e on e.id = l.entry_id and e.kind = 'qc_credit'
      left join qc_inspections qi on e.reference = 'qc:' || qi.id
      left join production_requests pr on pr.id = qi.request_id
      left join variants v on v.id = pr.variant_id
      left join products p on p.id = v.product_id
      union all
      select 'payout', po.id, po.created_at, po.amount, po.currency,
             null, null, null, null, null, po.status, po.receipt, po.failure_reason
      from payouts po where po.artisan_id = ${artisanId}`;
}

async function countStatementLines(artisanId: number, executor: Executor): Promise<number> {
  const [row] = await executor.execute<{ total: number }>(sql`select count(*)::int as total from (${statementLines(artisanId)}) lines`);
  return Number(row?.total ?? 0);
}

export type TrialBalanceRow = { code: string; name: string; kind: string; currency: string; balance: number };

/** Every account's balance (signed: debit positive). Their sum per currency is zero when the books are right. */
export async function trialBalance(executor: Executor = db): Promise<{ accounts: TrialBalanceRow[]; totals: Record<string, number> }> {
  const accounts = await executor
    .select({
      code: ledgerAccounts.code,
      name: ledgerAccounts.name,
      kind: ledgerAccounts.kind,
      currency: ledgerAccounts.currency,
      balance: sql<string>`coalesce(sum(${ledgerLines.amount}), 0)`,
    })
    .from(ledgerAccounts)
    .leftJoin(ledgerLines, eq(ledgerLines.accountId, ledgerAccounts.id))
    .groupBy(ledgerAccounts.id)
    .orderBy(asc(ledgerAccounts.kind), asc(ledgerAccounts.code));
  const totals: Record<string, number> = {};
  const rows = accounts.map((row) => ({ ...row, balance: Number(row.balance) }));
  for (const row of rows) totals[row.currency] = (totals[row.currency] ?? 0) + row.balance;
  return { accounts: rows, totals };
}

/** What the summary calls every artisan's payable together. */
export const ARTISAN_PAYABLES_NAME = "Owed to artisans";

/** Soko's own accounts (each by its name) and the sum of all artisan payables: the short trial balance for /ops/payouts. */
export async function trialBalanceSummary(executor: Executor = db) {
  const rows = await executor.execute<{
    label: string;
    name: string;
    kind: string;
    currency: string;
    balance: string;
    accounts: number;
  }>(sql`
    select case when a.kind = 'artisan_payable' then 'artisan:*:payable' else a.code end as label,
           case when a.kind = 'artisan_payable' then ${ARTISAN_PAYABLES_NAME} else a.name end as name,
           a.kind, a.currency, coalesce(sum(l.amount), 0)::bigint::text as balance, count(distinct a.id)::int as accounts
    from ledger_accounts a left join ledger_lines l on l.account_id = a.id
    group by 1, 2, 3, 4 order by 3, 1`);
  const accounts = rows.map((row) => ({
    label: row.label,
    name: row.name,
    kind: row.kind,
    currency: row.currency,
    balance: Number(row.balance),
    accounts: Number(row.accounts),
  }));
  const totals: Record<string, number> = {};
  for (const row of accounts) totals[row.currency] = (totals[row.currency] ?? 0) + row.balance;
  return { accounts, totals };
}

/** Balances per artisan payable at or above `threshold` owed (for the payout preview and run). */
export async function payableBalances(threshold: number, executor: Executor = db) {
  const rows = await executor.execute<{ artisan_id: number; owed: string; currency: string }>(sql`
    select a.artisan_id, (-sum(l.amount))::bigint::text as owed, a.currency
    from ledger_accounts a join ledger_lines l on l.account_id = a.id
    where a.kind = 'artisan_payable'
    group by a.id having -sum(l.amount) >= ${threshold} and -sum(l.amount) > 0
    order by a.artisan_id`);
  return rows.map((row) => ({ artisanId: Number(row.artisan_id), owed: Number(row.owed), currency: row.currency }));
}

/** Lines of one account, for tests and audits. */
export async function accountLines(code: string, executor: Executor = db) {
  return executor
    .select({ amount: ledgerLines.amount, reference: ledgerEntries.reference, kind: ledgerEntries.kind })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.id, ledgerLines.accountId), eq(ledgerAccounts.code, code)))
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .orderBy(asc(ledgerLines.id));
}

export type SalesByCurrencyRow = {
  code: string;
  name: string;
  kind: string;
  /** The account's own currency (USD: what is booked). */
  currency: string;
  /** The currency the shoppers paid in; the account's own where the lines carry none beside them. */
  shopperCurrency: string;
  /** Signed, as booked (sales are credits: negative). */
  booked: number;
  /** Signed, in the shopper's currency. */
  shopperAmount: number;
  entries: number;
};

/** The sales and sales-returns accounts, split by the currency the shoppers paid in: USD booked, their money beside. */
export async function salesByCurrency(executor: Executor = db): Promise<SalesByCurrencyRow[]> {
  const rows = await executor.execute<{
    code: string;
    name: string;
    kind: string;
    currency: string;
    shopper_currency: string;
    booked: string;
    shopper_amount: string;
    entries: number;
  }>(sql`
    select a.code, a.name, a.kind, a.currency, coalesce(l.presentment_currency, l.currency) as shopper_currency,
           sum(l.amount)::bigint::text as booked, sum(coalesce(l.presentment_amount, l.amount))::bigint::text as shopper_amount,
           count(distinct l.entry_id)::int as entries
      from ledger_lines l join ledger_accounts a on a.id = l.account_id
     where a.kind in ('sales', 'sales_returns')
     group by a.id, 5
     order by a.kind, a.code, 5`);
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    kind: row.kind,
    currency: row.currency,
    shopperCurrency: row.shopper_currency,
    booked: Number(row.booked),
    shopperAmount: Number(row.shopper_amount),
    entries: Number(row.entries),
  }));
}

export type OrderLedgerEntry = {
  id: number;
  kind: string;
  reference: string;
  memo: string;
  at: Date;
  lines: Array<{ code: string; name: string; amount: number; currency: string; presentment: { amount: number; currency: string } | null }>;
};

/**
 * What the ledger holds for one order: its sale, the console's refunds of it, its returns' refunds and exchange differences, and
 * the gift card movements it made, oldest first.
 */
export async function orderLedger(orderNumber: string, executor: Executor = db): Promise<OrderLedgerEntry[]> {
  const rows = await executor.execute<{
    id: number;
    kind: string;
    reference: string;
    memo: string;
    at: string | Date;
    code: string;
    name: string;
    amount: number;
    currency: string;
    presentment_amount: number | null;
    presentment_currency: string | null;
  }>(sql`
    select e.id, e.kind, e.reference, e.memo, e.at, a.code, a.name, l.amount, l.currency, l.presentment_amount, l.presentment_currency
      from ledger_entries e
      join ledger_lines l on l.entry_id = e.id
      join ledger_accounts a on a.id = l.account_id
     where e.reference = ${`sale:${orderNumber}`}
        or e.reference in (select prefix || r.number from returns r join orders o on o.id = r.order_id, unnest(array['return-refund:', 'sale:']) prefix
                            where o.number = ${orderNumber})
        or e.reference in (select 'return-refund:' || r.number || ':' || f.id from returns r join orders o on o.id = r.order_id
                             join refunds f on f.idempotency_key like 'return:' || r.number || ':%' where o.number = ${orderNumber})
        or e.reference in (select 'gift_card_movement:' || m.id from gift_card_movements m join orders o on o.id = m.order_id where o.number = ${orderNumber})
        or e.reference in (select 'refund:' || f.id from refunds f join orders o on o.id = f.order_id where o.number = ${orderNumber})
     order by e.at, e.id, l.id`);
  const entries = new Map<number, OrderLedgerEntry>();
  for (const row of rows) {
    const id = Number(row.id);
    const entry = entries.get(id) ?? { id, kind: row.kind, reference: row.reference, memo: row.memo, at: new Date(row.at), lines: [] };
    entry.lines.push({
      code: row.code,
      name: row.name,
      amount: Number(row.amount),
      currency: row.currency,
      presentment:
        row.presentment_currency === null ? null : { amount: Number(row.presentment_amount), currency: row.presentment_currency },
    });
    entries.set(id, entry);
  }
  return [...entries.values()];
}
