/**
 * 860 purchase order changes applied to the order, as a department store's EDI team would send them,
 * on the real database: a quantity down gives reserved stock back, a quantity up reserves or sends
 * the rest to production, a line added or deleted, the ship window moved; a line whose work an
 * artisan already accepted is refused alone; the same change twice (in parallel) is applied once.
 * Every 855 we answer with is parsed strictly with node-x12 (SE/GE/IEA counted as it reads) and its
 * per-line ACK codes checked.
 */
import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { receiveInterchange } from "~/domain/edi/index.server";
import { envelope, sample850, type SampleLine } from "~/domain/edi/samples";
import { isoDate } from "~/domain/orders";
import { db, schema } from "~/lib/db.server";
import { ITEM_MADE, SOKO, STORE, UPC_STOCKED, daysFrom, documentsOf, parseStrict, setUpPartner, ymd } from "./edi-support";

const now = new Date();
const today = ymd(now);
/**
 * A day `n` days on, on the hub's clock (Nairobi), as X12 writes it: the day the app ships by. From
 * 21:00 UTC the UTC date is yesterday there, and a window opening on "UTC tomorrow" has already begun.
 */
const hubDay = (n: number) => isoDate(daysFrom(now, n)).replaceAll("-", "");
let setup: Awaited<ReturnType<typeof setUpPartner>>;
let control = 500;

beforeAll(async () => {
  setup = await setUpPartner({ handle: "changes", stock: 1000 });
  // Small minimums, so cutting a line is judged by the change rules here (edi-terms.test.ts has the minimums).
  await db.insert(schema.settings).values([
    { key: "wholesale.openingMinimum", value: 5_000 },
    { key: "wholesale.reorderMinimum", value: 5_000 },
  ]);
});

/** Places a PO of 24 stocked (line 1) and 6 made-to-order (line 2); returns its order. */
async function placePo(poNumber: string, lines = [24, 6]) {
  const result = await receiveInterchange({
    raw: sample850({
      from: STORE,
      to: SOKO,
      control: ++control,
      poNumber,
      poDate: today,
      shipNotBefore: hubDay(1),
      cancelAfter: ymd(daysFrom(now, 90)),
      shipTo: { code: "0588" },
      lines: (
        [
          { qty: lines[0], ids: [["UP", UPC_STOCKED]] },
          { qty: lines[1], ids: [["IN", ITEM_MADE]] },
        ] satisfies SampleLine[]
      ).filter((l) => l.qty > 0),
    }),
    source: "upload",
    actor: "staff:1",
    now,
  });
  expect(result).toMatchObject({ ok: true, sets: [{ status: "ordered" }] });
  return (await orderOf(poNumber))!;
}

const change860 = (poNumber: string, o: { sequence?: string; dtm?: string[]; pocs?: string[][]; control?: number }) =>
  envelope({
    from: STORE,
    to: SOKO,
    control: o.control ?? ++control,
    date: today,
    functionalId: "PC",
    sets: [
      {
        type: "860",
        body: [
          `BCH*04*SA*${poNumber}**${o.sequence ?? ""}*${today}`,
          ...(o.dtm ?? []),
          ...(o.pocs ?? []).map((p) => `POC*${p.join("*")}`),
          ...(o.pocs?.length ? [`CTT*${o.pocs.length}`] : []),
        ],
      },
    ],
  });

const send = (raw: string) => receiveInterchange({ raw, source: "http", actor: "partner", partnerId: setup.partner.id, now });

async function orderOf(poNumber: string) {
  const [row] = await db
    .select({ order: schema.orders, wholesale: schema.wholesaleOrders })
    .from(schema.wholesaleOrders)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.wholesaleOrders.orderId))
    .where(and(eq(schema.wholesaleOrders.retailerId, setup.retailer.id), eq(schema.wholesaleOrders.poNumber, poNumber)));
  return row ?? null;
}
const linesOf = async (orderId: number) =>
  Object.fromEntries(
    (await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, orderId))).map((l) => [l.variantId, l.quantity]),
  );
const liveRequests = (orderId: number) =>
  db
    .select()
    .from(schema.productionRequests)
    .where(and(eq(schema.productionRequests.orderId, orderId), ne(schema.productionRequests.status, "cancelled")));
const reserved = async () => {
  const [level] = await db
    .select()
    .from(schema.inventoryLevels)
    .where(and(eq(schema.inventoryLevels.variantId, setup.stocked.id), eq(schema.inventoryLevels.locationId, setup.hub.id)));
  return level.reserved;
};
/** Our 855 answering the change, parsed strictly: its segments by tag, and its SE count checked. */
async function lastAck() {
  const doc = (await documentsOf(setup.partner.id, "855")).at(-1)!;
  const parsed = parseStrict(doc.raw);
  const set = parsed.sets[0];
  expect(parsed.gs[0]).toBe("PR");
  expect(set.st[0]).toBe("855");
  expect(set.se[0]).toBe(String(set.segments.length + 2));
  expect(parsed.ge[0]).toBe("1");
  const tag = (t: string) => set.segments.filter((s) => s[0] === t);
  return { doc, segments: set.segments, tag };
}

describe("an 860 change", () => {
  it("a quantity down gives reserved stock back; the invoice and the order's total follow; the 855 accepts the line", async () => {
    const placed = await placePo("CH-1");
    const reservedBefore = await reserved();
    const [invoiceBefore] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, placed.order.id));
    const result = await send(change860("CH-1", { sequence: "1", pocs: [["1", "QD", "10", "", "EA", "", "", "UP", UPC_STOCKED]] }));
    expect(result).toMatchObject({ ok: true, status: "accepted", sets: [{ type: "860", status: "changed", problems: [] }] });
    expect(await linesOf(placed.order.id)).toEqual({ [setup.stocked.id]: 10, [setup.made.id]: 6 });
    expect(await reserved()).toBe(reservedBefore - 14);
    const after = (await orderOf("CH-1"))!;
    const [line] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.variantId, setup.stocked.id)).limit(1);
    expect(after.order.total).toBe(placed.order.total - 14 * line.unitPrice);
    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, placed.order.id));
    expect(invoice.amount).toBe(after.order.total);
    expect(invoice.amount).toBeLessThan(invoiceBefore.amount);
    const ack = await lastAck();
    expect(ack.doc.orderId).toBe(placed.order.id);
    expect(ack.tag("BAK")[0].slice(0, 4)).toEqual(["BAK", "04", "AD", "CH-1"]);
    expect(ack.tag("BAK")[0][8]).toBe(placed.order.number);
    expect(ack.tag("PO1")[0].slice(0, 4)).toEqual(["PO1", "1", "10", "EA"]);
    expect(ack.tag("ACK")).toEqual([["ACK", "IA", "10", "EA", "068", hubDay(1)]]);
    expect(ack.tag("CTT")).toEqual([["CTT", "1"]]);
    const fa = (await documentsOf(setup.partner.id, "997")).at(-1)!;
    expect(parseStrict(fa.raw).sets[0].segments.at(-1)).toEqual(["AK9", "A", "1", "1", "1"]);
  });

  it("a quantity up reserves what stock there is and sends the rest to production, dated by the artisans", async () => {
    const placed = await placePo("CH-2");
    const before = await liveRequests(placed.order.id);
    expect(before.map((r) => r.quantity)).toEqual([6]);
    await send(change860("CH-2", { sequence: "1", pocs: [["2", "QI", "9", "", "EA", "", "", "IN", ITEM_MADE]] }));
    expect(await linesOf(placed.order.id)).toEqual({ [setup.stocked.id]: 24, [setup.made.id]: 9 });
    const requests = await liveRequests(placed.order.id);
    expect(requests.map((r) => r.quantity).sort()).toEqual([3, 6]);
    expect(requests.every((r) => r.status === "unassigned" || r.status === "offered")).toBe(true);
    const ack = await lastAck();
    const [line] = ack.tag("ACK");
    // Made to order, after the requested date: rescheduled, with the date it can ship.
    expect(line.slice(0, 5)).toEqual(["ACK", "DR", "9", "EA", "068"]);
    expect(line[5] > hubDay(1)).toBe(true);
    expect(ack.tag("REF")[0].slice(0, 2)).toEqual(["REF", "L1"]);
    expect(ack.tag("BAK")[0][2]).toBe("AC");
  });

  it("a line added and a line deleted: the new line is priced by the portal's rules, the deleted one's production cancelled", async () => {
    const placed = await placePo("CH-3", [24, 0]);
    await send(change860("CH-3", { sequence: "1", pocs: [["2", "AI", "4", "", "EA", "", "", "IN", ITEM_MADE]] }));
    expect(await linesOf(placed.order.id)).toEqual({ [setup.stocked.id]: 24, [setup.made.id]: 4 });
    const [added] = await liveRequests(placed.order.id);
    expect(added.quantity).toBe(4);
    expect((await orderOf("CH-3"))!.order.status).toBe("in_production");
    expect((await lastAck()).tag("ACK")[0].slice(0, 3)).toEqual(["ACK", "DR", "4"]);

    const reservedBefore = await reserved();
    await send(change860("CH-3", { sequence: "2", pocs: [["1", "DI", "", "", "EA", "", "", "UP", UPC_STOCKED]] }));
    expect(await linesOf(placed.order.id)).toEqual({ [setup.made.id]: 4 });
    expect(await reserved()).toBe(reservedBefore - 24);
    const ack = await lastAck();
    expect(ack.tag("ACK")).toEqual([["ACK", "ID", "0", "EA"]]);
    expect(ack.tag("BAK")[0][2]).toBe("AD");

    // The last line can't be deleted: the PO is cancelled with BCH01 01 instead.
    const last = await send(change860("CH-3", { sequence: "3", pocs: [["2", "DI", "", "", "EA", "", "", "IN", ITEM_MADE]] }));
    expect(last).toMatchObject({ ok: true, sets: [{ status: "changed", problems: [{ code: "line_refused" }] }] });
    expect(await linesOf(placed.order.id)).toEqual({ [setup.made.id]: 4 });
    const refused = await lastAck();
    expect(refused.tag("ACK")).toEqual([["ACK", "IR", "4", "EA"]]);
    expect(refused.tag("BAK")[0][2]).toBe("RJ");
    expect(refused.tag("REF")[0][3]).toMatch(/last line/);
  });

  it("a new ship window moves the order's window and answers every line with its date", async () => {
    const placed = await placePo("CH-4");
    const start = ymd(daysFrom(now, 20));
    const end = ymd(daysFrom(now, 120));
    await send(change860("CH-4", { sequence: "1", dtm: [`DTM*010*${start}`, `DTM*001*${end}`] }));
    const after = (await orderOf("CH-4"))!;
    expect(after.wholesale.shipWindowStart).toBe(daysFrom(now, 20).toISOString().slice(0, 10));
    expect(after.wholesale.shipWindowEnd).toBe(daysFrom(now, 120).toISOString().slice(0, 10));
    expect(await linesOf(placed.order.id)).toEqual({ [setup.stocked.id]: 24, [setup.made.id]: 6 });
    const ack = await lastAck();
    expect(ack.tag("DTM")).toEqual([
      ["DTM", "010", start],
      ["DTM", "001", end],
    ]);
    const acks = ack.tag("ACK");
    expect(acks).toHaveLength(2);
    // Stock ships when the window opens; nothing ships before it.
    expect(acks.find((a) => a[2] === "24")).toEqual(["ACK", "IA", "24", "EA", "068", start]);
    expect(acks.every((a) => a[5] >= start)).toBe(true);

    // A window that ends in the past is refused; the order keeps its window.
    await send(change860("CH-4", { sequence: "2", dtm: [`DTM*001*${ymd(daysFrom(now, -2))}`] }));
    expect((await orderOf("CH-4"))!.wholesale.shipWindowEnd).toBe(after.wholesale.shipWindowEnd);
    const refused = await lastAck();
    expect(refused.tag("BAK")[0][2]).toBe("RJ");
    expect(refused.tag("REF")[0].slice(0, 3)).toEqual(["REF", "L1", "DATES"]);
  });

  it("a line whose work an artisan already accepted can't go below it: that line is refused, the other applied", async () => {
    const placed = await placePo("CH-5", [24, 6]);
    const [request] = await liveRequests(placed.order.id);
    await db.update(schema.productionRequests).set({ status: "accepted" }).where(eq(schema.productionRequests.id, request.id));
    const reservedBefore = await reserved();
    const result = await send(
      change860("CH-5", {
        sequence: "1",
        pocs: [
          ["1", "QD", "20", "", "EA", "", "", "UP", UPC_STOCKED],
          ["2", "QD", "2", "", "EA", "", "", "IN", ITEM_MADE],
        ],
      }),
    );
    expect(result).toMatchObject({ ok: true, sets: [{ status: "changed", problems: [{ code: "line_refused" }] }] });
    expect(result.ok && result.sets[0].problems[0].message).toMatch(
      /^Line 2: 6 pieces already accepted by an artisan or made: the line can't go below 6\.$/,
    );
    expect(await linesOf(placed.order.id)).toEqual({ [setup.stocked.id]: 20, [setup.made.id]: 6 });
    expect(await reserved()).toBe(reservedBefore - 4);
    const [still] = await liveRequests(placed.order.id);
    expect(still).toMatchObject({ id: request.id, status: "accepted", quantity: 6 });
    const ack = await lastAck();
    expect(ack.tag("BAK")[0][2]).toBe("AC");
    expect(ack.tag("ACK").map((a) => a.slice(0, 3))).toEqual([
      ["ACK", "IA", "20"],
      ["ACK", "IR", "6"],
    ]);
    expect(ack.tag("REF")[0][3]).toMatch(/can't go below 6/);
  });

  it("the same 860 twice at once is applied once, whether the interchange or only its change number repeats", async () => {
    const placed = await placePo("CH-6");
    const reservedBefore = await reserved();
    const acksBefore = (await documentsOf(setup.partner.id, "855")).length;
    const raw = change860("CH-6", { sequence: "7", pocs: [["1", "QD", "12", "", "EA", "", "", "UP", UPC_STOCKED]] });
    const [a, b] = await Promise.all([send(raw), send(raw)]);
    expect([a, b].map((r) => r.ok && r.duplicate).sort()).toEqual([false, true]);
    const again = change860("CH-6", { sequence: "7", pocs: [["1", "QD", "12", "", "EA", "", "", "UP", UPC_STOCKED]] });
    const other = change860("CH-6", { sequence: "7", pocs: [["1", "QD", "12", "", "EA", "", "", "UP", UPC_STOCKED]] });
    const [c, d] = await Promise.all([send(again), send(other)]);
    expect([c, d].every((r) => r.ok && !r.duplicate)).toBe(true);
    expect([c, d].map((r) => r.ok && r.sets[0].problems.map((p) => p.code).join()).sort()).toEqual([
      "duplicate_change",
      "duplicate_change",
    ]);
    expect(await linesOf(placed.order.id)).toEqual({ [setup.stocked.id]: 12, [setup.made.id]: 6 });
    expect(await reserved()).toBe(reservedBefore - 12);
    expect((await documentsOf(setup.partner.id, "855")).length).toBe(acksBefore + 1);
    const events = await db
      .select()
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, placed.order.id), eq(schema.orderEvents.type, "changed")));
    expect(events).toHaveLength(1);
  });
});
