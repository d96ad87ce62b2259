/**
 * Wholesale invoices: one per net-terms order, numbered INV-10001…, due 30 or 60 days after the
 * order. With Stripe configured the invoice is collected through Stripe Invoicing (a job pushes it
 * after the order commits; Stripe's `invoice.paid` webhook marks it paid); otherwise it is a local
 * invoice paid by bank transfer and marked paid by finance. Buyers get an email when it is issued
 * and a reminder at most weekly once it is overdue.
 */
import { and, asc, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { audit } from "~/domain/audit/index.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { invoiceIssuedEntry, invoicePaidEntry } from "~/domain/ledger";
import { dateLocaleOfCountry } from "~/domain/markets";
import { postEntry } from "~/domain/ledger/index.server";
import { queueEmail } from "~/domain/notifications/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import {
  balanceOf,
  daysOverdue,
  displayStatus,
  dueDateFor,
  invoiceTotals,
  isNetTerms,
  isoDay,
  REMINDER_SPACING_DAYS,
  reminderDedupeKey,
  reminderDue,
  TERMS_DAYS,
  termsLabel,
  type InvoiceDisplayStatus,
  type InvoiceTotals,
} from "./invoices";
import { pushInvoiceToStripe, stripeClient } from "./invoices-stripe.server";

const { invoices, orders, orderLines, wholesaleOrders, retailers, buyerUsers, retailerLocations } = schema;

export const PUSH_INVOICE_TASK = "wholesale_invoice_stripe" as const;
export const REMINDERS_TASK = "wholesale_invoice_reminders" as const;
/** Daily at 16:00 UTC (09:00 in California, where most buyers are). */
export const INVOICE_CRONTAB = `0 16 * * * ${REMINDERS_TASK} ?jobKey=${REMINDERS_TASK}`;

export const invoicePdfUrl = (number: string) => new URL(`/wholesale/invoices/${number}.pdf`, env().PUBLIC_URL).toString();
const invoicesUrl = () => new URL("/wholesale/invoices", env().PUBLIC_URL).toString();

export type CreatedInvoice = {
  id: number;
  number: string;
  amount: number;
  currency: string;
  dueDate: string;
  provider: "stripe" | "local";
  created: boolean;
};

/**
 * The invoice of a net-terms wholesale order, inside the order's transaction (W1's placeOrder calls
 * this). Card orders get none (null). Calling it twice returns the first invoice. With Stripe the
 * push is a job enqueued here, so it runs only if the order commits.
 */
export async function createInvoiceForOrder(tx: Executor, orderId: number): Promise<CreatedInvoice | null> {
  // Serialises two callers for the same order: the second finds the first's invoice.
  const [order] = await tx
    .select({
      id: orders.id,
      number: orders.number,
      total: orders.total,
      currency: orders.currency,
      settlement: { currency: orders.settlementCurrency, ratePpm: orders.settlementRatePpm },
      placedAt: orders.placedAt,
      email: orders.email,
      retailerId: wholesaleOrders.retailerId,
      terms: wholesaleOrders.paymentTerms,
      poNumber: wholesaleOrders.poNumber,
    })
    .from(orders)
    .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, orders.id))
    .where(eq(orders.id, orderId))
    .for("update", { of: orders });
  if (!order) throw new Error(`createInvoiceForOrder: order ${orderId} is not a wholesale order`);
  if (!isNetTerms(order.terms)) return null;

  const [existing] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.orderId, orderId), sql`${invoices.status} <> 'void'`))
    .orderBy(asc(invoices.id))
    .limit(1);
  if (existing) {
    return {
      id: existing.id,
      number: existing.number,
      amount: existing.amount,
      currency: existing.currency,
      dueDate: existing.dueDate,
      provider: existing.provider as "stripe" | "local",
      created: false,
    };
  }

  const provider = paymentProvider().name === "stripe" && stripeClient() ? "stripe" : "local";
  const dueDate = dueDateFor(order.placedAt, order.terms);
  const [invoice] = await tx
    .insert(invoices)
    .values({
      number: sql`'INV-' || nextval('invoice_numbers')`,
      orderId: order.id,
      retailerId: order.retailerId,
      currency: order.currency,
      amount: order.total,
      dueDate,
      provider,
    })
    .returning({ id: invoices.id, number: invoices.number });
  await tx.insert(schema.orderEvents).values({
    orderId: order.id,
    type: "invoiced",
    actor: "system",
    data: { invoiceNumber: invoice.number, dueDate, amount: order.total, provider },
  });
  // The one receivable of this order: the 810 (EDI) and the PDF render this invoice, never a second one.
  await postEntry(
    tx,
    invoiceIssuedEntry({
      invoiceNumber: invoice.number,
      orderNumber: order.number,
      amount: order.total,
      currency: order.currency,
      settlement: order.settlement,
    }),
  );

  if (provider === "stripe") {
    // Stripe is called after commit; the job's keys make a retried push create nothing twice.
    await enqueueJob(tx, PUSH_INVOICE_TASK, { invoiceId: invoice.id }, { jobKey: `${PUSH_INVOICE_TASK}:${invoice.id}`, maxAttempts: 20 });
  } else {
    await queueIssuedEmails(tx, invoice.id, null);
  }
  return { id: invoice.id, number: invoice.number, amount: order.total, currency: order.currency, dueDate, provider, created: true };
}

/** Who hears about a retailer's invoices and shipments: its buyers who have signed up; the order's email if none has. */
export async function billingContacts(
  tx: Executor,
  retailerId: number,
  fallbackEmail: string,
): Promise<Array<{ email: string; name: string | null }>> {
  const buyers = await tx
    .select({ email: buyerUsers.email, name: buyerUsers.name })
    .from(buyerUsers)
    .where(and(eq(buyerUsers.retailerId, retailerId), isNotNull(buyerUsers.passwordHash)))
    .orderBy(asc(buyerUsers.id));
  return buyers.length ? buyers : [{ email: fallbackEmail, name: null }];
}

type InvoiceContext = NonNullable<Awaited<ReturnType<typeof invoiceContext>>>;

async function invoiceContext(tx: Executor, invoiceId: number) {
  const [row] = await tx
    .select({
      invoice: invoices,
      orderNumber: orders.number,
      orderEmail: orders.email,
      poNumber: wholesaleOrders.poNumber,
      terms: wholesaleOrders.paymentTerms,
      retailerName: retailers.name,
      retailerId: retailers.id,
      retailerCountry: retailers.country,
    })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, invoices.orderId))
    .innerJoin(retailers, eq(retailers.id, invoices.retailerId))
    .where(eq(invoices.id, invoiceId));
  return row ?? null;
}

async function queueIssuedEmails(tx: Executor, invoiceId: number, payUrl: string | null, context?: InvoiceContext) {
  const row = context ?? (await invoiceContext(tx, invoiceId));
  if (!row) return;
  for (const contact of await billingContacts(tx, row.retailerId, row.orderEmail)) {
    await queueEmail(tx, {
      template: "invoice-issued",
      to: contact.email,
      dedupeKey: `invoice-issued:${row.invoice.number}:${contact.email.toLowerCase()}`,
      props: {
        invoiceNumber: row.invoice.number,
        orderNumber: row.orderNumber,
        poNumber: row.poNumber,
        retailerName: row.retailerName,
        buyerName: contact.name?.split(" ")[0] || undefined,
        currency: row.invoice.currency,
        amount: row.invoice.amount,
        dueDate: row.invoice.dueDate,
        termsLabel: termsLabel(row.terms),
        pdfUrl: invoicePdfUrl(row.invoice.number),
        invoicesUrl: invoicesUrl(),
        payUrl: payUrl ?? undefined,
        locale: dateLocaleOfCountry(row.retailerCountry),
      },
    });
  }
}

/**
 * The job: pushes one invoice to Stripe (customer, draft, items, finalize, send), then emails the
 * buyers. Anything but an open Stripe invoice is left alone; a retry resumes from the saved id.
 */
export async function pushStripeInvoice(invoiceId: number): Promise<"pushed" | "skipped"> {
  const stripe = stripeClient();
  const context = await invoiceContext(db, invoiceId);
  if (!stripe || !context || context.invoice.provider !== "stripe" || context.invoice.status !== "open") return "skipped";
  const { invoice } = context;
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, invoice.orderId)).orderBy(asc(orderLines.id));
  const [order] = await db.select().from(orders).where(eq(orders.id, invoice.orderId));
  const [contact] = await billingContacts(db, context.retailerId, context.orderEmail);
  const items = [
    ...lines.map((l) => ({ key: `line:${l.id}`, description: `${l.title} (${l.sku}) × ${l.quantity}`, amount: l.total })),
    ...(order.shippingTotal ? [{ key: "shipping", description: "Shipping", amount: order.shippingTotal }] : []),
    ...(order.taxTotal ? [{ key: "tax", description: "Tax", amount: order.taxTotal }] : []),
    ...(order.discountTotal ? [{ key: "discount", description: "Discount", amount: -order.discountTotal }] : []),
  ];
  const pushed = await pushInvoiceToStripe(
    stripe,
    {
      invoiceId: invoice.id,
      number: invoice.number,
      currency: invoice.currency,
      daysUntilDue: TERMS_DAYS[isNetTerms(context.terms) ? context.terms : "net30"],
      retailer: { id: context.retailerId, name: context.retailerName, email: contact.email },
      orderNumber: context.orderNumber,
      poNumber: context.poNumber,
      items,
    },
    invoice.providerRef,
    async (ref) => {
      await db
        .update(invoices)
        .set({ providerRef: ref })
        .where(and(eq(invoices.id, invoice.id), sql`${invoices.providerRef} is null`));
    },
  );
  await db.transaction(async (tx) => {
    await tx
      .update(invoices)
      .set({ providerRef: pushed.providerRef })
      .where(and(eq(invoices.id, invoice.id), sql`${invoices.providerRef} is null`));
    await queueIssuedEmails(tx, invoice.id, pushed.hostedUrl, context);
  });
  return "pushed";
}

export const pushStripeInvoiceTask: Task = async (payload, helpers) => {
  const { invoiceId } = z.object({ invoiceId: z.number().int().positive() }).parse(payload);
  const result = await pushStripeInvoice(invoiceId);
  helpers.logger.debug(`${PUSH_INVOICE_TASK} ${invoiceId}: ${result}`);
};

// ---------------------------------------------------------------------------------------------
// Payment

/** The part of Stripe's invoice object `invoice.paid` carries that we read. */
export const stripePaidInvoiceSchema = z.object({
  id: z.string().min(1),
  amount_paid: z.number().int().nonnegative(),
  currency: z.string().optional(),
  status: z.string().optional(),
  status_transitions: z.object({ paid_at: z.number().int().nullable().optional() }).partial().nullable().optional(),
  metadata: z.record(z.string()).nullable().optional(),
});
export type StripePaidInvoice = z.infer<typeof stripePaidInvoiceSchema>;

/**
 * Stripe says an invoice is paid. Idempotent and safe out of order: only an invoice not yet paid
 * moves; one whose push has not saved its id yet is found by our id in the metadata. Invoices
 * made outside the portal (no match) are ignored.
 */
export async function markStripeInvoicePaid(tx: Executor, paid: StripePaidInvoice): Promise<{ number: string } | null> {
  const ourId = Number(paid.metadata?.invoiceId);
  const match =
    Number.isInteger(ourId) && ourId > 0
      ? sql`(${invoices.providerRef} = ${paid.id} or (${invoices.id} = ${ourId} and ${invoices.provider} = 'stripe' and ${invoices.providerRef} is null))`
      : sql`${invoices.providerRef} = ${paid.id}`;
  const paidAt = paid.status_transitions?.paid_at ? new Date(paid.status_transitions.paid_at * 1000) : new Date();
  const [row] = await tx
    .update(invoices)
    .set({ status: "paid", amountPaid: paid.amount_paid, paidAt, providerRef: paid.id })
    .where(and(match, sql`${invoices.status} <> 'paid'`))
    .returning({ id: invoices.id, number: invoices.number, orderId: invoices.orderId, currency: invoices.currency });
  if (!row) return null;
  await settleOrder(tx, row.orderId, row.number, "stripe");
  if (paid.amount_paid > 0)
    await postEntry(
      tx,
      invoicePaidEntry({
        invoiceNumber: row.number,
        amount: paid.amount_paid,
        currency: row.currency,
        method: "Stripe",
        settlement: await orderSettlement(tx, row.orderId),
      }),
    );
  return { number: row.number };
}

/** The order's settlement (USD and the rate it was placed at): what its invoice's ledger entries are booked in. */
export async function orderSettlement(executor: Executor, orderId: number) {
  const [row] = await executor
    .select({ currency: orders.settlementCurrency, ratePpm: orders.settlementRatePpm })
    .from(orders)
    .where(eq(orders.id, orderId));
  return row ?? null;
}

async function settleOrder(tx: Executor, orderId: number, invoiceNumber: string, actor: string) {
  await tx
    .update(orders)
    .set({ paymentStatus: "paid" })
    .where(and(eq(orders.id, orderId), eq(orders.paymentStatus, "on_terms")));
  await tx.insert(schema.orderEvents).values({ orderId, type: "invoice_paid", actor, data: { invoiceNumber } });
}

export type MarkPaidResult = { ok: true; message: string; duplicate: boolean } | { ok: false; status: 404 | 409; message: string };

/** Finance records a bank transfer against a local invoice: paid in full, audited, once. */
export async function markInvoicePaidLocally(input: { number: string; actor: string; reference: string }): Promise<MarkPaidResult> {
  return db.transaction(async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.number, input.number)).for("update");
    if (!invoice) return { ok: false, status: 404, message: `There is no invoice ${input.number}.` } as const;
    if (invoice.status === "paid") return { ok: true, duplicate: true, message: `${invoice.number} is already paid.` } as const;
    if (invoice.provider === "stripe") {
      return {
        ok: false,
        status: 409,
        message: `${invoice.number} is collected by Stripe. Record the transfer in Stripe ("paid out of band"); its webhook marks the invoice paid here.`,
      } as const;
    }
    if (invoice.status !== "open")
      return {
        ok: false,
        status: 409,
        message: `${invoice.number} is ${invoice.status}; only an open invoice can be marked paid.`,
      } as const;
    await tx.update(invoices).set({ status: "paid", amountPaid: invoice.amount, paidAt: sql`now()` }).where(eq(invoices.id, invoice.id));
    await settleOrder(tx, invoice.orderId, invoice.number, input.actor);
    await postEntry(
      tx,
      invoicePaidEntry({
        invoiceNumber: invoice.number,
        amount: invoice.amount,
        currency: invoice.currency,
        method: "bank transfer",
        settlement: await orderSettlement(tx, invoice.orderId),
      }),
    );
    await audit(tx, {
      actor: input.actor,
      action: "invoice.mark_paid",
      subject: `invoice:${invoice.number}`,
      data: { amount: invoice.amount, currency: invoice.currency, method: "bank_transfer", reference: input.reference },
    });
    return {
      ok: true,
      duplicate: false,
      message: `${invoice.number} is marked paid (bank transfer${input.reference ? ` ${input.reference}` : ""}).`,
    } as const;
  });
}

/** One invoice for the finance page, whoever's it is (staff only). */
export async function invoiceForStaff(number: string) {
  const [row] = await db
    .select({
      invoice: invoices,
      orderNumber: orders.number,
      poNumber: wholesaleOrders.poNumber,
      retailerName: retailers.name,
      settlementCurrency: orders.settlementCurrency,
      settlementRatePpm: orders.settlementRatePpm,
    })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, invoices.orderId))
    .innerJoin(retailers, eq(retailers.id, invoices.retailerId))
    .where(eq(invoices.number, number));
  if (!row) return null;
  const today = isoDay(new Date());
  const { settlementCurrency, settlementRatePpm, ...rest } = row;
  // An invoice in the retailer's currency: the USD the ledger books it at, at the order's rate (0025).
  const settlement =
    settlementRatePpm && settlementCurrency !== row.invoice.currency ? { currency: settlementCurrency, ratePpm: settlementRatePpm } : null;
  return { ...rest, settlement, displayStatus: displayStatus(row.invoice, today), balance: balanceOf(row.invoice) };
}

/**
 * The wholesale side of one order as operations see it on the order's page: the retailer, its PO, ship
 * window and ship-to, the terms, and the order's invoices with what is still owed. Null for an order
 * that is not wholesale.
 */
export async function wholesaleSideOfOrder(orderNumber: string) {
  const [side] = await db
    .select({
      orderId: orders.id,
      retailerId: retailers.id,
      retailerName: retailers.name,
      poNumber: wholesaleOrders.poNumber,
      terms: wholesaleOrders.paymentTerms,
      shipWindowStart: wholesaleOrders.shipWindowStart,
      shipWindowEnd: wholesaleOrders.shipWindowEnd,
      allowanceBps: wholesaleOrders.allowanceBps,
      freightCharge: wholesaleOrders.freightCharge,
      buyer: buyerUsers.name,
      buyerEmail: buyerUsers.email,
      location: retailerLocations.name,
      locationCity: retailerLocations.city,
    })
    .from(wholesaleOrders)
    .innerJoin(orders, eq(orders.id, wholesaleOrders.orderId))
    .innerJoin(retailers, eq(retailers.id, wholesaleOrders.retailerId))
    .leftJoin(buyerUsers, and(eq(buyerUsers.id, wholesaleOrders.buyerId), eq(buyerUsers.retailerId, wholesaleOrders.retailerId)))
    .leftJoin(retailerLocations, eq(retailerLocations.id, wholesaleOrders.retailerLocationId))
    .where(eq(orders.number, orderNumber));
  if (!side) return null;
  const rows = await db.select().from(invoices).where(eq(invoices.orderId, side.orderId)).orderBy(asc(invoices.id));
  const today = isoDay(new Date());
  const { orderId: _orderId, terms, ...rest } = side;
  return {
    ...rest,
    terms: termsLabel(terms),
    invoices: rows.map((invoice) => ({
      number: invoice.number,
      currency: invoice.currency,
      amount: invoice.amount,
      balance: balanceOf(invoice),
      dueDate: invoice.dueDate,
      status: displayStatus(invoice, today),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Overdue reminders

/**
 * The daily job: emails each buyer of every open invoice past its due date, at most once every seven
 * days per invoice (last_reminder_at, checked again under the row lock), with a dedupe key per
 * invoice, recipient and day. Returns how many invoices were reminded.
 */
export async function sendOverdueReminders(now = new Date()): Promise<number> {
  const today = isoDay(now);
  const cutoff = new Date(now.getTime() - REMINDER_SPACING_DAYS * 86_400_000);
  const due = sql`${invoices.status} = 'open' and ${invoices.dueDate} < ${today} and (${invoices.lastReminderAt} is null or ${invoices.lastReminderAt} <= ${cutoff.toISOString()}::timestamptz)`;
  let reminded = 0;
  let afterId = 0;
  for (;;) {
    const batch = await db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(due, sql`${invoices.id} > ${afterId}`))
      .orderBy(asc(invoices.id))
      .limit(200);
    if (!batch.length) break;
    afterId = batch[batch.length - 1].id;
    for (const { id } of batch) {
      const sent = await db.transaction(async (tx) => {
        // Another worker on the same invoice skips it; the condition is read again under the lock.
        const [invoice] = await tx
          .select()
          .from(invoices)
          .where(and(eq(invoices.id, id), due))
          .for("update", { skipLocked: true });
        if (!invoice || !reminderDue(invoice, now)) return false;
        const context = (await invoiceContext(tx, id))!;
        for (const contact of await billingContacts(tx, context.retailerId, context.orderEmail)) {
          await queueEmail(tx, {
            template: "invoice-overdue",
            to: contact.email,
            dedupeKey: reminderDedupeKey(invoice.number, contact.email, now),
            props: {
              invoiceNumber: invoice.number,
              poNumber: context.poNumber,
              retailerName: context.retailerName,
              buyerName: contact.name?.split(" ")[0] || undefined,
              currency: invoice.currency,
              balance: balanceOf(invoice),
              dueDate: invoice.dueDate,
              daysOverdue: daysOverdue(invoice, today),
              pdfUrl: invoicePdfUrl(invoice.number),
              invoicesUrl: invoicesUrl(),
              locale: dateLocaleOfCountry(context.retailerCountry),
            },
          });
        }
        await tx.update(invoices).set({ lastReminderAt: now }).where(eq(invoices.id, id));
        return true;
      });
      if (sent) reminded += 1;
    }
  }
  return reminded;
}

export const invoiceRemindersTask: Task = async (_payload, helpers) => {
  const reminded = await sendOverdueReminders();
  helpers.logger.info(`${REMINDERS_TASK}: reminded ${reminded} overdue invoices`);
};

/** The tasks this module runs, for the worker's task list. */
export function invoiceTasks(): Record<typeof PUSH_INVOICE_TASK | typeof REMINDERS_TASK, Task> {
  return { [PUSH_INVOICE_TASK]: pushStripeInvoiceTask, [REMINDERS_TASK]: invoiceRemindersTask };
}

// ---------------------------------------------------------------------------------------------
// The buyer's view

export type InvoiceListRow = {
  number: string;
  orderNumber: string;
  poNumber: string;
  currency: string;
  amount: number;
  amountPaid: number;
  balance: number;
  status: InvoiceDisplayStatus;
  issuedAt: string;
  dueDate: string;
  paidAt: string | null;
  daysOverdue: number;
};

export type InvoiceList = {
  rows: InvoiceListRow[];
  totals: InvoiceTotals & { currency: string };
  page: number;
  pageCount: number;
  total: number;
};

/** One retailer's invoices, newest first, with its open and overdue balances (all pages). */
export async function listRetailerInvoices(
  retailerId: number,
  options: { page: number; perPage?: number; now?: Date },
): Promise<InvoiceList> {
  const perPage = options.perPage ?? 25;
  const today = isoDay(options.now ?? new Date());
  const [rows, [{ total }], open] = await Promise.all([
    db
      .select({ invoice: invoices, orderNumber: orders.number, poNumber: wholesaleOrders.poNumber })
      .from(invoices)
      .innerJoin(orders, eq(orders.id, invoices.orderId))
      .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, invoices.orderId))
      .where(eq(invoices.retailerId, retailerId))
      .orderBy(desc(invoices.issuedAt), desc(invoices.id))
      .limit(perPage)
      .offset((options.page - 1) * perPage),
    db.select({ total: count() }).from(invoices).where(eq(invoices.retailerId, retailerId)),
    db
      .select({
        status: invoices.status,
        amount: invoices.amount,
        amountPaid: invoices.amountPaid,
        dueDate: invoices.dueDate,
        currency: invoices.currency,
      })
      .from(invoices)
      .where(and(eq(invoices.retailerId, retailerId), eq(invoices.status, "open"))),
  ]);
  return {
    rows: rows.map(({ invoice, orderNumber, poNumber }) => ({
      number: invoice.number,
      orderNumber,
      poNumber,
      currency: invoice.currency,
      amount: invoice.amount,
      amountPaid: invoice.amountPaid,
      balance: balanceOf(invoice),
      status: displayStatus(invoice, today),
      issuedAt: invoice.issuedAt.toISOString(),
      dueDate: invoice.dueDate,
      paidAt: invoice.paidAt?.toISOString() ?? null,
      daysOverdue: daysOverdue(invoice, today),
    })),
    totals: { ...invoiceTotals(open, today), currency: open[0]?.currency ?? "USD" },
    page: options.page,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
    total,
  };
}

export type InvoiceDocument = {
  number: string;
  status: InvoiceDisplayStatus;
  currency: string;
  amount: number;
  amountPaid: number;
  balance: number;
  issuedAt: Date;
  dueDate: string;
  paidAt: Date | null;
  terms: string;
  termsLabel: string;
  orderNumber: string;
  poNumber: string;
  placedAt: Date;
  /** How the retailer reads dates: its country's market locale (a UK store "16 March 2026"). */
  locale: string;
  billTo: { name: string; lines: string[]; taxId: string | null; email: string };
  shipTo: string[];
  lines: Array<{ sku: string; title: string; quantity: number; unitPrice: number; total: number }>;
  totals: { subtotal: number; discountTotal: number; shippingTotal: number; taxTotal: number; total: number };
};

/** Everything the invoice PDF prints; null unless the invoice is this retailer's. */
export async function invoiceDocument(retailerId: number, number: string, now = new Date()): Promise<InvoiceDocument | null> {
  const [row] = await db
    .select({ invoice: invoices, order: orders, wholesale: wholesaleOrders, retailer: retailers })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, invoices.orderId))
    .innerJoin(retailers, eq(retailers.id, invoices.retailerId))
    .where(and(eq(invoices.number, number), eq(invoices.retailerId, retailerId)));
  if (!row) return null;
  const [lines, location, [billing]] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, row.order.id)).orderBy(asc(orderLines.id)),
    row.wholesale.retailerLocationId
      ? db
          .select()
          .from(retailerLocations)
          .where(and(eq(retailerLocations.id, row.wholesale.retailerLocationId), eq(retailerLocations.retailerId, retailerId)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    billingContacts(db, retailerId, row.order.email),
  ]);
  const { invoice, order, retailer } = row;
  return {
    number: invoice.number,
    status: displayStatus(invoice, isoDay(now)),
    currency: invoice.currency,
    amount: invoice.amount,
    amountPaid: invoice.amountPaid,
    balance: balanceOf(invoice),
    issuedAt: invoice.issuedAt,
    dueDate: invoice.dueDate,
    paidAt: invoice.paidAt,
    terms: row.wholesale.paymentTerms,
    termsLabel: termsLabel(row.wholesale.paymentTerms),
    orderNumber: order.number,
    poNumber: row.wholesale.poNumber,
    placedAt: order.placedAt,
    locale: dateLocaleOfCountry(retailer.country),
    billTo: {
      name: retailer.name,
      lines: [retailer.contactName, [retailer.city, retailer.country].filter(Boolean).join(", ")].filter((l): l is string => Boolean(l)),
      taxId: retailer.taxId,
      email: billing.email,
    },
    shipTo: location ? locationLines(location) : order.shippingAddress ? addressLines(order.shippingAddress) : [retailer.name],
    lines: lines.map((l) => ({ sku: l.sku, title: l.title, quantity: l.quantity, unitPrice: l.unitPrice, total: l.total })),
    totals: {
      subtotal: order.subtotal,
      discountTotal: order.discountTotal,
      shippingTotal: order.shippingTotal,
      taxTotal: order.taxTotal,
      total: order.total,
    },
  };
}

export function locationLines(l: typeof retailerLocations.$inferSelect): string[] {
  return [l.name, l.line1, l.line2, [l.city, l.region, l.postalCode].filter(Boolean).join(", "), l.country].filter((s): s is string =>
    Boolean(s),
  );
}

export function addressLines(a: schema.Address): string[] {
  return [a.name, a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(", "), a.country].filter((s): s is string =>
    Boolean(s),
  );
}

/** Invoices of one order (for the order page's link), this retailer's only. */
export async function invoicesOfOrder(retailerId: number, orderId: number) {
  const rows = await db
    .select({
      number: invoices.number,
      status: invoices.status,
      dueDate: invoices.dueDate,
      amount: invoices.amount,
      amountPaid: invoices.amountPaid,
      currency: invoices.currency,
    })
    .from(invoices)
    .where(and(eq(invoices.orderId, orderId), eq(invoices.retailerId, retailerId)))
    .orderBy(asc(invoices.id));
  const today = isoDay(new Date());
  return rows.map((r) => ({ ...r, status: displayStatus(r, today), balance: balanceOf(r) }));
}
