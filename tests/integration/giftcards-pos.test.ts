/**
 * Gift cards at the register, through its real actions: part of a sale paid by a gift card and the
 * rest in cash (the card keeps what it did not pay), a card that cannot pay what is asked, and a
 * return of a gift-card-paid sale that goes back onto the card, never into cash.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCode } from "~/domain/giftcards";
import { giftCardBooks, issueStoreCredit } from "~/domain/giftcards/index.server";
import { db, schema } from "~/lib/db.server";
import { action as homeAction } from "~/routes/pos._index";
import { action as registerAction } from "~/routes/pos.register";
import { action as saleAction } from "~/routes/pos.sales.$number";
import { action as shiftAction, loader as shiftLoader } from "~/routes/pos.shift";
import { call, cartOf, setUpStore, signIn, type Store } from "./pos-support";

type Fn = Parameters<typeof call>[0];
let store: Store;
let cashier: string;

const charge = (cart: string, fields: Record<string, string>) =>
  call(registerAction as Fn, "/pos/register", { cookie: cashier, form: { intent: "charge", cart, key: randomUUID(), ...fields } });

async function giftCard(amount: number) {
  const issued = await db.transaction((tx) => issueStoreCredit(tx, { amount, currency: "USD", email: "gift@example.com", reason: "test" }));
  const [email] = await db
    .select()
    .from(schema.outbox)
    .where(eq(schema.outbox.dedupeKey, `gift-card:${issued.giftCardId}`));
  const parsed = parseCode(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(email.text)![0]);
  if (!parsed.ok) throw new Error("no code");
  return { id: issued.giftCardId, code: parsed.code };
}

async function balanceOf(id: number) {
  const [row] = await db.select({ balance: schema.giftCards.balance }).from(schema.giftCards).where(eq(schema.giftCards.id, id));
  return row.balance;
}

beforeAll(async () => {
  store = await setUpStore();
  cashier = await signIn("cashier@soko.test");
  await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "150" } });
});

describe("gift cards at the register", () => {
  it("splits a sale: $30 from the gift card, the rest in cash; a return goes back onto the card", async () => {
    const gift = await giftCard(5000);
    // One stud: $48 + SF tax.
    const sale = await charge(cartOf([store.stud.id, 1]), { mode: "cash", cashGiven: "40", giftCardCode: gift.code, giftCardAmount: "30" });
    expect(sale.status).toBe(302);
    const number = /\/pos\/sales\/(SK-\d+)/.exec(sale.location ?? "")![1];
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
    const tenders = await db.select().from(schema.tenders).where(eq(schema.tenders.orderId, order.id));
    expect(tenders.map((t) => [t.kind, t.amount]).sort()).toEqual([
      ["cash", order.total - 3000],
      ["gift_card", 3000],
    ]);
    expect(await balanceOf(gift.id)).toBe(2000);

    const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
    const back = await call(saleAction as Fn, `/pos/sales/${number}`, {
      cookie: cashier,
      params: { number },
      form: { key: randomUUID(), reason: "changed_mind", note: "Changed her mind", [`return-${lines[0].id}`]: "1" },
    });
    expect(back.status).toBeLessThan(400);
    // The card's $30 goes back onto it; only the cash part comes out of the drawer.
    expect(await balanceOf(gift.id)).toBe(5000);
    const after = await db.select().from(schema.tenders).where(eq(schema.tenders.orderId, order.id));
    const refunds = after.filter((t) => t.amount < 0).map((t) => [t.kind, -t.amount]);
    expect(refunds).toContainEqual(["gift_card", 3000]);
    for (const books of await giftCardBooks()) expect(books.liability).toBe(books.balances);
  });

  it("a card that pays it all needs no cash; one that holds less than asked is refused and nothing is written", async () => {
    const rich = await giftCard(20000);
    const paid = await charge(cartOf([store.stud.id, 1]), { mode: "cash", giftCardCode: rich.code });
    expect(paid.status).toBe(302);
    expect(await balanceOf(rich.id)).toBeLessThan(20000);

    const poor = await giftCard(1000);
    const refused = await charge(cartOf([store.stud.id, 1]), {
      mode: "cash",
      cashGiven: "60",
      giftCardCode: poor.code,
      giftCardAmount: "20",
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain("holds $10.00");
    expect(await balanceOf(poor.id)).toBe(1000);
  });

  it("the shift's report has gift cards as their own tender, with count and amount, and the drawer expects only cash", async () => {
    const open = await call(shiftLoader as Fn, "/pos/shift", { cookie: cashier });
    const { detail } = open.body as { detail: { shift: { id: number }; report: Record<string, number> } };
    const tenders = await db.select().from(schema.tenders).where(eq(schema.tenders.shiftId, detail.shift.id));
    const of = (kind: string, sign: 1 | -1) => tenders.filter((t) => t.kind === kind && Math.sign(t.amount) === sign);
    const cashIn = of("cash", 1).reduce((sum, t) => sum + t.amount, 0);
    const cashOut = -of("cash", -1).reduce((sum, t) => sum + t.amount, 0);
    const giftCardIn = of("gift_card", 1).reduce((sum, t) => sum + t.amount, 0);
    // Two sales took a gift card ($30 of the first, all of the second); the return put $30 back on one.
    expect(of("gift_card", 1)).toHaveLength(2);
    expect(detail.report).toMatchObject({
      giftCardSales: giftCardIn,
      giftCardSalesCount: 2,
      giftCardRefunds: 3000,
      giftCardRefundsCount: 1,
      cashSales: cashIn,
      expectedCash: 15000 + cashIn - cashOut,
    });
    expect(giftCardIn).toBeGreaterThan(3000);

    const closed = await call(shiftAction as Fn, "/pos/shift", {
      cookie: cashier,
      form: { shiftId: String(detail.shift.id), countedCash: ((15000 + cashIn - cashOut) / 100).toFixed(2) },
    });
    expect(closed.status).toBe(302);
    const [row] = await db.select().from(schema.shifts).where(eq(schema.shifts.id, detail.shift.id));
    expect(row).toMatchObject({ expectedCash: 15000 + cashIn - cashOut, variance: 0 });
    expect(row.report).toMatchObject({ giftCardSales: giftCardIn, giftCardSalesCount: 2, giftCardRefunds: 3000, giftCardRefundsCount: 1 });
  });
});
