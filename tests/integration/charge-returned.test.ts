/**
 * A checkout key whose charge was given back is never charged again: the provider would answer a
 * charge under the same key with the first, refunded one (its idempotent replay), and an order would
 * be placed on money the shopper already has back — free jewelry for anyone who can make the first
 * order fail after the charge and then submit the same form again.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { addLine } from "~/domain/cart/cart.server";
import { checkoutState, payAndPlaceOrder, saveAddress, saveShippingMethod } from "~/domain/checkout/checkout.server";
import { LocalPaymentProvider } from "~/domain/payments/local-provider.server";
import { db, schema } from "~/lib/db.server";

const card = { number: "4242424242424242", expiry: "12/30", cvc: "123" };
let variantId: number;

async function readyCart() {
  const added = await addLine(null, variantId, 1);
  if (!added.ok) throw new Error(added.message);
  await saveAddress(added.cartId, {
    email: "zawadi@example.com",
    name: "Zawadi Njeri",
    line1: "500 Valencia St",
    city: "San Francisco",
    region: "CA",
    postalCode: "94110",
    country: "US",
  });
  await saveShippingMethod(added.cartId, "standard");
  return { cartId: added.cartId, total: (await checkoutState(added.cartId))!.totals.total };
}

const chargeOf = async (key: string) => (await db.select().from(schema.payments).where(eq(schema.payments.idempotencyKey, key)))[0];
const ordersOf = (key: string) => db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, key));

/** Runs `work` with the local provider's charge followed by `after` (the moment between the charge and the order). */
async function withAfterCharge<T>(after: () => Promise<void>, work: (calls: { charges: number; refunds: string[] }) => Promise<T>) {
  const { charge, refund } = LocalPaymentProvider.prototype;
  const calls = { charges: 0, refunds: [] as string[] };
  LocalPaymentProvider.prototype.charge = async function (request) {
    calls.charges++;
    const outcome = await charge.call(this, request);
    await after();
    return outcome;
  };
  LocalPaymentProvider.prototype.refund = async function (input) {
    calls.refunds.push(input.idempotencyKey);
    return refund.call(this, input);
  };
  try {
    return await work(calls);
  } finally {
    Object.assign(LocalPaymentProvider.prototype, { charge, refund });
  }
}

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  variantId = (await createProduct(db, { handle: "kito-ring", variants: [{ price: 5200 }] })).variants[0].id;
  await setStock(db, variantId, fc.id, 100);
});

describe("a charge given back", () => {
  it("is not charged again under its key: the same form submitted again is refused, no order, the new bag kept", async () => {
    const key = crypto.randomUUID();
    const first = await readyCart();
    // The bag goes between the charge and the order (another tab placed it, say): no order, money back.
    const refused = await withAfterCharge(
      async () => void (await db.delete(schema.carts).where(eq(schema.carts.id, first.cartId))),
      async (calls) => {
        const result = await payAndPlaceOrder(first.cartId, { idempotencyKey: key, expectedTotal: first.total, card, customerId: null });
        expect(calls).toEqual({ charges: 1, refunds: [`void:${key}`] });
        return result;
      },
    );
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(await chargeOf(key)).toMatchObject({ status: "refunded", orderId: null });

    // The same key again, with a bag that would make an order: refused before any charge.
    const second = await readyCart();
    const again = await withAfterCharge(
      async () => {},
      async (calls) => {
        const result = await payAndPlaceOrder(second.cartId, { idempotencyKey: key, expectedTotal: second.total, card, customerId: null });
        expect(calls).toEqual({ charges: 0, refunds: [] });
        return result;
      },
    );
    expect(again).toEqual({ ok: false, status: 409, message: expect.stringContaining("money returned to your card") });
    expect(await ordersOf(key)).toHaveLength(0);
    expect(await chargeOf(key)).toMatchObject({ status: "refunded", orderId: null });
    expect(await checkoutState(second.cartId)).not.toBeNull();

    // A fresh key (the page loaded again) pays for that bag as usual.
    const fresh = crypto.randomUUID();
    const paid = await payAndPlaceOrder(second.cartId, { idempotencyKey: fresh, expectedTotal: second.total, card, customerId: null });
    expect(paid).toMatchObject({ ok: true });
    expect(await chargeOf(fresh)).toMatchObject({ status: "succeeded", orderId: (await ordersOf(fresh))[0].id });
  });

  it("claimed for its refund by another submit while this one makes the order: the order is not placed, and it is refunded once", async () => {
    const key = crypto.randomUUID();
    const { cartId, total } = await readyCart();
    // Another submit of the same key gave the money back between this one's charge and its order.
    const result = await withAfterCharge(
      async () => void (await db.update(schema.payments).set({ status: "refunding" }).where(eq(schema.payments.idempotencyKey, key))),
      async (calls) => {
        const answer = await payAndPlaceOrder(cartId, { idempotencyKey: key, expectedTotal: total, card, customerId: null });
        // This submit refunds nothing: the other one holds the refund.
        expect(calls).toEqual({ charges: 1, refunds: [] });
        return answer;
      },
    );
    expect(result).toEqual({ ok: false, status: 409, message: expect.stringContaining("money returned to your card") });
    expect(await ordersOf(key)).toHaveLength(0);
    expect(await chargeOf(key)).toMatchObject({ status: "refunding", orderId: null });
    expect(await checkoutState(cartId)).not.toBeNull();
  });
});
