/**
 * Inbound X12 as a department store's EDI team would try it, on the real database: a well-formed 850
 * becomes one wholesale order through the portal's placement (stock reserved, the rest to
 * production) with its 997 and 855; the same interchange twice changes nothing; a broken segment
 * rejects its set alone (997 AK3/AK4/AK5, nothing written); an unknown item holds the PO until ops
 * fixes the cross-reference and re-processes it; an 860 cancels the order. Every document we send is
 * parsed strictly with node-x12 and its segments and SE/GE/IEA totals checked.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  cancelForTransaction,
  importCrossReference,
  receiveInterchange,
  reprocessTransaction,
  refuseTransaction,
} from "~/domain/edi/index.server";
import { body850, envelope, sample850, sample860 } from "~/domain/edi/samples";
import { db, schema } from "~/lib/db.server";
import { ITEM_MADE, SOKO, STORE, UPC_STOCKED, daysFrom, documentsOf, parseStrict, setUpPartner, ymd } from "./edi-support";

const now = new Date();
const today = ymd(now);
let setup: Awaited<ReturnType<typeof setUpPartner>>;

beforeAll(async () => {
  setup = await setUpPartner();
});

const po = (
  control: number,
  poNumber: string,
  lines = [
    {
      qty: 24,
      price: "24.00",
      ids: [
        ["UP", UPC_STOCKED],
        ["VN", "x"],
      ] as Array<[string, string]>,
    },
    { qty: 6, ids: [["IN", ITEM_MADE]] as Array<[string, string]> },
  ],
) =>
  sample850({
    from: STORE,
    to: SOKO,
    control,
    poNumber,
    poDate: today,
    shipNotBefore: ymd(daysFrom(now, 1)),
    cancelAfter: ymd(daysFrom(now, 90)),
    shipTo: { code: "0588", name: "Reno DC" },
    lines,
  });

const orderForPo = async (poNumber: string) => {
  const [row] = await db
    .select({ order: schema.orders, wholesale: schema.wholesaleOrders })
    .from(schema.wholesaleOrders)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.wholesaleOrders.orderId))
    .where(and(eq(schema.wholesaleOrders.retailerId, setup.retailer.id), eq(schema.wholesaleOrders.poNumber, poNumber)));
  return row ?? null;
};
const segmentsOf = (raw: string, tag: string) => parseStrict(raw).sets.flatMap((s) => s.segments.filter((x) => x[0] === tag));

describe("an 850", () => {
  it("becomes one wholesale order: stock reserved, the rest to production, invoiced once, with a 997 and an 855", async () => {
    const result = await receiveInterchange({ raw: po(101, "GS-1001"), source: "upload", actor: "staff:1", now });
    expect(result).toMatchObject({ ok: true, duplicate: false, status: "accepted", sets: [{ type: "850", status: "ordered" }] });
    const placed = (await orderForPo("GS-1001"))!;
    expect(placed.order).toMatchObject({
      channel: "wholesale",
      paymentStatus: "on_terms",
      retailerId: setup.retailer.id,
      email: setup.buyer.email,
    });
    expect(placed.wholesale).toMatchObject({ retailerLocationId: setup.dc.id, paymentTerms: "net30", buyerId: setup.buyer.id });
    const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, placed.order.id));
    expect(lines.map((l) => [l.sku, l.quantity]).sort()).toEqual([
      [setup.made.sku, 6],
      [setup.stocked.sku, 24],
    ]);
    const [level] = await db
      .select()
      .from(schema.inventoryLevels)
      .where(and(eq(schema.inventoryLevels.variantId, setup.stocked.id), eq(schema.inventoryLevels.locationId, setup.hub.id)));
    expect(level.reserved).toBe(24);
    const requests = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, placed.order.id));
    expect(requests.map((r) => [r.variantId, r.quantity])).toEqual([[setup.made.id, 6]]);
    const invoices = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, placed.order.id));
    expect(invoices).toHaveLength(1);

    const [ack] = await documentsOf(setup.partner.id, "997");
    const fa = parseStrict(ack.raw);
    expect(fa.isa[5].trim()).toBe("SOKOEDI");
    expect(fa.isa[7].trim()).toBe("GRANDSTORE");
    expect(fa.gs[0]).toBe("FA");
    expect(fa.ge).toEqual(["1", fa.gs[5]]);
    expect(Number(fa.iea[1])).toBe(ack.controlNumber);
    expect(fa.sets[0].se[0]).toBe(String(fa.sets[0].segments.length + 2));
    expect(fa.sets[0].segments).toEqual([
      ["AK1", "PO", "101"],
      ["AK2", "850", "0001"],
      ["AK5", "A"],
      ["AK9", "A", "1", "1", "1"],
    ]);

    const [poAck] = await documentsOf(setup.partner.id, "855");
    expect(poAck.orderId).toBe(placed.order.id);
    const pr = parseStrict(poAck.raw);
    expect(pr.gs[0]).toBe("PR");
    const bak = pr.sets[0].segments[0];
    // Line 1 was sent at $24.00, our price is $24.00 (half of retail): accepted; the whole PO is acknowledged with detail.
    expect(bak.slice(0, 4)).toEqual(["BAK", "00", bak[2], "GS-1001"]);
    expect(bak[8]).toBe(placed.order.number);
    const acks = segmentsOf(poAck.raw, "ACK");
    // From stock, but not before the PO's ship window opens (tomorrow): the 855 says the day it leaves.
    expect(acks[0].slice(0, 6)).toEqual(["ACK", "IA", "24", "EA", "068", ymd(daysFrom(now, 1))]);
    // The made-to-order line ships when the artisans' capacity allows, after the requested date: rescheduled.
    expect(acks[1].slice(0, 5)).toEqual(["ACK", "DR", "6", "EA", "068"]);
    expect(acks[1][5] > ymd(daysFrom(now, 1))).toBe(true);
    expect(segmentsOf(poAck.raw, "CTT")).toEqual([["CTT", "2"]]);
    expect(pr.sets[0].se[0]).toBe(String(pr.sets[0].segments.length + 2));
  });

  it("sent twice with the same interchange control number changes nothing", async () => {
    const before = { docs: (await documentsOf(setup.partner.id)).length, orders: (await db.select().from(schema.orders)).length };
    const again = await receiveInterchange({ raw: po(101, "GS-1001"), source: "http", actor: "partner", now });
    expect(again).toMatchObject({ ok: true, duplicate: true });
    // Zero padding does not make it a new interchange.
    const padded = await receiveInterchange({
      raw: po(101, "GS-1001").replace("*000000101*", "*000000101*"),
      source: "inbox",
      actor: "inbox",
      now,
    });
    expect(padded).toMatchObject({ ok: true, duplicate: true });
    expect((await documentsOf(setup.partner.id)).length).toBe(before.docs);
    expect((await db.select().from(schema.orders)).length).toBe(before.orders);
    const stored = await db.select().from(schema.ediInterchanges).where(eq(schema.ediInterchanges.partnerId, setup.partner.id));
    expect(stored).toHaveLength(1);
  });

  it("with a broken segment: that set is rejected by the 997 with its codes, its neighbour is ordered, nothing half-written", async () => {
    const good = body850({
      poNumber: "GS-2001",
      poDate: today,
      shipTo: { code: "0588" },
      lines: [{ qty: 12, ids: [["UP", UPC_STOCKED]] }],
    });
    const bad = body850({
      poNumber: "GS-2002",
      poDate: today,
      shipTo: { code: "0588" },
      lines: [{ qty: 3, ids: [["UP", UPC_STOCKED]] }],
    }).map((s) => (s.startsWith("PO1*") ? s.replace("PO1*1*3*", "PO1*1*three*") : s));
    const raw = envelope({
      from: STORE,
      to: SOKO,
      control: 102,
      date: today,
      functionalId: "PO",
      sets: [
        { type: "850", body: good },
        { type: "850", body: bad },
      ],
    });
    const orders = (await db.select().from(schema.orders)).length;
    const result = await receiveInterchange({ raw, source: "upload", actor: "staff:1", now });
    expect(result).toMatchObject({ ok: true, status: "partial", sets: [{ status: "ordered" }, { status: "rejected" }] });
    expect((await db.select().from(schema.orders)).length).toBe(orders + 1);
    expect(await orderForPo("GS-2002")).toBeNull();
    const fa = (await documentsOf(setup.partner.id, "997")).at(-1)!;
    expect(parseStrict(fa.raw).sets[0].segments).toEqual([
      ["AK1", "PO", "102"],
      ["AK2", "850", "0001"],
      ["AK5", "A"],
      ["AK2", "850", "0002"],
      ["AK3", "PO1", "4", "", "8"],
      ["AK4", "2", "330", "6", "three"],
      ["AK5", "R", "5"],
      ["AK9", "P", "2", "2", "1"],
    ]);
    const [rejected] = await db
      .select()
      .from(schema.ediTransactions)
      .where(
        and(eq(schema.ediTransactions.interchangeId, result.ok ? result.interchangeId : 0), eq(schema.ediTransactions.status, "rejected")),
      );
    expect(rejected.problems[0].message).toMatch(/PO1 \(position 4\), element 02: not a number/);
  });

  it("with a wrong SE count or a missing GE: rejected with the X12 codes, and nothing ordered", async () => {
    const raw = po(103, "GS-3001").replace(/SE\*(\d+)\*0001/, "SE*99*0001");
    const result = await receiveInterchange({ raw, source: "upload", actor: "staff:1", now });
    expect(result).toMatchObject({ ok: true, status: "rejected" });
    const fa = (await documentsOf(setup.partner.id, "997")).at(-1)!;
    expect(segmentsOf(fa.raw, "AK5")).toEqual([["AK5", "R", "4"]]);
    expect(segmentsOf(fa.raw, "AK9")).toEqual([["AK9", "R", "1", "1", "0"]]);

    const noGe = po(104, "GS-3002").replace(/GE\*1\*104~\n/, "");
    await receiveInterchange({ raw: noGe, source: "upload", actor: "staff:1", now });
    const fa2 = (await documentsOf(setup.partner.id, "997")).at(-1)!;
    expect(segmentsOf(fa2.raw, "AK9")).toEqual([["AK9", "R", "1", "1", "0", "3"]]);
    expect(await orderForPo("GS-3001")).toBeNull();
    expect(await orderForPo("GS-3002")).toBeNull();
  });

  it("is refused whole when it is not ours to read: no ISA, another receiver, test data to production", async () => {
    expect(await receiveInterchange({ raw: "hello", source: "upload", actor: "x", now })).toMatchObject({ ok: false, status: 422 });
    const toOther = po(105, "GS-4001").replace("ZZ*SOKOEDI        ", "ZZ*SOMEONEELSE    ");
    expect(await receiveInterchange({ raw: toOther, source: "upload", actor: "x", now })).toMatchObject({
      ok: false,
      status: 422,
      message: expect.stringMatching(/not to us/),
    });
    const prod = po(106, "GS-4002").replace("*0*T*>", "*0*P*>");
    expect(await receiveInterchange({ raw: prod, source: "upload", actor: "x", now })).toMatchObject({
      ok: false,
      status: 422,
      message: expect.stringMatching(/ISA15 is P/),
    });
    // Another partner's token cannot send as this one.
    expect(
      await receiveInterchange({ raw: po(107, "GS-4003"), source: "http", actor: "x", partnerId: setup.partner.id + 1000, now }),
    ).toMatchObject({ ok: false, status: 403 });
    const stored = await db.select().from(schema.ediInterchanges).where(eq(schema.ediInterchanges.controlNumber, "105"));
    expect(stored).toHaveLength(0);
  });
});

describe("an 850 with an unknown item", () => {
  it("is acknowledged (997 A) but held with nothing ordered; ops adds the cross-reference and re-processes it into an order and an 855", async () => {
    const raw = po(201, "GS-5001", [
      { qty: 12, price: "24.00", ids: [["UP", UPC_STOCKED]] },
      { qty: 2, ids: [["UP", "999999999993"]] },
    ]);
    const result = await receiveInterchange({ raw, source: "upload", actor: "staff:1", now });
    expect(result).toMatchObject({ ok: true, status: "accepted", sets: [{ status: "held", problems: [{ code: "unknown_item" }] }] });
    expect(result.ok && result.sets[0].problems[0].message).toMatch(/Line 2: no item of ours for UP 999999999993/);
    expect(await orderForPo("GS-5001")).toBeNull();
    const drafts = await db.select().from(schema.wholesaleDrafts).where(eq(schema.wholesaleDrafts.retailerId, setup.retailer.id));
    expect(drafts).toHaveLength(0);
    const fa = (await documentsOf(setup.partner.id, "997")).at(-1)!;
    expect(segmentsOf(fa.raw, "AK9")).toEqual([["AK9", "A", "1", "1", "1"]]);
    const [held] = await db
      .select()
      .from(schema.ediTransactions)
      .where(and(eq(schema.ediTransactions.partnerId, setup.partner.id), eq(schema.ediTransactions.poNumber, "GS-5001")));
    expect(held.status).toBe("held");

    const stillHeld = await reprocessTransaction(held.id, "staff:1", now);
    expect(stillHeld).toMatchObject({ ok: true, status: "held" });

    const imported = await importCrossReference(
      setup.partner.id,
      [{ line: 1, qualifier: "UP", value: "999999999993", sku: setup.made.sku }],
      "staff:1",
    );
    expect(imported).toMatchObject({ ok: true, imported: 1 });
    const done = await reprocessTransaction(held.id, "staff:1", now);
    expect(done).toMatchObject({ ok: true, status: "ordered" });
    const placed = (await orderForPo("GS-5001"))!;
    const poAck = (await documentsOf(setup.partner.id, "855")).at(-1)!;
    expect(poAck.orderId).toBe(placed.order.id);
    expect(segmentsOf(poAck.raw, "ACK").map((a) => [a[1], a[2]])).toEqual([
      ["IA", "12"],
      ["DR", "2"],
    ]);
    expect(await reprocessTransaction(held.id, "staff:1", now)).toMatchObject({ ok: false, status: 409 });
  });

  it("a PO ops refuses gets an 855 rejecting every line", async () => {
    const raw = po(202, "GS-5002", [{ qty: 1, ids: [["UP", "111111111117"]] }]);
    await receiveInterchange({ raw, source: "upload", actor: "staff:1", now });
    const [held] = await db.select().from(schema.ediTransactions).where(eq(schema.ediTransactions.poNumber, "GS-5002"));
    expect(await refuseTransaction(held.id, "staff:1", now)).toMatchObject({ ok: true });
    const poAck = (await documentsOf(setup.partner.id, "855")).at(-1)!;
    expect(segmentsOf(poAck.raw, "BAK")[0][2]).toBe("RJ");
    expect(segmentsOf(poAck.raw, "ACK")).toEqual([["ACK", "IR", "1", "EA"]]);
  });
});

describe("an 860", () => {
  it("cancelling a PO cancels its order through the orders domain: stock goes back, production is cancelled", async () => {
    await receiveInterchange({ raw: po(301, "GS-6001"), source: "upload", actor: "staff:1", now });
    const placed = (await orderForPo("GS-6001"))!;
    const result = await receiveInterchange({
      raw: sample860({ from: STORE, to: SOKO, control: 302, poNumber: "GS-6001", poDate: today, date: today, purpose: "01" }),
      source: "upload",
      actor: "staff:1",
      now,
    });
    expect(result).toMatchObject({ ok: true, status: "accepted", sets: [{ type: "860", status: "changed" }] });
    const fa = (await documentsOf(setup.partner.id, "997")).at(-1)!;
    expect(parseStrict(fa.raw).sets[0].segments[0]).toEqual(["AK1", "PC", "302"]);
    const [set] = await db
      .select()
      .from(schema.ediTransactions)
      .where(and(eq(schema.ediTransactions.type, "860"), eq(schema.ediTransactions.poNumber, "GS-6001")));
    await cancelForTransaction(set.id);
    expect((await orderForPo("GS-6001"))!.order.status).toBe("cancelled");
    const [after] = await db.select().from(schema.ediTransactions).where(eq(schema.ediTransactions.id, set.id));
    expect(after.status).toBe("cancelled");
    const requests = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, placed.order.id));
    expect(requests.every((r) => r.status === "cancelled")).toBe(true);
  });

  it("changing lines applies them to the order (each kind: edi-changes.test.ts); a change of a PO we never had is held", async () => {
    await receiveInterchange({ raw: po(303, "GS-6002"), source: "upload", actor: "staff:1", now });
    const result = await receiveInterchange({
      raw: sample860({
        from: STORE,
        to: SOKO,
        control: 304,
        poNumber: "GS-6002",
        poDate: today,
        date: today,
        purpose: "04",
        changes: [["1", "QD", "6", "", "EA", "24.00", "", "UP", UPC_STOCKED]],
      }),
      source: "upload",
      actor: "staff:1",
      now,
    });
    expect(result).toMatchObject({ ok: true, sets: [{ status: "changed", problems: [] }] });
    const placed = (await orderForPo("GS-6002"))!;
    const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, placed.order.id));
    expect(lines.find((l) => l.variantId === setup.stocked.id)?.quantity).toBe(6);
    const unknown = await receiveInterchange({
      raw: sample860({
        from: STORE,
        to: SOKO,
        control: 305,
        poNumber: "GS-NONE",
        poDate: today,
        date: today,
        purpose: "04",
        changes: [["1", "QD", "6"]],
      }),
      source: "upload",
      actor: "staff:1",
      now,
    });
    expect(unknown).toMatchObject({ ok: true, sets: [{ status: "held", problems: [{ code: "unknown_po" }] }] });
  });
});
