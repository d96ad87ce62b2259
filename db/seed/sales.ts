/**
 * Retail sales in the ledger for the demo (docs/decisions/0022): a UK shopper with two delivered
 * orders in pounds (one partly refunded through a return, booked in USD at the order's rate with the
 * pounds beside), then every paid retail order's sale, as the order's job and the sweep book them in
 * the running app. Deterministic: the first stocked pieces by id, fixed days before `now`.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { describeAccount, type LedgerEntryInput, returnRefundEntry, saleEntry } from "../../app/domain/ledger/entries";
import { lineValues, returnLineAmount } from "../../app/domain/returns/rules";
import type { Executor } from "../client";
import * as schema from "../schema";
import { DEMO_LOGINS } from "./demo";
import { createCustomer } from "./factories";

const DAY = 86_400_000;
const GIFT_CARD_SKU = "GIFT-CARD";
const CASH_PROVIDER = "pos_cash";

/** One balanced entry, its accounts made on first use, dated `at` (as postEntry writes it, without the app's db). */
export async function insertEntry(db: Executor, entry: LedgerEntryInput, at: Date) {
  const [row] = await db
    .insert(schema.ledgerEntries)
    .values({ kind: entry.kind, reference: entry.reference, memo: entry.memo ?? "", at })
    .onConflictDoNothing()
    .returning({ id: schema.ledgerEntries.id });
  if (!row) return;
  for (const line of entry.lines) {
    const { kind, name, artisanId } = describeAccount(line.accountCode);
    await db
      .insert(schema.ledgerAccounts)
      .values({ code: line.accountCode, kind, name, artisanId, currency: line.currency })
      .onConflictDoNothing();
  }
  const accounts = await db
    .select({ id: schema.ledgerAccounts.id, code: schema.ledgerAccounts.code })
    .from(schema.ledgerAccounts)
    .where(sql`${schema.ledgerAccounts.code} in ${entry.lines.map((l) => l.accountCode)}`);
  await db.insert(schema.ledgerLines).values(
    entry.lines.map((line) => ({
      entryId: row.id,
      accountId: accounts.find((a) => a.code === line.accountCode)!.id,
      amount: line.amount,
      currency: line.currency,
      presentmentAmount: line.presentment?.amount ?? null,
      presentmentCurrency: line.presentment?.currency ?? null,
    })),
  );
}

/** The UK demo shopper: signs in on the storefront (`/account`) and sees her orders in pounds. */
export async function seedUkShopper(db: Executor, { now }: { now: Date }) {
  const [market] = await db.select({ ratePpm: schema.markets.ratePpm }).from(schema.markets).where(eq(schema.markets.code, "gb"));
  const [fc] = await db.select({ id: schema.locations.id }).from(schema.locations).where(eq(schema.locations.code, "US-FC"));
  if (!market || !fc) return;
  const pieces = await db
    .select({
      id: schema.variants.id,
      sku: schema.variants.sku,
      // Titled as the checkout titles a line ("Stacking Ring — Size 7"): two sizes of one ring read apart.
      title: sql<string>`case when coalesce(${schema.variants.title}, '') not in ('', 'Default')
        then ${schema.products.title} || ' — ' || ${schema.variants.title} else ${schema.products.title} end`,
      price: schema.marketPrices.price,
    })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .innerJoin(schema.marketPrices, and(eq(schema.marketPrices.variantId, schema.variants.id), eq(schema.marketPrices.market, "gb")))
    .innerJoin(
      schema.inventoryLevels,
      and(eq(schema.inventoryLevels.variantId, schema.variants.id), eq(schema.inventoryLevels.locationId, fc.id)),
    )
    .where(and(eq(schema.products.status, "active"), sql`${schema.inventoryLevels.onHand} > 0`))
    .orderBy(asc(schema.variants.id))
    .offset(6)
    .limit(3);
  if (pieces.length < 3) return;
  const { email, password } = DEMO_LOGINS.ukShopper;
  // She confirmed her email when she signed up, a season ago: her account page asks nothing of her.
  const customer = await createCustomer(db, {
    email,
    name: "Harriet Clarke",
    password,
    emailVerifiedAt: new Date(now.getTime() - 60 * DAY),
  });
  const address = { name: "Harriet Clarke", line1: "14 Elm Row", city: "Edinburgh", postalCode: "EH7 4AA", country: "GB" };

  for (const [i, bought] of [[pieces[0]], [pieces[1], pieces[2]]].entries()) {
    const placedAt = new Date(now.getTime() - (30 - i * 12) * DAY);
    const deliveredAt = new Date(placedAt.getTime() + 6 * DAY);
    const subtotal = bought.reduce((sum, p) => sum + p.price, 0);
    const taxIncluded = Math.round(subtotal / 6); // the UK's 20% VAT inside the price
    const total = subtotal;
    const [order] = await db
      .insert(schema.orders)
      .values({
        number: sql`'SK-' || nextval('order_numbers')`,
        channel: "web",
        status: "delivered",
        paymentStatus: "paid",
        customerId: customer.id,
        email,
        shippingAddress: address,
        shippingMethod: "standard",
        currency: "GBP",
        market: "gb",
        subtotal,
        shippingTotal: 0,
        taxTotal: 0,
        taxIncluded,
        total,
        settlementCurrency: "USD",
        settlementTotal: Math.round((total * 1_000_000) / market.ratePpm),
        settlementRatePpm: market.ratePpm,
        idempotencyKey: `demo-uk:${i}`,
        placedAt,
      })
      .returning({ id: schema.orders.id, number: schema.orders.number });
    const lines = await db
      .insert(schema.orderLines)
      .values(
        bought.map((p) => ({
          orderId: order.id,
          variantId: p.id,
          sku: p.sku,
          title: p.title,
          quantity: 1,
          unitPrice: p.price,
          total: p.price,
        })),
      )
      .returning({ id: schema.orderLines.id, quantity: schema.orderLines.quantity, total: schema.orderLines.total });
    const [payment] = await db
      .insert(schema.payments)
      .values({
        orderId: order.id,
        provider: "local",
        providerRef: `lpi_demouk${i}`,
        amount: total,
        currency: "GBP",
        status: "succeeded",
        createdAt: placedAt,
      })
      .returning({ id: schema.payments.id });
    await db
      .insert(schema.shipments)
      .values({ orderId: order.id, carrier: "DHL Express", trackingNumber: `JD01470000${i}`, shippedAt: placedAt, deliveredAt });
    await db.insert(schema.orderEvents).values([
      { orderId: order.id, type: "placed", actor: "seed", data: { channel: "web" }, at: placedAt },
      { orderId: order.id, type: "paid", actor: "local", data: { amount: total, currency: "GBP" }, at: placedAt },
      { orderId: order.id, type: "shipped", actor: "seed", data: {}, at: placedAt },
      { orderId: order.id, type: "delivered", actor: "seed", data: {}, at: deliveredAt },
    ]);
    if (i === 0) continue;

    // The second order: one of its two pieces came back and was refunded to the card.
    const value = lineValues({ discountTotal: 0, taxTotal: 0, lines })[0];
    const amount = returnLineAmount(value, 0, 1);
    const closedAt = new Date(deliveredAt.getTime() + 5 * DAY);
    const [ret] = await db
      .insert(schema.returns)
      .values({
        number: sql`'RT-' || nextval('return_numbers')`,
        orderId: order.id,
        channel: "web",
        status: "closed",
        resolution: "refund",
        reason: "size",
        amount,
        currency: "GBP",
        refundState: "issued",
        idempotencyKey: `demo-uk:${i}`,
        createdBy: "shopper:link",
        createdAt: new Date(deliveredAt.getTime() + DAY),
        receivedAt: closedAt,
        inspectedAt: closedAt,
        refundedAt: closedAt,
        closedAt,
      })
      .returning({ id: schema.returns.id, number: schema.returns.number });
    await db.insert(schema.returnLines).values({ returnId: ret.id, orderLineId: lines[0].id, quantity: 1, amount, disposition: "restock" });
    const [refund] = await db
      .insert(schema.refunds)
      .values({
        orderId: order.id,
        paymentId: payment.id,
        amount,
        currency: "GBP",
        reason: `Return ${ret.number}`,
        providerRef: `lre_demouk${i}`,
        status: "succeeded",
        idempotencyKey: `return:${ret.number}:1`,
      })
      .returning({ id: schema.refunds.id });
    await db.update(schema.returns).set({ refundId: refund.id }).where(eq(schema.returns.id, ret.id));
    await db.update(schema.orders).set({ paymentStatus: "partially_refunded" }).where(eq(schema.orders.id, order.id));
    await db.insert(schema.orderEvents).values({
      orderId: order.id,
      type: "return_requested",
      actor: "shopper:link",
      data: { returnNumber: ret.number, pieces: 1, resolution: "refund", reason: "size", amount },
      at: new Date(deliveredAt.getTime() + DAY),
    });
    await insertEntry(
      db,
      returnRefundEntry({
        returnNumber: ret.number,
        orderNumber: order.number,
        amount,
        currency: "GBP",
        settlement: { currency: "USD", ratePpm: market.ratePpm },
      }),
      closedAt,
    );
  }
}

/** Every paid retail order's sale (what `postMissingSales` books in the running app), dated as the order. */
export async function seedSales(db: Executor) {
  const orders = await db.execute<{
    number: string;
    currency: string;
    placed_at: Date | string;
    settlement_currency: string | null;
    settlement_rate_ppm: number | null;
    tenders: Array<{ provider: string; amount: number }> | null;
    gift_cards_sold: string;
  }>(sql`
    select o.number, o.currency, o.placed_at, o.settlement_currency, o.settlement_rate_ppm,
           (select json_agg(json_build_object('provider', p.provider, 'amount', p.amount) order by p.id)
              from payments p where p.order_id = o.id and p.status = 'succeeded' and p.provider <> 'gift_card') as tenders,
           (select coalesce(sum(l.total), 0) from order_lines l where l.order_id = o.id and l.sku = ${GIFT_CARD_SKU})::text as gift_cards_sold
      from orders o
     where o.channel in ('web', 'pos') and o.payment_status in ('paid', 'partially_refunded', 'refunded')
     order by o.id`);
  for (const order of orders) {
    const entry = saleEntry({
      orderNumber: order.number,
      currency: order.currency,
      tenders: (order.tenders ?? []).map((t) => ({ kind: t.provider === CASH_PROVIDER ? "cash" : "card", amount: Number(t.amount) })),
      giftCardsSold: Number(order.gift_cards_sold),
      settlement: order.settlement_currency
        ? { currency: order.settlement_currency, ratePpm: order.settlement_rate_ppm && Number(order.settlement_rate_ppm) }
        : null,
    });
    if (entry) await insertEntry(db, entry, new Date(order.placed_at));
  }
}
