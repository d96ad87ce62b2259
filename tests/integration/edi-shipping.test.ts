/**
 * An EDI order leaving the hub, on the real database: the 850 becomes an order, its made-to-order
 * pieces go through production and the hub's QC, the hub packs it into two cartons (each with an
 * SSCC-18 and a GS1-128 label), ships it, and the 856 and the 810 go out once. Both are parsed
 * strictly with node-x12 (SE/GE/IEA checked as it reads) and their segments checked; the 810 is the
 * order's one wholesale invoice, not a second one: the ledger holds one receivable for it, equal to
 * the 810's TDS (the lines, less the partner's 2.5% allowance, plus the $45 freight it pays).
 */
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assignCartons, cartonLabels, cartonLabelsResponse, receiveInterchange, sendShipmentDocuments } from "~/domain/edi/index.server";
import { sample850 } from "~/domain/edi/samples";
import { hasValidCheckDigit } from "~/domain/edi/sscc";
import { inspectRequest, receiveRequest } from "~/domain/hub/index.server";
import { markPacked, shipOrder } from "~/domain/orders/index.server";
import { advanceRequest } from "~/domain/production/index.server";
import { ACCOUNT_CODES, trialBalance } from "~/domain/ledger/index.server";
import { db, schema } from "~/lib/db.server";
import { ITEM_MADE, SOKO, STORE, UPC_STOCKED, daysFrom, documentsOf, parseStrict, setUpPartner, ymd } from "./edi-support";
import { bodyOf, pdfText } from "./wholesale-invoice-support";

const now = new Date();
let setup: Awaited<ReturnType<typeof setUpPartner>>;
let order: typeof schema.orders.$inferSelect;

const ORDER_PO = "GS-SHIP-1";

/** Each of the order's production requests made by the artisan, received at the hub and passed QC. */
async function makeAndPass(orderId: number) {
  const [artisan] = await db.select().from(schema.artisans).limit(1);
  const requests = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, orderId));
  for (const r of requests) {
    await db.transaction(async (tx) => {
      await advanceRequest(tx, r.id, "offered", "dispatch", { artisanId: artisan.id, offerExpiresAt: new Date(Date.now() + 86_400_000) });
      await advanceRequest(tx, r.id, "accepted", `artisan:${artisan.id}`);
      await advanceRequest(tx, r.id, "in_progress", `artisan:${artisan.id}`);
      await advanceRequest(tx, r.id, "ready", `artisan:${artisan.id}`);
    });
    expect(await receiveRequest({ number: r.number, actor: "staff:hub" })).toMatchObject({ ok: true });
    expect(await inspectRequest({ number: r.number, passed: r.quantity, failed: 0, actor: "staff:hub" })).toMatchObject({ ok: true });
  }
}

beforeAll(async () => {
  setup = await setUpPartner({ handle: "ship" });
  // The vendor agreement: 2.5% off every order, and the store pays $45 freight per order.
  await db.update(schema.ediPartners).set({ allowanceBps: 250, freightCharge: 4500 }).where(eq(schema.ediPartners.id, setup.partner.id));
  setup.partner = { ...setup.partner, allowanceBps: 250, freightCharge: 4500 };
  await db.update(schema.variants).set({ weightGrams: 35 }).where(eq(schema.variants.id, setup.stocked.id));
  await db.update(schema.variants).set({ weightGrams: 120 }).where(eq(schema.variants.id, setup.made.id));
  const raw = sample850({
    from: STORE,
    to: SOKO,
    control: 501,
    poNumber: ORDER_PO,
    poDate: ymd(now),
    shipNotBefore: ymd(daysFrom(now, 1)),
    cancelAfter: ymd(daysFrom(now, 90)),
    shipTo: { code: "0588", name: "Reno DC" },
    lines: [
      { qty: 24, price: "24.00", ids: [["UP", UPC_STOCKED]] },
      { qty: 6, ids: [["IN", ITEM_MADE]] },
    ],
  });
  expect(await receiveInterchange({ raw, source: "upload", actor: "staff:1", now })).toMatchObject({
    ok: true,
    sets: [{ status: "ordered" }],
  });
  const [row] = await db
    .select({ order: schema.orders })
    .from(schema.wholesaleOrders)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.wholesaleOrders.orderId))
    .where(and(eq(schema.wholesaleOrders.retailerId, setup.retailer.id), eq(schema.wholesaleOrders.poNumber, ORDER_PO)));
  order = row.order;
});

/** Every line on the receivables account (this file's database holds only this retailer's invoices). */
const receivableLines = () =>
  db
    .select({ reference: schema.ledgerEntries.reference, kind: schema.ledgerEntries.kind, amount: schema.ledgerLines.amount })
    .from(schema.ledgerLines)
    .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
    .innerJoin(schema.ledgerEntries, eq(schema.ledgerEntries.id, schema.ledgerLines.entryId))
    .where(eq(schema.ledgerAccounts.code, ACCOUNT_CODES.receivables("USD")));

const cartonRows = () => db.select().from(schema.cartons).where(eq(schema.cartons.orderId, order.id)).orderBy(asc(schema.cartons.position));

describe("packing an EDI order into cartons", () => {
  it("refuses a split that does not add up, and writes nothing", async () => {
    const lines = await db
      .select()
      .from(schema.orderLines)
      .where(eq(schema.orderLines.orderId, order.id))
      .orderBy(asc(schema.orderLines.id));
    const stocked = lines.find((l) => l.variantId === setup.stocked.id)!;
    const bad = await assignCartons({ number: order.number, split: { [stocked.id]: "10, 10" }, actor: "staff:hub" });
    expect(bad).toMatchObject({ ok: false, status: 422, message: expect.stringContaining("hold 20 pieces; the order has 24") });
    const empty = await assignCartons({ number: order.number, split: { [stocked.id]: "24, 0" }, actor: "staff:hub" });
    expect(empty).toMatchObject({ ok: false, status: 422, message: expect.stringContaining("Carton 2 would be empty") });
    expect(await cartonRows()).toHaveLength(0);
    expect(await assignCartons({ number: "SK-999999", split: {}, actor: "staff:hub" })).toMatchObject({ ok: false, status: 404 });
  });

  it("gives each carton an SSCC-18 with a good check digit; splitting again gives new numbers", async () => {
    const lines = await db
      .select()
      .from(schema.orderLines)
      .where(eq(schema.orderLines.orderId, order.id))
      .orderBy(asc(schema.orderLines.id));
    const stocked = lines.find((l) => l.variantId === setup.stocked.id)!;
    const made = lines.find((l) => l.variantId === setup.made.id)!;
    const first = await assignCartons({ number: order.number, split: {}, actor: "staff:hub" });
    expect(first).toMatchObject({ ok: true, cartons: [{ position: 1 }] });
    const before = (await cartonRows()).map((c) => c.sscc);
    const done = await assignCartons({
      number: order.number,
      split: { [stocked.id]: "12, 12", [made.id]: "0, 6" },
      actor: "staff:hub",
    });
    expect(done).toMatchObject({ ok: true, message: expect.stringContaining("2 cartons") });
    const rows = await cartonRows();
    expect(rows.map((c) => c.position)).toEqual([1, 2]);
    for (const c of rows) {
      expect(c.sscc).toMatch(/^00614141\d{10}$/);
      expect(hasValidCheckDigit(c.sscc)).toBe(true);
      expect(before).not.toContain(c.sscc);
    }
  });
});

describe("shipping an EDI order", () => {
  let sent: Awaited<ReturnType<typeof sendShipmentDocuments>>;

  beforeAll(async () => {
    await makeAndPass(order.id);
    expect(await markPacked({ number: order.number, actor: "staff:hub" })).toMatchObject({ ok: true });
    expect(
      await shipOrder({ number: order.number, carrier: "UPS", trackingNumber: "1Z999AA10123456784", actor: "staff:hub" }),
    ).toMatchObject({ ok: true });
    sent = await sendShipmentDocuments(order.id, now);
  });

  it("sends one 856: shipment → order → carton (SSCC) → item, with carrier, tracking, ship-to DC and the partner's item numbers", async () => {
    const [asn] = await documentsOf(setup.partner.id, "856");
    expect(asn.id).toBe(sent.shipNotice);
    expect(asn.orderId).toBe(order.id);
    const x = parseStrict(asn.raw);
    expect(x.gs[0]).toBe("SH");
    expect(x.ge).toEqual(["1", x.gs[5]]);
    expect(x.iea).toEqual(["1", x.isa[12]]);
    const set = x.sets[0];
    expect(set.st[0]).toBe("856");
    expect(set.se).toEqual([String(set.segments.length + 2), set.st[1]]);
    const seg = (tag: string) => set.segments.filter((s) => s[0] === tag);
    expect(seg("BSN")[0].slice(0, 3)).toEqual(["BSN", "00", expect.stringContaining(order.number)]);
    // Two cartons and the gross weight: each carton 300 g empty, 35 g a pair of earrings, 120 g a bangle.
    // Carton 1: 12 earrings (720 g); carton 2: 12 earrings and 6 bangles (1,440 g).
    expect(seg("TD1")).toEqual([
      ["TD1", "CTN25", "2", "", "", "", "G", "2.16", "KG"],
      ["TD1", "CTN25", "1", "", "", "", "G", "0.72", "KG"],
      ["TD1", "CTN25", "1", "", "", "", "G", "1.44", "KG"],
    ]);
    expect(seg("TD5")[0]).toEqual(["TD5", "O", "2", "UPSN", "U", "UPS"]);
    expect(seg("REF")).toEqual([
      ["REF", "BM", "1Z999AA10123456784"],
      ["REF", "CN", "1Z999AA10123456784"],
    ]);
    expect(seg("DTM")).toEqual([["DTM", "011", ymd(new Date())]]);
    expect(seg("N1")).toEqual([
      ["N1", "SF", "Soko Nairobi Hub"],
      ["N1", "ST", "Reno DC", "92", "0588"],
    ]);
    expect(seg("PRF")[0].slice(0, 2)).toEqual(["PRF", ORDER_PO]);

    // The hierarchy: each HL's parent is the level above it.
    const hl = seg("HL").map((h) => h.slice(1));
    expect(hl).toEqual([
      ["1", "", "S"],
      ["2", "1", "O"],
      ["3", "2", "P"],
      ["4", "3", "I"],
      ["5", "2", "P"],
      ["6", "5", "I"],
      ["7", "5", "I"],
    ]);
    expect(seg("CTT")).toEqual([["CTT", "7"]]);
    const ssccs = (await cartonRows()).map((c) => c.sscc);
    expect(seg("MAN")).toEqual(ssccs.map((s) => ["MAN", "GM", s]));
    // Carton 1: 12 of the stocked line; carton 2: 12 of it and the 6 made.
    expect(seg("LIN").map((l) => l.slice(2))).toEqual([
      ["UP", UPC_STOCKED, "VN", setup.stocked.sku],
      ["UP", UPC_STOCKED, "VN", setup.stocked.sku],
      ["IN", ITEM_MADE, "VN", setup.made.sku],
    ]);
    expect(seg("SN1")).toEqual([
      ["SN1", "", "12", "EA"],
      ["SN1", "", "12", "EA"],
      ["SN1", "", "6", "EA"],
    ]);
  });

  it("sends one 810 that is the order's one invoice: BIG with our invoice number and their PO, TDS its total in cents", async () => {
    const invoices = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.id));
    expect(invoices).toHaveLength(1);
    const [invoice] = invoices;
    const [doc] = await documentsOf(setup.partner.id, "810");
    expect(doc.id).toBe(sent.invoice);
    const x = parseStrict(doc.raw);
    expect(x.gs[0]).toBe("IN");
    const set = x.sets[0];
    expect(set.se[0]).toBe(String(set.segments.length + 2));
    const seg = (tag: string) => set.segments.filter((s) => s[0] === tag);
    expect(seg("BIG")[0]).toEqual(["BIG", ymd(new Date()), invoice.number, ymd(now), ORDER_PO]);
    expect(seg("N1").map((n) => n.slice(0, 3))).toEqual([
      ["N1", "RE", "Soko Virtual Factory Inc."],
      ["N1", "BT", setup.retailer.name],
      ["N1", "ST", "Reno DC"],
    ]);
    expect(seg("ITD")[0][7]).toBe("30");
    const it1 = seg("IT1");
    expect(it1.map((l) => [l[1], l[2], l[3]])).toEqual([
      ["1", "24", "EA"],
      ["2", "6", "EA"],
    ]);
    expect(it1[0].slice(6)).toEqual(["UP", UPC_STOCKED, "VN", setup.stocked.sku]);
    const lineCents = it1.reduce((n, l) => n + Number(l[2]) * Math.round(Number(l[4]) * 100), 0);
    const allowance = Math.round(lineCents * 0.025);
    expect(seg("SAC")).toEqual([
      ["SAC", "A", "C310", "", "", String(allowance), "3", "2.5", "", "", "", "", "02", "", "", "Vendor allowance"],
      ["SAC", "C", "D240", "", "", "4500", "", "", "", "", "", "", "06", "", "", "Freight"],
    ]);
    expect(seg("TDS")).toEqual([["TDS", String(invoice.amount)]]);
    // TDS = the lines − the allowance + the freight = the invoice = the order's total.
    expect(lineCents - allowance + 4500).toBe(invoice.amount);
    const [placed] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(placed).toMatchObject({ subtotal: lineCents, discountTotal: allowance, shippingTotal: 4500, total: invoice.amount });
    expect(seg("CTT")).toEqual([["CTT", "2"]]);
  });

  it("holds one receivable for the order: the invoice's entry, equal to the 810's TDS; the books balance", async () => {
    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.id));
    const [doc] = await documentsOf(setup.partner.id, "810");
    const tds = Number(parseStrict(doc.raw).sets[0].segments.find((s) => s[0] === "TDS")![1]);
    const receivables = await receivableLines();
    expect(receivables).toEqual([{ reference: `invoice:${invoice.number}`, kind: "invoice_issued", amount: tds }]);
    const { totals } = await trialBalance();
    expect(totals.USD).toBe(0);
  });

  it("writes nothing again when the job runs twice, and nothing for an order that did not come by EDI", async () => {
    const before = await documentsOf(setup.partner.id);
    expect(await sendShipmentDocuments(order.id, now)).toEqual({ shipNotice: null, invoice: null });
    expect(await documentsOf(setup.partner.id)).toHaveLength(before.length);
    expect(await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.id))).toHaveLength(1);
    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.id));
    expect(await receivableLines()).toEqual([{ reference: `invoice:${invoice.number}`, kind: "invoice_issued", amount: invoice.amount }]);
    const [other] = await db
      .insert(schema.orders)
      .values({ number: "SK-990001", channel: "web", email: "x@y.test", currency: "USD", status: "shipped", subtotal: 100, total: 100 })
      .returning();
    expect(await sendShipmentDocuments(other.id, now)).toEqual({ shipNotice: null, invoice: null });
  });

  it("prints a GS1-128 label per carton with the SSCC in words, the PO, the carrier and carton n of m", async () => {
    const labels = (await cartonLabels(order.number))!;
    expect(labels).toHaveLength(2);
    const text = pdfText(await bodyOf(cartonLabelsResponse(labels)));
    for (const c of await cartonRows()) expect(text).toContain(`(00) ${c.sscc}`);
    expect(text).toContain(ORDER_PO);
    expect(text).toContain("CARTON 1 OF 2");
    expect(text).toContain("CARTON 2 OF 2");
    expect(text).toContain("1Z999AA10123456784");
    expect(text).toContain("DC 0588");
    // Shipped, the cartons are what the 856 said.
    expect(await assignCartons({ number: order.number, split: {}, actor: "staff:hub" })).toMatchObject({ ok: false, status: 409 });
  });
});
