/**
 * The web checkout on the local test provider, against a real database: pricing, declines, one
 * order per submit key, discount usage, and the refusal when the total changed under the shopper.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createDiscountCode, createLocation, createProduct, setStock } from "#db/seed/factories";
import { authenticateCustomer } from "~/domain/accounts/customer.server";
import { confirmSignUp, issueSignUp } from "~/domain/accounts/signup.server";
import { renderEmail } from "~/domain/notifications/index.server";
import { confirmationOf } from "~/domain/orders/jobs.server";
import { addLine } from "~/domain/cart/cart.server";
import { applyDiscountCode, checkoutState, payAndPlaceOrder, saveAddress, saveShippingMethod } from "~/domain/checkout/checkout.server";
import { db, schema } from "~/lib/db.server";

let stocked: number;
let madeToOrder: number;
const card = (number: string) => ({ number, expiry: "12/30", cvc: "123" });
const address = {
  email: "maya@example.com",
  name: "Maya Chen",
  line1: "500 Valencia St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94110",
  country: "US",
};

async function readyCart(lines: Array<[number, number]>) {
  let cartId: string | null = null;
  for (const [variantId, quantity] of lines) {
    const added = await addLine(cartId, variantId, quantity);
    if (!added.ok) throw new Error(added.message);
    cartId = added.cartId;
  }
  await saveAddress(cartId!, address);
  await saveShippingMethod(cartId!, "standard");
  const state = await checkoutState(cartId!);
  return { cartId: cartId!, total: state!.totals.total };
}

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const a = await createProduct(db, { handle: "brass-studs", variants: [{ price: 4800 }] });
  const b = await createProduct(db, { handle: "horn-cuff", variants: [{ price: 9600, leadTimeDays: 21 }] });
  stocked = a.variants[0].id;
  madeToOrder = b.variants[0].id;
  await setStock(db, stocked, fc.id, 10);
  await createDiscountCode(db, { code: "WELCOME10", kind: "percent", value: 10, minSubtotal: 5000, usageLimit: 100 });
});

describe("web checkout on the local test provider", () => {
  it("prices the bag with shipping and California tax", async () => {
    const { cartId } = await readyCart([[stocked, 1]]);
    const state = await checkoutState(cartId);
    // $48 < $75: standard shipping $6; CA tax 7.25% of $48 = $3.48.
    expect(state!.totals).toMatchObject({ subtotal: 4800, shippingTotal: 600, taxTotal: 348, total: 5748 });
    expect(state!.ready).toBe(true);
  });

  it("a declined card makes no order and keeps the bag", async () => {
    const { cartId, total } = await readyCart([[stocked, 1]]);
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(schema.orders);
    const result = await payAndPlaceOrder(cartId, {
      idempotencyKey: crypto.randomUUID(),
      expectedTotal: total,
      card: card("4000 0000 0000 0002"),
      customerId: null,
    });
    expect(result).toMatchObject({ ok: false, status: 402, message: expect.stringContaining("declined") });
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(schema.orders);
    expect(after[0].n).toBe(before[0].n);
    expect((await checkoutState(cartId))!.cart.lines).toHaveLength(1);
    const funds = await payAndPlaceOrder(cartId, {
      idempotencyKey: crypto.randomUUID(),
      expectedTotal: total,
      card: card("4000000000009995"),
      customerId: null,
    });
    expect(funds).toMatchObject({ ok: false, message: expect.stringContaining("insufficient funds") });
  });

  it("submitting twice makes one order, and the bag is gone", async () => {
    const { cartId, total } = await readyCart([
      [stocked, 1],
      [madeToOrder, 2],
    ]);
    const key = crypto.randomUUID();
    const [first, second] = await Promise.all([
      payAndPlaceOrder(cartId, { idempotencyKey: key, expectedTotal: total, card: card("4242 4242 4242 4242"), customerId: null }),
      payAndPlaceOrder(cartId, { idempotencyKey: key, expectedTotal: total, card: card("4242 4242 4242 4242"), customerId: null }),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true });
    if (!first.ok || !second.ok) throw new Error("unreachable");
    expect(second.orderNumber).toBe(first.orderNumber);
    const orders = await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, key));
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ total, paymentStatus: "paid", status: "in_production", email: "maya@example.com" });
    const payments = await db.select().from(schema.payments).where(eq(schema.payments.orderId, orders[0].id));
    expect(payments).toHaveLength(1);
    expect(await checkoutState(cartId)).toBeNull();
    // The same form once more, after the bag is gone (a reload of the POST): the same order.
    const again = await payAndPlaceOrder(cartId, {
      idempotencyKey: key,
      expectedTotal: total,
      card: card("4242 4242 4242 4242"),
      customerId: null,
    });
    expect(again).toMatchObject({ ok: true, orderNumber: first.orderNumber });
    expect(await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, key))).toHaveLength(1);
  });

  it("two pay forms of one bag (two tabs, two keys) at once: one order, the other refused with its charge given back", async () => {
    const { cartId, total } = await readyCart([[stocked, 1]]);
    const keys = [crypto.randomUUID(), crypto.randomUUID()];
    const results = await Promise.all(
      keys.map((idempotencyKey) =>
        payAndPlaceOrder(cartId, { idempotencyKey, expectedTotal: total, card: card("4242 4242 4242 4242"), customerId: null }),
      ),
    );
    const placed = results.filter((r) => r.ok);
    expect(placed).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, status: 409, message: "Your bag is empty." });
    const orders = await db.select().from(schema.orders).where(sql`${schema.orders.idempotencyKey} in (${keys[0]}, ${keys[1]})`);
    expect(orders).toHaveLength(1);
    const loser = keys.find((k) => k !== orders[0].idempotencyKey)!;
    const [charge] = await db.select().from(schema.payments).where(eq(schema.payments.idempotencyKey, loser));
    expect(charge).toMatchObject({ orderId: null, status: "refunded" });
    expect(await checkoutState(cartId)).toBeNull();
  });

  it("applies a discount code, counts its use, and says why one does not apply", async () => {
    const small = await readyCart([[stocked, 1]]);
    expect(await applyDiscountCode(small.cartId, "WELCOME10")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("at least $50.00"),
    });
    expect(await applyDiscountCode(small.cartId, "NOPE")).toMatchObject({ ok: false, reason: expect.stringContaining("recognise") });
    const { cartId } = await readyCart([[stocked, 2]]);
    expect(await applyDiscountCode(cartId, "welcome10")).toMatchObject({ ok: true, amount: 960 });
    const state = await checkoutState(cartId);
    // $96 − $9.60, free shipping from $75, tax on $86.40.
    expect(state!.totals).toMatchObject({ subtotal: 9600, discountTotal: 960, shippingTotal: 0, taxTotal: 626, total: 9266 });
    const result = await payAndPlaceOrder(cartId, {
      idempotencyKey: crypto.randomUUID(),
      expectedTotal: state!.totals.total,
      card: card("4242424242424242"),
      customerId: null,
    });
    expect(result.ok).toBe(true);
    const [code] = await db.select().from(schema.discountCodes).where(eq(schema.discountCodes.code, "WELCOME10"));
    expect(code.usedCount).toBe(1);
  });

  it("refuses to charge when the total changed since the page was shown", async () => {
    const { cartId, total } = await readyCart([[stocked, 1]]);
    await addLine(cartId, stocked, 1);
    const result = await payAndPlaceOrder(cartId, {
      idempotencyKey: crypto.randomUUID(),
      expectedTotal: total,
      card: card("4242424242424242"),
      customerId: null,
    });
    expect(result).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("total changed") });
  });

  it("with 'Create an account' places a guest order and emails a link (docs/decisions/0029); refuses a short password", async () => {
    const { cartId, total } = await readyCart([[stocked, 1]]);
    const short = await payAndPlaceOrder(cartId, {
      idempotencyKey: crypto.randomUUID(),
      expectedTotal: total,
      card: card("4242424242424242"),
      customerId: null,
      createAccountPassword: "short",
    });
    expect(short).toMatchObject({ ok: false, status: 422, field: "password" });
    const customersBefore = await db.select().from(schema.customers);
    const placed = await payAndPlaceOrder(cartId, {
      idempotencyKey: crypto.randomUUID(),
      expectedTotal: total,
      card: card("4242424242424242"),
      customerId: null,
      createAccountPassword: "a-long-password",
    });
    expect(placed).toMatchObject({ ok: true, customerId: null });
    expect(await db.select().from(schema.customers)).toEqual(customersBefore);
    const signups = await db.select().from(schema.customerSignups).where(eq(schema.customerSignups.email, address.email));
    expect(signups).toHaveLength(1);
    expect(signups[0]).toMatchObject({ source: "checkout", name: address.name });
    const issued = await issueSignUp(signups[0].id);
    expect(issued?.kind).toBe("link");
    const confirmed = await confirmSignUp(issued?.kind === "link" ? issued.token : "");
    expect(confirmed.ok).toBe(true);
    // The link made the account, with this order in it.
    const [order] = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.number, (placed as { orderNumber: string }).orderNumber));
    expect(order.customerId).toBe(confirmed.ok ? confirmed.customer.id : -1);
  });

  it("with 'Create an account' and an email that has one: still the order, as a guest's; the account untouched; its confirmation says sign in", async () => {
    const owner = await createCustomer(db, { email: "owner@example.com", name: "Owner", password: "owners-password" });
    const [before] = await db.select().from(schema.customers).where(eq(schema.customers.id, owner.id));
    const { cartId, total } = await readyCart([[stocked, 1]]);
    await saveAddress(cartId, { ...address, email: "OWNER@example.com" });
    const placed = await payAndPlaceOrder(cartId, {
      idempotencyKey: crypto.randomUUID(),
      expectedTotal: total,
      card: card("4242424242424242"),
      customerId: null,
      createAccountPassword: "someone-elses-password",
    });
    expect(placed).toMatchObject({ ok: true, customerId: null });
    const [after] = await db.select().from(schema.customers).where(eq(schema.customers.id, owner.id));
    expect(after).toEqual(before);
    const [signup] = await db.select().from(schema.customerSignups).where(eq(schema.customerSignups.email, "owner@example.com"));
    expect(await issueSignUp(signup.id)).toEqual({ kind: "account-exists" });
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.template, "signup-attempt"))).toEqual([]);
    const [order] = await db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.number, (placed as { orderNumber: string }).orderNumber));
    expect(order.customerId).toBeNull();
    const confirmation = await confirmationOf(order.id);
    expect(confirmation?.props.signInUrl).toMatch(/\/account\/login$/);
    const rendered = await renderEmail("order-confirmation", confirmation!.props);
    expect(rendered.text).toContain("You have a Soko account with this email: sign in to see this order in your order history.");
    // The owner signs in: a proven email's guest orders join the account.
    await db.update(schema.customers).set({ emailVerifiedAt: new Date() }).where(eq(schema.customers.id, owner.id));
    expect(await authenticateCustomer({ email: "owner@example.com", password: "owners-password" })).toMatchObject({ ok: true });
    expect((await db.select().from(schema.orders).where(eq(schema.orders.id, order.id)))[0].customerId).toBe(owner.id);
  });
});
