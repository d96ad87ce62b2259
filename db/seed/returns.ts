/**
 * Demo returns, so a fresh `npm start` shows the returns queue, the reasons report and the money:
 * three delivered web orders of two pieces each (paid with the local test card), one return on its
 * way to the hub, one waiting for QC, one closed with its refund and ledger entry. Deterministic:
 * the first stocked variants by id, fixed numbers of days before `now`.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { describeAccount, returnRefundEntry } from "../../app/domain/ledger/entries";
import { lineValues, returnLineAmount } from "../../app/domain/returns/rules";
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
}
