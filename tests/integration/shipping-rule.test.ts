/**
 * Shipping an order is one rule (app/domain/orders/shipping-rules.ts) at both places that ship:
 * the ops order page (/ops/orders/:number) and the hub's packing table (/ops/hub/packing). They once
 * disagreed (free-text carrier and spaces in tracking numbers on one, a carrier list and no spaces
 * on the other); here each gets the same carrier and tracking number through its own route and
 * must refuse or accept them alike, and store the same shipment.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createStaff, setStock } from "#db/seed/factories";
import { commitOrder } from "~/domain/orders/commit.server";
import { CARRIER_MESSAGE } from "~/domain/orders/shipping-rules";
import { action as packingAction } from "~/routes/ops.hub.packing";
import { db, schema } from "~/lib/db.server";
import { call, post } from "./artisan-support";
import { postOrderForm, staffCookie } from "./staff-support";

let hub: string;
let variantId: number;

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", name: "US Fulfilment", kind: "fulfilment", shipDays: 2 });
  const { variants } = await createProduct(db, {
    handle: "shipping-rule-studs",
    status: "active",
    variants: [{ price: 4000, sku: "SHIP-RULE" }],
  });
  variantId = variants[0].id;
  await setStock(db, variantId, fc.id, 100);
  await createStaff(db, { email: "hub@soko.test", roles: ["hub"] });
  hub = await staffCookie("hub@soko.test");
});

/** A paid web order from stock, packed: ready for either page to ship. */
async function packedOrder() {
  const order = await db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "juma@example.test",
      currency: "USD",
      shippingAddress: {
        name: "Juma Otieno",
        line1: "1 Market St",
        city: "San Francisco",
        region: "CA",
        postalCode: "94105",
        country: "US",
      },
      lines: [{ variantId, quantity: 1, unitPrice: 4000 }],
      totals: { subtotal: 4000, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 4000 },
      idempotencyKey: randomUUID(),
      stockLocationCodes: ["US-FC"],
      payment: { provider: "local", providerRef: `lpi_${randomUUID()}`, amount: 4000, currency: "USD" },
      paymentStatus: "paid",
      actor: "test",
    }),
  );
  expect((await postOrderForm(order.number, hub, { intent: "pack" })).status).toBe(302);
  return order;
}

/** The same carrier and tracking number, through each page's own form. */
async function shipBoth(carrier: string, trackingNumber: string) {
  const [viaOps, viaHub] = [await packedOrder(), await packedOrder()];
  const ops = await postOrderForm(viaOps.number, hub, { intent: "ship", carrier, trackingNumber });
  const hubPage = await call(
    packingAction,
    post("/ops/hub/packing", { intent: "ship", order: viaHub.number, carrier, trackingNumber }, hub),
  );
  const stored = async (orderId: number) =>
    (
      await db
        .select({ carrier: schema.shipments.carrier, trackingNumber: schema.shipments.trackingNumber })
        .from(schema.shipments)
        .where(eq(schema.shipments.orderId, orderId))
    )[0] ?? null;
  const outcome = async (answer: typeof ops, orderId: number) => ({
    status: answer.status,
    errors: (answer.body?.errors as Record<string, string> | undefined) ?? null,
    shipment: await stored(orderId),
  });
  return { ops: await outcome(ops, viaOps.id), hub: await outcome(hubPage, viaHub.id) };
}

describe("one shipping rule behind the ops order page and the hub", () => {
  it.each([
    ["DHL", "JD014600006281234567"],
    ["Posta Kenya", " RR123456789KE "],
    ["G4S", "AB-1234"],
  ])("both ship %j %j and store the same shipment", async (carrier, tracking) => {
    const { ops, hub: atHub } = await shipBoth(carrier, tracking);
    expect(ops).toEqual(atHub);
    expect(ops).toEqual({ status: 302, errors: null, shipment: { carrier, trackingNumber: tracking.trim() } });
  });

  it.each([
    ["DHL", "JD0146 0000", { trackingNumber: "Enter the tracking number without spaces." }],
    ["DHL", "<x>", { trackingNumber: "Enter the tracking number with letters, digits and dashes only." }],
    ["DHL", "ABC", { trackingNumber: "Enter the whole tracking number (at least 4 characters)." }],
    ["DHL Express", "JD014600006281234567", { carrier: CARRIER_MESSAGE }],
    ["Pigeon", "1234567890", { carrier: CARRIER_MESSAGE }],
  ])("both refuse %j %j with the same message, and ship nothing", async (carrier, tracking, errors) => {
    const { ops, hub: atHub } = await shipBoth(carrier, tracking);
    expect(ops).toEqual(atHub);
    expect(ops).toEqual({ status: 400, errors, shipment: null });
  });
});
