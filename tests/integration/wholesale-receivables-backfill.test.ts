/**
 * Invoices issued before migration 0034 had no receivable in the ledger. `backfillInvoiceReceivables`
 * (run by `npm start` after migrating) books one for each: an open invoice ends with exactly its
 * amount receivable, a paid one settled, a void one at nothing, whatever the ledger already held for
 * it (an 860's revision, a void); a second run books nothing. "The old way" here is an invoice placed
 * as the portal does, then stripped of the entries the old code never wrote.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createRetailer } from "#db/seed/factories";
import { ACCOUNT_CODES, invoiceRevisedEntry } from "~/domain/ledger";
import { postEntry, trialBalance } from "~/domain/ledger/index.server";
import { cancelOrder } from "~/domain/orders/index.server";
import { backfillInvoiceReceivables, markInvoicePaidLocally } from "~/domain/wholesale/index.server";
import { db, schema } from "~/lib/db.server";
import { placeWholesaleOrder } from "./wholesale-invoice-support";

let retailerId: number;
let buyer: { id: number; email: string };
let brass: number;

beforeAll(async () => {
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const product = await createProduct(db, {
    title: "Maasai Brass Hoops",
    status: "active",
    variants: [{ sku: "EAR-BRS-HOOP", price: 4800, wholesalePrice: 2400 }],
  });
  brass = product.variants[0].id;
  const created = await createRetailer(db, {
    name: "Juniper & Gold",
    paymentTerms: "net30",
    creditLimit: 50_000_000,
    buyer: { email: "maya@juniper.test", name: "Maya Chen" },
  });
  retailerId = created.retailer.id;
  buyer = { id: created.buyer!.id, email: created.buyer!.email };
});

const place = async (quantity: number) => {
  const placed = await placeWholesaleOrder({ retailerId, buyer, terms: "net30", lines: [{ variantId: brass, quantity, unitPrice: 2400 }] });
  return { ...placed, invoice: placed.invoice! };
};

/** Takes an invoice back to before 0034: the ledger forgets the named entries of it. */
const forget = (references: string[]) => db.delete(schema.ledgerEntries).where(inArray(schema.ledgerEntries.reference, references));

/** The receivables account's lines of one invoice: entry kind and amount, oldest first. */
const receivable = (invoiceNumber: string) =>
  db
    .select({ kind: schema.ledgerEntries.kind, amount: schema.ledgerLines.amount })
    .from(schema.ledgerLines)
    .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
    .innerJoin(schema.ledgerEntries, eq(schema.ledgerEntries.id, schema.ledgerLines.entryId))
    .where(
      sql`${schema.ledgerAccounts.code} = ${ACCOUNT_CODES.receivables("USD")} and ${schema.ledgerEntries.reference} like ${`invoice:${invoiceNumber}%`}`,
    )
    .orderBy(schema.ledgerEntries.kind, schema.ledgerLines.id);

describe("booking the receivables of invoices issued before 0034", () => {
  it("open, paid, revised and void invoices each end with what they should hold, once, and the books balance", async () => {
    // Open, never booked.
    const open = await place(10);
    await forget([`invoice:${open.invoice.number}`]);

    // Paid by bank transfer before 0034: neither the issue nor the payment booked.
    const paid = await place(12);
    expect(await markInvoicePaidLocally({ number: paid.invoice.number, actor: "staff:1", reference: "WIRE-1" })).toMatchObject({
      ok: true,
    });
    await forget([`invoice:${paid.invoice.number}`, `invoice:${paid.invoice.number}:paid`]);

    // Issued before 0034, revised by an 860 after it (+2 pairs): only the revision is in the ledger.
    const revised = await place(14);
    await forget([`invoice:${revised.invoice.number}`]);
    const to = revised.invoice.amount + 2 * 2400;
    await db.update(schema.invoices).set({ amount: to }).where(eq(schema.invoices.id, revised.invoice.id));
    await postEntry(
      db,
      invoiceRevisedEntry({ invoiceNumber: revised.invoice.number, revision: 1, from: revised.invoice.amount, to, currency: "USD" })!,
    );

    // Issued before 0034, voided by a cancel after it: only the void is in the ledger.
    const voided = await place(16);
    expect(await cancelOrder({ number: voided.number, actor: "staff:1", reason: "Season closed" })).toMatchObject({ ok: true });
    await forget([`invoice:${voided.invoice.number}`]);

    // Voided before 0034: the ledger never knew it, and needs nothing.
    const untouched = await place(18);
    expect(await cancelOrder({ number: untouched.number, actor: "staff:1", reason: "Season closed" })).toMatchObject({ ok: true });
    await forget([`invoice:${untouched.invoice.number}`, `invoice:${untouched.invoice.number}:void`]);

    // An invoice issued since 0034 is already booked and stays as it is.
    const recent = await place(20);

    const first = await backfillInvoiceReceivables();
    expect(first.issued.sort()).toEqual([open, paid, revised, voided].map((p) => p.invoice.number).sort());
    expect(first.paid).toEqual([paid.invoice.number]);

    expect(await receivable(open.invoice.number)).toEqual([{ kind: "invoice_issued", amount: 10 * 2400 }]);
    expect(await receivable(paid.invoice.number)).toEqual([
      { kind: "invoice_issued", amount: 12 * 2400 },
      { kind: "invoice_paid", amount: -12 * 2400 },
    ]);
    expect(await receivable(revised.invoice.number)).toEqual([
      { kind: "invoice_issued", amount: 14 * 2400 },
      { kind: "invoice_revised", amount: 2 * 2400 },
    ]);
    expect(await receivable(voided.invoice.number)).toEqual([
      { kind: "invoice_issued", amount: 16 * 2400 },
      { kind: "invoice_voided", amount: -16 * 2400 },
    ]);
    expect(await receivable(untouched.invoice.number)).toEqual([]);
    expect(await receivable(recent.invoice.number)).toEqual([{ kind: "invoice_issued", amount: 20 * 2400 }]);

    // The backfilled entries carry the invoice's own date and say where they came from.
    const [entry] = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.reference, `invoice:${open.invoice.number}`));
    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.id, open.invoice.id));
    expect(entry.at).toEqual(invoice.issuedAt);
    expect(entry.memo).toContain("backfill");

    // Receivable = what the open invoices owe: 10 + 16 pairs (the revised one) + the recent 20.
    const balance = await trialBalance();
    expect(balance.accounts.find((a) => a.code === ACCOUNT_CODES.receivables("USD"))!.balance).toBe((10 + 16 + 20) * 2400);
    expect(balance.totals.USD).toBe(0);

    // Idempotent: a second start books nothing.
    expect(await backfillInvoiceReceivables()).toEqual({ issued: [], paid: [] });
    expect(await receivable(open.invoice.number)).toHaveLength(1);
  });
});
