/** Returns against counter sales, offline sync, and closing the shift, on the real database. */
import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as homeAction } from "~/routes/pos._index";
import { action as registerAction } from "~/routes/pos.register";
import { action as saleAction, loader as receiptLoader } from "~/routes/pos.sales.$number";
import { action as shiftAction, loader as shiftLoader } from "~/routes/pos.shift";
import { loader as csvLoader } from "~/routes/pos.shift.csv";
import { action as syncAction } from "~/routes/pos.sync";
import { db, schema } from "~/lib/db.server";
import { BASE, call, cartOf, level, setUpStore, signIn, type Store } from "./pos-support";

type Fn = Parameters<typeof call>[0];
let store: Store;
let cashier: string;

async function sell(cart: string, fields: Record<string, string>) {
  const res = await call(registerAction as Fn, "/pos/register", {
    cookie: cashier,
    form: { intent: "charge", cart, key: randomUUID(), ...fields },
  });
  const number = /\/pos\/sales\/(SK-\d+)/.exec(res.location ?? "")?.[1];
  if (!number) throw new Error(`sale failed: ${res.status} ${JSON.stringify(res.body)}`);
  const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
  const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
  return { number, order, lines };
}

const giveBack = (number: string, fields: Record<string, string>) =>
  call(saleAction as Fn, `/pos/sales/${number}`, {
    cookie: cashier,
    params: { number },
    form: { key: randomUUID(), reason: "size", ...fields },
  });

async function tendersOf(orderId: number) {
  return db.select().from(schema.tenders).where(eq(schema.tenders.orderId, orderId));
}

async function sync(body: unknown, cookie = cashier) {
  const request = new Request(`${BASE}/pos/sync`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = (await syncAction({ request, params: {}, context: {} })) as Response;
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  store = await setUpStore();
  cashier = await signIn("cashier@soko.test");
  await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "150" } });
});

describe("returns", () => {
  it("a cash sale's return puts the piece back on the shelf and pays cash from the drawer", async () => {
    const sale = await sell(cartOf([store.stud.id, 2]), { mode: "cash", cashGiven: "110", email: "amina@example.test" });
    const before = await level(store.stud.id, store.flagship.id);
    const res = await giveBack(sale.number, { [`return-${sale.lines[0].id}`]: "1" });
    expect(res.status).toBe(302);

    expect(await level(store.stud.id, store.flagship.id)).toEqual({ onHand: before.onHand + 1, reserved: before.reserved });
    const [movement] = await db
      .select()
      .from(schema.inventoryMovements)
      .where(and(eq(schema.inventoryMovements.reference, sale.number), eq(schema.inventoryMovements.reason, "returned in store")));
    expect(movement).toMatchObject({ onHandDelta: 1, locationId: store.flagship.id });
    // Half of $102.96: $48.00 + $3.48 tax.
    const refunds = (await tendersOf(sale.order.id)).filter((t) => t.amount < 0);
    expect(refunds).toEqual([expect.objectContaining({ kind: "cash", amount: -5148, returnId: expect.any(Number) })]);
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.id, sale.order.id));
    expect(order.paymentStatus).toBe("partially_refunded");
    const [email] = await db
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.template, "refund-issued"), eq(schema.outbox.to, "amina@example.test")));
    expect(email.text).toContain("$51.48");
    // One return model: the counter's return is a return record like a web one, closed, refunded, back on the shelf.
    const [record] = await db.select().from(schema.returns).where(eq(schema.returns.orderId, sale.order.id));
    expect(record).toMatchObject({ channel: "pos", status: "closed", refundState: "issued", amount: 5148, resolution: "refund" });
    const recordLines = await db.select().from(schema.returnLines).where(eq(schema.returnLines.returnId, record.id));
    expect(recordLines).toEqual([
      expect.objectContaining({ orderLineId: sale.lines[0].id, quantity: 1, amount: 4800, disposition: "restock" }),
    ]);
    const [entry] = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.reference, `return-refund:${record.number}`));
    expect(entry.kind).toBe("return_refund");

    // The other one: exactly what is left, and no more after that.
    const rest = await giveBack(sale.number, { [`return-${sale.lines[0].id}`]: "1" });
    expect(rest.status).toBe(302);
    const all = (await tendersOf(sale.order.id)).reduce((sum, t) => sum + t.amount, 0);
    expect(all).toBe(0);
    const more = await giveBack(sale.number, { [`return-${sale.lines[0].id}`]: "1" });
    expect(more.status).toBe(422);
    expect(more.body?.message).toMatch(/nothing left to return/);
  });

  it("a split sale is refunded to its card first (through the terminal adapter), then cash", async () => {
    // Two cuffs: $51.98 + $3.77 tax = $55.75; $30 on the card, $25.75 in cash.
    const sale = await sell(cartOf([store.cuff.id, 2]), { mode: "split", cardAmount: "30", cashGiven: "30" });
    const res = await giveBack(sale.number, { [`return-${sale.lines[0].id}`]: "2" });
    expect(res.status).toBe(302);
    const tenders = await tendersOf(sale.order.id);
    const card = tenders.find((t) => t.kind === "card" && t.amount > 0)!;
    expect(
      tenders
        .filter((t) => t.amount < 0)
        .map((t) => [t.kind, t.amount, t.providerRef])
        .sort(),
    ).toEqual([
      ["card", -3000, card.providerRef],
      ["cash", -2575, null],
    ]);
    const refunds = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, sale.order.id));
    expect(refunds.map((r) => [r.amount, r.status]).sort()).toEqual([
      [2575, "succeeded"],
      [3000, "succeeded"],
    ]);
    expect(refunds.find((r) => r.amount === 3000)?.providerRef).toMatch(/^re_sim_/);
    const receipt = await call(receiptLoader as Fn, `/pos/sales/${sale.number}`, { cookie: cashier, params: { number: sale.number } });
    expect((receipt.body as { refunded: number }).refunded).toBe(5575);
  });

  it("the same return form submitted twice returns once; bad input is a 4xx that writes nothing", async () => {
    const sale = await sell(cartOf([store.stud.id, 1]), { mode: "cash", cashGiven: "60" });
    const key = randomUUID();
    const field = `return-${sale.lines[0].id}`;
    await giveBack(sale.number, { key, [field]: "1" });
    const again = await giveBack(sale.number, { key, [field]: "1" });
    expect(again.status).toBe(302);
    const [{ n }] = await db.select({ n: count() }).from(schema.posReturns).where(eq(schema.posReturns.orderId, sale.order.id));
    expect(n).toBe(1);
    const [{ r }] = await db.select({ r: count() }).from(schema.returns).where(eq(schema.returns.orderId, sale.order.id));
    expect(r).toBe(1);

    const other = await sell(cartOf([store.stud.id, 1]), { mode: "cash", cashGiven: "60" });
    const otherField = `return-${other.lines[0].id}`;
    expect((await giveBack(other.number, { [otherField]: "0" })).status).toBe(422);
    expect((await giveBack(other.number, { [otherField]: "2" })).status).toBe(422);
    expect((await giveBack(other.number, { [otherField]: "1", reason: "" })).status).toBe(400);
    expect((await giveBack("SK-1", { [otherField]: "1" })).status).toBe(404);
    const [{ m }] = await db.select({ m: count() }).from(schema.posReturns).where(eq(schema.posReturns.orderId, other.order.id));
    expect(m).toBe(0);
  });
});

describe("offline sales synced later", () => {
  it("records a queued cash sale once, however often it is sent, and takes it off the shelf", async () => {
    const before = await level(store.stud.id, store.flagship.id);
    const sale = {
      key: randomUUID(),
      soldAt: new Date(Date.now() - 60_000).toISOString(),
      cashGiven: 6000,
      lines: [{ variantId: store.stud.id, quantity: 1, discountPercent: 0 }],
    };
    const first = await sync(sale);
    expect(first).toEqual({ status: 201, body: { status: "recorded", number: expect.stringMatching(/^SK-/), changeDue: 852 } });
    const [second, third] = await Promise.all([sync(sale), sync(sale)]);
    expect(second.body).toMatchObject({ status: "duplicate", number: first.body.number });
    expect(third.body).toMatchObject({ status: "duplicate", number: first.body.number });
    const orders = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.idempotencyKey, `pos:${sale.key}`));
    expect(orders).toHaveLength(1);
    expect(await tendersOf(orders[0].id)).toHaveLength(1);
    expect(await level(store.stud.id, store.flagship.id)).toEqual({ onHand: before.onHand - 1, reserved: before.reserved });
  });

  it("keeps the customer the cashier attached before the connection went: on the sale, on a held sale booked later", async () => {
    const [regular] = await db
      .insert(schema.customers)
      .values({ email: "offline-regular@example.test", name: "Wanjiru Offline", phone: "+14155550142" })
      .returning();
    const lines = [{ variantId: store.stud.id, quantity: 1, discountPercent: 0 }];
    const recorded = await sync({ key: randomUUID(), customerId: regular.id, cashGiven: 6000, lines });
    expect(recorded.status).toBe(201);
    const [order] = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.number, String(recorded.body.number)));
    expect(order).toMatchObject({ customerId: regular.id, email: "offline-regular@example.test" });

    // Held for a manager (stamped before the shift): booked later, still the customer's.
    const manager = await signIn("manager@soko.test");
    const heldSale = { key: randomUUID(), soldAt: "2001-05-05T12:00:00Z", customerId: regular.id, cashGiven: 6000, lines };
    const heldId = String((await sync(heldSale)).body.heldId);
    expect((await call(shiftAction as Fn, "/pos/shift", { cookie: manager, form: { intent: "book-held", heldId } })).status).toBe(302);
    const [booked] = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.idempotencyKey, `pos:${heldSale.key}`));
    expect(booked.customerId).toBe(regular.id);

    // The cash was taken: a customer no longer on file is dropped from the sale, never the sale itself.
    const gone = await sync({ key: randomUUID(), customerId: 2_000_000_000, cashGiven: 6000, lines });
    expect(gone.status).toBe(201);
    const [kept] = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.number, String(gone.body.number)));
    expect(kept.customerId).toBeNull();
    // Not a number at all is bad input, said plainly.
    expect((await sync({ key: randomUUID(), customerId: "7; drop table", cashGiven: 6000, lines })).status).toBe(422);
  });

  it("a sale stamped outside the shift (1970, 2099) is held for a manager, not booked; the cashier can't decide it", async () => {
    const before = await level(store.stud.id, store.flagship.id);
    const ancient = {
      key: randomUUID(),
      soldAt: "1970-01-01T00:00:00Z",
      cashGiven: 6000,
      lines: [{ variantId: store.stud.id, quantity: 1, discountPercent: 0 }],
    };
    const future = {
      key: randomUUID(),
      soldAt: "2099-01-01T00:00:00Z",
      cashGiven: 6000,
      lines: [{ variantId: store.stud.id, quantity: 1, discountPercent: 0 }],
    };
    const held = await sync(ancient);
    expect(held).toMatchObject({ status: 202, body: { status: "held", message: expect.stringMatching(/before this shift opened/) } });
    // Sent again (the queue retries): still held once, never booked.
    expect((await Promise.all([sync(ancient), sync(ancient)])).map((r) => r.status)).toEqual([202, 202]);
    expect((await sync(future)).body).toMatchObject({ status: "held", message: expect.stringMatching(/later than now/) });
    expect(
      await db
        .select()
        .from(schema.orders)
        .where(eq(schema.orders.idempotencyKey, `pos:${ancient.key}`)),
    ).toHaveLength(0);
    expect(await level(store.stud.id, store.flagship.id)).toEqual(before);
    const rows = await db.select().from(schema.heldOfflineSales);
    expect(rows.filter((r) => r.key === ancient.key || r.key === future.key)).toHaveLength(2);

    const page = await call(shiftLoader as Fn, "/pos/shift", { cookie: cashier });
    const listed = page.body!.held as Array<{ id: number; reason: string }>;
    expect(listed.map((h) => h.id)).toEqual(expect.arrayContaining([held.body.heldId as number]));
    const refused = await call(shiftAction as Fn, "/pos/shift", {
      cookie: cashier,
      form: { intent: "book-held", heldId: String(held.body.heldId) },
    });
    expect(refused.status).toBe(403);
    expect(
      await db
        .select()
        .from(schema.orders)
        .where(eq(schema.orders.idempotencyKey, `pos:${ancient.key}`)),
    ).toHaveLength(0);
  });

  it("a manager books a held sale into the open shift once (audited), or rejects one", async () => {
    const manager = await signIn("manager@soko.test");
    const sale = {
      key: randomUUID(),
      soldAt: "2001-05-05T12:00:00Z",
      cashGiven: 3000,
      lines: [{ variantId: store.cuff.id, quantity: 1, discountPercent: 0 }],
    };
    const other = {
      key: randomUUID(),
      soldAt: "2001-05-05T12:00:00Z",
      cashGiven: 3000,
      lines: [{ variantId: store.cuff.id, quantity: 1, discountPercent: 0 }],
    };
    const heldId = String((await sync(sale)).body.heldId);
    const otherId = String((await sync(other)).body.heldId);
    const [book, again] = await Promise.all([
      call(shiftAction as Fn, "/pos/shift", { cookie: manager, form: { intent: "book-held", heldId } }),
      call(shiftAction as Fn, "/pos/shift", { cookie: manager, form: { intent: "book-held", heldId } }),
    ]);
    expect([book.status, again.status].sort()).toEqual([302, 409]);
    const orders = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.idempotencyKey, `pos:${sale.key}`));
    expect(orders).toHaveLength(1);
    const [row] = await db.select().from(schema.heldOfflineSales).where(eq(schema.heldOfflineSales.key, sale.key));
    expect(row).toMatchObject({ decision: "booked", orderId: orders[0].id });
    const audits = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `held_sale:${row.id}`));
    expect(audits.map((a) => a.action).sort()).toEqual(["pos.held_sale_booked", "pos.offline_sale_held"]);
    // Once booked, the register resending it hears "already recorded".
    expect((await sync(sale)).body).toMatchObject({ status: "duplicate", number: orders[0].number });

    const rejected = await call(shiftAction as Fn, "/pos/shift", { cookie: manager, form: { intent: "reject-held", heldId: otherId } });
    expect(rejected.status).toBe(302);
    expect((await db.select().from(schema.heldOfflineSales).where(eq(schema.heldOfflineSales.key, other.key)))[0]).toMatchObject({
      decision: "rejected",
      orderId: null,
    });
    expect(
      await db
        .select()
        .from(schema.orders)
        .where(eq(schema.orders.idempotencyKey, `pos:${other.key}`)),
    ).toHaveLength(0);
    expect((await call(shiftAction as Fn, "/pos/shift", { cookie: manager, form: { intent: "book-held", heldId: otherId } })).status).toBe(
      409,
    );
    expect(
      (await call(shiftAction as Fn, "/pos/shift", { cookie: manager, form: { intent: "book-held", heldId: "99999999999" } })).status,
    ).toBe(400);
  });

  it("two different offline sales sent at once are both recorded", async () => {
    const a = { key: randomUUID(), cashGiven: 3000, lines: [{ variantId: store.cuff.id, quantity: 1, discountPercent: 0 }] };
    const b = { key: randomUUID(), cashGiven: 6000, lines: [{ variantId: store.stud.id, quantity: 1, discountPercent: 0 }] };
    const [ra, rb] = await Promise.all([sync(a), sync(b)]);
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(ra.body.number).not.toBe(rb.body.number);
  });

  it("a piece sold offline that the count says isn't there corrects the count, never a production request", async () => {
    await db
      .update(schema.inventoryLevels)
      .set({ onHand: 0, reserved: 0 })
      .where(and(eq(schema.inventoryLevels.variantId, store.cuff.id), eq(schema.inventoryLevels.locationId, store.flagship.id)));
    const res = await sync({ key: randomUUID(), cashGiven: 3000, lines: [{ variantId: store.cuff.id, quantity: 1, discountPercent: 0 }] });
    expect(res.status).toBe(201);
    const [order] = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.number, String(res.body.number)));
    expect(await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id))).toEqual([]);
    expect(await level(store.cuff.id, store.flagship.id)).toEqual({ onHand: 0, reserved: 0 });
    const reasons = (await db.select().from(schema.inventoryMovements).where(eq(schema.inventoryMovements.variantId, store.cuff.id))).map(
      (m) => m.reason,
    );
    expect(reasons).toContain("count correction: sold while offline");
  });

  it("answers bad bodies, short cash, big discounts and strangers with JSON 4xx", async () => {
    expect((await sync({ key: "x", cashGiven: 1, lines: [] })).status).toBe(422);
    expect((await sync({ key: randomUUID(), cashGiven: 100, lines: [{ variantId: store.stud.id, quantity: 0 }] })).status).toBe(422);
    const short = await sync({ key: randomUUID(), cashGiven: 100, lines: [{ variantId: store.stud.id, quantity: 1 }] });
    expect(short).toMatchObject({ status: 422, body: { error: expect.stringMatching(/less than/) } });
    const discount = await sync({
      key: randomUUID(),
      cashGiven: 6000,
      lines: [{ variantId: store.stud.id, quantity: 1, discountPercent: 50 }],
    });
    expect(discount.status).toBe(403);
    const stranger = await sync({ key: randomUUID(), cashGiven: 6000, lines: [{ variantId: store.stud.id, quantity: 1 }] }, "");
    expect(stranger.status).toBe(401);
  });
});

describe("closing the shift", () => {
  it("reports expected vs counted cash, the variance, sales by tender and refunds; a second close is a 409", async () => {
    const open = await call(shiftLoader as Fn, "/pos/shift", { cookie: cashier });
    const { detail } = open.body as {
      detail: {
        shift: { id: number; status: string };
        report: { expectedCash: number; cashSales: number; cashRefunds: number; cardSales: number; cardRefunds: number };
      };
    };
    expect(detail.shift.status).toBe("open");
    const tenders = await db.select().from(schema.tenders).where(eq(schema.tenders.shiftId, detail.shift.id));
    const cash = tenders.filter((t) => t.kind === "cash").reduce((sum, t) => sum + t.amount, 0);
    expect(detail.report.expectedCash).toBe(15000 + cash);
    expect(detail.report.cardSales).toBe(3000);
    expect(detail.report.cardRefunds).toBe(3000);

    const bad = await call(shiftAction as Fn, "/pos/shift", {
      cookie: cashier,
      form: { shiftId: String(detail.shift.id), countedCash: "abc" },
    });
    expect(bad.status).toBe(400);

    const counted = 15000 + cash - 500;
    const closed = await call(shiftAction as Fn, "/pos/shift", {
      cookie: cashier,
      form: { shiftId: String(detail.shift.id), countedCash: (counted / 100).toFixed(2), note: "$5 short" },
    });
    expect(closed.status).toBe(302);
    const [row] = await db.select().from(schema.shifts).where(eq(schema.shifts.id, detail.shift.id));
    expect(row).toMatchObject({ status: "closed", expectedCash: 15000 + cash, countedCash: counted, variance: -500, note: "$5 short" });
    expect(row.report).toMatchObject({ variance: -500, cardSales: 3000, cashRefunds: expect.any(Number) });

    const again = await call(shiftAction as Fn, "/pos/shift", {
      cookie: cashier,
      form: { shiftId: String(detail.shift.id), countedCash: "100" },
    });
    expect(again.status).toBe(409);
    expect(again.body?.message).toMatch(/already closed/);

    const history = await call(shiftLoader as Fn, "/pos/shift", { cookie: cashier });
    expect((history.body as { history: Array<{ id: number; variance: number }> }).history).toEqual([
      expect.objectContaining({ id: detail.shift.id, variance: -500 }),
    ]);
    const csv = (await csvLoader({
      request: new Request(`${BASE}/pos/shift/csv?shift=${detail.shift.id}`, { headers: { Cookie: cashier } }),
      params: {},
      context: {},
    })) as Response;
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text).toContain("Variance,-5.00");
    expect(text.split("\r\n").filter((l) => /,SK-\d+,/.test(l)).length).toBe(tenders.length);

    // With the shift closed, nothing more can be sold or synced until the next one.
    expect((await sync({ key: randomUUID(), cashGiven: 6000, lines: [{ variantId: store.stud.id, quantity: 1 }] })).status).toBe(409);
  });
});
