/**
 * The demo's UK department store, Harlow & Finch, a wholesale account in pounds
 * (docs/decisions/0025-wholesale-in-the-retailers-currency.md): its buyer login, its London store,
 * and two past orders on net 60 priced from the pound lists — one invoice paid by bank transfer, one
 * open — booked in the ledger in USD at the GBP list's rate with the pounds beside. Run after the
 * market price lists are generated (its tier's share is of the UK retail prices). Deterministic.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { hashSecret } from "../../app/domain/accounts/password.server";
import { invoiceIssuedEntry, invoicePaidEntry } from "../../app/domain/ledger/entries";
import { toSettlement } from "../../app/domain/markets/markets";
import { dueDateFor } from "../../app/domain/wholesale/invoices";
import { percentOf } from "../../app/domain/wholesale/pricing";
import type { Executor } from "../client";
import * as schema from "../schema";
import { DEMO_LOGINS } from "./demo";
import { insertEntry } from "./sales";

const DAY = 86_400_000;

export async function seedUkWholesale(db: Executor, { now }: { now: Date }): Promise<void> {
  const [list] = await db.select().from(schema.wholesalePriceLists).where(eq(schema.wholesalePriceLists.currency, "GBP"));
  const [tier] = await db.select().from(schema.priceTiers).where(eq(schema.priceTiers.code, "standard"));
  const [hub] = await db.select({ id: schema.locations.id }).from(schema.locations).where(eq(schema.locations.code, "NBO-HUB"));
  if (!list || !tier || !hub) return;
  const [retailer] = await db
    .insert(schema.retailers)
    .values({
      handle: "harlow-and-finch",
      name: "Harlow & Finch",
      kind: "department_store",
      taxId: "GB 284 5519 07",
      website: "https://www.harlow-and-finch.example",
      city: "London",
      country: "GB",
      status: "approved",
      tier: tier.code,
      paymentTerms: "net60",
      currency: "GBP",
      creditLimit: 2_000_000,
      contactName: "Olivia Harlow",
      contactEmail: DEMO_LOGINS.ukBuyer.email,
      decidedAt: new Date("2026-03-02T10:00:00Z"),
      decidedBy: "seed",
      createdAt: new Date("2026-02-20T10:00:00Z"),
    })
    .returning();
  const [buyer] = await db
    .insert(schema.buyerUsers)
    .values({
      retailerId: retailer.id,
      email: DEMO_LOGINS.ukBuyer.email,
      name: "Olivia Harlow",
      passwordHash: await hashSecret(DEMO_LOGINS.ukBuyer.password),
      acceptedAt: new Date("2026-03-03T09:00:00Z"),
    })
    .returning();
  const [store] = await db
    .insert(schema.retailerLocations)
    .values({
      retailerId: retailer.id,
      name: "Oxford Street store",
      line1: "318 Oxford Street",
      city: "London",
      postalCode: "W1C 1HF",
      country: "GB",
      isDefault: true,
    })
    .returning();

  // Pieces past the ones Juniper & Gold's history uses, at the tier's share of the UK retail price.
  const pieces = await db
    .select({ id: schema.variants.id, sku: schema.variants.sku, title: schema.products.title, gbp: schema.marketPrices.price })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .innerJoin(schema.marketPrices, and(eq(schema.marketPrices.variantId, schema.variants.id), eq(schema.marketPrices.market, "gb")))
    .where(eq(schema.products.status, "active"))
    .orderBy(asc(schema.variants.id))
    .offset(30)
    .limit(4);
  if (pieces.length < 4) return;

  const orders = [
    { po: "HF-2207", placed: 80, shipped: 70, delivered: 63, paid: 25, quantities: [24, 12] },
    { po: "HF-2291", placed: 21, shipped: 12, delivered: 5, paid: null, quantities: [36, 24] },
  ];
  for (const [i, o] of orders.entries()) {
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const placedAt = at(o.placed);
    const lines = pieces.slice(i * 2, i * 2 + 2).map((p, j) => {
      const unitPrice = percentOf(p.gbp, tier.percentOfRetail);
      return { variantId: p.id, sku: p.sku, title: p.title, quantity: o.quantities[j], unitPrice, total: unitPrice * o.quantities[j] };
    });
    const total = lines.reduce((sum, l) => sum + l.total, 0);
    const paid = o.paid !== null;
    const settlement = { currency: "USD", ratePpm: list.ratePpm };
    const [order] = await db
      .insert(schema.orders)
      .values({
        number: sql`'SK-' || nextval('order_numbers')`,
        channel: "wholesale",
        status: "delivered",
        paymentStatus: paid ? "paid" : "on_terms",
        retailerId: retailer.id,
        email: buyer.email,
        shippingAddress: {
          name: `Harlow & Finch — ${store.name}`,
          line1: store.line1,
          city: store.city,
          postalCode: store.postalCode ?? undefined,
          country: store.country,
        },
        shippingMethod: "wholesale-freight",
        currency: "GBP",
        subtotal: total,
        total,
        settlementCurrency: "USD",
        settlementTotal: toSettlement(total, list.ratePpm),
        settlementRatePpm: list.ratePpm,
        idempotencyKey: `wholesale:demo-history:${o.po}`,
        placedAt,
      })
      .returning({ id: schema.orders.id, number: schema.orders.number });
    const lineRows = await db
      .insert(schema.orderLines)
      .values(lines.map((l) => ({ ...l, orderId: order.id })))
      .returning({ id: schema.orderLines.id, quantity: schema.orderLines.quantity });
    await db.insert(schema.allocations).values(
      lineRows.map((l) => ({
        orderLineId: l.id,
        kind: "stock" as const,
        locationId: hub.id,
        quantity: l.quantity,
        consumedAt: at(o.shipped),
      })),
    );
    await db.insert(schema.wholesaleOrders).values({
      orderId: order.id,
      retailerId: retailer.id,
      buyerId: buyer.id,
      poNumber: o.po,
      retailerLocationId: store.id,
      paymentTerms: "net60",
    });
    await db.insert(schema.shipments).values({
      orderId: order.id,
      carrier: "DHL Express",
      trackingNumber: `JD0146${String(8200 + i).padStart(6, "0")}`,
      shippedAt: at(o.shipped),
      deliveredAt: at(o.delivered),
    });
    const dueDate = dueDateFor(placedAt, "net60");
    const [invoice] = await db
      .insert(schema.invoices)
      .values({
        number: sql`'INV-' || nextval('invoice_numbers')`,
        orderId: order.id,
        retailerId: retailer.id,
        currency: "GBP",
        amount: total,
        amountPaid: paid ? total : 0,
        status: paid ? "paid" : "open",
        issuedAt: placedAt,
        dueDate,
        paidAt: paid ? at(o.paid!) : null,
        provider: "local",
      })
      .returning({ number: schema.invoices.number });
    await insertEntry(
      db,
      invoiceIssuedEntry({ invoiceNumber: invoice.number, orderNumber: order.number, amount: total, currency: "GBP", settlement }),
      placedAt,
    );
    if (paid) {
      await insertEntry(
        db,
        invoicePaidEntry({ invoiceNumber: invoice.number, amount: total, currency: "GBP", method: "bank transfer", settlement }),
        at(o.paid!),
      );
    }
    await db.insert(schema.orderEvents).values([
      { orderId: order.id, type: "placed", actor: `buyer:${buyer.id}`, data: { channel: "wholesale" }, at: placedAt },
      {
        orderId: order.id,
        type: "invoiced",
        actor: "system",
        data: { invoiceNumber: invoice.number, dueDate, amount: total, provider: "local" },
        at: placedAt,
      },
      { orderId: order.id, type: "shipped", actor: "seed", data: {}, at: at(o.shipped) },
      { orderId: order.id, type: "delivered", actor: "seed", data: {}, at: at(o.delivered) },
      ...(paid
        ? [{ orderId: order.id, type: "invoice_paid", actor: "seed", data: { invoiceNumber: invoice.number }, at: at(o.paid!) }]
        : []),
    ]);
  }
}
