/** What the pages read about returns: a shopper's order, the console's queue, one return, the reasons and the money. */
import { and, asc, count, desc, eq, inArray, like, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, schema } from "~/lib/db.server";
import { OPS_TIME_ZONE } from "~/lib/time";
import { returnSteps, type MoneyKind, type MoneyPeriod, type MoneyTotalRow, type QueueQuery, type ReturnStep } from "./rules";

const { returns, returnLines, orders, orderLines, productionRequests, artisans, refunds } = schema;

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
  /**
   * A web exchange's piece refunded: the order whose payments it went back to (the one that paid
   * for it, docs/decisions/0020). Null when the money went back on this order itself.
   */
  paidOn: string | null;
};

/** The order a return's refunds went back on, when it isn't the return's own (an exchange's piece). */
const paidOnSql = sql<string | null>`(
  select o.number from ${refunds} f join ${orders} o on o.id = f.order_id
   where f.idempotency_key like 'return:' || ${returns.number} || ':%' and f.status <> 'failed' and f.order_id <> ${returns.orderId}
   order by f.id limit 1)`;

/** The returns of one order, oldest first, with their steps for the status page. */
export async function returnsForOrder(orderId: number): Promise<OrderReturnView[]> {
  const exchange = alias(orders, "exchange");
  const rows = await db
    .select({ ret: returns, exchangeNumber: exchange.number, paidOn: paidOnSql })
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
  return rows.map(({ ret, exchangeNumber, paidOn }) => ({
    number: ret.number,
    paidOn,
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

/**
 * Why pieces came back: returns started in the period by reason (cancelled ones left out), web and
 * counter together with each channel's count beside (pieces, faulty at QC), and the
 * money those reasons moved in the period as the ledger booked it (in the shopper's currency):
 * what went back (refunds and differences refunded) and exchange differences received.
 */
export async function reasonsReport(period: MoneyPeriod) {
  const from = sql`${period.from}::date::timestamp at time zone ${OPS_TIME_ZONE}`;
  const to = sql`(${period.to}::date + 1)::timestamp at time zone ${OPS_TIME_ZONE}`;
  const [rows, money] = await Promise.all([
    db
      .select({
        reason: returns.reason,
        returns: sql<number>`count(distinct ${returns.id})::int`,
        web: sql<number>`count(distinct ${returns.id}) filter (where ${returns.channel} = 'web')::int`,
        counter: sql<number>`count(distinct ${returns.id}) filter (where ${returns.channel} = 'pos')::int`,
        pieces: sql<number>`coalesce(sum(${returnLines.quantity}), 0)::int`,
        faulty: sql<number>`coalesce(sum(${returnLines.quantity}) filter (where ${returnLines.fault} is not null), 0)::int`,
      })
      .from(returns)
      .leftJoin(returnLines, eq(returnLines.returnId, returns.id))
      .where(and(sql`${returns.status} <> 'cancelled'`, sql`${returns.createdAt} >= ${from}`, sql`${returns.createdAt} < ${to}`))
      .groupBy(returns.reason),
    db.execute<{ reason: string; currency: string; back: string; received: string }>(sql`
      select reason, shopper_currency as currency,
             coalesce(sum(shopper_amount) filter (where kind <> 'difference_received'), 0)::bigint::text as back,
             coalesce(sum(shopper_amount) filter (where kind = 'difference_received'), 0)::bigint::text as received
        from (${moneyMovedSql(period)}) moved
       group by reason, shopper_currency
       order by reason, shopper_currency`),
  ]);
  const reasons = new Set([...rows.map((r) => r.reason), ...money.map((m) => m.reason)]);
  const report = [...reasons].map((reason) => {
    const counts = rows.find((r) => r.reason === reason) ?? { returns: 0, web: 0, counter: 0, pieces: 0, faulty: 0 };
    const mine = money.filter((m) => m.reason === reason);
    const amounts = (pick: "back" | "received") =>
      mine.map((m) => ({ currency: m.currency, amount: Number(m[pick]) })).filter((m) => m.amount !== 0);
    return {
      reason,
      returns: counts.returns,
      /** Of those, started on the web and taken at the flagship's counter. */
      web: counts.web,
      counter: counts.counter,
      pieces: counts.pieces,
      faulty: counts.faulty,
      refunded: amounts("back"),
      received: amounts("received"),
    };
  });
  return report.sort((a, b) => b.returns - a.returns || a.reason.localeCompare(b.reason));
}

export type MoneyMoved = {
  entryId: number;
  at: string;
  reference: string;
  returnNumber: string;
  orderNumber: string;
  kind: MoneyKind;
  /** Positive: what came in (a difference received) or went back, as the ledger booked it (USD for a card, a gift card's own currency). */
  booked: number;
  bookedCurrency: string;
  /** The same money in the shopper's currency (the line's presentment amount where it has one). */
  shopperAmount: number;
  shopperCurrency: string;
};

/**
 * Every ledger entry a return made in the period (calendar days on the factory's clock, both ends
 * included), one row each, from the ledger alone (docs/decisions/0020, 0022): the return's refund
 * (`return-refund:<RT>`, and `return-refund:<RT>:<refundId>` for the rest of a split sent on a retry: its sales-returns line), the dearer exchange's difference (`sale:<RT>`, its
 * retail-sales line), and a gift card credited for it (store credit issued, or money back onto the
 * card that paid: the movement's reference names the return). A return that is an exchange makes
 * its refunds "differences refunded". Web and counter returns alike.
 */
function moneyMovedSql(period: MoneyPeriod) {
  const from = sql`${period.from}::date::timestamp at time zone ${OPS_TIME_ZONE}`;
  const to = sql`(${period.to}::date + 1)::timestamp at time zone ${OPS_TIME_ZONE}`;
  return sql`
    select e.id as entry_id, e.at, e.reference, r.number as return_number, o.number as order_number, r.reason,
           case
             when e.kind = 'sale' then 'difference_received'
             when r.resolution = 'exchange' then 'difference_refunded'
             when e.kind = 'return_refund' then 'refund_payment'
             else 'refund_gift_card'
           end as kind,
           abs(l.amount)::int as booked, l.currency as booked_currency,
           abs(coalesce(l.presentment_amount, l.amount))::int as shopper_amount,
           coalesce(l.presentment_currency, l.currency) as shopper_currency
      from ledger_entries e
      left join gift_card_movements m
        on e.kind in ('gift_card_issued', 'gift_card_refunded') and m.id = nullif(substring(e.reference from '^gift_card_movement:([0-9]+)$'), '')::int
      join returns r on r.number = case
             when e.kind = 'return_refund' then substring(e.reference from '^return-refund:(RT-[0-9]+)(?::[0-9]+)?$')
             when e.kind = 'sale' then substring(e.reference from '^sale:(RT-[0-9]+)$')
             else substring(m.reference from '^(?:store_credit:)?return:(RT-[0-9]+)(?::[0-9]+)?$')
           end
      join orders o on o.id = r.order_id
      join ledger_lines l on l.entry_id = e.id
      join ledger_accounts a on a.id = l.account_id
     where e.kind in ('return_refund', 'sale', 'gift_card_issued', 'gift_card_refunded')
       and e.at >= ${from} and e.at < ${to}
       and a.kind = case e.kind
             when 'return_refund' then 'sales_returns'
             when 'sale' then 'sales'
             when 'gift_card_issued' then 'sales_returns'
             else 'sales'
           end`;
}

type MovedRow = {
  reason: string;
  entry_id: number;
  at: string | Date;
  reference: string;
  return_number: string;
  order_number: string;
  kind: MoneyKind;
  booked: number;
  booked_currency: string;
  shopper_amount: number;
  shopper_currency: string;
};

const movedFrom = (row: MovedRow): MoneyMoved => ({
  entryId: Number(row.entry_id),
  at: new Date(row.at).toISOString(),
  reference: row.reference,
  returnNumber: row.return_number,
  orderNumber: row.order_number,
  kind: row.kind,
  booked: Number(row.booked),
  bookedCurrency: row.booked_currency,
  shopperAmount: Number(row.shopper_amount),
  shopperCurrency: row.shopper_currency,
});

/**
 * The money returns moved in a period, from the ledger: totals per shopper's currency and kind
 * (what the shopper saw, and what was booked beside it), and the latest entries.
 */
export async function returnsMoney(period: MoneyPeriod, limit = 10) {
  const moved = moneyMovedSql(period);
  const [totals, latest] = await Promise.all([
    db.execute<{
      shopper_currency: string;
      kind: MoneyKind;
      entries: number;
      shopper_amount: string;
      booked: string;
      booked_currency: string;
    }>(sql`
      select shopper_currency, kind, count(*)::int as entries, sum(shopper_amount)::bigint::text as shopper_amount,
             sum(booked)::bigint::text as booked, booked_currency
        from (${moved}) moved
       group by shopper_currency, kind, booked_currency
       order by shopper_currency, kind, booked_currency`),
    db.execute<MovedRow>(sql`select * from (${moved}) moved order by at desc, entry_id desc limit ${limit}`),
  ]);
  return {
    period,
    totals: totals.map(
      (row): MoneyTotalRow => ({
        shopperCurrency: row.shopper_currency,
        kind: row.kind,
        entries: Number(row.entries),
        shopperAmount: Number(row.shopper_amount),
        booked: Number(row.booked),
        bookedCurrency: row.booked_currency,
      }),
    ),
    latest: latest.map(movedFrom),
  };
}

/** Every entry of the period, oldest first, in pages of `batch` (for the CSV export). */
export async function* returnsMoneyEntries(period: MoneyPeriod, batch = 500): AsyncGenerator<MoneyMoved[]> {
  const moved = moneyMovedSql(period);
  let after = { at: "-infinity", id: 0 };
  for (;;) {
    const rows = await db.execute<MovedRow>(sql`
      select * from (${moved}) moved
       where (at, entry_id) > (${after.at}::timestamptz, ${after.id})
       order by at, entry_id limit ${batch}`);
    if (rows.length === 0) return;
    const page = rows.map(movedFrom);
    yield page;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    after = { at: new Date(last.at).toISOString(), id: Number(last.entry_id) };
  }
}

// ---------------------------------------------------------------- one return

export async function returnDetail(number: string) {
  const exchange = alias(orders, "exchange");
  const [row] = await db
    .select({ ret: returns, orderNumber: orders.number, orderEmail: orders.email, exchangeNumber: exchange.number, paidOn: paidOnSql })
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
  const refundParts = await db
    .select({
      id: refunds.id,
      orderNumber: orders.number,
      amount: refunds.amount,
      providerRef: refunds.providerRef,
      status: refunds.status,
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(like(refunds.idempotencyKey, `return:${ret.number}:%`))
    .orderBy(asc(refunds.id));
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
    /** Every refund of this return (a web exchange's piece may go back over several payments), where it went. */
    refunds: refundParts,
    paidOn: row.paidOn,
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
