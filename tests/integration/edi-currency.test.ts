/**
 * An EDI partner that buys in pounds (docs/decisions/0025): its 850's prices are read in GBP against
 * its pound list, the 855 and the 810 say so with CUR*SE*GBP after BAK/BIG, the 810's TDS is the
 * pound invoice in pence, and the receivable is booked in USD at the order's rate with the pounds
 * beside. A PO that names another currency is held, nothing ordered.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { receiveInterchange, sendShipmentDocuments } from "~/domain/edi/index.server";
import { body850, envelope } from "~/domain/edi/samples";
import { markPacked, shipOrder } from "~/domain/orders/index.server";
import { db, schema } from "~/lib/db.server";
import { SOKO, STORE, UPC_STOCKED, daysFrom, documentsOf, parseStrict, setUpPartner, ymd } from "./edi-support";

const now = new Date();
let setup: Awaited<ReturnType<typeof setUpPartner>>;
let gbpPrice: number;

/** An 850 for 24 of the stocked item at `price`, its prices said to be in `currency` (CUR*BY after BEG). */
function po850(control: number, poNumber: string, price: string, currency: string) {
  const body = body850({
    poNumber,
    poDate: ymd(now),
    shipNotBefore: ymd(now),
    cancelAfter: ymd(daysFrom(now, 90)),
    shipTo: { code: "0588", name: "Reno DC" },
    lines: [{ qty: 24, price, ids: [["UP", UPC_STOCKED]] }],
  });
  body.splice(1, 0, `CUR*BY*${currency}`);
  return envelope({ from: STORE, to: SOKO, control, date: ymd(now), functionalId: "PO", sets: [{ type: "850", body }] });
}

const segmentsOf = (raw: string) => parseStrict(raw).sets[0].segments;

beforeAll(async () => {
  setup = await setUpPartner({ handle: "pounds" });
  await db.update(schema.retailers).set({ currency: "GBP" }).where(eq(schema.retailers.id, setup.retailer.id));
  const [row] = await db
    .select({ price: schema.wholesalePrices.price })
    .from(schema.wholesalePrices)
    .where(and(eq(schema.wholesalePrices.currency, "GBP"), eq(schema.wholesalePrices.variantId, setup.stocked.id)));
  gbpPrice = row.price;
});

describe("an 850 → 855 → 810 in pounds", () => {
  let order: typeof schema.orders.$inferSelect;

  it("reads the PO's prices in pounds: the pound list's price is accepted as it is (ACK IA), the 855 says GBP", async () => {
    const price = `${Math.trunc(gbpPrice / 100)}.${String(gbpPrice % 100).padStart(2, "0")}`;
    const result = await receiveInterchange({ raw: po850(701, "HF-EDI-1", price, "GBP"), source: "upload", actor: "staff:1", now });
    expect(result).toMatchObject({ ok: true, sets: [{ status: "ordered" }] });
    [order] = await db.select().from(schema.orders).where(eq(schema.orders.retailerId, setup.retailer.id));
    expect(order).toMatchObject({ currency: "GBP", subtotal: 24 * gbpPrice, settlementCurrency: "USD", settlementRatePpm: 790_000 });
    const [ack] = await documentsOf(setup.partner.id, "855");
    const segments = segmentsOf(ack.raw);
    expect(segments[0][0]).toBe("BAK");
    expect(segments[1]).toEqual(["CUR", "SE", "GBP"]);
    expect(segments.find((s) => s[0] === "ACK")![1]).toBe("IA");
  });

  it("answers a dollar price on a pound PO with the pound price (ACK IP), never converting it", async () => {
    const result = await receiveInterchange({ raw: po850(702, "HF-EDI-2", "24.00", "GBP"), source: "upload", actor: "staff:1", now });
    expect(result).toMatchObject({ ok: true, sets: [{ status: "ordered" }] });
    const acks = await documentsOf(setup.partner.id, "855");
    const segments = segmentsOf(acks[acks.length - 1].raw);
    const po1 = segments.find((s) => s[0] === "PO1")!;
    expect(po1[4]).toBe((gbpPrice / 100).toFixed(2));
    expect(segments.find((s) => s[0] === "ACK")![1]).toBe("IP");
  });

  it("holds a PO whose prices are in another currency than the partner's, and orders nothing", async () => {
    const before = await db.select().from(schema.orders).where(eq(schema.orders.retailerId, setup.retailer.id));
    const result = await receiveInterchange({ raw: po850(703, "HF-EDI-3", "24.00", "USD"), source: "upload", actor: "staff:1", now });
    expect(result).toMatchObject({ ok: true, sets: [{ status: "held" }] });
    const after = await db.select().from(schema.orders).where(eq(schema.orders.retailerId, setup.retailer.id));
    expect(after).toHaveLength(before.length);
    const transactions = await db.select().from(schema.ediTransactions).where(eq(schema.ediTransactions.partnerId, setup.partner.id));
    expect(JSON.stringify(transactions.find((t) => t.status === "held"))).toContain("buys in GBP");
  });

  it("sends the 810 in pounds: CUR*SE*GBP after BIG, IT1 prices and TDS in pence, the receivable in USD with the pounds beside", async () => {
    expect(await markPacked({ number: order.number, actor: "staff:hub" })).toMatchObject({ ok: true });
    expect(
      await shipOrder({ number: order.number, carrier: "UPS", trackingNumber: "1Z999AA10123456784", actor: "staff:hub" }),
    ).toMatchObject({
      ok: true,
    });
    await sendShipmentDocuments(order.id, now);
    const [doc] = (await documentsOf(setup.partner.id, "810")).filter((d) => d.orderId === order.id);
    const segments = segmentsOf(doc.raw);
    expect(segments[0][0]).toBe("BIG");
    expect(segments[1]).toEqual(["CUR", "SE", "GBP"]);
    expect(segments.find((s) => s[0] === "IT1")!.slice(1, 5)).toEqual(["1", "24", "EA", (gbpPrice / 100).toFixed(2)]);
    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.id));
    expect(invoice).toMatchObject({ currency: "GBP", amount: order.total });
    expect(segments.find((s) => s[0] === "TDS")).toEqual(["TDS", String(invoice.amount)]);
    const lines = await db
      .select({
        amount: schema.ledgerLines.amount,
        presentmentAmount: schema.ledgerLines.presentmentAmount,
        currency: schema.ledgerLines.presentmentCurrency,
      })
      .from(schema.ledgerLines)
      .innerJoin(schema.ledgerEntries, eq(schema.ledgerEntries.id, schema.ledgerLines.entryId))
      .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
      .where(and(eq(schema.ledgerEntries.reference, `invoice:${invoice.number}`), eq(schema.ledgerAccounts.code, "soko:receivables:USD")));
    expect(lines).toEqual([{ amount: order.settlementTotal, presentmentAmount: invoice.amount, currency: "GBP" }]);
  });
});
