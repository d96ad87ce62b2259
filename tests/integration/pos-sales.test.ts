/** Counter sales through the register's action on the real database, with the simulated card reader. */
import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as homeAction, loader as homeLoader } from "~/routes/pos._index";
import { action as registerAction, loader as registerLoader } from "~/routes/pos.register";
import { loader as receiptLoader } from "~/routes/pos.sales.$number";
import { createStaff } from "#db/seed/factories";
import { managerApproval } from "~/domain/pos/staff.server";
import { db, schema } from "~/lib/db.server";
import { call, cartOf, level, setUpStore, signIn, type Outcome, type Store } from "./pos-support";

type Fn = Parameters<typeof call>[0];
let store: Store;
let cashier: string;
let manager: string;

const charge = (cookie: string, cart: string, fields: Record<string, string>) =>
  call(registerAction as Fn, "/pos/register", { cookie, form: { intent: "charge", cart, key: randomUUID(), ...fields } });

const numberOf = (res: Outcome) => /\/pos\/sales\/(SK-\d+)/.exec(res.location ?? "")?.[1] ?? null;

async function orderByNumber(number: string) {
  const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
  const tenders = await db.select().from(schema.tenders).where(eq(schema.tenders.orderId, order.id));
  return { order, tenders };
}

async function rowCounts() {
  const [[orders], [tenders], [requests]] = await Promise.all([
    db.select({ n: count() }).from(schema.orders),
    db.select({ n: count() }).from(schema.tenders),
    db.select({ n: count() }).from(schema.productionRequests),
  ]);
  return { orders: orders.n, tenders: tenders.n, requests: requests.n };
}

beforeAll(async () => {
  store = await setUpStore();
  cashier = await signIn("cashier@soko.test");
  manager = await signIn("manager@soko.test");
});

describe("signing in and the shift", () => {
  it("sends a signed-out visitor to the POS sign-in, and a hub user gets a 403", async () => {
    const anonymous = await call(registerLoader as Fn, "/pos/register");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/pos?redirectTo=%2Fpos%2Fregister");
    const wrong = await call(homeAction as Fn, "/pos", { form: { email: "hub@soko.test", password: "soko-demo" } });
    expect(wrong.status).toBe(403);
    const bad = await call(homeAction as Fn, "/pos", { form: { email: "cashier@soko.test", password: "nope" } });
    expect(bad.status).toBe(401);
  });

  it("signs a cashier in to the register, which needs an open shift first", async () => {
    const res = await call(homeAction as Fn, "/pos", { form: { email: "cashier@soko.test", password: "soko-demo" } });
    expect(res.location).toBe("/pos/register");
    const noShift = await call(registerLoader as Fn, "/pos/register", { cookie: cashier });
    expect(noShift.location).toBe("/pos");
    const sale = await charge(cashier, cartOf([store.stud.id, 1]), { mode: "cash", cashGiven: "60" });
    expect(sale.status).toBe(409);
  });

  it("opens a shift with a float; a bad float is a 400 and a second open a 409", async () => {
    expect((await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "lots" } })).status).toBe(
      400,
    );
    const opened = await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "150.00" } });
    expect(opened.location).toBe("/pos/register");
    const again = await call(homeAction as Fn, "/pos", { cookie: manager, form: { intent: "open-shift", openingFloat: "100" } });
    expect(again.status).toBe(409);
    const [shift] = await db.select().from(schema.shifts).where(eq(schema.shifts.status, "open"));
    expect(shift.openingFloat).toBe(15000);
    const home = await call(homeLoader as Fn, "/pos", { cookie: cashier });
    expect((home.body as { shift: { openingFloat: number } }).shift.openingFloat).toBe(15000);
  });
});

describe("a cash sale", () => {
  it("decrements the flagship's shelf in the same transaction, gives change and keeps the receipt", async () => {
    const before = await level(store.stud.id, store.flagship.id);
    const res = await charge(cashier, cartOf([store.stud.id, 1]), { mode: "cash", cashGiven: "60", email: "Walk.In@Example.test" });
    expect(res.status).toBe(302);
    const number = numberOf(res)!;
    expect(number).toMatch(/^SK-/);

    const after = await level(store.stud.id, store.flagship.id);
    expect(after).toEqual({ onHand: before.onHand - 1, reserved: before.reserved });
    const movements = await db.select().from(schema.inventoryMovements).where(eq(schema.inventoryMovements.reference, number));
    expect(movements.map((m) => [m.reason, m.onHandDelta, m.reservedDelta])).toEqual(
      expect.arrayContaining([
        ["reserved for order", 0, 1],
        ["sold in store", -1, -1],
      ]),
    );

    // $48.00 + 7.25% = $51.48; $60 given → $8.52 change.
    const { order, tenders } = await orderByNumber(number);
    expect(order).toMatchObject({
      channel: "pos",
      status: "delivered",
      paymentStatus: "paid",
      subtotal: 4800,
      taxTotal: 348,
      total: 5148,
      email: "walk.in@example.test",
    });
    expect(tenders).toEqual([expect.objectContaining({ kind: "cash", amount: 5148, cashGiven: 6000, changeDue: 852 })]);

    const [email] = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `pos-receipt:${number}`));
    expect(email).toMatchObject({ to: "walk.in@example.test", template: "pos-receipt" });
    expect(email.text).toContain("$51.48");

    const receipt = await call(receiptLoader as Fn, `/pos/sales/${number}`, { cookie: cashier, params: { number } });
    const body = receipt.body as { order: { total: number }; tenders: Array<{ changeDue: number }>; flash: { message: string } | null };
    expect(body.order.total).toBe(5148);
    expect(body.tenders[0].changeDue).toBe(852);
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "pos.sale"), eq(schema.auditLog.subject, `order:${number}`)));
    expect(audit.actor).toBe(`staff:${store.cashier.id}`);
  });

  it("refuses cash given below what is due, writing nothing", async () => {
    const before = await rowCounts();
    const res = await charge(cashier, cartOf([store.stud.id, 1]), { mode: "cash", cashGiven: "50" });
    expect(res.status).toBe(422);
    expect(res.body?.message).toBe("Cash given ($50.00) is less than the $51.48 due in cash.");
    expect(await rowCounts()).toEqual(before);
  });

  it("the same sale submitted twice is recorded once", async () => {
    const key = randomUUID();
    const form = { intent: "charge", cart: cartOf([store.cuff.id, 1]), key, mode: "cash", cashGiven: "30" };
    const first = await call(registerAction as Fn, "/pos/register", { cookie: cashier, form });
    const second = await call(registerAction as Fn, "/pos/register", { cookie: cashier, form });
    expect(numberOf(second)).toBe(numberOf(first));
    const { tenders } = await orderByNumber(numberOf(first)!);
    expect(tenders).toHaveLength(1);
  });
});

describe("card and split tender", () => {
  it("a card sale goes through the terminal adapter (simulated reader) and records its reference", async () => {
    const res = await charge(cashier, cartOf([store.stud.id, 1]), { mode: "card" });
    const { order, tenders } = await orderByNumber(numberOf(res)!);
    expect(tenders).toEqual([
      expect.objectContaining({
        kind: "card",
        amount: order.total,
        providerRef: expect.stringMatching(/^pi_sim_/),
        // The card the reader read (for the receipt), not the end of the payment reference.
        cardBrand: "visa",
        cardLast4: "4242",
      }),
    ]);
    const payments = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
    expect(payments).toEqual([expect.objectContaining({ provider: "simulated_reader", amount: order.total })]);
  });

  it("split: the card and cash tenders sum to the total, change on the cash part", async () => {
    // Two studs: $96.00 + $6.96 tax = $102.96; $60 on the card, $42.96 due in cash, $50 given.
    const res = await charge(cashier, cartOf([store.stud.id, 2]), { mode: "split", cardAmount: "60", cashGiven: "50" });
    expect(res.status).toBe(302);
    const { order, tenders } = await orderByNumber(numberOf(res)!);
    expect(order.total).toBe(10296);
    expect(tenders.reduce((sum, t) => sum + t.amount, 0)).toBe(order.total);
    expect(tenders.map((t) => [t.kind, t.amount, t.changeDue]).sort()).toEqual([
      ["card", 6000, null],
      ["cash", 4296, 704],
    ]);
  });

  it("a declined card (amount ending in .01) is a 402 and nothing is written", async () => {
    const before = await rowCounts();
    const stock = await level(store.stud.id, store.flagship.id);
    // $102.96 − $2.95 on the card... pick a card part ending in .01.
    const res = await charge(cashier, cartOf([store.stud.id, 2]), { mode: "split", cardAmount: "50.01", cashGiven: "60" });
    expect(res.status).toBe(402);
    expect(res.body?.message).toMatch(/^Card declined: .*\.01 decline/);
    expect(await rowCounts()).toEqual(before);
    expect(await level(store.stud.id, store.flagship.id)).toEqual(stock);
  });
});

describe("discounts", () => {
  it("up to 20% needs no approval; the discount is on the order line and tax is on the rest", async () => {
    const res = await charge(cashier, cartOf([store.stud.id, 1, 20]), { mode: "cash", cashGiven: "50" });
    const { order } = await orderByNumber(numberOf(res)!);
    const [line] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
    expect(line).toMatchObject({ unitPrice: 4800, discount: 960, total: 3840 });
    expect(order).toMatchObject({ discountTotal: 960, taxTotal: 278, total: 4118 });
  });

  it("above 20% needs a manager: refused without one, or with a wrong PIN, or a non-manager's password", async () => {
    const before = await rowCounts();
    const none = await charge(cashier, cartOf([store.stud.id, 1, 30]), { mode: "cash", cashGiven: "60" });
    expect(none.status).toBe(403);
    expect(none.body?.message).toMatch(/manager's approval/);
    const wrongPin = await charge(cashier, cartOf([store.stud.id, 1, 30]), {
      mode: "cash",
      cashGiven: "60",
      managerEmail: "manager@soko.test",
      managerPin: "1234",
    });
    expect(wrongPin.status).toBe(403);
    expect(wrongPin.body?.values).not.toHaveProperty("managerPin");
    const notManager = await charge(cashier, cartOf([store.stud.id, 1, 30]), {
      mode: "cash",
      cashGiven: "60",
      managerEmail: "cashier@soko.test",
      managerPin: "soko-demo",
    });
    expect(notManager.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it("above 20% with the manager's email and PIN is recorded and audited with the approver", async () => {
    const res = await charge(cashier, cartOf([store.stud.id, 1, 30]), {
      mode: "cash",
      cashGiven: "40",
      managerEmail: "manager@soko.test",
      managerPin: "soko-demo",
    });
    expect(res.status).toBe(302);
    const number = numberOf(res)!;
    const [approval] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "pos.discount_approved"), eq(schema.auditLog.subject, `order:${number}`)));
    expect(approval.actor).toBe(`staff:${store.manager.id}`);
    // A manager at the register approves their own.
    const own = await charge(manager, cartOf([store.stud.id, 1, 50]), { mode: "cash", cashGiven: "30" });
    expect(own.status).toBe(302);
  });

  it("25 wrong manager PINs at once: ten are checked, then even the right one is refused, and that manager's sign-in is locked too", async () => {
    await createStaff(db, { email: "floor@soko.test", name: "Floor Manager", roles: ["cashier", "manager"], password: "floor-right-1" });
    const before = await rowCounts();
    const approve = (managerPin: string) =>
      charge(cashier, cartOf([store.stud.id, 1, 30]), { mode: "cash", cashGiven: "60", managerEmail: "floor@soko.test", managerPin });
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => approve(`guess-${i}`)));
    expect(answers.filter((a) => a.status === 403)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
    const failed = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "pos.approval_failed"), eq(schema.auditLog.subject, "staff-approval:floor@soko.test")));
    expect(failed).toHaveLength(10);

    const right = await approve("floor-right-1");
    expect(right.status).toBe(429);
    expect(right.body?.message).toMatch(
      /^Too many wrong manager passwords for that manager: the discount above 20% was not approved\. Try again in 15 minutes\./,
    );
    // The form keeps the cashier's input (never the PIN).
    expect(right.body?.values).toMatchObject({ managerEmail: "floor@soko.test", cashGiven: "60" });
    expect(right.body?.values).not.toHaveProperty("managerPin");
    expect(await rowCounts()).toEqual(before);
    const signIn = await call(homeAction as Fn, "/pos", { form: { email: "floor@soko.test", password: "floor-right-1" } });
    expect(signIn.status).toBe(429);

    // The lock ends after its 15 minutes.
    const cashierStaff = (await db.select().from(schema.staffUsers).where(eq(schema.staffUsers.id, store.cashier.id)))[0];
    const later = new Date(Date.now() + 15 * 60_000 + 1000);
    expect(await managerApproval(cashierStaff, { email: "floor@soko.test", pin: "floor-right-1", now: later })).toMatchObject({ ok: true });
  });

  it("a discount above 100% is refused", async () => {
    const res = await charge(cashier, cartOf([store.stud.id, 1, 150]), { mode: "cash", cashGiven: "60" });
    expect(res.status).toBe(422);
    expect(res.body?.message).toMatch(/can't be more than 100%/);
  });
});

describe("the cart with JavaScript off", () => {
  it("scans by barcode and SKU, and says when a barcode is unknown", async () => {
    const scanned = await call(registerAction as Fn, "/pos/register", {
      cookie: cashier,
      form: { intent: "scan", code: "2901234500017", cart: cartOf() },
    });
    expect(scanned.body?.cart).toEqual({ lines: [{ variantId: store.stud.id, quantity: 1, discountPercent: 0 }] });
    const sku = await call(registerAction as Fn, "/pos/register", {
      cookie: cashier,
      form: { intent: "scan", code: "bra-t003", cart: JSON.stringify(scanned.body?.cart) },
    });
    expect((sku.body?.cart as { lines: unknown[] } | undefined)?.lines).toHaveLength(2);
    const unknown = await call(registerAction as Fn, "/pos/register", {
      cookie: cashier,
      form: { intent: "scan", code: "9999999999999", cart: cartOf() },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body?.message).toBe("Unknown barcode 9999999999999: no piece has it.");
  });

  it("quantity 0 and a discount above 100% are 422s that leave the cart as it was", async () => {
    const cart = cartOf([store.stud.id, 2]);
    const zero = await call(registerAction as Fn, "/pos/register", {
      cookie: cashier,
      form: { intent: "update", cart, [`qty-${store.stud.id}`]: "0", [`discount-${store.stud.id}`]: "" },
    });
    expect(zero.status).toBe(422);
    expect(zero.body?.cart).toEqual(JSON.parse(cart));
    const tooMuch = await call(registerAction as Fn, "/pos/register", {
      cookie: cashier,
      form: { intent: "update", cart, [`qty-${store.stud.id}`]: "2", [`discount-${store.stud.id}`]: "101" },
    });
    expect(tooMuch.status).toBe(422);
    const ok = await call(registerAction as Fn, "/pos/register", {
      cookie: cashier,
      form: { intent: "update", cart, [`qty-${store.stud.id}`]: "3", [`discount-${store.stud.id}`]: "10" },
    });
    expect(ok.body?.cart).toEqual({ lines: [{ variantId: store.stud.id, quantity: 3, discountPercent: 10 }] });
  });

  it("an empty cart can't be charged", async () => {
    const res = await charge(cashier, cartOf(), { mode: "cash", cashGiven: "10" });
    expect(res.status).toBe(422);
    expect(res.body?.message).toMatch(/cart is empty/);
  });
});

describe("special orders", () => {
  it("need the customer's email and a shipping address", async () => {
    const noAddress = await charge(cashier, cartOf([store.hoops.id, 1]), { mode: "card", email: "imani@example.test" });
    expect(noAddress.status).toBe(422);
    expect(noAddress.body?.message).toMatch(/shipping address/);
    const noEmail = await charge(cashier, cartOf([store.hoops.id, 1]), {
      mode: "card",
      shipName: "Imani",
      shipLine1: "1 Market St",
      shipCity: "San Francisco",
      shipPostalCode: "94105",
    });
    expect(noEmail.status).toBe(422);
  });

  it("a piece not on the shelf goes into production like a web order and ships to the customer; the shelf part is taken now", async () => {
    const studBefore = await level(store.stud.id, store.flagship.id);
    const res = await charge(cashier, cartOf([store.hoops.id, 1], [store.stud.id, 1]), {
      mode: "card",
      email: "imani@example.test",
      shipName: "Imani Njoroge",
      shipLine1: "77 Mission St",
      shipCity: "San Francisco",
      shipRegion: "CA",
      shipPostalCode: "94105",
      shipCountry: "US",
    });
    expect(res.status).toBe(302);
    const { order } = await orderByNumber(numberOf(res)!);
    expect(order).toMatchObject({ status: "in_production", shippingAddress: expect.objectContaining({ line1: "77 Mission St" }) });
    const requests = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    expect(requests).toEqual([expect.objectContaining({ variantId: store.hoops.id, quantity: 1, status: "unassigned" })]);
    // The hoops at the fulfilment centre are not the counter's to sell.
    expect(await level(store.hoops.id, store.fc.id)).toEqual({ onHand: 4, reserved: 0 });
    expect(await level(store.stud.id, store.flagship.id)).toEqual({ onHand: studBefore.onHand - 1, reserved: 0 });
    const jobs = await db.execute<{ n: number }>(
      `select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'dispatch_requests'`,
    );
    expect(jobs[0].n).toBeGreaterThanOrEqual(1);
  });
});
