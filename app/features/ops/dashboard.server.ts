/**
 * The operations dashboard in six aggregate queries, run in parallel: today's orders by channel,
 * the production pipeline, late requests, the QC pass rate, payouts due and artisan earnings this
 * month against last. Each query is one GROUP BY over an indexed table or the ledger.
 */
import { sql } from "drizzle-orm";
import type { Channel, ProductionStatus } from "#db/schema";
import { db, type Executor } from "~/lib/db.server";
import { OPS_TIME_ZONE, daysInMonth, monthKey, zonedDate, zonedIsoDate } from "~/lib/time";
import { PIPELINE_ORDER, cumulativeByDay, passRate, relativeChange } from "./dashboard";
import { lateSql } from "~/domain/production/index.server";
import { lateWords } from "~/domain/production";

export const LATE_LIST_LIMIT = 10;
export const QC_WINDOW_DAYS = 30;

export type ChannelToday = { channel: Channel; orders: number; revenue: Array<{ currency: string; amount: number }> };
export type LateRequest = {
  number: string;
  status: ProductionStatus;
  dueDate: string;
  flagged: boolean;
  quantity: number;
  sku: string;
  productTitle: string;
  artisan: string | null;
  orderNumber: string | null;
  daysOverdue: number;
  /** The badge, as the board words it: "10 days late", "Won't make it in time". */
  lateWords: string;
};

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

const CHANNEL_ORDER: Channel[] = ["web", "wholesale", "pos"];

export async function loadDashboard(options: { threshold: number; now?: Date; executor?: Executor }) {
  const now = options.now ?? new Date();
  const ex = options.executor ?? db;
  const tz = OPS_TIME_ZONE;
  const today = zonedDate(now, tz);
  const todayIso = zonedIsoDate(now, tz);
  const dayStart = sql`(${todayIso}::date::timestamp at time zone ${tz})`;
  const lastMonthStart = sql`(${`${monthKey(today.year, today.month - 1)}-01`}::date::timestamp at time zone ${tz})`;

  const [orders, pipeline, late, qc, due, earnings] = await Promise.all([
    ex.execute<{ channel: Channel; currency: string; orders: number; revenue: string }>(sql`
      select channel, currency, count(*)::int as orders, coalesce(sum(total), 0)::bigint::text as revenue
      from orders
      where placed_at >= ${dayStart} and placed_at < ${dayStart} + interval '1 day' and status <> 'cancelled'
      group by channel, currency`),
    ex.execute<{ status: ProductionStatus; requests: number; units: number }>(sql`
      select status, count(*)::int as requests, coalesce(sum(quantity), 0)::int as units
      from production_requests group by status`),
    ex.execute<{
      number: string;
      status: ProductionStatus;
      due_date: string;
      late: boolean;
      quantity: number;
      sku: string;
      product_title: string;
      artisan: string | null;
      order_number: string | null;
      days_overdue: number;
      total: number;
    }>(sql`
      select pr.number, pr.status, pr.due_date::text as due_date, pr.late, pr.quantity, v.sku, p.title as product_title,
             case when a.id is null then null else a.first_name || ' ' || a.last_name end as artisan,
             o.number as order_number, greatest(${todayIso}::date - pr.due_date, 0)::int as days_overdue,
             count(*) over ()::int as total
      from production_requests pr
      join variants v on v.id = pr.variant_id
      join products p on p.id = v.product_id
      left join artisans a on a.id = pr.artisan_id
      left join orders o on o.id = pr.order_id
      where ${lateSql(todayIso, "pr")}
      order by pr.due_date, pr.id
      limit ${LATE_LIST_LIMIT}`),
    ex.execute<{ passed: number; failed: number; inspections: number }>(sql`
      select coalesce(sum(units_passed), 0)::int as passed, coalesce(sum(units_failed), 0)::int as failed, count(*)::int as inspections
      from qc_inspections where at > ${now.toISOString()}::timestamptz - make_interval(days => ${QC_WINDOW_DAYS}) and at <= ${now.toISOString()}::timestamptz`),
    ex.execute<{ artisans: number; total: string }>(sql`
      select count(*)::int as artisans, coalesce(sum(owed), 0)::bigint::text as total from (
        select -sum(l.amount) as owed
        from ledger_accounts a join ledger_lines l on l.account_id = a.id
        where a.kind = 'artisan_payable' and a.currency = 'KES'
        group by a.id having -sum(l.amount) >= ${options.threshold} and -sum(l.amount) > 0
      ) owed`),
    ex.execute<{ month: string; day: number; amount: string }>(sql`
      select to_char(e.at at time zone ${tz}, 'YYYY-MM') as month, extract(day from e.at at time zone ${tz})::int as day,
             sum(-l.amount)::bigint::text as amount
      from ledger_entries e
      join ledger_lines l on l.entry_id = e.id
      join ledger_accounts a on a.id = l.account_id and a.kind = 'artisan_payable'
      where e.kind = 'qc_credit' and l.currency = 'KES' and e.at >= ${lastMonthStart} and e.at <= ${now.toISOString()}::timestamptz
      group by 1, 2`),
  ]);

  const byChannel = new Map<Channel, ChannelToday>();
  for (const row of orders) {
    const entry = byChannel.get(row.channel) ?? { channel: row.channel, orders: 0, revenue: [] };
    entry.orders += Number(row.orders);
    entry.revenue.push({ currency: row.currency, amount: Number(row.revenue) });
    byChannel.set(row.channel, entry);
  }
  const channels = CHANNEL_ORDER.map((channel) => byChannel.get(channel) ?? { channel, orders: 0, revenue: [] });

  const pipelineByStatus = new Map(pipeline.map((row) => [row.status, { requests: Number(row.requests), units: Number(row.units) }]));
  const pipelineRows = PIPELINE_ORDER.map((status) => ({ status, ...(pipelineByStatus.get(status) ?? { requests: 0, units: 0 }) }));

  const thisKey = monthKey(today.year, today.month);
  const lastKey = monthKey(today.year, today.month - 1);
  const [lastYear, lastMonth] = lastKey.split("-").map(Number);
  const daily = { [thisKey]: new Map<number, number>(), [lastKey]: new Map<number, number>() };
  for (const row of earnings) daily[row.month]?.set(Number(row.day), Number(row.amount));
  const sum = (m: Map<number, number>, upTo = 31) => [...m.entries()].filter(([d]) => d <= upTo).reduce((s, [, v]) => s + v, 0);
  const thisMonth = sum(daily[thisKey]);
  const lastMonthTotal = sum(daily[lastKey]);
  const lastMonthToDate = sum(daily[lastKey], today.day);
  const length = Math.max(daysInMonth(today.year, today.month), daysInMonth(lastYear, lastMonth));

  const qcRow = qc[0] ?? { passed: 0, failed: 0, inspections: 0 };
  const dueRow = due[0] ?? { artisans: 0, total: "0" };
  return {
    today: todayIso,
    orders: {
      channels,
      total: channels.reduce((s, c) => s + c.orders, 0),
    },
    pipeline: pipelineRows,
    late: {
      total: late[0] ? Number(late[0].total) : 0,
      rows: late.map(
        (row): LateRequest => ({
          number: row.number,
          status: row.status,
          dueDate: row.due_date,
          flagged: row.late,
          quantity: Number(row.quantity),
          sku: row.sku,
          productTitle: row.product_title,
          artisan: row.artisan,
          orderNumber: row.order_number,
          daysOverdue: Number(row.days_overdue),
          lateWords: lateWords({ status: row.status, dueDate: row.due_date, late: row.late }, todayIso) ?? "Late",
        }),
      ),
    },
    qc: {
      passed: Number(qcRow.passed),
      failed: Number(qcRow.failed),
      inspections: Number(qcRow.inspections),
      rate: passRate(Number(qcRow.passed), Number(qcRow.failed)),
      days: QC_WINDOW_DAYS,
    },
    payoutsDue: { artisans: Number(dueRow.artisans), total: Number(dueRow.total), threshold: options.threshold, currency: "KES" },
    earnings: {
      currency: "KES",
      thisMonth: { key: thisKey, amount: thisMonth },
      lastMonth: { key: lastKey, amount: lastMonthTotal, toSameDay: lastMonthToDate },
      change: relativeChange(thisMonth, lastMonthToDate),
      series: {
        days: Array.from({ length }, (_, i) => String(i + 1)),
        thisMonth: cumulativeByDay(daily[thisKey], today.day, length),
        lastMonth: cumulativeByDay(daily[lastKey], daysInMonth(lastYear, lastMonth), length),
      },
    },
  };
}
