/**
 * Printed gift cards sold at the register, through its real actions (the forms a register posts with
 * JavaScript off): "Sell gift card" adds an unsold card's number and amount to the sale, refusing an
 * active, unknown or mistyped number; paying activates the card in the sale's own transaction (its
 * order line, movement and ledger entry beside the sale); two registers selling one card at once —
 * exactly one wins, the other writes nothing. The receipt shows the card's last four and balance.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCode } from "~/domain/giftcards";
import { createPhysicalCards, giftCardBooks } from "~/domain/giftcards/index.server";
import { trialBalance } from "~/domain/ledger/index.server";
import { db, schema } from "~/lib/db.server";
import { action as homeAction } from "~/routes/pos._index";
import { action as registerAction } from "~/routes/pos.register";
import { loader as receiptLoader } from "~/routes/pos.sales.$number";
import { call, cartOf, setUpStore, signIn, type Store } from "./pos-support";

type Fn = Parameters<typeof call>[0];
let store: Store;
let cashier: string;
let stack: string[];

const post = (form: Record<string, string>) => call(registerAction as Fn, "/pos/register", { cookie: cashier, form });
const sell = (cart: string, code: string, amount: { sellAmount?: string; sellOther?: string }) =>
  post({ intent: "sell-gift-card", cart, sellCardCode: code, ...amount });
const charge = (cart: string, fields: Record<string, string> = {}) =>
  post({ intent: "charge", cart, key: randomUUID(), mode: "cash", ...fields });

async function cardOf(code: string) {
  const parsed = parseCode(code);
  if (!parsed.ok) throw new Error(code);
  const [card] = await db
    .select()
    .from(schema.giftCards)
    .where(eq(schema.giftCards.last4, parsed.code.slice(-4)));
  return card;
}

async function expectBooksBalanced() {
  for (const books of await giftCardBooks()) {
    expect(books.cardsOff).toBe(0);
    expect(books.liability).toBe(books.balances);
  }
  for (const total of Object.values((await trialBalance()).totals)) expect(total).toBe(0);
}

beforeAll(async () => {
  store = await setUpStore();
  cashier = await signIn("cashier@soko.test");
  await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "150" } });
  stack = await db.transaction((tx) => createPhysicalCards(tx, { count: 4, currency: "USD", actor: "test" }));
});

describe("selling a printed gift card", () => {
  it("joins the sale as a line (preset or typed amount), and the sale pays for it and activates it with its value", async () => {
    const added = await sell(cartOf([store.stud.id, 1]), stack[0], { sellAmount: "5000" });
    expect(added.status).toBe(200);
    const cart = (added.body as { cart: { giftCards: Array<{ code: string; amount: number }> } }).cart;
    expect(cart.giftCards).toEqual([{ code: stack[0].replace(/-/g, ""), amount: 5000 }]);
    // A typed amount wins over the preset.
    const typed = await sell(cartOf(), stack[1], { sellAmount: "2500", sellOther: "75" });
    expect((typed.body as { cart: { giftCards: Array<{ amount: number }> } }).cart.giftCards).toEqual([
      expect.objectContaining({ amount: 7500 }),
    ]);
    expect((await cardOf(stack[0])).status).toBe("inactive");

    // $48 stud + CA tax, and the $50 card: paid in cash.
    const sale = await charge(JSON.stringify(cart), { cashGiven: "200" });
    expect(sale.status).toBe(302);
    const number = /\/pos\/sales\/(SK-\d+)/.exec(sale.location ?? "")![1];
    const card = await cardOf(stack[0]);
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
    expect(card).toMatchObject({ status: "active", balance: 5000, initialAmount: 5000, orderId: order.id });
    expect(order.subtotal).toBe(4800 + 5000);
    expect(order.taxTotal).toBeLessThan(1000); // tax on the stud only
    const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
    expect(lines.map((l) => [l.sku, l.total]).sort()).toEqual([
      ["EAR-T001", 4800],
      ["GIFT-CARD", 5000],
    ]);
    // No production, no stock, for the card.
    expect(await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id))).toEqual([]);
    await expectBooksBalanced();

    const receipt = await call(receiptLoader as Fn, `/pos/sales/${number}`, { cookie: cashier, params: { number } });
    expect((receipt.body as { soldCards: unknown[] }).soldCards).toEqual([
      expect.objectContaining({ last4: card.last4, amount: 5000, balance: 5000 }),
    ]);
  });

  it("refuses a card already active, an unknown number, a typo and an amount out of bounds, saying which", async () => {
    const active = await sell(cartOf(), stack[0], { sellAmount: "5000" });
    expect(active.status).toBe(409);
    expect(active.body?.message).toMatch(/already active/);
    const body = stack[0].replace(/-/g, "");
    // A well-formed number no card has: change the body and recompute the check character.
    let unknown = "";
    for (const c of "0123456789ABCDEFGHJKMNPQRSTVWXYZ") {
      const candidate = `${body.slice(0, 14)}${body[14] === "0" ? "1" : "0"}${c}`;
      if (parseCode(candidate).ok) unknown = candidate;
    }
    const missing = await sell(cartOf(), unknown, { sellAmount: "5000" });
    expect(missing.status).toBe(404);
    expect(missing.body?.message).toMatch(/No Soko gift card has the number ending/);
    const typo = await sell(cartOf(), `${body.slice(0, 15)}${body[15] === "0" ? "1" : "0"}`, { sellAmount: "5000" });
    expect(typo.status).toBe(422);
    expect((await sell(cartOf(), stack[2], { sellOther: "5" })).body?.message).toMatch(/can hold \$10\.00 to \$1,000\.00/);
    expect((await sell(cartOf(), stack[2], { sellOther: "1000.01" })).status).toBe(422);
    expect((await sell(cartOf(), stack[2], {})).body?.message).toMatch(/Choose the amount/);
    // The same card twice in one sale.
    const once = await sell(cartOf(), stack[2], { sellAmount: "2500" });
    const twice = await sell(JSON.stringify((once.body as { cart: unknown }).cart), stack[2], { sellAmount: "2500" });
    expect(twice.body?.message).toMatch(/already in this sale/);
    expect((await cardOf(stack[2])).status).toBe("inactive");
  });

  it("two registers selling the same card at once: exactly one activates it, the other records nothing", async () => {
    const cart = JSON.stringify({ lines: [], giftCards: [{ code: stack[3].replace(/-/g, ""), amount: 10000 }] });
    const ordersBefore = (await db.select({ id: schema.orders.id }).from(schema.orders)).length;
    const results = await Promise.all([charge(cart, { cashGiven: "100" }), charge(cart, { cashGiven: "100" })]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body?.message).toMatch(/····\w{4} (is already active|was just sold on another register)/);
    expect(await cardOf(stack[3])).toMatchObject({ status: "active", balance: 10000 });
    const movements = await db
      .select()
      .from(schema.giftCardMovements)
      .where(eq(schema.giftCardMovements.giftCardId, (await cardOf(stack[3])).id));
    expect(movements).toHaveLength(1);
    expect((await db.select({ id: schema.orders.id }).from(schema.orders)).length).toBe(ordersBefore + 1);
    await expectBooksBalanced();

    // And afterwards the sold card is refused when charged again.
    const again = await charge(cart, { cashGiven: "100" });
    expect(again.status).toBe(409);
    expect(again.body?.message).toMatch(/already active/);
  });
});
