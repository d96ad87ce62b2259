/**
 * The drop-ship loop a TV retailer runs, on the real database and a real inbox folder: its 850 (BEG02
 * DS, a viewer's address as the ship-to) dropped in the inbox → one wholesale order shipping to the
 * viewer (no case packs or minimums: one person's order) → the made-to-order piece through
 * production and the hub's QC → packed with a slip in the retailer's name (no Soko, no prices) →
 * shipped → the worker's order_shipped job writes the 856 and the 810 to the retailer, and they are
 * delivered to its outbox folder.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createLocation, createProduct, createRetailer, setStock } from "#db/seed/factories";
import { assignCartons, cartonLabels, deliverDocument, dropShipBrand, packingEdi, scanInbox } from "~/domain/edi/index.server";
import { SAMPLE_VIEWER, sampleDropShip850 } from "~/domain/edi/samples";
import { inspectRequest, packingOrder, receiveRequest } from "~/domain/hub/index.server";
import { markPacked, shipOrder } from "~/domain/orders/index.server";
import { advanceRequest } from "~/domain/production/index.server";
import { packingSlipResponse } from "~/features/ops/hub/print.server";
import { db, schema } from "~/lib/db.server";
import { taskList } from "~/worker.server";
import { SOKO, documentsOf, parseStrict, ymd } from "./edi-support";
import { bodyOf, pdfText } from "./wholesale-invoice-support";

const TV = { qualifier: "ZZ", id: "TVSHOPTEST", gsId: "TVSHOPTEST" };
const SLIP = "Thank you for shopping TV Shop Test! Returns within 30 days at tvshop.test/returns.";
const now = new Date();
let root: string;
let partner: typeof schema.ediPartners.$inferSelect;
let retailerId: number;
let artisanId: number;
let stocked: { id: number; sku: string };
let made: { id: number; sku: string };

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "soko-edi-dropship-"));
  process.env.EDI_DIR = root;
  const hub = await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  // Sold to stores by the case of 6 with a minimum of 12: a viewer's one piece is still an order.
  const a = await createProduct(db, {
    title: "Kazuri Bead Necklace",
    status: "active",
    variants: [{ sku: "NCK-KAZ-TV", price: 5200, minQty: 12, casePack: 6 }],
  });
  const b = await createProduct(db, {
    title: "Soapstone Dish",
    status: "active",
    skills: ["soapstone-tv"],
    variants: [{ sku: "DSH-SOAP-TV", price: 3800, minQty: 12, casePack: 6 }],
  });
  stocked = a.variants[0];
  made = b.variants[0];
  await setStock(db, stocked.id, hub.id, 40);
  artisanId = (await createArtisan(db, { firstName: "Akinyi", skills: [{ skill: "soapstone-tv", weeklyCapacity: 30 }] })).artisan.id;
  const { retailer, buyer } = await createRetailer(db, {
    name: "TV Shop Test",
    paymentTerms: "net30",
    creditLimit: 10_000_000,
    buyer: { email: "dropship@tvshop.test", name: "Drop-ship desk" },
  });
  retailerId = retailer.id;
  await db.insert(schema.retailerLocations).values({
    retailerId,
    name: "Returns centre",
    line1: "200 Commerce Parkway",
    city: "West Chester",
    region: "PA",
    postalCode: "19380",
    country: "US",
    isDefault: true,
  });
  [partner] = await db
    .insert(schema.ediPartners)
    .values({
      retailerId,
      buyerId: buyer!.id,
      name: "TV Shop Test",
      theirId: TV.id,
      theirGsId: TV.gsId,
      ourId: SOKO.id,
      ourGsId: SOKO.gsId,
      folder: "tvshop",
      packingSlipText: SLIP,
    })
    .returning();
  await db.insert(schema.ediItemRefs).values([
    { partnerId: partner.id, qualifier: "IN", value: "TV-1001", variantId: stocked.id },
    { partnerId: partner.id, qualifier: "IN", value: "TV-1002", variantId: made.id },
  ]);
});

const orderOf = async (poNumber: string) => {
  const [row] = await db
    .select({ order: schema.orders })
    .from(schema.wholesaleOrders)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.wholesaleOrders.orderId))
    .where(and(eq(schema.wholesaleOrders.retailerId, retailerId), eq(schema.wholesaleOrders.poNumber, poNumber)));
  return row?.order ?? null;
};

describe("a TV retailer's drop-ship 850 dropped in the inbox", () => {
  const PO = "TV-88001";
  let order: typeof schema.orders.$inferSelect;

  it("becomes one order shipping to the viewer, on terms, invoiced once", async () => {
    const dir = path.join(root, "inbox", "tvshop");
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, "850-88001.x12"),
      sampleDropShip850({
        from: TV,
        to: SOKO,
        control: 88001,
        poNumber: PO,
        poDate: ymd(now),
        lines: [
          { qty: 1, ids: [["IN", "TV-1001"]] },
          { qty: 1, ids: [["IN", "TV-1002"]] },
        ],
      }),
    );
    expect(await scanInbox(now)).toEqual([{ file: "850-88001.x12", result: "accepted" }]);
    order = (await orderOf(PO))!;
    expect(order).toMatchObject({ channel: "wholesale", paymentStatus: "on_terms", status: expect.any(String) });
    expect(order.shippingAddress).toMatchObject({
      name: SAMPLE_VIEWER.name,
      line1: SAMPLE_VIEWER.address.line1,
      city: "Columbus",
      region: "OH",
      postalCode: "43214",
    });
    expect(await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.id))).toHaveLength(1);
    const [poAck] = await documentsOf(partner.id, "855");
    expect(
      parseStrict(poAck.raw)
        .sets[0].segments.filter((s) => s[0] === "ACK")
        .map((s) => s[1]),
    ).toEqual(["IA", "IA"]);
    expect((await packingEdi([order.number]))[order.number]).toMatchObject({ dropShip: true, partnerName: "TV Shop Test", poNumber: PO });
  });

  it("is made, checked, packed with a slip in the retailer's name, shipped, and its 856 and 810 go to the retailer's outbox", async () => {
    const requests = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    expect(requests.map((r) => [r.variantId, r.quantity])).toEqual([[made.id, 1]]);
    for (const r of requests) {
      await db.transaction(async (tx) => {
        await advanceRequest(tx, r.id, "offered", "dispatch", { artisanId, offerExpiresAt: new Date(Date.now() + 86_400_000) });
        await advanceRequest(tx, r.id, "accepted", `artisan:${artisanId}`);
        await advanceRequest(tx, r.id, "in_progress", `artisan:${artisanId}`);
        await advanceRequest(tx, r.id, "ready", `artisan:${artisanId}`);
      });
      expect(await receiveRequest({ number: r.number, actor: "staff:hub" })).toMatchObject({ ok: true });
      expect(await inspectRequest({ number: r.number, passed: 1, failed: 0, actor: "staff:hub" })).toMatchObject({ ok: true });
    }

    const packing = (await packingOrder(order.number))!;
    const brand = await dropShipBrand(order.number);
    expect(brand).toEqual({ retailerName: "TV Shop Test", slipText: SLIP, poNumber: PO });
    const slip = pdfText(await bodyOf(packingSlipResponse(packing, brand)));
    expect(slip).toContain("TV Shop Test");
    expect(slip).toContain(SLIP);
    expect(slip).toContain(PO);
    expect(slip).toContain(SAMPLE_VIEWER.name);
    expect(slip).not.toMatch(/soko|artisan/i);
    expect(slip).not.toContain("$");

    // Its carton labels come from the retailer too.
    expect(await assignCartons({ number: order.number, split: {}, actor: "staff:hub" })).toMatchObject({ ok: true });
    expect((await cartonLabels(order.number))?.map((l) => [l.shipFrom.name, l.shipTo.name])).toEqual([
      ["TV Shop Test", SAMPLE_VIEWER.name],
    ]);
    expect(await markPacked({ number: order.number, actor: "staff:hub" })).toMatchObject({ ok: true });
    expect(
      await shipOrder({ number: order.number, carrier: "USPS", trackingNumber: "9400111899560000000001", actor: "staff:hub" }),
    ).toMatchObject({
      ok: true,
    });
    // The worker's order_shipped job: the wholesale packing-list email and the EDI documents.
    await taskList.order_shipped({ orderId: order.id }, {} as never);

    const [asn] = await documentsOf(partner.id, "856");
    const [inv] = await documentsOf(partner.id, "810");
    expect(asn.orderId).toBe(order.id);
    const x = parseStrict(asn.raw);
    expect(x.isa[7].trim()).toBe(TV.id);
    const segs = x.sets[0].segments;
    const stIndex = segs.findIndex((s) => s[0] === "N1" && s[1] === "ST");
    expect(segs.slice(stIndex, stIndex + 3)).toEqual([
      ["N1", "ST", SAMPLE_VIEWER.name],
      ["N3", SAMPLE_VIEWER.address.line1],
      ["N4", "Columbus", "OH", "43214", "US"],
    ]);
    // One carton with both pieces.
    expect(segs.filter((s) => s[0] === "MAN")).toHaveLength(1);
    expect(segs.filter((s) => s[0] === "SN1").map((s) => s[2])).toEqual(["1", "1"]);
    expect(segs.filter((s) => s[0] === "TD5")[0]).toEqual(["TD5", "O", "2", "USPS", "U", "USPS"]);

    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.id));
    const tds = parseStrict(inv.raw).sets[0].segments.find((s) => s[0] === "TDS")!;
    expect(tds).toEqual(["TDS", String(invoice.amount)]);

    for (const doc of [asn, inv]) expect(await deliverDocument({ documentId: doc.id })).toBe("sent");
    const outbox = path.join(root, "outbox", "tvshop");
    const names = (await readdir(outbox)).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        `810-${String(inv.controlNumber).padStart(9, "0")}.x12`,
        `856-${String(asn.controlNumber).padStart(9, "0")}.x12`,
      ]),
    );
    expect(await readFile(path.join(outbox, `856-${String(asn.controlNumber).padStart(9, "0")}.x12`), "utf8")).toBe(asn.raw);

    // The job again (a retry) writes nothing new.
    const count = (await documentsOf(partner.id)).length;
    await taskList.order_shipped({ orderId: order.id }, {} as never);
    expect(await documentsOf(partner.id)).toHaveLength(count);
  });

  it("holds a drop-ship PO that names no address, with nothing ordered", async () => {
    const raw = sampleDropShip850({
      from: TV,
      to: SOKO,
      control: 88002,
      poNumber: "TV-88002",
      poDate: ymd(now),
      lines: [{ qty: 1, ids: [["IN", "TV-1001"]] }],
    })
      .replace(/N3\*[^~]*~\n/, "")
      .replace(/N4\*[^~]*~\n/, "")
      .replace(/SE\*(\d+)\*/, (_, n) => `SE*${Number(n) - 2}*`);
    const dir = path.join(root, "inbox", "tvshop");
    await writeFile(path.join(dir, "850-88002.x12"), raw);
    // Well formed, so its 997 accepts it; the PO itself waits for ops.
    expect(await scanInbox(now)).toEqual([{ file: "850-88002.x12", result: "accepted" }]);
    expect(await orderOf("TV-88002")).toBeNull();
    const [held] = await db
      .select()
      .from(schema.ediTransactions)
      .where(and(eq(schema.ediTransactions.partnerId, partner.id), eq(schema.ediTransactions.poNumber, "TV-88002")));
    expect(held.status).toBe("held");
    expect(held.problems).toEqual([expect.objectContaining({ code: "drop_ship_address" })]);
  });
});
