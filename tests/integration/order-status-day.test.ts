/**
 * The shopper's delivery estimate counts from the hub's day: Nairobi's (UTC+3). From 21:00 UTC it is
 * already tomorrow there, so an order from stock placed on a Thursday evening in UTC ships the next
 * business day after Nairobi's Friday — Monday — not on the Friday the UTC date would promise.
 * Fixed instants, so it passes at any hour.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { commitOrder } from "~/domain/orders/commit.server";
import { orderStatus } from "~/domain/orders/status.server";
import { db } from "~/lib/db.server";

let number: string;

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  const { variants } = await createProduct(db, { handle: "day-hoops", status: "active", variants: [{ price: 4800, leadTimeDays: 14 }] });
  await setStock(db, variants[0].id, fc.id, 5);
  const order = await commitOrder(db, {
    channel: "web",
    email: "shopper@example.com",
    currency: "USD",
    lines: [{ variantId: variants[0].id, quantity: 1, unitPrice: 4800 }],
    totals: { subtotal: 4800, discountTotal: 0, shippingTotal: 600, taxTotal: 0, total: 5400 },
    shippingAddress: { name: "Ada", line1: "1 Main St", city: "Oakland", region: "CA", postalCode: "94607", country: "US" },
    shippingMethod: "standard",
    idempotencyKey: crypto.randomUUID(),
    stockLocationCodes: ["US-FC"],
    payment: null,
    paymentStatus: "paid",
    actor: "test",
    today: new Date("2026-12-10T12:00:00Z"),
  });
  number = order.number;
});

async function expectedAt(iso: string) {
  const view = await orderStatus(number, new Date(iso));
  if (view?.delivery?.kind !== "expected") throw new Error(`no estimate at ${iso}: ${JSON.stringify(view?.delivery)}`);
  return view.delivery;
}

describe("the order page's delivery estimate, by the hub's day", () => {
  it("Thursday 20:59 UTC is Thursday in Nairobi; 21:00, 23:59 and Friday 00:00 UTC are Friday there, and it ships a business day later", async () => {
    const thursday = await expectedAt("2026-12-10T20:59:00Z");
    const evening = await expectedAt("2026-12-10T21:00:00Z");
    const late = await expectedAt("2026-12-10T23:59:00Z");
    const midnight = await expectedAt("2026-12-11T00:00:00Z");
    // Ships Friday 11th from Nairobi's Thursday; Monday 14th from its Friday: a weekend later.
    expect(evening.from > thursday.from).toBe(true);
    expect([late.from, midnight.from]).toEqual([evening.from, evening.from]);
    expect([late.to, midnight.to]).toEqual([evening.to, evening.to]);
  });
});
