/**
 * The demo's UK department store, Harlow & Finch, a wholesale account in pounds
 * (docs/decisions/0025-wholesale-in-the-retailers-currency.md): its buyer login, its London store,
 * and two past orders on net 60 priced from the pound lists — one invoice paid by bank transfer, one
 * open — booked in the ledger in USD at the GBP list's rate with the pounds beside. Run after the
 * market price lists are generated (its tier's share is of the UK retail prices without their VAT). Deterministic.
 */
import { and, asc, eq } from "drizzle-orm";
import { hashSecret } from "../../app/domain/accounts/password.server";
import { includedRateFor, includedTax } from "../../app/domain/markets";
import { percentOf } from "../../app/domain/wholesale/pricing";
import type { Executor } from "../client";
import * as schema from "../schema";
import { DEMO_LOGINS } from "./demo";
import { seedPastWholesaleOrder } from "./wholesale";

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

  // Pieces past the ones Juniper & Gold's history uses, at the tier's share of the UK retail price before VAT.
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
      // The tier's share of the retail price without its VAT (domain/wholesale/pricing).
      const unitPrice = percentOf(p.gbp - includedTax(p.gbp, includedRateFor("gb", "GB")), tier.percentOfRetail);
      return { variantId: p.id, sku: p.sku, title: p.title, quantity: o.quantities[j], unitPrice, total: unitPrice * o.quantities[j] };
    });
    await seedPastWholesaleOrder(db, {
      retailerId: retailer.id,
      buyer,
      shipTo: { ...store, name: `Harlow & Finch — ${store.name}` },
      hubId: hub.id,
      lines,
      shippingTotal: 0,
      currency: "GBP",
      ratePpm: list.ratePpm,
      terms: "net60",
      po: o.po,
      tracking: `JD0146${String(8200 + i).padStart(6, "0")}`,
      placedAt,
      shippedAt: at(o.shipped),
      deliveredAt: at(o.delivered),
      paidAt: o.paid === null ? null : at(o.paid),
    });
  }
}
