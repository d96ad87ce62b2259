/**
 * Demo wholesale data: the price tiers, a few negotiated prices and volume breaks, the demo buyer's
 * ship-to locations and the order minimums. Deterministic: the same rows on every run.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { invoiceIssuedEntry, invoicePaidEntry } from "../../app/domain/ledger/entries";
import { toSettlement } from "../../app/domain/markets/markets";
import { dueDateFor } from "../../app/domain/wholesale/invoices";
import { percentOf } from "../../app/domain/wholesale/pricing";
import type { Executor } from "../client";
import * as schema from "../schema";
import { DEMO_LOGINS } from "./demo";
import { insertEntry } from "./sales";

export const PRICE_TIERS = [
  { code: "standard", name: "Standard", percentOfRetail: 5000 },
  { code: "preferred", name: "Preferred", percentOfRetail: 4500 },
  { code: "key", name: "Key account", percentOfRetail: 4000 },
];

/** Catalogue-wide breaks by line quantity (basis points off the wholesale price). */
export const VOLUME_BREAKS = [
  { minQty: 48, percentOff: 500 },
  { minQty: 144, percentOff: 1000 },
];

export const WHOLESALE_SETTINGS = [
  { key: "wholesale.openingMinimum", value: 50_000 },
  { key: "wholesale.reorderMinimum", value: 25_000 },
];

export async function seedWholesale(db: Executor): Promise<void> {
  await db.insert(schema.priceTiers).values(PRICE_TIERS).onConflictDoNothing();
  await db
    .insert(schema.settings)
    .values(WHOLESALE_SETTINGS.map((s) => ({ ...s, updatedBy: "seed" })))
    .onConflictDoNothing();
  await db.insert(schema.volumeBreaks).values(VOLUME_BREAKS.map((b) => ({ ...b, variantId: null })));

  const [buyer] = await db
    .select({ retailerId: schema.buyerUsers.retailerId })
    .from(schema.buyerUsers)
    .where(eq(schema.buyerUsers.email, DEMO_LOGINS.buyer.email))
    .limit(1);
  if (!buyer) return;
  await db.insert(schema.retailerLocations).values([
    {
      retailerId: buyer.retailerId,
      name: "Oakland store",
      line1: "4018 Piedmont Ave",
      city: "Oakland",
      region: "CA",
      postalCode: "94611",
      country: "US",
      isDefault: true,
    },
    {
      retailerId: buyer.retailerId,
      name: "Berkeley warehouse",
      line1: "930 Ashby Ave",
      line2: "Unit 4",
      city: "Berkeley",
      region: "CA",
      postalCode: "94710",
      country: "US",
      isDefault: false,
    },
  ]);

  // A few negotiated prices: the first variant of the first three active products, 40% of retail.
  const firsts = await db
    .selectDistinctOn([schema.variants.productId], {
      id: schema.variants.id,
      price: schema.variants.price,
      productId: schema.variants.productId,
    })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(inArray(schema.products.status, ["active"]))
    .orderBy(schema.variants.productId, asc(schema.variants.position), asc(schema.variants.id))
    .limit(3);
  if (firsts.length) {
    await db
      .insert(schema.retailerPrices)
      .values(firsts.map((v) => ({ retailerId: buyer.retailerId, variantId: v.id, price: Math.max(1, Math.round(v.price * 0.4)) })));
    // And one variant-specific break on the first of them: 10% off from 24.
    await db.insert(schema.volumeBreaks).values({ variantId: firsts[0].id, minQty: 24, percentOff: 1000 });
  }
}

const DAY = 86_400_000;

/**
 * The demo buyer's order history, so the portal's orders and invoices pages (and ops' receivables)
 * show something on a fresh start: three orders on net 30 at the preferred tier (45% of retail), each
 * with its invoice and ledger entries as the app writes them:
 * - delivered two months ago, its invoice paid by bank transfer;
 * - delivered a month ago, its invoice open and twelve days overdue;
 * - shipped three days ago and on its way, its invoice open and not yet due.
 * Pieces from the catalogue's active, stocked variants past the first few (those have negotiated
 * prices). Deterministic: fixed days before `now`.
 */
export async function seedWholesaleHistory(db: Executor, { now }: { now: Date }): Promise<void> {
  const [buyer] = await db
    .select({ id: schema.buyerUsers.id, email: schema.buyerUsers.email, retailerId: schema.buyerUsers.retailerId })
    .from(schema.buyerUsers)
    .where(eq(schema.buyerUsers.email, DEMO_LOGINS.buyer.email))
    .limit(1);
  const [hub] = await db.select({ id: schema.locations.id }).from(schema.locations).where(eq(schema.locations.code, "NBO-HUB"));
  if (!buyer || !hub) return;
  const [store] = await db
    .select()
    .from(schema.retailerLocations)
    .where(and(eq(schema.retailerLocations.retailerId, buyer.retailerId), eq(schema.retailerLocations.isDefault, true)));
  const [tier] = await db
    .select({ percent: schema.priceTiers.percentOfRetail })
    .from(schema.priceTiers)
    .where(eq(schema.priceTiers.code, "preferred"));
  const pieces = await db
    .select({ id: schema.variants.id, sku: schema.variants.sku, price: schema.variants.price, title: schema.products.title })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(eq(schema.products.status, "active"))
    .orderBy(asc(schema.variants.id))
    .offset(20)
    .limit(9);
  if (!store || !tier || pieces.length < 9) return;

  const orders = [
    { po: "JG-0412", placed: 75, shipped: 66, delivered: 60, paid: 48, quantities: [24, 12, 6] },
    { po: "JG-0527", placed: 42, shipped: 36, delivered: 30, paid: null, quantities: [6, 12, 6] },
    { po: "JG-0603", placed: 9, shipped: 3, delivered: null, paid: null, quantities: [24, 6, 12] },
  ];
  for (const [i, o] of orders.entries()) {
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const placedAt = at(o.placed);
    const lines = pieces.slice(i * 3, i * 3 + 3).map((p, j) => {
      const unitPrice = percentOf(p.price, tier.percent);
      return { variantId: p.id, sku: p.sku, title: p.title, quantity: o.quantities[j], unitPrice, total: unitPrice * o.quantities[j] };
    });
    await seedPastWholesaleOrder(db, {
      retailerId: buyer.retailerId,
      buyer,
      shipTo: { ...store, name: `Juniper & Gold — ${store.name}` },
      hubId: hub.id,
      lines,
      shippingTotal: 2500,
      currency: "USD",
      ratePpm: 1_000_000,
      terms: "net30",
      po: o.po,
      tracking: `JD0146${String(7100 + i).padStart(6, "0")}`,
      placedAt,
      shippedAt: at(o.shipped),
      deliveredAt: o.delivered === null ? null : at(o.delivered),
      paidAt: o.paid === null ? null : at(o.paid),
    });
  }
}

type Line = { variantId: number; sku: string; title: string; quantity: number; unitPrice: number; total: number };

/**
 * One past wholesale order as the app leaves it: the order in the retailer's currency (settled in
 * USD at `ratePpm`), its lines sent from the hub's stock, its shipment, its invoice on `terms` (paid
 * by bank transfer when `paidAt` is set) with the ledger entries, and its timeline.
 */
export async function seedPastWholesaleOrder(
  db: Executor,
  o: {
    retailerId: number;
    buyer: { id: number; email: string };
    shipTo: {
      id: number;
      name: string;
      line1: string;
      line2?: string | null;
      city: string;
      region?: string | null;
      postalCode?: string | null;
      country: string;
    };
    hubId: number;
    lines: Line[];
    shippingTotal: number;
    currency: string;
    ratePpm: number;
    terms: "net30" | "net60";
    po: string;
    tracking: string;
    placedAt: Date;
    shippedAt: Date;
    deliveredAt: Date | null;
    paidAt: Date | null;
  },
): Promise<void> {
  const subtotal = o.lines.reduce((sum, l) => sum + l.total, 0);
  const total = subtotal + o.shippingTotal;
  const settlement = o.currency === "USD" ? undefined : { currency: "USD", ratePpm: o.ratePpm };
  const [order] = await db
    .insert(schema.orders)
    .values({
      number: sql`'SK-' || nextval('order_numbers')`,
      channel: "wholesale",
      status: o.deliveredAt === null ? "shipped" : "delivered",
      paymentStatus: o.paidAt ? "paid" : "on_terms",
      retailerId: o.retailerId,
      email: o.buyer.email,
      shippingAddress: {
        name: o.shipTo.name,
        line1: o.shipTo.line1,
        line2: o.shipTo.line2 ?? undefined,
        city: o.shipTo.city,
        region: o.shipTo.region ?? undefined,
        postalCode: o.shipTo.postalCode ?? undefined,
        country: o.shipTo.country,
      },
      shippingMethod: "wholesale-freight",
      currency: o.currency,
      subtotal,
      shippingTotal: o.shippingTotal,
      total,
      settlementCurrency: "USD",
      settlementTotal: toSettlement(total, o.ratePpm),
      settlementRatePpm: o.ratePpm,
      idempotencyKey: `wholesale:demo-history:${o.po}`,
      placedAt: o.placedAt,
    })
    .returning({ id: schema.orders.id, number: schema.orders.number });
  const lineRows = await db
    .insert(schema.orderLines)
    .values(o.lines.map((l) => ({ ...l, orderId: order.id })))
    .returning({ id: schema.orderLines.id, quantity: schema.orderLines.quantity });
  // Sent from the hub's stock: the reservations became on-hand decreases when the cartons left.
  await db.insert(schema.allocations).values(
    lineRows.map((l) => ({
      orderLineId: l.id,
      kind: "stock" as const,
      locationId: o.hubId,
      quantity: l.quantity,
      consumedAt: o.shippedAt,
    })),
  );
  await db.insert(schema.wholesaleOrders).values({
    orderId: order.id,
    retailerId: o.retailerId,
    buyerId: o.buyer.id,
    poNumber: o.po,
    retailerLocationId: o.shipTo.id,
    paymentTerms: o.terms,
  });
  await db.insert(schema.shipments).values({
    orderId: order.id,
    carrier: "DHL Express",
    trackingNumber: o.tracking,
    shippedAt: o.shippedAt,
    deliveredAt: o.deliveredAt,
  });
  const dueDate = dueDateFor(o.placedAt, o.terms);
  const [invoice] = await db
    .insert(schema.invoices)
    .values({
      number: sql`'INV-' || nextval('invoice_numbers')`,
      orderId: order.id,
      retailerId: o.retailerId,
      currency: o.currency,
      amount: total,
      amountPaid: o.paidAt ? total : 0,
      status: o.paidAt ? "paid" : "open",
      issuedAt: o.placedAt,
      dueDate,
      paidAt: o.paidAt,
      provider: "local",
    })
    .returning({ number: schema.invoices.number });
  await insertEntry(
    db,
    invoiceIssuedEntry({ invoiceNumber: invoice.number, orderNumber: order.number, amount: total, currency: o.currency, settlement }),
    o.placedAt,
  );
  if (o.paidAt)
    await insertEntry(
      db,
      invoicePaidEntry({ invoiceNumber: invoice.number, amount: total, currency: o.currency, method: "bank transfer", settlement }),
      o.paidAt,
    );
  await db.insert(schema.orderEvents).values([
    { orderId: order.id, type: "placed", actor: `buyer:${o.buyer.id}`, data: { channel: "wholesale" }, at: o.placedAt },
    {
      orderId: order.id,
      type: "invoiced",
      actor: "system",
      data: { invoiceNumber: invoice.number, dueDate, amount: total, provider: "local" },
      at: o.placedAt,
    },
    { orderId: order.id, type: "shipped", actor: "seed", data: {}, at: o.shippedAt },
    ...(o.deliveredAt === null ? [] : [{ orderId: order.id, type: "delivered", actor: "seed", data: {}, at: o.deliveredAt }]),
    ...(o.paidAt
      ? [{ orderId: order.id, type: "invoice_paid", actor: "seed", data: { invoiceNumber: invoice.number }, at: o.paidAt }]
      : []),
  ]);
}
