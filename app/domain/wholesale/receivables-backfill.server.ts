/**
 * Invoices issued before migration 0034 were never booked: the ledger has no receivable for them, so
 * the trial balance and an 860's revision (which moves the receivable by the difference) start from
 * nothing. `backfillInvoiceReceivables` books what each such invoice should hold, once: the issue
 * (receivables ← wholesale sales) for every invoice without one, and the settlement for a paid one
 * without its own. It is idempotent (the ledger's references make each entry happen once, and the
 * search finds only what is missing), so `npm start` runs it after migrating, every time: a database
 * with nothing missing costs one indexed query.
 *
 * The issue is booked at the amount the invoice stood at before anything the ledger already holds
 * for it (an 860's revision, a void): an open invoice ends with exactly its amount receivable, a
 * paid one with none, a voided one with none. A void invoice the ledger knows nothing of is left
 * alone (nothing was ever receivable). Entries carry the invoice's own dates.
 */
import { and, eq, like, or, sql } from "drizzle-orm";
import { invoiceIssuedEntry, invoicePaidEntry, type LedgerEntryInput } from "~/domain/ledger";
import { ACCOUNT_CODES, postEntry } from "~/domain/ledger/index.server";
import { db, schema, type Executor } from "~/lib/db.server";

const { invoices, orders, ledgerEntries, ledgerLines, ledgerAccounts } = schema;

const booked = (reference: ReturnType<typeof sql>) => sql`exists (select 1 from ${ledgerEntries} e where e.reference = ${reference})`;

export type BackfillResult = { issued: string[]; paid: string[] };

export async function backfillInvoiceReceivables(executor: Executor = db): Promise<BackfillResult> {
  const issueRef = sql`'invoice:' || ${invoices.number}`;
  const candidates = await executor
    .select({ id: invoices.id })
    .from(invoices)
    .where(
      or(
        and(sql`not ${booked(issueRef)}`, or(sql`${invoices.status} <> 'void'`, booked(sql`'invoice:' || ${invoices.number} || ':void'`))),
        and(eq(invoices.status, "paid"), sql`not ${booked(sql`'invoice:' || ${invoices.number} || ':paid'`)}`),
      ),
    )
    .orderBy(invoices.id);
  const result: BackfillResult = { issued: [], paid: [] };
  for (const { id } of candidates) {
    const done = await db.transaction((tx) => backfillOne(tx, id));
    if (done.issued) result.issued.push(done.number);
    if (done.paid) result.paid.push(done.number);
  }
  return result;
}

async function backfillOne(tx: Executor, invoiceId: number) {
  // One invoice at a time, locked: a payment or a revision of it waits until this is booked.
  const [row] = await tx
    .select({
      invoice: invoices,
      orderNumber: orders.number,
      settlement: { currency: orders.settlementCurrency, ratePpm: orders.settlementRatePpm },
    })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .where(eq(invoices.id, invoiceId))
    .for("update", { of: invoices });
  const { invoice, settlement } = row;
  // An invoice in another currency is booked in its order's settlement currency, its own amounts beside (0025).
  const bookedIn = settlement.ratePpm && settlement.currency !== invoice.currency ? settlement.currency : invoice.currency;
  const base = `invoice:${invoice.number}`;
  // What the ledger already moved on this invoice's receivable, by kind of entry.
  const moved = await tx
    .select({
      reference: ledgerEntries.reference,
      amount: sql<number>`sum(coalesce(${ledgerLines.presentmentAmount}, ${ledgerLines.amount}))::int`,
    })
    .from(ledgerLines)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .where(
      and(
        eq(ledgerAccounts.code, ACCOUNT_CODES.receivables(bookedIn)),
        or(eq(ledgerEntries.reference, base), like(ledgerEntries.reference, `${base}:%`)),
      ),
    )
    .groupBy(ledgerEntries.reference);
  const has = (reference: string) => moved.some((m) => m.reference === reference);
  const revisions = moved.filter((m) => m.reference.startsWith(`${base}:revision:`)).reduce((n, m) => n + m.amount, 0);
  const voided = moved.find((m) => m.reference === `${base}:void`);
  let issued = false;
  let paid = false;
  if (!has(base) && (invoice.status !== "void" || voided)) {
    // Open, paid or uncollectible: the amount it stands at now; void: the amount its void reversed.
    const standing = voided ? -voided.amount : invoice.amount;
    const entry = invoiceIssuedEntry({
      invoiceNumber: invoice.number,
      orderNumber: row.orderNumber,
      amount: standing - revisions,
      currency: invoice.currency,
      settlement,
    });
    issued = await post(tx, entry, invoice.issuedAt);
  }
  if (invoice.status === "paid" && !has(`${base}:paid`)) {
    const entry = invoicePaidEntry({
      invoiceNumber: invoice.number,
      amount: invoice.amountPaid > 0 ? invoice.amountPaid : invoice.amount,
      currency: invoice.currency,
      method: invoice.provider === "stripe" ? "Stripe" : "bank transfer",
      settlement,
    });
    paid = await post(tx, entry, invoice.paidAt ?? invoice.issuedAt);
  }
  return { number: invoice.number, issued, paid };
}

async function post(tx: Executor, entry: LedgerEntryInput, at: Date) {
  if (entry.lines.every((l) => l.amount === 0)) return false;
  const posted = await postEntry(tx, { ...entry, memo: `${entry.memo} (booked by the receivables backfill)` });
  if (posted.entryId) await tx.update(ledgerEntries).set({ at }).where(eq(ledgerEntries.id, posted.entryId));
  return posted.created;
}
