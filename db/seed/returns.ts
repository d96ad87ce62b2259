/**
 * Demo returns, so a fresh `npm start` shows the returns queue, the reasons report and the money:
 * three delivered web orders of two pieces each (paid with the local test card), one return on its
 * way to the hub, one waiting for QC, one closed with its refund and ledger entry; and an exchange
 * for a dearer finish awaiting its difference (the pay step on the order page). Deterministic:
 * the first stocked variants by id, fixed numbers of days before `now`.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { describeAccount, returnRefundEntry } from "../../app/domain/ledger/entries";
import { EXCHANGE_PAYMENT_DAYS, exchangeDue, lineValues, returnLineAmount } from "../../app/domain/returns/rules";
import type { Executor } from "../client";
import * as schema from "../schema";

const DAY = 86_400_000;
const SHOPPERS = [
  { email: "wanjiru.demo@example.com", name: "Wanjiru Kamau", reason: "size", status: "requested" },
  { email: "grace.demo@example.com", name: "Grace Holloway", reason: "damaged", status: "received" },
  { email: "maya.demo@example.com", name: "Maya Fernandes", reason: "changed_mind", status: "closed" },
] as const;

export async function seedReturns(db: Executor, options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const [fc] = await db.select({ id: schema.locations.id }).from(schema.locations).where(eq(schema.locations.code, "US-FC"));
  if (!fc) return;
  const stocked = await db
    .select({ id: schema.variants.id, sku: schema.variants.sku, price: schema.variants.price, title: schema.products.title })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .innerJoin(
      schema.inventoryLevels,
      and(eq(schema.inventoryLevels.variantId, schema.variants.id), eq(schema.inventoryLevels.locationId, fc.id)),
    )
    .where(and(eq(schema.products.status, "active"), sql`${schema.inventoryLevels.onHand} > 0`))
    .orderBy(asc(schema.variants.id))
    .limit(6);
  if (stocked.length < 6) return;

  for (const [i, shopper] of SHOPPERS.entries()) {
    const pieces = stocked.slice(i * 2, i * 2 + 2);
    const placedAt = new Date(now.getTime() - (12 - i) * DAY);
    const deliveredAt = new Date(now.getTime() - (6 - i) * DAY);
    const subtotal = pieces.reduce((sum, p) => sum + p.price, 0);
    const taxTotal = Math.round((subtotal * 850) / 10_000);
    const total = subtotal + 900 + taxTotal;
    const [order] = await db
      .insert(schema.orders)
      .values({
        number: sql`'SK-' || nextval('order_numbers')`,
        channel: "web",
        status: "delivered",
        paymentStatus: "paid",
        email: shopper.email,
        shippingAddress: {
          name: shopper.name,
          line1: "77 Mission St",
          city: "San Francisco",
          region: "CA",
          postalCode: "94105",
          country: "US",
        },
        shippingMethod: "standard",
        currency: "USD",
        subtotal,
        shippingTotal: 900,
        taxTotal,
        total,
        idempotencyKey: `demo-returns:${i}`,
        placedAt,
      })
      .returning({ id: schema.orders.id, number: schema.orders.number });
    const lines = await db
      .insert(schema.orderLines)
      .values(
        pieces.map((p) => ({
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
        providerRef: `lpi_demoreturns${i}`,
        amount: total,
        currency: "USD",
        status: "succeeded",
        createdAt: placedAt,
      })
      .returning({ id: schema.payments.id });
    await db
      .insert(schema.shipments)
      .values({ orderId: order.id, carrier: "DHL Express", trackingNumber: `JD01460000${i}`, shippedAt: placedAt, deliveredAt });
    await db.insert(schema.orderEvents).values([
      { orderId: order.id, type: "placed", actor: "seed", data: { channel: "web" }, at: placedAt },
      { orderId: order.id, type: "paid", actor: "local", data: { amount: total, currency: "USD" }, at: placedAt },
      { orderId: order.id, type: "shipped", actor: "seed", data: {}, at: placedAt },
      { orderId: order.id, type: "delivered", actor: "seed", data: {}, at: deliveredAt },
    ]);

    // One of the two pieces comes back.
    const value = lineValues({ discountTotal: 0, taxTotal, lines })[0];
    const amount = returnLineAmount(value, 0, 1);
    const startedAt = new Date(deliveredAt.getTime() + DAY);
    const closed = shopper.status === "closed";
    const [ret] = await db
      .insert(schema.returns)
      .values({
        number: sql`'RT-' || nextval('return_numbers')`,
        orderId: order.id,
        channel: "web",
        status: shopper.status,
        resolution: "refund",
        reason: shopper.reason,
        amount,
        currency: "USD",
        refundState: closed ? "issued" : "owed",
        idempotencyKey: `demo-returns:${i}`,
        createdBy: "shopper:link",
        createdAt: startedAt,
        receivedAt: shopper.status === "requested" ? null : new Date(startedAt.getTime() + 2 * DAY),
        inspectedAt: closed ? new Date(startedAt.getTime() + 2 * DAY + 3_600_000) : null,
        refundedAt: closed ? new Date(startedAt.getTime() + 2 * DAY + 3_600_000) : null,
        closedAt: closed ? new Date(startedAt.getTime() + 2 * DAY + 3_600_000) : null,
      })
      .returning({ id: schema.returns.id, number: schema.returns.number });
    await db
      .insert(schema.returnLines)
      .values({ returnId: ret.id, orderLineId: lines[0].id, quantity: 1, amount, disposition: closed ? "restock" : null });
    await db.insert(schema.orderEvents).values({
      orderId: order.id,
      type: "return_requested",
      actor: "shopper:link",
      data: { returnNumber: ret.number, pieces: 1, resolution: "refund", reason: shopper.reason, amount },
      at: startedAt,
    });
    if (!closed) continue;

    const [refund] = await db
      .insert(schema.refunds)
      .values({
        orderId: order.id,
        paymentId: payment.id,
        amount,
        currency: "USD",
        reason: `Return ${ret.number}`,
        providerRef: `lre_demoreturns${i}`,
        status: "succeeded",
        idempotencyKey: `return:${ret.number}:1`,
      })
      .returning({ id: schema.refunds.id });
    await db.update(schema.returns).set({ refundId: refund.id }).where(eq(schema.returns.id, ret.id));
    await db.update(schema.orders).set({ paymentStatus: "partially_refunded" }).where(eq(schema.orders.id, order.id));
    const entry = returnRefundEntry({ returnNumber: ret.number, orderNumber: order.number, amount, currency: "USD" });
    // Accounts first (as the ledger module makes them on first use), then the entry with both lines in one statement (it must balance).
    const accounts = new Map<string, number>();
    for (const line of entry.lines) {
      const { kind, name, artisanId } = describeAccount(line.accountCode);
      await db
        .insert(schema.ledgerAccounts)
        .values({ code: line.accountCode, kind, name, artisanId, currency: "USD" })
        .onConflictDoNothing();
      const [account] = await db
        .select({ id: schema.ledgerAccounts.id })
        .from(schema.ledgerAccounts)
        .where(eq(schema.ledgerAccounts.code, line.accountCode));
      accounts.set(line.accountCode, account.id);
    }
    await db.execute(sql`
      with e as (
        insert into ledger_entries (kind, reference, memo, at)
        values (${entry.kind}, ${entry.reference}, ${entry.memo ?? ""}, ${new Date(startedAt.getTime() + 2 * DAY + 3_600_000).toISOString()}::timestamptz) returning id
      )
      insert into ledger_lines (entry_id, account_id, amount, currency)
      select e.id, v.account_id, v.amount, 'USD' from e,
        (values (${accounts.get(entry.lines[0].accountCode)!}::int, ${entry.lines[0].amount}::int),
                (${accounts.get(entry.lines[1].accountCode)!}::int, ${entry.lines[1].amount}::int)) as v(account_id, amount)`);
  }

  await seedDearerExchange(db, now);
}

/** A delivered one-piece order whose shopper asked for the dearer finish and hasn't paid the difference yet. */
async function seedDearerExchange(db: Executor, now: Date) {
  const [pick] = await db.execute<{ id: number; sku: string; price: number; title: string; dearer_id: number; dearer_price: number }>(sql`
    select v.id, v.sku, v.price, p.title, d.id as dearer_id, d.price as dearer_price
    from variants v join products p on p.id = v.product_id
    join variants d on d.product_id = v.product_id and d.currency = v.currency and d.price > v.price
    where p.status = 'active' and v.currency = 'USD'
      and exists (select 1 from inventory_levels il join locations l on l.id = il.location_id where il.variant_id = v.id and l.code = 'US-FC' and il.on_hand > 0)
    order by v.id, d.price, d.id limit 1`);
  if (!pick) return;
  const placedAt = new Date(now.getTime() - 9 * DAY);
  const deliveredAt = new Date(now.getTime() - 3 * DAY);
  const startedAt = new Date(now.getTime() - DAY);
  const taxTotal = Math.round((pick.price * 850) / 10_000);
  const total = pick.price + 900 + taxTotal;
  const [order] = await db
    .insert(schema.orders)
    .values({
      number: sql`'SK-' || nextval('order_numbers')`,
      channel: "web",
      status: "delivered",
      paymentStatus: "paid",
      email: "amara.demo@example.com",
      shippingAddress: {
        name: "Amara Obi",
        line1: "77 Mission St",
        city: "San Francisco",
        region: "CA",
        postalCode: "94105",
        country: "US",
      },
      shippingMethod: "standard",
      currency: "USD",
      subtotal: pick.price,
      shippingTotal: 900,
      taxTotal,
      total,
      idempotencyKey: "demo-returns:dearer",
      placedAt,
    })
    .returning({ id: schema.orders.id, number: schema.orders.number });
  const [line] = await db
    .insert(schema.orderLines)
    .values({
      orderId: order.id,
      variantId: pick.id,
      sku: pick.sku,
      title: pick.title,
      quantity: 1,
      unitPrice: pick.price,
      total: pick.price,
    })
    .returning({ id: schema.orderLines.id, quantity: schema.orderLines.quantity, total: schema.orderLines.total });
  await db.insert(schema.payments).values({
    orderId: order.id,
    provider: "local",
    providerRef: "lpi_demoreturnsdearer",
    amount: total,
    currency: "USD",
    status: "succeeded",
    createdAt: placedAt,
  });
  await db
    .insert(schema.shipments)
    .values({ orderId: order.id, carrier: "DHL Express", trackingNumber: "JD0146000099", shippedAt: placedAt, deliveredAt });
  await db.insert(schema.orderEvents).values([
    { orderId: order.id, type: "placed", actor: "seed", data: { channel: "web" }, at: placedAt },
    { orderId: order.id, type: "paid", actor: "local", data: { amount: total, currency: "USD" }, at: placedAt },
    { orderId: order.id, type: "shipped", actor: "seed", data: {}, at: placedAt },
    { orderId: order.id, type: "delivered", actor: "seed", data: {}, at: deliveredAt },
  ]);
  const amount = returnLineAmount(lineValues({ discountTotal: 0, taxTotal, lines: [line] })[0], 0, 1);
  const due = exchangeDue(amount, pick.price, pick.dearer_price);
  const [ret] = await db
    .insert(schema.returns)
    .values({
      number: sql`'RT-' || nextval('return_numbers')`,
      orderId: order.id,
      channel: "web",
      status: "awaiting_payment",
      resolution: "exchange",
      reason: "not_as_pictured",
      amount: 0,
      currency: "USD",
      due,
      dueState: "awaiting",
      dueExpiresAt: new Date(startedAt.getTime() + EXCHANGE_PAYMENT_DAYS * DAY),
      idempotencyKey: "demo-returns:dearer",
      createdBy: "shopper:link",
      createdAt: startedAt,
    })
    .returning({ id: schema.returns.id, number: schema.returns.number });
  await db
    .insert(schema.returnLines)
    .values({ returnId: ret.id, orderLineId: line.id, quantity: 1, amount, exchangeVariantId: pick.dearer_id });
  await db.insert(schema.orderEvents).values({
    orderId: order.id,
    type: "return_requested",
    actor: "shopper:link",
    data: { returnNumber: ret.number, pieces: 1, resolution: "exchange", reason: "not_as_pictured", amount: 0, due },
    at: startedAt,
  });
}
