/** What the pages read about returns: a shopper's order, the console's queue, one return, the reasons and the money. */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, schema } from "~/lib/db.server";
import { returnSteps, type QueueQuery, type ReturnStep } from "./rules";

const { returns, returnLines, orders, orderLines, productionRequests, artisans, refunds, ledgerEntries, ledgerLines, ledgerAccounts } =
  schema;

export const QUEUE_PAGE_SIZE = 25;

export type OrderReturnView = {
  number: string;
  status: (typeof schema.RETURN_STATUSES)[number];
  resolution: "refund" | "exchange";
  reason: string;
  amount: number;
  currency: string;
  refundState: string;
  /** A dearer exchange: the difference to pay, its state, and when an unpaid one lapses. */
  due: number;
  dueState: string;
  dueExpiresAt: string | null;
  createdAt: string;
  /** `exchangeFor`: the size or finish wanted instead, when it is another one. */
  pieces: Array<{ orderLineId: number; title: string; quantity: number; exchangeFor: string | null }>;
  steps: ReturnStep[];
};

/** The returns of one order, oldest first, with their steps for the status page. */
export async function returnsForOrder(orderId: number): Promise<OrderReturnView[]> {
  const exchange = alias(orders, "exchange");
  const rows = await db
    .select({ ret: returns, exchangeNumber: exchange.number })
    .from(returns)
    .leftJoin(exchange, eq(exchange.id, returns.exchangeOrderId))
    .where(eq(returns.orderId, orderId))
    .orderBy(asc(returns.id));
  if (rows.length === 0) return [];
  const lines = await db
    .select({
      returnId: returnLines.returnId,
      orderLineId: returnLines.orderLineId,
      title: orderLines.title,
      quantity: returnLines.quantity,
      exchangeFor: sql<
        string | null
      >`(select v.title from ${schema.variants} v where v.id = ${returnLines.exchangeVariantId} and v.id <> ${orderLines.variantId})`,
    })
    .from(returnLines)
    .innerJoin(orderLines, eq(orderLines.id, returnLines.orderLineId))
    .where(
      inArray(
        returnLines.returnId,
        rows.map((r) => r.ret.id),
      ),
    )
    .orderBy(asc(returnLines.id));
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map(({ ret, exchangeNumber }) => ({
    number: ret.number,
    status: ret.status,
    resolution: ret.resolution,
    reason: ret.reason,
    amount: ret.amount,
    currency: ret.currency,
    refundState: ret.refundState,
    due: ret.due,
    dueState: ret.dueState,
    dueExpiresAt: iso(ret.dueExpiresAt),
    createdAt: ret.createdAt.toISOString(),
    pieces: lines.filter((l) => l.returnId === ret.id).map(({ returnId: _, ...l }) => l),
    steps: returnSteps({
      status: ret.status,
      resolution: ret.resolution,
      createdAt: ret.createdAt.toISOString(),
      receivedAt: iso(ret.receivedAt),
      inspectedAt: iso(ret.inspectedAt),
      refundedAt: iso(ret.refundedAt),
      closedAt: iso(ret.closedAt),
      cancelledAt: iso(ret.cancelledAt),
      exchangeNumber,
      amount: ret.amount,
      due: ret.due,
      dueState: ret.dueState,
      duePaidAt: iso(ret.duePaidAt),
    }),
  }));
}

// ---------------------------------------------------------------- the console's queue

function queueWhere(query: QueueQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (query.status !== "all") parts.push(eq(returns.status, query.status));
  if (query.reason !== "all") parts.push(eq(returns.reason, query.reason));
  if (query.channel !== "all") parts.push(eq(returns.channel, query.channel));
  return parts.length ? and(...parts) : undefined;
}

export async function returnQueue(query: QueueQuery) {
  const where = queueWhere(query);
  const [rows, [{ total }], byStatus] = await Promise.all([
    db
      .select({
        number: returns.number,
        orderNumber: orders.number,
        channel: returns.channel,
        status: returns.status,
        resolution: returns.resolution,
        reason: returns.reason,
        amount: returns.amount,
        currency: returns.currency,
        refundState: returns.refundState,
        due: returns.due,
        dueState: returns.dueState,
        createdAt: returns.createdAt,
        pieces: sql<number>`(select coalesce(sum(${returnLines.quantity}), 0)::int from ${returnLines} where ${returnLines.returnId} = ${returns.id})`,
      })
      .from(returns)
      .innerJoin(orders, eq(orders.id, returns.orderId))
      .where(where)
      // What needs doing first: refunds that failed, then the oldest open returns.
      .orderBy(
        sql`case when ${returns.refundState} = 'failed' then 0 when ${returns.status} in ('requested', 'received', 'inspected') then 1 else 2 end`,
        desc(returns.id),
      )
      .limit(QUEUE_PAGE_SIZE)
      .offset((query.page - 1) * QUEUE_PAGE_SIZE),
    db.select({ total: count() }).from(returns).where(where),
    db.select({ status: returns.status, n: count() }).from(returns).groupBy(returns.status),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    total,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
    byStatus: Object.fromEntries(byStatus.map((s) => [s.status, s.n])) as Record<string, number>,
  };
}

/** Why pieces come back: returns, pieces and money per reason (cancelled returns left out), and how many QC found faulty. */
export async function reasonsReport() {
  const rows = await db
    .select({
      reason: returns.reason,
      returns: sql<number>`count(distinct ${returns.id})::int`,
      pieces: sql<number>`coalesce(sum(${returnLines.quantity}), 0)::int`,
      faulty: sql<number>`coalesce(sum(${returnLines.quantity}) filter (where ${returnLines.fault} is not null), 0)::int`,
    })
    .from(returns)
    .leftJoin(returnLines, eq(returnLines.returnId, returns.id))
    .where(sql`${returns.status} <> 'cancelled'`)
    .groupBy(returns.reason)
    .orderBy(sql`count(distinct ${returns.id}) desc`, asc(returns.reason));
  const refunded = await db
    .select({ reason: returns.reason, currency: returns.currency, amount: sql<number>`coalesce(sum(${returns.amount}), 0)::int` })
    .from(returns)
    .where(eq(returns.refundState, "issued"))
    .groupBy(returns.reason, returns.currency);
  return rows.map((r) => ({
    ...r,
    refunded: refunded.filter((m) => m.reason === r.reason).map(({ currency, amount }) => ({ currency, amount })),
  }));
}

/** The money returns moved, from the ledger: each refund entry, and the sales-returns total per currency. */
export async function returnsMoney(limit = 10) {
  const [entries, totals] = await Promise.all([
    db
      .select({
        reference: ledgerEntries.reference,
        memo: ledgerEntries.memo,
        at: ledgerEntries.at,
        amount: ledgerLines.amount,
        currency: ledgerLines.currency,
        account: ledgerAccounts.name,
      })
      .from(ledgerEntries)
      .innerJoin(ledgerLines, eq(ledgerLines.entryId, ledgerEntries.id))
      .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
      // Refunds to cards (return_refund) and as store credit (the gift cards' issue entry), on their sales-returns side.
      .where(and(inArray(ledgerEntries.kind, ["return_refund", "gift_card_issued"]), eq(ledgerAccounts.kind, "sales_returns")))
      .orderBy(desc(ledgerEntries.id))
      .limit(limit),
    db
      .select({ currency: ledgerAccounts.currency, balance: sql<number>`coalesce(sum(${ledgerLines.amount}), 0)::int` })
      .from(ledgerAccounts)
      .leftJoin(ledgerLines, eq(ledgerLines.accountId, ledgerAccounts.id))
      .where(eq(ledgerAccounts.kind, "sales_returns"))
      .groupBy(ledgerAccounts.currency),
  ]);
  return { entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })), totals };
}

// ---------------------------------------------------------------- one return

export async function returnDetail(number: string) {
  const exchange = alias(orders, "exchange");
  const [row] = await db
    .select({ ret: returns, orderNumber: orders.number, orderEmail: orders.email, exchangeNumber: exchange.number })
    .from(returns)
    .innerJoin(orders, eq(orders.id, returns.orderId))
    .leftJoin(exchange, eq(exchange.id, returns.exchangeOrderId))
    .where(eq(returns.number, number));
  if (!row) return null;
  const made = alias(productionRequests, "made");
  const rework = alias(productionRequests, "rework");
  const [lines, refund] = await Promise.all([
    db
      .select({
        id: returnLines.id,
        title: orderLines.title,
        sku: orderLines.sku,
        quantity: returnLines.quantity,
        amount: returnLines.amount,
        disposition: returnLines.disposition,
        fault: returnLines.fault,
        madeBy: made.number,
        maker: sql<
          string | null
        >`(select ${artisans.firstName} || ' ' || ${artisans.lastName} from ${artisans} where ${artisans.id} = ${made.artisanId})`,
        reworkNumber: rework.number,
      })
      .from(returnLines)
      .innerJoin(orderLines, eq(orderLines.id, returnLines.orderLineId))
      .leftJoin(made, eq(made.id, returnLines.madeByRequestId))
      .leftJoin(rework, eq(rework.id, returnLines.reworkRequestId))
      .where(eq(returnLines.returnId, row.ret.id))
      .orderBy(asc(returnLines.id)),
    row.ret.refundId
      ? db.select({ providerRef: refunds.providerRef, status: refunds.status }).from(refunds).where(eq(refunds.id, row.ret.refundId))
      : Promise.resolve([]),
  ]);
  const { ret } = row;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    number: ret.number,
    orderNumber: row.orderNumber,
    email: row.orderEmail,
    channel: ret.channel,
    status: ret.status,
    resolution: ret.resolution,
    refundMethod: ret.refundMethod,
    reason: ret.reason,
    note: ret.note,
    amount: ret.amount,
    currency: ret.currency,
    refundState: ret.refundState,
    due: ret.due,
    dueState: ret.dueState,
    dueExpiresAt: iso(ret.dueExpiresAt),
    refund: refund[0] ?? null,
    exchangeNumber: row.exchangeNumber,
    createdBy: ret.createdBy,
    createdAt: ret.createdAt.toISOString(),
    lines,
    steps: returnSteps({
      status: ret.status,
      resolution: ret.resolution,
      createdAt: ret.createdAt.toISOString(),
      receivedAt: iso(ret.receivedAt),
      inspectedAt: iso(ret.inspectedAt),
      refundedAt: iso(ret.refundedAt),
      closedAt: iso(ret.closedAt),
      cancelledAt: iso(ret.cancelledAt),
      exchangeNumber: row.exchangeNumber,
      amount: ret.amount,
      due: ret.due,
      dueState: ret.dueState,
      duePaidAt: iso(ret.duePaidAt),
    }),
  };
}
export type ReturnDetail = NonNullable<Awaited<ReturnType<typeof returnDetail>>>;

/** Returns on their way to the hub and waiting for QC, for the hub's day screen. */
export async function hubReturns() {
  return db
    .select({ number: returns.number, status: returns.status, createdAt: returns.createdAt, orderNumber: orders.number })
    .from(returns)
    .innerJoin(orders, eq(orders.id, returns.orderId))
    .where(inArray(returns.status, ["requested", "received"]))
    .orderBy(desc(sql`${returns.status} = 'received'`), asc(returns.id))
    .limit(20);
}
