/**
 * A terms order whose lines changed after it was placed (a retailer's 860) keeps one invoice: its
 * amount follows the order's total while nothing has been paid on it and it has not gone to Stripe
 * (an invoice Stripe already holds is finalised there; that change waits for a person). The ledger's
 * receivable follows it by the difference.
 */
import { and, eq, sql } from "drizzle-orm";
import { invoiceRevisedEntry } from "~/domain/ledger";
import { postEntry } from "~/domain/ledger/index.server";
import { formatMoney } from "~/lib/money";
import { schema, type Executor } from "~/lib/db.server";

const { invoices, orders, orderEvents } = schema;

async function openInvoice(tx: Executor, orderId: number) {
  const [row] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.orderId, orderId), sql`${invoices.status} <> 'void'`))
    .for("update");
  return row ?? null;
}

/** Why the order's invoice can't follow a change of its lines, or null when it can (or there is none). */
export async function invoiceChangeRefusal(tx: Executor, orderId: number): Promise<string | null> {
  const invoice = await openInvoice(tx, orderId);
  if (!invoice) return null;
  if (invoice.status !== "open" || invoice.amountPaid > 0)
    return `Invoice ${invoice.number} is already ${invoice.amountPaid > 0 ? "partly paid" : invoice.status}; the order's lines can't change.`;
  if (invoice.provider === "stripe" && invoice.providerRef)
    return `Invoice ${invoice.number} is already with Stripe; change it there first.`;
  return null;
}

/** Sets the invoice's amount to the order's total (call after the lines changed, in the same transaction). */
export async function reviseInvoice(tx: Executor, orderId: number, actor: string) {
  const invoice = await openInvoice(tx, orderId);
  if (!invoice) return null;
  const [order] = await tx
    .select({
      total: orders.total,
      currency: orders.currency,
      settlement: { currency: orders.settlementCurrency, ratePpm: orders.settlementRatePpm },
    })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (order.total === invoice.amount) return invoice;
  await tx.update(invoices).set({ amount: order.total }).where(eq(invoices.id, invoice.id));
  const [event] = await tx
    .insert(orderEvents)
    .values({
      orderId,
      type: "invoice_revised",
      actor,
      data: {
        invoiceNumber: invoice.number,
        from: invoice.amount,
        to: order.total,
        words: `${formatMoney({ amount: invoice.amount, currency: order.currency })} → ${formatMoney({ amount: order.total, currency: order.currency })}`,
      },
    })
    .returning({ id: orderEvents.id });
  // The receivable follows the invoice: the difference, once per revision.
  const entry = invoiceRevisedEntry({
    invoiceNumber: invoice.number,
    revision: event.id,
    from: invoice.amount,
    to: order.total,
    currency: invoice.currency,
    settlement: order.settlement,
  });
  if (entry) await postEntry(tx, entry);
  return { ...invoice, amount: order.total };
}
