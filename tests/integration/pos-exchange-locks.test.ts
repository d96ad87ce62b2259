/**
 * The counter's exchanges and decision 0020's lock order (docs/decisions/0020-returns.md): every
 * step on a sale's family locks the original sale first, then its exchanges' orders, oldest first.
 * A counter return of an exchanged piece used to lock the exchange's order before the original, so
 * at the same moment as a step that takes the family in 0020's order (finance's "Retry refund" on
 * the sale's counter return, or another counter return), each held what the other waited for.
 * Real races on the real database: a third connection holds the original sale's row until both
 * are queued behind it, then lets go.
 */
import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct, setStock } from "#db/seed/factories";
import { action as homeAction } from "~/routes/pos._index";
import { action as registerAction } from "~/routes/pos.register";
import { action as saleAction } from "~/routes/pos.sales.$number";
import { retryReturnRefund } from "~/domain/returns/index.server";
import { db, schema } from "~/lib/db.server";
import { call, cartOf, setUpStore, signIn, type Store } from "./pos-support";

type Fn = Parameters<typeof call>[0];
const admin = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
afterAll(() => admin.end({ timeout: 5 }));

let store: Store;
let cashier: string;
let ring: { size6: number; size8: number };

beforeAll(async () => {
  store = await setUpStore();
  const { variants } = await createProduct(db, {
    title: "Beaded Ring",
    variants: [
      { title: "Size 6", price: 4000 },
      { title: "Size 8", price: 5000 },
    ],
  });
  ring = { size6: variants[0].id, size8: variants[1].id };
  for (const id of [ring.size6, ring.size8]) await setStock(db, id, store.flagship.id, 10);
  cashier = await signIn("cashier@soko.test");
  await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "150" } });
});

const returnAt = (number: string, fields: Record<string, string>) =>
  call(saleAction as Fn, `/pos/sales/${number}`, {
    cookie: cashier,
    params: { number },
    form: { key: randomUUID(), reason: "changed_mind", ...fields },
  });

/** A card sale of a size-6 ring and a stud, the ring exchanged for a size 8 (the difference in cash). */
async function saleWithExchange() {
  const res = await call(registerAction as Fn, "/pos/register", {
    cookie: cashier,
    form: { intent: "charge", cart: cartOf([ring.size6, 1], [store.stud.id, 1]), key: randomUUID(), mode: "card" },
  });
  const number = /\/pos\/sales\/(SK-\d+)/.exec(res.location ?? "")?.[1];
  if (!number) throw new Error(`sale failed: ${res.status} ${JSON.stringify(res.body)}`);
  const [sale] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
  const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, sale.id));
  const ringLine = lines.find((l) => l.variantId === ring.size6)!;
  const studLine = lines.find((l) => l.variantId === store.stud.id)!;
  const swapped = await returnAt(number, {
    reason: "size",
    [`return-${ringLine.id}`]: "1",
    [`swap-${ringLine.id}`]: String(ring.size8),
    differenceMode: "cash",
  });
  expect(swapped.status).toBe(302);
  const [record] = await db.select().from(schema.returns).where(eq(schema.returns.orderId, sale.id));
  const [exchange] = await db.select().from(schema.orders).where(eq(schema.orders.id, record.exchangeOrderId!));
  const [exchangeLine] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, exchange.id));
  return { sale, studLine, record, exchange, exchangeLine };
}

/**
 * Holds the sale's row from another connection, starts `first`, waits until it queues behind the
 * row, starts `second`, waits until it queues too (having taken whatever it takes before the
 * sale's row), then lets go: both run against each other in that order.
 */
async function raceBehind<A, B>(saleId: number, first: () => Promise<A>, second: () => Promise<B>) {
  const holder = await admin.reserve();
  await holder`begin`;
  await holder`select id from orders where id = ${saleId} for update`;
  const waiting = async (n: number) => {
    for (let i = 0; i < 400; i++) {
      const [{ count }] = await admin<{ count: number }[]>`
        select count(*)::int as count from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
      if (count >= n) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`never ${n} waiting on the sale's row`);
  };
  try {
    const a = first().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error: String((error as Error).cause ?? error) }),
    );
    await waiting(1);
    const b = second().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error: String((error as Error).cause ?? error) }),
    );
    await waiting(2);
    await holder`commit`;
    return await Promise.all([a, b]);
  } finally {
    holder.release();
  }
}

/** Everything refunded across the family (refund rows on every order of it, not failed). */
async function refundedAcross(orderIds: number[]) {
  const rows = await db.select().from(schema.refunds).where(inArray(schema.refunds.orderId, orderIds));
  return rows.filter((r) => r.status !== "failed").reduce((sum, r) => sum + r.amount, 0);
}

async function paidAcross(orderIds: number[]) {
  const rows = await db.select().from(schema.payments).where(inArray(schema.payments.orderId, orderIds));
  return rows.filter((p) => p.status === "succeeded").reduce((sum, p) => sum + p.amount, 0);
}

describe("a counter return of an exchanged piece takes the original sale's row first", () => {
  it("at the same moment as finance's retry on the sale's counter return (0020's order): both finish, no deadlock", async () => {
    const { sale, record, exchange, exchangeLine } = await saleWithExchange();
    const [retry, back] = await raceBehind(
      sale.id,
      () => retryReturnRefund({ number: record.number, actor: "staff:finance" }),
      () => returnAt(exchange.number, { [`return-${exchangeLine.id}`]: "1" }),
    );
    // The retry has nothing to send (the exchange's difference was paid in the shop), and says so.
    expect(retry).toMatchObject({ ok: true, value: { ok: false } });
    expect(back).toMatchObject({ ok: true, value: { status: 302 } });
    const [posReturn] = await db.select().from(schema.posReturns).where(eq(schema.posReturns.orderId, exchange.id));
    expect(posReturn.amount).toBe(exchange.total);
  });

  it("two counter returns at once, one of the sale's other piece and one of the exchanged piece: both go through, and the family never refunds more than was paid", async () => {
    const { sale, studLine, exchange, exchangeLine } = await saleWithExchange();
    const family = [sale.id, exchange.id];
    const paid = await paidAcross(family);
    const [stud, exchanged] = await raceBehind(
      sale.id,
      () => returnAt(sale.number, { [`return-${studLine.id}`]: "1" }),
      () => returnAt(exchange.number, { [`return-${exchangeLine.id}`]: "1" }),
    );
    expect(stud).toMatchObject({ ok: true, value: { status: 302 } });
    expect(exchanged).toMatchObject({ ok: true, value: { status: 302 } });
    // Everything came back: exactly what was paid (the sale and the exchange's difference), not a cent more.
    expect(await refundedAcross(family)).toBe(paid);
    // And nothing more comes back from either order.
    expect((await returnAt(sale.number, { [`return-${studLine.id}`]: "1" })).status).toBe(422);
    expect((await returnAt(exchange.number, { [`return-${exchangeLine.id}`]: "1" })).status).toBe(422);
    expect(await refundedAcross(family)).toBe(paid);
  });
});
