/**
 * Wholesale card orders placed before their sale was booked with them have no ledger entry.
 * `backfillWholesaleCardSales` (run by `npm start` after migrating) books each once, at the order's
 * own rate with the retailer's money beside; terms orders (their invoice is their entry) and orders
 * already booked are left alone, and a second run, or two at once, books nothing more. "The old way"
 * here is a card order committed as the portal did, with no ledger entry.
 */
import { eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createRetailer } from "#db/seed/factories";
import { backfillWholesaleCardSales } from "~/domain/wholesale/index.server";
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
    variants: [{ sku: "EAR-BRS-OLD", price: 4800, wholesalePrice: 2400 }],
  });
  brass = product.variants[0].id;
  const created = await createRetailer(db, { name: "Old Card Store", paymentTerms: "net30", creditLimit: 50_000_000 });
  retailerId = created.retailer.id;
  buyer = { id: created.buyer!.id, email: created.buyer!.email };
});

const entriesOf = (orderNumber: string) =>
  db
    .select()
    .from(schema.ledgerEntries)
    .where(like(schema.ledgerEntries.reference, `sale:${orderNumber}%`));

describe("backfillWholesaleCardSales", () => {
  it("books each earlier card order's sale once, leaves terms orders alone, and books nothing the second time", async () => {
    const card = await placeWholesaleOrder({
      retailerId,
      buyer,
      terms: "card",
      lines: [{ variantId: brass, quantity: 10, unitPrice: 2400 }],
    });
    const terms = await placeWholesaleOrder({
      retailerId,
      buyer,
      terms: "net30",
      lines: [{ variantId: brass, quantity: 5, unitPrice: 2400 }],
    });
    expect(await entriesOf(card.number)).toHaveLength(0);

    const [first, second] = await Promise.all([backfillWholesaleCardSales(), backfillWholesaleCardSales()]);
    expect([...first, ...second]).toEqual([card.number]);
    const [entry] = await entriesOf(card.number);
    expect(entry).toMatchObject({ kind: "wholesale_card_sale" });
    const lines = await db.execute<{ code: string; amount: number }>(sql`
      select a.code, l.amount from ledger_lines l join ledger_accounts a on a.id = l.account_id where l.entry_id = ${entry.id} order by l.id`);
    expect(lines.map((l) => [l.code, Number(l.amount)])).toEqual([
      ["soko:wholesale_receipts:USD", 24_000],
      ["soko:wholesale_sales:USD", -24_000],
    ]);
    expect(await entriesOf(terms.number)).toHaveLength(0);
    expect(await backfillWholesaleCardSales()).toEqual([]);
    expect(await db.$count(schema.ledgerEntries, eq(schema.ledgerEntries.kind, "wholesale_card_sale"))).toBe(1);
  });
});
