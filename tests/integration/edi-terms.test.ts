/**
 * An 860 judged against the retailer's terms, on the real database: a raise that would take the
 * retailer past its credit limit, or a cut that would leave the order under its minimum, is refused
 * line by line in the 855 (ACK IR with the reason in REF*L1) and nothing of it is applied — lines,
 * stock, invoice and ledger stay as they were — while the rest of the change applies. And a PO
 * number cancelled by the retailer may be sent again: the new 850 is a new order.
 */
import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cancelForTransaction, receiveInterchange } from "~/domain/edi/index.server";
import { envelope, sample850, type SampleLine } from "~/domain/edi/samples";
import { ACCOUNT_CODES, trialBalance } from "~/domain/ledger/index.server";
import { db, schema } from "~/lib/db.server";
import { ITEM_MADE, SOKO, STORE, UPC_STOCKED, daysFrom, documentsOf, parseStrict, setUpPartner, ymd } from "./edi-support";

const now = new Date();
const today = ymd(now);
let setup: Awaited<ReturnType<typeof setUpPartner>>;
let control = 700;

beforeAll(async () => {
  setup = await setUpPartner({ handle: "terms", stock: 1000 });
});

const send = (raw: string) => receiveInterchange({ raw, source: "http", actor: "partner", partnerId: setup.partner.id, now });

const po850 = (poNumber: string, lines: [number, number]) =>
  sample850({
    from: STORE,
    to: SOKO,
    control: ++control,
    poNumber,
    poDate: today,
    shipNotBefore: ymd(daysFrom(now, 1)),
    cancelAfter: ymd(daysFrom(now, 90)),
    shipTo: { code: "0588" },
    lines: [
      { qty: lines[0], ids: [["UP", UPC_STOCKED]] },
      { qty: lines[1], ids: [["IN", ITEM_MADE]] },
    ] satisfies SampleLine[],
  });

const change860 = (poNumber: string, sequence: string, pocs: string[][], purpose = "04") =>
  envelope({
    from: STORE,
    to: SOKO,
    control: ++control,
    date: today,
    functionalId: "PC",
    sets: [
      {
        type: "860",
        body: [
          `BCH*${purpose}*SA*${poNumber}**${sequence}*${today}`,
          ...pocs.map((p) => `POC*${p.join("*")}`),
          ...(pocs.length ? [`CTT*${pocs.length}`] : []),
        ],
      },
    ],
  });

async function liveOrder(poNumber: string) {
  const [row] = await db
    .select({ order: schema.orders })
    .from(schema.wholesaleOrders)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.wholesaleOrders.orderId))
    .where(
      and(
        eq(schema.wholesaleOrders.retailerId, setup.retailer.id),
        eq(schema.wholesaleOrders.poNumber, poNumber),
        eq(schema.wholesaleOrders.cancelled, false),
      ),
    );
  return row?.order ?? null;
}

/** Everything a change could touch: the lines, the live production, the reserved stock, the invoice, the receivable. */
async function snapshot(orderId: number) {
  const [lines, requests, [level], [invoice], receivables] = await Promise.all([
    db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, orderId)).orderBy(schema.orderLines.id),
    db
      .select({ id: schema.productionRequests.id, quantity: schema.productionRequests.quantity })
      .from(schema.productionRequests)
      .where(and(eq(schema.productionRequests.orderId, orderId), ne(schema.productionRequests.status, "cancelled"))),
    db
      .select({ reserved: schema.inventoryLevels.reserved })
      .from(schema.inventoryLevels)
      .where(and(eq(schema.inventoryLevels.variantId, setup.stocked.id), eq(schema.inventoryLevels.locationId, setup.hub.id))),
    db.select().from(schema.invoices).where(eq(schema.invoices.orderId, orderId)),
    receivableBalance(),
  ]);
  return {
    lines: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, unitPrice: l.unitPrice })),
    requests,
    reserved: level.reserved,
    invoice: { amount: invoice.amount, number: invoice.number },
    receivables,
  };
}

async function receivableBalance() {
  const rows = await db
    .select({ amount: schema.ledgerLines.amount })
    .from(schema.ledgerLines)
    .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
    .where(eq(schema.ledgerAccounts.code, ACCOUNT_CODES.receivables("USD")));
  return rows.reduce((n, r) => n + r.amount, 0);
}

/** Our last 855, parsed strictly; each line's PO1 quantity, REF*L1 reason and ACK code. */
async function lastAck() {
  const doc = (await documentsOf(setup.partner.id, "855")).at(-1)!;
  const set = parseStrict(doc.raw).sets[0];
  expect(set.se[0]).toBe(String(set.segments.length + 2));
  const tag = (t: string) => set.segments.filter((s) => s[0] === t);
  return { bak: tag("BAK")[0][2], refs: tag("REF"), acks: tag("ACK").map((a) => a.slice(1, 3)) };
}

describe("an 860 against the retailer's terms", () => {
  it("a cut under the order's minimum is refused (IR, reason in REF*L1) and nothing of it applied; a raise beside it applies", async () => {
    expect(await send(po850("TM-1", [24, 6]))).toMatchObject({ ok: true, sets: [{ status: "ordered" }] });
    const order = (await liveOrder("TM-1"))!;
    const before = await snapshot(order.id);
    // Line 1 down to 1 pair: the order would fall far under the $500 opening minimum.
    const cut = await send(change860("TM-1", "1", [["1", "QD", "1", "", "EA", "", "", "UP", UPC_STOCKED]]));
    expect(cut).toMatchObject({ ok: true, sets: [{ type: "860", status: "changed", problems: [{ code: "line_refused" }] }] });
    const ack = await lastAck();
    expect(ack.bak).toBe("RJ");
    expect(ack.acks).toEqual([["IR", "24"]]);
    expect(ack.refs).toEqual([["REF", "L1", "IR", expect.stringMatching(/under the \$500\.00 opening minimum/)]]);
    expect(await snapshot(order.id)).toEqual(before);

    // The same cut beside a raise of line 2 that keeps the order over the minimum on its own: the
    // raise applies, the cut (which would take it under) is refused with its reason.
    const mixed = await send(
      change860("TM-1", "2", [
        ["1", "QD", "1", "", "EA", "", "", "UP", UPC_STOCKED],
        ["2", "QI", "8", "", "EA", "", "", "IN", ITEM_MADE],
      ]),
    );
    expect(mixed).toMatchObject({ ok: true, sets: [{ status: "changed" }] });
    const after = await snapshot(order.id);
    const made = after.lines.find((l) => l.variantId === setup.made.id)!;
    const stocked = after.lines.find((l) => l.variantId === setup.stocked.id)!;
    expect([stocked.quantity, made.quantity]).toEqual([24, 8]);
    const mixedAck = await lastAck();
    expect(mixedAck.bak).toBe("AC");
    expect(mixedAck.acks.map((a) => a[0])).toEqual(["IR", expect.stringMatching(/^(IA|DR)$/)]);
    // The invoice and its receivable followed the raise, by exactly the two bangles.
    expect(after.invoice.amount).toBe(before.invoice.amount + 2 * made.unitPrice);
    expect(after.receivables).toBe(before.receivables + 2 * made.unitPrice);
  });

  it("a raise past the credit limit is refused and nothing of it applied; one within the limit applies and the receivable follows", async () => {
    const order = (await liveOrder("TM-1"))!;
    const before = await snapshot(order.id);
    const stocked = before.lines.find((l) => l.variantId === setup.stocked.id)!;
    // Room for three more pairs of earrings, not for sixteen.
    const room = 3 * stocked.unitPrice;
    await db
      .update(schema.retailers)
      .set({ creditLimit: before.receivables + room })
      .where(eq(schema.retailers.id, setup.retailer.id));

    const over = await send(change860("TM-1", "3", [["1", "QI", "40", "", "EA", "", "", "UP", UPC_STOCKED]]));
    expect(over).toMatchObject({ ok: true, sets: [{ status: "changed", problems: [{ code: "line_refused" }] }] });
    const ack = await lastAck();
    expect(ack.bak).toBe("RJ");
    expect(ack.acks).toEqual([["IR", "24"]]);
    expect(ack.refs[0][3]).toMatch(/credit limit by \$/);
    expect(await snapshot(order.id)).toEqual(before);

    const within = await send(change860("TM-1", "4", [["1", "QI", "27", "", "EA", "", "", "UP", UPC_STOCKED]]));
    expect(within).toMatchObject({ ok: true, sets: [{ status: "changed", problems: [] }] });
    expect((await lastAck()).acks).toEqual([["IA", "27"]]);
    const after = await snapshot(order.id);
    expect(after.reserved).toBe(before.reserved + 3);
    expect(after.invoice.amount).toBe(before.invoice.amount + room);
    expect(after.receivables).toBe(before.receivables + room);
    // One issue entry and one revision per change that moved the total; the books balance.
    const entries = await db
      .select({ reference: schema.ledgerEntries.reference })
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.kind, "invoice_issued"));
    expect(entries).toEqual([{ reference: `invoice:${after.invoice.number}` }]);
    expect((await trialBalance()).totals.USD).toBe(0);
  });
});

describe("the order's own terms", () => {
  it("an 860 revises the order and its invoice at the allowance the order was placed under, not the partner's percent of today", async () => {
    await db.update(schema.retailers).set({ creditLimit: 100_000_000 }).where(eq(schema.retailers.id, setup.retailer.id));
    await db.update(schema.ediPartners).set({ allowanceBps: 500, freightCharge: 2500 }).where(eq(schema.ediPartners.id, setup.partner.id));
    expect(await send(po850("TM-A", [24, 6]))).toMatchObject({ ok: true, sets: [{ status: "ordered" }] });
    const order = (await liveOrder("TM-A"))!;
    const [kept] = await db.select().from(schema.wholesaleOrders).where(eq(schema.wholesaleOrders.orderId, order.id));
    expect([kept.allowanceBps, kept.freightCharge]).toEqual([500, 2500]);
    expect(order.discountTotal).toBe(Math.round(order.subtotal * 0.05));

    // The partner's terms change after the 850; the order keeps its 5% and its freight.
    await db.update(schema.ediPartners).set({ allowanceBps: 1000, freightCharge: 9900 }).where(eq(schema.ediPartners.id, setup.partner.id));
    const before = await snapshot(order.id);
    expect(await send(change860("TM-A", "1", [["1", "QI", "30", "", "EA", "", "", "UP", UPC_STOCKED]]))).toMatchObject({
      ok: true,
      sets: [{ status: "changed", problems: [] }],
    });
    const changed = (await liveOrder("TM-A"))!;
    const stocked = before.lines.find((l) => l.variantId === setup.stocked.id)!;
    expect(changed.subtotal).toBe(order.subtotal + 6 * stocked.unitPrice);
    const discount = Math.round(changed.subtotal * 0.05);
    expect(changed.discountTotal).toBe(discount);
    expect(changed.shippingTotal).toBe(2500);
    expect(changed.total).toBe(changed.subtotal - discount + 2500);
    const after = await snapshot(order.id);
    expect(after.invoice.amount).toBe(changed.total);
    expect(after.receivables - before.receivables).toBe(changed.total - order.total);
    await db.update(schema.ediPartners).set({ allowanceBps: 0, freightCharge: 0 }).where(eq(schema.ediPartners.id, setup.partner.id));
  });
});

describe("a PO number the retailer cancelled", () => {
  it("may be sent again: the new 850 is a new order, a third 850 with it is held, and its 860 changes the live order", async () => {
    await db.update(schema.retailers).set({ creditLimit: 100_000_000 }).where(eq(schema.retailers.id, setup.retailer.id));
    expect(await send(po850("TM-R", [24, 6]))).toMatchObject({ ok: true, sets: [{ status: "ordered" }] });
    const first = (await liveOrder("TM-R"))!;
    const cancel = await send(change860("TM-R", "", [], "01"));
    expect(cancel).toMatchObject({ ok: true, sets: [{ status: "changed" }] });
    const [set] = await db
      .select({ id: schema.ediTransactions.id })
      .from(schema.ediTransactions)
      .where(and(eq(schema.ediTransactions.type, "860"), eq(schema.ediTransactions.poNumber, "TM-R")));
    await cancelForTransaction(set.id);
    const [wholesale] = await db.select().from(schema.wholesaleOrders).where(eq(schema.wholesaleOrders.orderId, first.id));
    expect(wholesale.cancelled).toBe(true);
    expect(await liveOrder("TM-R")).toBeNull();

    expect(await send(po850("TM-R", [12, 6]))).toMatchObject({ ok: true, sets: [{ status: "ordered" }] });
    const second = (await liveOrder("TM-R"))!;
    expect(second.id).not.toBe(first.id);
    expect(second.status).not.toBe("cancelled");

    expect(await send(po850("TM-R", [12, 6]))).toMatchObject({
      ok: true,
      sets: [{ status: "held", problems: [{ code: "duplicate_po", message: expect.stringContaining(second.number) }] }],
    });

    expect(await send(change860("TM-R", "1", [["1", "QI", "14", "", "EA", "", "", "UP", UPC_STOCKED]]))).toMatchObject({
      ok: true,
      sets: [{ status: "changed", problems: [] }],
    });
    const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, second.id));
    expect(lines.find((l) => l.variantId === setup.stocked.id)!.quantity).toBe(14);
    const firstLines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, first.id));
    expect(firstLines.find((l) => l.variantId === setup.stocked.id)!.quantity).toBe(24);
  });
});
