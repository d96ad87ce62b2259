/**
 * A cancelled terms order takes its invoice with it: an open, unpaid invoice is voided and its
 * receivable reversed in the ledger, once; one already partly paid stays open for finance, and the
 * cancellation says so. (Before, the invoice stayed open, counted in what the retailer owed, and the
 * books kept a receivable for goods that would never ship.)
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createRetailer } from "#db/seed/factories";
import { ACCOUNT_CODES } from "~/domain/ledger";
import { cancelOrder } from "~/domain/orders/index.server";
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
    creditLimit: 5_000_000,
    buyer: { email: "maya@juniper.test", name: "Maya Chen" },
  });
  retailerId = created.retailer.id;
  buyer = { id: created.buyer!.id, email: created.buyer!.email };
});

/** The receivables account's lines of one invoice, by entry kind. */
const receivable = (invoiceNumber: string) =>
  db
    .select({ kind: schema.ledgerEntries.kind, amount: schema.ledgerLines.amount })
    .from(schema.ledgerLines)
    .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
    .innerJoin(schema.ledgerEntries, eq(schema.ledgerEntries.id, schema.ledgerLines.entryId))
    .where(
      sql`${schema.ledgerAccounts.code} = ${ACCOUNT_CODES.receivables("USD")} and ${schema.ledgerEntries.reference} like ${`invoice:${invoiceNumber}%`}`,
    )
    .orderBy(schema.ledgerLines.id);

const place = () =>
  placeWholesaleOrder({ retailerId, buyer, terms: "net30", lines: [{ variantId: brass, quantity: 24, unitPrice: 2400 }], shipping: 2500 });

describe("cancelling a terms order", () => {
  it("voids its open, unpaid invoice and reverses the receivable, once; the books balance", async () => {
    const placed = await place();
    const invoice = placed.invoice!;
    expect(await receivable(invoice.number)).toEqual([{ kind: "invoice_issued", amount: 24 * 2400 + 2500 }]);

    const done = await cancelOrder({ number: placed.number, actor: "staff:1", reason: "Store closed the buying season" });
    expect(done.ok).toBe(true);
    if (done.ok) expect(done.message).toContain(`Invoice ${invoice.number} is void: the retailer owes nothing on it.`);

    const [row] = await db.select().from(schema.invoices).where(eq(schema.invoices.number, invoice.number));
    expect(row.status).toBe("void");
    const lines = await receivable(invoice.number);
    expect(lines).toEqual([
      { kind: "invoice_issued", amount: 24 * 2400 + 2500 },
      { kind: "invoice_voided", amount: -(24 * 2400 + 2500) },
    ]);
    // A second cancel is refused (the order is cancelled) and posts nothing more.
    const again = await cancelOrder({ number: placed.number, actor: "staff:1" });
    expect(again.ok).toBe(false);
    expect(await receivable(invoice.number)).toHaveLength(2);
    const [{ total }] = await db.execute<{ total: string }>(sql`select coalesce(sum(amount), 0)::text as total from ledger_lines`);
    expect(Number(total)).toBe(0);
    const audits = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `invoice:${invoice.number}`));
    expect(audits.map((a) => a.action)).toEqual(["invoice.void"]);
  });

  it("keeps a partly paid invoice open for finance, says so, and reverses nothing", async () => {
    const placed = await place();
    const invoice = placed.invoice!;
    await db.update(schema.invoices).set({ amountPaid: 10_000 }).where(eq(schema.invoices.number, invoice.number));

    const done = await cancelOrder({ number: placed.number, actor: "staff:1" });
    expect(done.ok).toBe(true);
    if (done.ok)
      expect(done.message).toContain(`Invoice ${invoice.number} is partly paid ($100.00), so it stays open for finance to settle.`);
    const [row] = await db.select().from(schema.invoices).where(eq(schema.invoices.number, invoice.number));
    expect(row.status).toBe("open");
    expect((await receivable(invoice.number)).map((l) => l.kind)).toEqual(["invoice_issued"]);
  });

  it("two cancels at once void the invoice once", async () => {
    const placed = await place();
    const results = await Promise.all([
      cancelOrder({ number: placed.number, actor: "staff:1" }),
      cancelOrder({ number: placed.number, actor: "staff:2" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await receivable(placed.invoice!.number)).map((l) => l.kind)).toEqual(["invoice_issued", "invoice_voided"]);
  });
});
