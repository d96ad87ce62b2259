/**
 * Gift cards in the web checkout (local test provider) and the storefront purchase: a card split
 * with a card payment, a card that pays it all, a card spent elsewhere between the page and the pay
 * button (the order is refused and the card charge given back), a refund back onto the gift card,
 * and a gift card bought online as an order with a gift card line.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { addLine } from "~/domain/cart/cart.server";
import {
  applyGiftCard,
  checkoutState,
  payAndPlaceOrder,
  removeGiftCard,
  saveAddress,
  saveShippingMethod,
} from "~/domain/checkout/index.server";
import { parseCode } from "~/domain/giftcards";
import { giftCardBooks, issueStoreCredit, redeemGiftCard } from "~/domain/giftcards/index.server";
import { refundOrder } from "~/domain/orders/index.server";
import { orderPlaced } from "~/domain/orders/jobs.server";
import { orderStatus } from "~/domain/orders/status.server";
import { buyGiftCard } from "~/features/storefront/giftcards/buy.server";
import { db, schema } from "~/lib/db.server";

let stocked: number;
const card = { number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" };
const address = {
  email: "maya@example.com",
  name: "Maya Chen",
  line1: "500 Valencia St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94110",
  country: "US",
};

async function readyCart(quantity = 1) {
  const added = await addLine(null, stocked, quantity);
  if (!added.ok) throw new Error(added.message);
  await saveAddress(added.cartId, address);
  await saveShippingMethod(added.cartId, "standard");
  return added.cartId;
}

/** A fresh card worth `amount` and its code (read from its email). */
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

async function expectBooksBalanced() {
  for (const books of await giftCardBooks()) {
    expect(books.cardsOff).toBe(0);
    expect(books.liability).toBe(books.balances);
  }
}

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  stocked = (await createProduct(db, { handle: "brass-studs", variants: [{ price: 4800 }] })).variants[0].id;
  await setStock(db, stocked, fc.id, 50);
});

describe("paying with a gift card at checkout", () => {
  it("splits: the card pays what it holds, the bank card the rest; both are the order's payments", async () => {
    const cartId = await readyCart();
    const gift = await giftCard(2000);
    expect(await applyGiftCard(cartId, gift.code, "192.0.2.10")).toMatchObject({ ok: true });
    const state = (await checkoutState(cartId))!;
    // $48 + $6 shipping + CA tax $3.48 = $57.48; the card takes $20.
    expect(state.totals.total).toBe(5748);
    expect(state.giftCards).toEqual([{ id: gift.id, last4: gift.code.slice(-4), amount: 2000, balanceAfter: 0 }]);
    expect(state.amountDue).toBe(3748);
    const paid = await payAndPlaceOrder(cartId, { idempotencyKey: crypto.randomUUID(), expectedTotal: 3748, card, customerId: null });
    expect(paid).toMatchObject({ ok: true });
    const [order] = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.number, paid.ok ? paid.orderNumber : ""));
    const rows = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
    expect(rows.map((p) => [p.provider, p.amount]).sort()).toEqual([
      ["gift_card", 2000],
      ["local", 3748],
    ]);
    expect(await balanceOf(gift.id)).toBe(0);
    await expectBooksBalanced();
    // The order's page and its receipt say what the gift card paid and what the bank card paid.
    expect((await orderStatus(order.number))!.giftCards).toEqual([{ last4: gift.code.slice(-4), amount: 2000 }]);
    await orderPlaced(order.id);
    const [receipt] = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `order-confirmation:${order.number}`));
    expect(receipt.text).toContain(`Gift card ····${gift.code.slice(-4)}`);
    expect(receipt.text).toMatch(/Paid by card\s+\$37\.48/);
  });

  it("partial use: a card worth more than the order pays it all and keeps the rest; no bank card needed", async () => {
    const cartId = await readyCart();
    const gift = await giftCard(10000);
    await applyGiftCard(cartId, gift.code, "192.0.2.11");
    const state = (await checkoutState(cartId))!;
    expect(state.amountDue).toBe(0);
    expect(state.giftCards[0]).toMatchObject({ amount: 5748, balanceAfter: 4252 });
    const paid = await payAndPlaceOrder(cartId, {
      idempotencyKey: crypto.randomUUID(),
      expectedTotal: 0,
      card: { number: "", expiry: "", cvc: "" },
      customerId: null,
    });
    expect(paid).toMatchObject({ ok: true });
    expect(await balanceOf(gift.id)).toBe(4252);

    // Refunded from the console: the money goes back onto the gift card.
    const number = paid.ok ? paid.orderNumber : "";
    const refund = await refundOrder({ number, amount: 1000, reason: "A stone was loose", formKey: crypto.randomUUID(), actor: "staff:1" });
    expect(refund).toMatchObject({ ok: true, amount: 1000 });
    expect(await balanceOf(gift.id)).toBe(5252);
    await expectBooksBalanced();
  });

  it("a card spent elsewhere after the page was drawn: the order is refused, nothing is taken, the bank card charge is given back", async () => {
    const cartId = await readyCart();
    const gift = await giftCard(3000);
    await applyGiftCard(cartId, gift.code, "192.0.2.12");
    const due = (await checkoutState(cartId))!.amountDue;
    // The page showed $27.48 due; meanwhile $10 of the card is spent at the register.
    await db.transaction((tx) =>
      redeemGiftCard(tx, {
        giftCardId: gift.id,
        amount: 1000,
        currency: "USD",
        orderId: null,
        reference: "pos:elsewhere",
        actor: "staff:2",
      }),
    );
    const paid = await payAndPlaceOrder(cartId, { idempotencyKey: crypto.randomUUID(), expectedTotal: due, card, customerId: null });
    expect(paid).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("changed") });
    expect(await balanceOf(gift.id)).toBe(2000);
    expect((await checkoutState(cartId))!.cart.lines).toHaveLength(1);
  });

  it("an empty card and an unknown code are refused with a message; remove takes a card off", async () => {
    const cartId = await readyCart();
    const spent = await giftCard(500);
    await db.transaction((tx) =>
      redeemGiftCard(tx, { giftCardId: spent.id, amount: 500, currency: "USD", orderId: null, reference: "pos:all", actor: "staff:2" }),
    );
    expect(await applyGiftCard(cartId, spent.code, "192.0.2.13")).toMatchObject({
      ok: false,
      status: 409,
      message: expect.stringContaining("nothing left"),
    });
    expect(await applyGiftCard(cartId, "K7Q2-9XMD-R4TB-HW3M", "192.0.2.13")).toMatchObject({ ok: false });
    const good = await giftCard(1000);
    await applyGiftCard(cartId, good.code, "192.0.2.13");
    expect((await checkoutState(cartId))!.giftCards).toHaveLength(1);
    await removeGiftCard(cartId, good.id);
    expect((await checkoutState(cartId))!.giftCards).toHaveLength(0);
  });
});

describe("buying a gift card online", () => {
  const purchase = (overrides: Partial<Parameters<typeof buyGiftCard>[0]> = {}) =>
    buyGiftCard({
      idempotencyKey: crypto.randomUUID(),
      amount: 5000,
      currency: "USD",
      purchaserEmail: "amina@example.com",
      recipientEmail: "wanjiru@example.com",
      recipientName: "Wanjiru",
      senderName: "Amina",
      message: "For your birthday",
      sendOn: new Date().toISOString().slice(0, 10),
      card,
      customerId: null,
      ...overrides,
    });

  it("is an order with a gift card line (nothing reserved or made) and a card issued with its value", async () => {
    const key = crypto.randomUUID();
    const bought = await purchase({ idempotencyKey: key });
    expect(bought).toMatchObject({ ok: true });
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, key));
    expect(order).toMatchObject({ channel: "web", total: 5000, paymentStatus: "paid", email: "amina@example.com" });
    const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
    expect(lines).toMatchObject([{ sku: "GIFT-CARD", unitPrice: 5000, quantity: 1 }]);
    expect(await db.$count(schema.allocations, eq(schema.allocations.orderLineId, lines[0].id))).toBe(0);
    expect(await db.$count(schema.productionRequests, eq(schema.productionRequests.orderId, order.id))).toBe(0);
    const [issued] = await db.select().from(schema.giftCards).where(eq(schema.giftCards.orderId, order.id));
    // A card sold never expires (California forbids it: docs/decisions/0016).
    expect(issued).toMatchObject({
      kind: "digital",
      status: "active",
      balance: 5000,
      recipientEmail: "wanjiru@example.com",
      expiresAt: null,
    });
    // The same form again: the same order, no second card.
    expect(await purchase({ idempotencyKey: key })).toMatchObject({ ok: true, orderNumber: order.number });
    expect(await db.$count(schema.giftCards, eq(schema.giftCards.orderId, order.id))).toBe(1);
    await expectBooksBalanced();
  });

  it("a declined card buys nothing", async () => {
    const before = await db.$count(schema.giftCards);
    expect(await purchase({ card: { ...card, number: "4000 0000 0000 0002" } })).toMatchObject({ ok: false, status: 402 });
    expect(await db.$count(schema.giftCards)).toBe(before);
  });
});
