/**
 * Exchanges at the counter (#16, docs/decisions/0020-returns.md): a piece from a store sale swapped
 * for another size or finish (or the same piece again) handed over from the flagship's shelf, the
 * difference taken by card or cash or given back to the sale's tender, in the one returns model,
 * on the real database. And what an attacker or a busy counter would try.
 */
import { randomUUID } from "node:crypto";
import { and, count, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createProduct, setStock } from "#db/seed/factories";
import { action as homeAction } from "~/routes/pos._index";
import { action as registerAction, loader as registerLoader } from "~/routes/pos.register";
import { action as saleAction, loader as receiptLoader } from "~/routes/pos.sales.$number";
import { action as shiftAction, loader as shiftLoader } from "~/routes/pos.shift";
import { exchangeDifference, exchangeDue } from "~/domain/returns";
import { reasonsReport, returnDetail, returnQueue, returnsMoney } from "~/domain/returns/index.server";
import { db, schema } from "~/lib/db.server";
import { zonedIsoDate } from "~/lib/time";
import { call, cartOf, level, setUpStore, signIn, type Store } from "./pos-support";

/** The returns report's period: today on the factory's clock. */
const TODAY = { from: zonedIsoDate(new Date()), to: zonedIsoDate(new Date()) };

type Fn = Parameters<typeof call>[0];
let store: Store;
let cashier: string;
let ring: { size6: number; size7: number; size8: number; size9: number; silver: number; size10: number; pounds: number };

/** California's 7.25% on a $40.00 ring: what one ring brings back at the counter. */
const RING_VALUE = 4000 + Math.round(4000 * 0.0725);

async function sell(cart: string, fields: Record<string, string>) {
  const res = await call(registerAction as Fn, "/pos/register", {
    cookie: cashier,
    form: { intent: "charge", cart, key: randomUUID(), email: "wanjiru@example.test", ...fields },
  });
  const number = /\/pos\/sales\/(SK-\d+)/.exec(res.location ?? "")?.[1];
  if (!number) throw new Error(`sale failed: ${res.status} ${JSON.stringify(res.body)}`);
  const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
  const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
  return { number, order, lines };
}

const exchange = (number: string, fields: Record<string, string>, key = randomUUID()) =>
  call(saleAction as Fn, `/pos/sales/${number}`, {
    cookie: cashier,
    params: { number },
    form: { key, reason: "size", note: "Too small", ...fields },
  });

async function counts() {
  const [[posReturns], [returns], [orders], [tenders], [entries]] = await Promise.all([
    db.select({ n: count() }).from(schema.posReturns),
    db.select({ n: count() }).from(schema.returns),
    db.select({ n: count() }).from(schema.orders),
    db.select({ n: count() }).from(schema.tenders),
    db.select({ n: count() }).from(schema.ledgerEntries),
  ]);
  return { posReturns: posReturns.n, returns: returns.n, orders: orders.n, tenders: tenders.n, entries: entries.n };
}

async function recordOf(orderId: number) {
  return db.select().from(schema.returns).where(eq(schema.returns.orderId, orderId));
}

async function entryLines(reference: string) {
  const [entry] = await db.select().from(schema.ledgerEntries).where(eq(schema.ledgerEntries.reference, reference));
  if (!entry) return null;
  return db
    .select({ accountCode: schema.ledgerAccounts.code, amount: schema.ledgerLines.amount })
    .from(schema.ledgerLines)
    .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
    .where(eq(schema.ledgerLines.entryId, entry.id));
}

beforeAll(async () => {
  store = await setUpStore();
  const made = await createProduct(db, {
    title: "Kamba Horn Ring",
    category: "rings",
    variants: [
      { title: "Size 6", price: 4000 },
      { title: "Size 7", price: 4000 },
      { title: "Size 8", price: 5000 },
      // $50.27 makes the difference end in .01: the simulated reader declines it.
      { title: "Size 9", price: 5027 },
      { title: "Silver finish", price: 3000 },
      { title: "Size 10", price: 5000 },
      { title: "Size 6 (UK)", price: 3500, currency: "GBP" },
    ],
  });
  const [size6, size7, size8, size9, silver, size10, pounds] = made.variants.map((v) => v.id);
  ring = { size6, size7, size8, size9, silver, size10, pounds };
  for (const id of [size6, size7, size8, size9, silver, pounds]) await setStock(db, id, store.flagship.id, 10);
  // Size 10 is only at the web's fulfilment centre: nothing to hand over at the counter.
  await setStock(db, size10, store.fc.id, 3);
  cashier = await signIn("cashier@soko.test");
  await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "150" } });
});

describe("the rule the counter shares with the web", () => {
  it("prices the new piece on the sale's terms: the same tax rate, the sale's own price paid", () => {
    expect(exchangeDue(RING_VALUE, 4000, 5000)).toBe(Math.round((RING_VALUE * 5000) / 4000) - RING_VALUE);
    expect(exchangeDifference(RING_VALUE, 4000, 3000)).toBe(RING_VALUE - Math.round((RING_VALUE * 3000) / 4000));
  });
});

describe("exchanges at the counter", () => {
  it("a larger size, the difference paid in cash: handed over from the shelf, one return record, the drawer and the ledger", async () => {
    const sale = await sell(cartOf([ring.size6, 1]), { mode: "cash", cashGiven: "50" });
    const [six, eight] = [await level(ring.size6, store.flagship.id), await level(ring.size8, store.flagship.id)];
    const due = exchangeDue(RING_VALUE, 4000, 5000);

    const res = await exchange(sale.number, {
      [`return-${sale.lines[0].id}`]: "1",
      [`swap-${sale.lines[0].id}`]: String(ring.size8),
      differenceMode: "cash",
      cashGiven: "20",
    });
    expect(res.status).toBe(302);

    // The new ring left the shelf (handed over); the old one is back on it.
    expect((await level(ring.size8, store.flagship.id)).onHand).toBe(eight.onHand - 1);
    expect((await level(ring.size6, store.flagship.id)).onHand).toBe(six.onHand + 1);

    const [record] = await recordOf(sale.order.id);
    expect(record).toMatchObject({
      channel: "pos",
      status: "closed",
      resolution: "exchange",
      amount: 0,
      due,
      dueState: "paid",
      refundState: "none",
    });
    const [exchangeOrder] = await db.select().from(schema.orders).where(eq(schema.orders.id, record.exchangeOrderId!));
    // Worth what was paid for the new ring (the old one's worth and the difference), nothing charged on it.
    expect(exchangeOrder).toMatchObject({ channel: "pos", status: "delivered", total: RING_VALUE + due, paymentStatus: "paid" });
    expect(await db.select().from(schema.payments).where(eq(schema.payments.orderId, exchangeOrder.id))).toEqual([]);
    const [newLine] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, exchangeOrder.id));
    expect(newLine).toMatchObject({ variantId: ring.size8, quantity: 1, unitPrice: 5000, total: 5000 });
    const [lineRow] = await db.select().from(schema.returnLines).where(eq(schema.returnLines.returnId, record.id));
    expect(lineRow.exchangeVariantId).toBe(ring.size8);

    // The shift's drawer took the difference (change given from what was handed over).
    const [posReturn] = await db.select().from(schema.posReturns).where(eq(schema.posReturns.orderId, sale.order.id));
    expect(posReturn).toMatchObject({ amount: 0, exchangeValue: RING_VALUE });
    const taken = await db.select().from(schema.tenders).where(eq(schema.tenders.returnId, posReturn.id));
    expect(taken).toEqual([expect.objectContaining({ kind: "cash", amount: due, cashGiven: 2000, changeDue: 2000 - due })]);
    const shift = await call(shiftLoader as Fn, "/pos/shift", { cookie: cashier });
    const report = (shift.body as { detail: { report: { expectedCash: number; exchangesCount: number; cashDifferences: number } } }).detail
      .report;
    const drawer = await db.select().from(schema.tenders).where(eq(schema.tenders.kind, "cash"));
    expect(report.expectedCash).toBe(15000 + drawer.reduce((sum, t) => sum + t.amount, 0));
    expect(report.exchangesCount).toBeGreaterThanOrEqual(1);
    expect(report.cashDifferences).toBe(due);

    // Booked like the web's dearer exchange: a sale of the exchange into the cash drawer; nothing refunded.
    const lines = await entryLines(`sale:${record.number}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ accountCode: "soko:cash_drawer:USD", amount: due }),
        expect.objectContaining({ accountCode: "soko:retail_sales:USD", amount: -due }),
      ]),
    );
    expect(await entryLines(`return-refund:${record.number}`)).toBeNull();
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.id, sale.order.id));
    expect(order.paymentStatus).toBe("paid");
    // Ops' returns report reads the ledger, so the counter's difference is there with the web's.
    expect((await returnsMoney(TODAY)).latest.find((m) => m.returnNumber === record.number)).toMatchObject({
      kind: "difference_received",
      shopperAmount: due,
      booked: due,
      bookedCurrency: "USD",
    });

    // The console sees it: the queue (counter channel), the return's page with its exchange, the reasons, the money.
    const queue = await returnQueue({ status: "all", reason: "all", channel: "pos", page: 1 });
    expect(queue.rows.map((r) => r.number)).toContain(record.number);
    expect(await returnDetail(record.number)).toMatchObject({
      channel: "pos",
      resolution: "exchange",
      exchangeNumber: exchangeOrder.number,
      due,
      dueState: "paid",
      reason: "size",
      note: "Too small",
    });
    expect((await reasonsReport(TODAY)).find((r) => r.reason === "size")?.counter).toBeGreaterThanOrEqual(1);

    // The receipt email, and the sale's page shows it.
    const [email] = await db
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.template, "return-update"), like(schema.outbox.dedupeKey, `return:${record.number}:%`)));
    expect(email.to).toBe("wanjiru@example.test");
    expect(email.text).toContain(exchangeOrder.number);
    expect(email.text).toMatch(/paid the difference of \$\d+\.\d\d in cash/);
    const page = await call(receiptLoader as Fn, `/pos/sales/${sale.number}`, { cookie: cashier, params: { number: sale.number } });
    const view = page.body as { returns: Array<{ exchangeNumber: string | null; taken: number }> };
    expect(view.returns).toEqual([expect.objectContaining({ exchangeNumber: exchangeOrder.number, taken: due })]);
  });

  it("a cheaper finish: the difference goes back to the card through the terminal, booked as a return refund", async () => {
    const sale = await sell(cartOf([ring.size6, 1]), { mode: "card", receiptPhone: "(415) 555-0100" });
    const back = exchangeDifference(RING_VALUE, 4000, 3000)!;
    const res = await exchange(sale.number, {
      [`return-${sale.lines[0].id}`]: "1",
      [`swap-${sale.lines[0].id}`]: String(ring.silver),
    });
    expect(res.status).toBe(302);
    const [record] = await recordOf(sale.order.id);
    expect(record).toMatchObject({ resolution: "exchange", amount: back, refundState: "issued", due: 0 });
    const tenders = await db.select().from(schema.tenders).where(eq(schema.tenders.orderId, sale.order.id));
    const card = tenders.find((t) => t.amount > 0)!;
    expect(tenders.filter((t) => t.amount < 0)).toEqual([
      expect.objectContaining({ kind: "card", amount: -back, providerRef: card.providerRef }),
    ]);
    const [refund] = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, sale.order.id));
    expect(refund).toMatchObject({ amount: back, status: "succeeded" });
    expect(refund.providerRef).toMatch(/^re_sim_/);
    expect(await entryLines(`return-refund:${record.number}`)).toEqual(
      expect.arrayContaining([expect.objectContaining({ accountCode: "soko:sales_returns:USD", amount: back })]),
    );
    expect(await entryLines(`sale:${record.number}`)).toBeNull();
    // The sale's receipt went by text: so does the exchange's.
    const [text] = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `pos-exchange-sms:${record.number}`));
    expect(text).toMatchObject({ channel: "sms", to: "+14155550100" });
    expect(text.text).toContain(`your exchange on ${sale.number}`);
    expect(text.text).toContain("back to the card");
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.id, sale.order.id));
    expect(order.paymentStatus).toBe("partially_refunded");
    // The console's money of returns lists the difference given back.
    expect((await returnsMoney(TODAY)).latest.find((m) => m.returnNumber === record.number)).toMatchObject({
      kind: "difference_refunded",
      reference: `return-refund:${record.number}`,
      shopperAmount: back,
    });
  });

  it("the same piece again (a faulty one swapped) or the same price: nothing moves, the piece is handed over", async () => {
    const sale = await sell(cartOf([ring.size6, 1]), { mode: "cash", cashGiven: "50" });
    const before = await level(ring.size6, store.flagship.id);
    const res = await exchange(sale.number, {
      [`return-${sale.lines[0].id}`]: "1",
      [`swap-${sale.lines[0].id}`]: String(ring.size6),
      reason: "faulty",
      note: "Clasp broke",
    });
    expect(res.status).toBe(302);
    const [record] = await recordOf(sale.order.id);
    expect(record).toMatchObject({ resolution: "exchange", amount: 0, due: 0, status: "closed" });
    expect(record.exchangeOrderId).not.toBeNull();
    const [posReturn] = await db.select().from(schema.posReturns).where(eq(schema.posReturns.orderId, sale.order.id));
    expect(await db.select().from(schema.tenders).where(eq(schema.tenders.returnId, posReturn.id))).toEqual([]);
    // One ring out, one back: the shelf counts the same.
    expect((await level(ring.size6, store.flagship.id)).onHand).toBe(before.onHand);
  });

  it("an exchange's worth is spent: refunding the rest of the sale later never pays the exchanged piece back too", async () => {
    const sale = await sell(cartOf([ring.size6, 1], [store.stud.id, 1]), { mode: "cash", cashGiven: "200" });
    const ringLine = sale.lines.find((l) => l.variantId === ring.size6)!;
    const studLine = sale.lines.find((l) => l.variantId === store.stud.id)!;
    expect((await exchange(sale.number, { [`return-${ringLine.id}`]: "1", [`swap-${ringLine.id}`]: String(ring.size7) })).status).toBe(302);
    expect((await exchange(sale.number, { [`return-${studLine.id}`]: "1" })).status).toBe(302);
    const refunds = await db.select().from(schema.posReturns).where(eq(schema.posReturns.orderId, sale.order.id));
    const total = refunds.reduce((sum, r) => sum + r.amount + r.exchangeValue, 0);
    expect(total).toBe(sale.order.total);
    expect(refunds.reduce((sum, r) => sum + r.amount, 0)).toBe(sale.order.total - RING_VALUE);
  });
});

describe("what the counter refuses (nothing written)", () => {
  it("a double submit (the same key) is one exchange, even at once", async () => {
    const sale = await sell(cartOf([ring.size6, 1]), { mode: "cash", cashGiven: "50" });
    const key = randomUUID();
    const fields = { [`return-${sale.lines[0].id}`]: "1", [`swap-${sale.lines[0].id}`]: String(ring.size7) };
    const answers = await Promise.all([exchange(sale.number, fields, key), exchange(sale.number, fields, key)]);
    expect(answers.map((a) => a.status)).toEqual([302, 302]);
    const again = await exchange(sale.number, fields, key);
    expect(again.status).toBe(302);
    expect(await recordOf(sale.order.id)).toHaveLength(1);
    expect(await db.select().from(schema.posReturns).where(eq(schema.posReturns.orderId, sale.order.id))).toHaveLength(1);
    const exchanges = await db.select().from(schema.orders).where(like(schema.orders.idempotencyKey, "pos-exchange:%"));
    expect(exchanges.filter((o) => o.idempotencyKey === `pos-exchange:${key}`)).toHaveLength(1);
  });

  it("two registers exchanging the same piece at once: one exchange, the other is told nothing is left", async () => {
    const sale = await sell(cartOf([ring.size6, 1]), { mode: "card" });
    const fields = {
      [`return-${sale.lines[0].id}`]: "1",
      [`swap-${sale.lines[0].id}`]: String(ring.size8),
      differenceMode: "card",
    };
    const eight = await level(ring.size8, store.flagship.id);
    const answers = await Promise.all([exchange(sale.number, fields), exchange(sale.number, fields)]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 422]);
    expect(answers.find((a) => a.status === 422)?.body?.message).toMatch(/nothing left to return/);
    expect(await recordOf(sale.order.id)).toHaveLength(1);
    expect((await level(ring.size8, store.flagship.id)).onHand).toBe(eight.onHand - 1);
    const taken = await db
      .select()
      .from(schema.tenders)
      .where(and(eq(schema.tenders.orderId, sale.order.id), eq(schema.tenders.kind, "card")));
    expect(taken.filter((t) => t.returnId !== null)).toHaveLength(1);
  });

  it("a piece already returned, more than was sold, a piece of another product, a price in another currency, a size not on the shelf", async () => {
    const sale = await sell(cartOf([ring.size6, 2]), { mode: "cash", cashGiven: "100" });
    const id = sale.lines[0].id;
    const before = await counts();
    const tries: Array<[Record<string, string>, number, RegExp]> = [
      [{ [`return-${id}`]: "3", [`swap-${id}`]: String(ring.size7) }, 422, /at most 2 can be returned/],
      [{ [`return-${id}`]: "1", [`swap-${id}`]: String(store.cuff.id) }, 422, /only for another size or finish of the same piece/],
      [{ [`return-${id}`]: "1", [`swap-${id}`]: String(ring.pounds) }, 422, /no price in USD/],
      [{ [`return-${id}`]: "1", [`swap-${id}`]: String(ring.size10) }, 409, /isn't on the shelf here.*web shop.*special order/],
      [{ [`return-${id}`]: "1", [`swap-${id}`]: "999999" }, 422, /same piece/],
      [{ [`return-${id}`]: "1", [`swap-${id}`]: String(ring.size8) }, 422, /choose card or cash/],
    ];
    for (const [fields, status, message] of tries) {
      const res = await exchange(sale.number, fields);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      expect(res.body?.message).toMatch(message);
    }
    expect(await counts()).toEqual(before);

    // Both returned: nothing is left to exchange.
    expect((await exchange(sale.number, { [`return-${id}`]: "2" })).status).toBe(302);
    const res = await exchange(sale.number, { [`return-${id}`]: "1", [`swap-${id}`]: String(ring.size7) });
    expect(res.status).toBe(422);
    expect(res.body?.message).toMatch(/nothing left to return/);
  });

  it("a terminal decline for a dearer difference leaves nothing written; the sale stays as it was", async () => {
    const sale = await sell(cartOf([ring.size6, 1]), { mode: "cash", cashGiven: "50" });
    const due = exchangeDue(RING_VALUE, 4000, 5027);
    expect(due % 100).toBe(1);
    const before = {
      counts: await counts(),
      nine: await level(ring.size9, store.flagship.id),
      six: await level(ring.size6, store.flagship.id),
    };
    const res = await exchange(sale.number, {
      [`return-${sale.lines[0].id}`]: "1",
      [`swap-${sale.lines[0].id}`]: String(ring.size9),
      differenceMode: "card",
    });
    expect(res.status).toBe(402);
    expect(res.body?.message).toMatch(/^Card declined: .*Nothing was exchanged/);
    expect(await counts()).toEqual(before.counts);
    expect(await level(ring.size9, store.flagship.id)).toEqual(before.nine);
    expect(await level(ring.size6, store.flagship.id)).toEqual(before.six);
    // The cashier can take it in cash instead: the same form, now through.
    const cash = await exchange(sale.number, {
      [`return-${sale.lines[0].id}`]: "1",
      [`swap-${sale.lines[0].id}`]: String(ring.size9),
      differenceMode: "cash",
    });
    expect(cash.status).toBe(302);
  });

  it("no open shift: refused before anything is written", async () => {
    const sale = await sell(cartOf([ring.size6, 1]), { mode: "cash", cashGiven: "50" });
    const open = await call(shiftLoader as Fn, "/pos/shift", { cookie: cashier });
    const { detail } = open.body as { detail: { shift: { id: number }; report: { expectedCash: number } } };
    const closed = await call(shiftAction as Fn, "/pos/shift", {
      cookie: cashier,
      form: { shiftId: String(detail.shift.id), countedCash: (detail.report.expectedCash / 100).toFixed(2) },
    });
    expect(closed.status).toBe(302);
    const before = await counts();
    const res = await exchange(sale.number, { [`return-${sale.lines[0].id}`]: "1", [`swap-${sale.lines[0].id}`]: String(ring.size7) });
    expect(res.status).toBe(409);
    expect(res.body?.message).toMatch(/No shift is open/);
    expect(await counts()).toEqual(before);
  });
});

describe("what the receipt and the shift say of an exchange", () => {
  type Report = {
    salesCount: number;
    returnsCount: number;
    exchangesCount: number;
    cashSales: number;
    cashDifferences: number;
    expectedCash: number;
  };
  const shiftNow = async () =>
    (await call(shiftLoader as Fn, "/pos/shift", { cookie: cashier })).body as { detail: { shift: { id: number }; report: Report } };
  const closeNow = async () => {
    const { detail } = await shiftNow();
    const closed = await call(shiftAction as Fn, "/pos/shift", {
      cookie: cashier,
      form: { shiftId: String(detail.shift.id), countedCash: (detail.report.expectedCash / 100).toFixed(2) },
    });
    expect(closed.status).toBe(302);
  };

  it("the receipt names what a piece became; the shift counts every exchange, a same-price one too; a later shift's difference is no sale of it", async () => {
    // Sold in one shift…
    const opened = await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "150" } });
    expect(opened.status).toBe(302);
    const same = await sell(cartOf([ring.size6, 1]), { mode: "cash", cashGiven: "50" });
    const dearer = await sell(cartOf([ring.size6, 1]), { mode: "cash", cashGiven: "50" });
    await closeNow();
    // …exchanged in the next: size 7 at the same price (nothing moves), size 8 with $10.73 more in cash.
    await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "100" } });
    expect(
      (await exchange(same.number, { [`return-${same.lines[0].id}`]: "1", [`swap-${same.lines[0].id}`]: String(ring.size7) })).status,
    ).toBe(302);
    const due = exchangeDue(RING_VALUE, 4000, 5000);
    expect(
      (
        await exchange(dearer.number, {
          [`return-${dearer.lines[0].id}`]: "1",
          [`swap-${dearer.lines[0].id}`]: String(ring.size8),
          differenceMode: "cash",
        })
      ).status,
    ).toBe(302);

    const { detail } = await shiftNow();
    expect(detail.report).toMatchObject({
      salesCount: 0,
      returnsCount: 0,
      exchangesCount: 2,
      cashSales: 0,
      cashDifferences: due,
      expectedCash: 10000 + due,
    });
    // The register's recent sales are this shift's sales: neither older sale comes back with its exchange.
    const register = await call(registerLoader as Fn, "/pos/register", { cookie: cashier });
    const recent = (register.body as { recent: Array<{ number: string }> }).recent.map((r) => r.number);
    expect(recent).not.toContain(same.number);
    expect(recent).not.toContain(dearer.number);

    const receipt = await call(receiptLoader as Fn, `/pos/sales/${same.number}`, { cookie: cashier, params: { number: same.number } });
    const [line] = (
      receipt.body as { lines: Array<{ returned: number; exchanged: Array<{ quantity: number; for: string; number: string }> }> }
    ).lines;
    expect(line.returned).toBe(1);
    expect(line.exchanged).toEqual([{ quantity: 1, for: "Kamba Horn Ring — Size 7", number: expect.stringMatching(/^SK-\d+$/) }]);
  });
});

describe("an exchanged piece brought back later", () => {
  const exchangeOf = async (orderId: number) => {
    const [record] = await recordOf(orderId);
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.id, record.exchangeOrderId!));
    const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
    return { order, lines };
  };

  it("refunds what she paid for it (the original's worth and the difference) to the original sale's card and cash", async () => {
    const sale = await sell(cartOf([ring.size6, 1]), { mode: "card" });
    const due = exchangeDue(RING_VALUE, 4000, 5000);
    expect(
      (
        await exchange(sale.number, {
          [`return-${sale.lines[0].id}`]: "1",
          [`swap-${sale.lines[0].id}`]: String(ring.size8),
          differenceMode: "cash",
        })
      ).status,
    ).toBe(302);
    const x = await exchangeOf(sale.order.id);
    // The exchange's own order is worth what was paid for the new ring, not zero.
    expect(x.order.total).toBe(RING_VALUE + due);

    const back = await exchange(x.order.number, { [`return-${x.lines[0].id}`]: "1", reason: "changed_mind" });
    expect(back.status).toBe(302);
    const [posReturn] = await db.select().from(schema.posReturns).where(eq(schema.posReturns.orderId, x.order.id));
    expect(posReturn.amount).toBe(RING_VALUE + due);
    const [cardTender] = await db
      .select()
      .from(schema.tenders)
      .where(and(eq(schema.tenders.orderId, sale.order.id), eq(schema.tenders.kind, "card")));
    const paidBack = await db.select().from(schema.tenders).where(eq(schema.tenders.returnId, posReturn.id));
    expect(paidBack.map((t) => [t.kind, t.amount, t.providerRef])).toEqual([
      ["card", -RING_VALUE, cardTender.providerRef],
      ["cash", -due, null],
    ]);
    // The money left the sale that took it: its refunds count it.
    const refunded = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, sale.order.id));
    expect(refunded.reduce((sum, r) => sum + r.amount, 0)).toBe(RING_VALUE + due);
    // Nothing more comes back from either order.
    expect((await exchange(x.order.number, { [`return-${x.lines[0].id}`]: "1", reason: "changed_mind" })).status).toBe(422);
  });

  it("within the return window counted from the original sale, not the exchange", async () => {
    const sale = await sell(cartOf([ring.size6, 1]), { mode: "cash", cashGiven: "50" });
    expect(
      (await exchange(sale.number, { [`return-${sale.lines[0].id}`]: "1", [`swap-${sale.lines[0].id}`]: String(ring.size7) })).status,
    ).toBe(302);
    const x = await exchangeOf(sale.order.id);
    await db
      .update(schema.orders)
      .set({ placedAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(schema.orders.id, sale.order.id));
    const before = await counts();
    const late = await exchange(x.order.number, { [`return-${x.lines[0].id}`]: "1", reason: "changed_mind" });
    expect(late.status).toBe(422);
    expect(late.body?.message).toMatch(new RegExp(`return window closed .*counted from the original sale, ${sale.number}`));
    expect(await counts()).toEqual(before);
  });
});
