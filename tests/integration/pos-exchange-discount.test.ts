/**
 * A discounted counter sale, its ring exchanged for a dearer and for a cheaper size, and the
 * exchanged ring brought back (docs/decisions/0020-returns.md). The exchange's own order carries its
 * discount twice over: on its lines (the rest of the new ring's price) and in the order's discount
 * total. The counter values a returned piece by its line total (after the line's discount) and the
 * sale's goods as subtotal less discount total, so the discount is taken once: the refund is what
 * was paid for the ring, and across the sale and its exchange never more than was paid. The web's
 * rule (lineValues) took it twice ($43.26 for a $48.26 ring), now once. Real figures: a $40.00 ring
 * at 10% off, California's 7.25%.
 */
import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createProduct, setStock } from "#db/seed/factories";
import { action as homeAction } from "~/routes/pos._index";
import { action as registerAction } from "~/routes/pos.register";
import { action as saleAction } from "~/routes/pos.sales.$number";
import { db, schema } from "~/lib/db.server";
import { returnableOrder } from "~/domain/returns/index.server";
import { call, cartOf, setUpStore, signIn } from "./pos-support";

type Fn = Parameters<typeof call>[0];
let cashier: string;
let sizes: { six: number; eight: number; silver: number };

/** $40.00 at 10% off is $36.00 of goods and $2.61 of tax: $38.61 paid for the ring. */
const GOODS = 4000 - 400;
const PAID = GOODS + Math.round(GOODS * 0.0725);

beforeAll(async () => {
  const store = await setUpStore();
  const { variants } = await createProduct(db, {
    title: "Maasai Bead Ring",
    variants: [
      { title: "6", price: 4000 },
      { title: "8", price: 5000 },
      { title: "Silver", price: 3000 },
    ],
  });
  sizes = { six: variants[0].id, eight: variants[1].id, silver: variants[2].id };
  for (const v of variants) await setStock(db, v.id, store.flagship.id, 5);
  cashier = await signIn("cashier@soko.test");
  await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "200" } });
});

function atCounter(number: string, fields: Record<string, string>) {
  return call(saleAction as Fn, `/pos/sales/${number}`, {
    cookie: cashier,
    params: { number },
    form: { key: randomUUID(), reason: "size", ...fields },
  });
}

async function orderWithLines(where: { number: string } | { id: number }) {
  const [order] = await db
    .select()
    .from(schema.orders)
    .where("number" in where ? eq(schema.orders.number, where.number) : eq(schema.orders.id, where.id));
  const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
  return { order, lines };
}

/** A card sale of `quantity` size-6 rings at 10% off. */
async function sellRings(quantity: number) {
  const sold = await call(registerAction as Fn, "/pos/register", {
    cookie: cashier,
    form: { intent: "charge", cart: cartOf([sizes.six, quantity, 10]), key: randomUUID(), mode: "card" },
  });
  const number = /\/pos\/sales\/(SK-\d+)/.exec(sold.location ?? "")?.[1];
  if (!number) throw new Error(`sale failed: ${sold.status} ${JSON.stringify(sold.body)}`);
  return orderWithLines({ number });
}

/** A sale of one size-6 ring at 10% off, exchanged at the counter for `to`. */
async function exchangedFor(to: number) {
  const sale = await sellRings(1);
  const { number } = sale.order;
  expect(sale.order.total).toBe(PAID);
  const line = sale.lines[0];
  const swapped = await atCounter(number, { [`return-${line.id}`]: "1", [`swap-${line.id}`]: String(to), differenceMode: "cash" });
  expect(swapped.status).toBe(302);
  const [record] = await db.select().from(schema.returns).where(eq(schema.returns.orderId, sale.order.id));
  return { sale, record, exchange: await orderWithLines({ id: record.exchangeOrderId! }) };
}

async function moneyAcross(orderIds: number[]) {
  const [paid, refunded] = await Promise.all([
    db.select().from(schema.payments).where(inArray(schema.payments.orderId, orderIds)),
    db.select().from(schema.refunds).where(inArray(schema.refunds.orderId, orderIds)),
  ]);
  return {
    paid: paid.filter((p) => p.status === "succeeded").reduce((sum, p) => sum + p.amount, 0),
    refunded: refunded.filter((r) => r.status !== "failed").reduce((sum, r) => sum + r.amount, 0),
  };
}

describe("an exchanged piece of a discounted counter sale, brought back at the counter", () => {
  for (const [name, to, price] of [
    ["a dearer size ($50.00)", "eight", 5000],
    ["a cheaper finish ($30.00)", "silver", 3000],
  ] as const) {
    it(`${name}: refunds what was paid for it, the discount taken once, and the family never more than was paid`, async () => {
      const { sale, record, exchange } = await exchangedFor(sizes[to]);
      // The new ring on the sale's terms: its price at the same 10% off and 7.25% (rounded once).
      const worth = Math.round((PAID * price) / 4000);
      expect(record.due - record.amount).toBe(worth - PAID);
      const [line] = exchange.lines;
      // The discount is on the line and in the order's total at once: that is the doubt.
      expect(exchange.order).toMatchObject({ subtotal: price, discountTotal: line.discount, total: worth });
      expect(line.total + exchange.order.taxTotal).toBe(worth);
      // The web's rule reads the same order alike (the shop's return form, which sends her to the counter).
      expect((await returnableOrder(exchange.order.number))?.lines[0]).toMatchObject({ unitRefund: worth });

      const back = await atCounter(exchange.order.number, { reason: "changed_mind", [`return-${line.id}`]: "1" });
      expect(back.status).toBe(302);
      const [posReturn] = await db.select().from(schema.posReturns).where(eq(schema.posReturns.orderId, exchange.order.id));
      expect(posReturn.amount).toBe(worth);
      const family = await moneyAcross([sale.order.id, exchange.order.id]);
      expect(family.paid).toBe(PAID + Math.max(0, worth - PAID));
      expect(family.refunded).toBe(family.paid);
    });
  }

  it("both rings of a two-ring line exchanged, one for a dearer size and one for a cheaper finish, then brought back: each its own worth, together what was paid", async () => {
    const sale = await sellRings(2);
    const { number } = sale.order;
    const [line] = sale.lines;
    expect(sale.order.total).toBe(2 * PAID);
    // One line of two rings can be swapped for one size only: return one for a size 8, then the other for silver.
    expect(
      (await atCounter(number, { [`return-${line.id}`]: "1", [`swap-${line.id}`]: String(sizes.eight), differenceMode: "cash" })).status,
    ).toBe(302);
    expect((await atCounter(number, { [`return-${line.id}`]: "1", [`swap-${line.id}`]: String(sizes.silver) })).status).toBe(302);
    const records = await db.select().from(schema.returns).where(eq(schema.returns.orderId, sale.order.id));
    const exchanges = await Promise.all(records.map((r) => orderWithLines({ id: r.exchangeOrderId! })));
    for (const x of exchanges) {
      const back = await atCounter(x.order.number, { reason: "changed_mind", [`return-${x.lines[0].id}`]: "1" });
      expect(back.status).toBe(302);
      const [posReturn] = await db.select().from(schema.posReturns).where(eq(schema.posReturns.orderId, x.order.id));
      expect(posReturn.amount).toBe(x.order.total);
    }
    const family = await moneyAcross([sale.order.id, ...exchanges.map((x) => x.order.id)]);
    expect(family.refunded).toBe(family.paid);
  });
});
