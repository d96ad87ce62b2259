/**
 * Invoice rules, pure: due dates from payment terms, what a buyer sees as the status (overdue is
 * computed, never stored), balances, and when an overdue reminder may go out. Dates are calendar
 * days (YYYY-MM-DD) in UTC, like every due date in the system.
 */

export type NetTerms = "net30" | "net60";
export type StoredInvoiceStatus = "open" | "paid" | "void" | "uncollectible";
export type InvoiceDisplayStatus = "open" | "overdue" | "paid" | "void";

const DAY_MS = 86_400_000;

/** Days a buyer has to pay on each of our terms. */
export const TERMS_DAYS: Record<NetTerms, number> = { net30: 30, net60: 60 };

/** At most one overdue reminder per invoice in this many days. */
export const REMINDER_SPACING_DAYS = 7;

export function isNetTerms(terms: string): terms is NetTerms {
  return terms === "net30" || terms === "net60";
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The due date of an invoice for an order placed at `placedAt` on `terms`: placed day + 30 or 60 days. */
export function dueDateFor(placedAt: Date, terms: NetTerms): string {
  const day = Date.UTC(placedAt.getUTCFullYear(), placedAt.getUTCMonth(), placedAt.getUTCDate());
  return isoDay(new Date(day + TERMS_DAYS[terms] * DAY_MS));
}

export function termsLabel(terms: string): string {
  return terms === "net30" ? "Net 30" : terms === "net60" ? "Net 60" : terms === "card" ? "Card" : terms;
}

export type InvoiceFacts = { status: StoredInvoiceStatus; amount: number; amountPaid: number; dueDate: string };

/** What is still owed: nothing once paid, voided or written off. */
export function balanceOf(invoice: Pick<InvoiceFacts, "status" | "amount" | "amountPaid">): number {
  if (invoice.status !== "open") return 0;
  return Math.max(0, invoice.amount - invoice.amountPaid);
}

/** An open invoice is overdue from the day after its due date. */
export function isOverdue(invoice: Pick<InvoiceFacts, "status" | "dueDate">, today: string): boolean {
  return invoice.status === "open" && today > invoice.dueDate;
}

export function daysOverdue(invoice: Pick<InvoiceFacts, "status" | "dueDate">, today: string): number {
  if (!isOverdue(invoice, today)) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${invoice.dueDate}T00:00:00Z`)) / DAY_MS);
}

/** The buyer's word for an invoice. A written-off invoice reads as void: nothing more is asked. */
export function displayStatus(invoice: Pick<InvoiceFacts, "status" | "dueDate">, today: string): InvoiceDisplayStatus {
  if (invoice.status === "paid") return "paid";
  if (invoice.status === "void" || invoice.status === "uncollectible") return "void";
  return isOverdue(invoice, today) ? "overdue" : "open";
}

/**
 * Whether the daily job may remind about this invoice now: open, past due, and no reminder in the
 * last seven days (a reminder sent at 09:00 one week allows the next from 09:00 seven days later).
 */
export function reminderDue(invoice: Pick<InvoiceFacts, "status" | "dueDate"> & { lastReminderAt: Date | null }, now: Date): boolean {
  if (!isOverdue(invoice, isoDay(now))) return false;
  if (!invoice.lastReminderAt) return true;
  return now.getTime() - invoice.lastReminderAt.getTime() >= REMINDER_SPACING_DAYS * DAY_MS;
}

/** The outbox key of one reminder: one per invoice, recipient and day, so a job run twice sends once. */
export function reminderDedupeKey(invoiceNumber: string, email: string, now: Date): string {
  return `invoice-overdue:${invoiceNumber}:${email.toLowerCase()}:${isoDay(now)}`;
}

export type InvoiceTotals = { open: number; overdue: number; count: { open: number; overdue: number } };

/** The open balance of a list of invoices (one currency), and how much of it is overdue. */
export function invoiceTotals(invoices: ReadonlyArray<InvoiceFacts>, today: string): InvoiceTotals {
  const totals: InvoiceTotals = { open: 0, overdue: 0, count: { open: 0, overdue: 0 } };
  for (const invoice of invoices) {
    const balance = balanceOf(invoice);
    if (balance === 0) continue;
    totals.open += balance;
    totals.count.open += 1;
    if (isOverdue(invoice, today)) {
      totals.overdue += balance;
      totals.count.overdue += 1;
    }
  }
  return totals;
}

/** INV-10001 and nothing else: what routes accept as an invoice number. */
export const INVOICE_NUMBER = /^INV-\d{1,12}$/;
