/**
 * The reconcile_charge job asks Stripe (the fake Stripe API, through the real SDK) what it really
 * took before it makes an order of a charge left without one: the amount AND the currency on
 * Stripe's PaymentIntent must be the ones on our record, or the money goes back whole and no order is made.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { addLine } from "~/domain/cart/cart.server";
import { checkoutState, saveAddress, saveShippingMethod } from "~/domain/checkout/checkout.server";
import { paidOtherThanRecorded, reconcileCharge } from "~/domain/checkout/reconcile.server";
import { CHARGE_KEY_METADATA } from "~/domain/payments/provider";
import { StripePaymentProvider } from "~/domain/payments/stripe-provider.server";
import { db, schema } from "~/lib/db.server";
import { startFakeStripe } from "../fakes/stripe";

const fake = await startFakeStripe({ secretKey: "sk_test_x" });
afterAll(() => fake.close());
const provider = new StripePaymentProvider({
  secretKey: "sk_test_x",
  publishableKey: "pk_test_x",
  webhookSecret: "whsec_test",
  apiBase: fake.url,
});
const api = new URL(fake.url);
/** Plays the shopper's browser confirming the intent. */
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });

let variantId: number;

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  variantId = (await createProduct(db, { handle: "sabi-pendant", variants: [{ price: 6400 }] })).variants[0].id;
  await setStock(db, variantId, fc.id, 50);
});

/**
 * A ready bag whose checkout wrote its charge row (amount, currency) and died before hearing back,
 * while Stripe took `taken` (amount, currency) under the same checkout key.
 */
async function chargeLeftBehind(taken: (total: number) => { amount: number; currency: string }) {
  const added = await addLine(null, variantId, 1);
  if (!added.ok) throw new Error(added.message);
  await saveAddress(added.cartId, {
    email: "amani@example.com",
    name: "Amani Otieno",
    line1: "500 Valencia St",
    city: "San Francisco",
    region: "CA",
    postalCode: "94110",
    country: "US",
  });
  await saveShippingMethod(added.cartId, "standard");
  const total = (await checkoutState(added.cartId))!.totals.total;
  const key = randomUUID();
  await db
    .insert(schema.payments)
    .values({ provider: "stripe", providerRef: null, idempotencyKey: key, amount: total, currency: "USD", status: "charging" });
  const { amount, currency } = taken(total);
  const intent = await stripe.paymentIntents.create({ amount, currency, metadata: { [CHARGE_KEY_METADATA]: key } });
  await stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" });
  return { cartId: added.cartId, key, total, piId: intent.id };
}

const chargeOf = async (key: string) => (await db.select().from(schema.payments).where(eq(schema.payments.idempotencyKey, key)))[0];
const orderOf = async (key: string) => (await db.select().from(schema.orders).where(eq(schema.orders.idempotencyKey, key)))[0];

describe("reconciling a charge against Stripe's own PaymentIntent", () => {
  it("makes the order when Stripe took the amount and currency on record", async () => {
    const left = await chargeLeftBehind((total) => ({ amount: total, currency: "usd" }));
    expect(await reconcileCharge({ idempotencyKey: left.key, cartId: left.cartId }, provider)).toBe("placed");
    expect(await orderOf(left.key)).toMatchObject({ total: left.total, currency: "USD" });
    expect(fake.chargeOf(left.piId).amount_refunded).toBe(0);
  });

  it("refunds, whole and with no order, a payment Stripe took for another amount", async () => {
    const left = await chargeLeftBehind((total) => ({ amount: total + 100, currency: "usd" }));
    expect(await reconcileCharge({ idempotencyKey: left.key, cartId: left.cartId }, provider)).toBe("refunded");
    expect(await orderOf(left.key)).toBeUndefined();
    expect(fake.chargeOf(left.piId)).toMatchObject({ amount_refunded: left.total + 100, refunded: true });
    expect(await chargeOf(left.key)).toMatchObject({ status: "refunded", providerRef: left.piId });
    const [note] = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `payment:${(await chargeOf(left.key)).id}`));
    expect(JSON.stringify(note.data)).toContain(`took ${left.total + 100} USD, not the ${left.total} USD on record`);
    // A replay finds it settled and refunds nothing more.
    expect(await reconcileCharge({ idempotencyKey: left.key, cartId: left.cartId }, provider)).toBe("settled");
  });

  it("refunds a payment Stripe took in another currency, even for the same number", async () => {
    const left = await chargeLeftBehind((total) => ({ amount: total, currency: "gbp" }));
    expect(await reconcileCharge({ idempotencyKey: left.key, cartId: left.cartId }, provider)).toBe("refunded");
    expect(await orderOf(left.key)).toBeUndefined();
    expect(fake.chargeOf(left.piId)).toMatchObject({ currency: "gbp", refunded: true });
  });

  it("names what differs", () => {
    expect(paidOtherThanRecorded({ amount: 500, currency: "usd" }, { amount: 500, currency: "USD" })).toBeNull();
    expect(paidOtherThanRecorded({ amount: 500, currency: "GBP" }, { amount: 500, currency: "USD" })).toMatch(/500 GBP, not the 500 USD/);
  });
});
