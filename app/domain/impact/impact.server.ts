/**
 * The impact report's data in two queries: QC credits per artisan per month (the ledger) and the
 * artisans (county, baseline). Everything else is the pure arithmetic in impact.ts.
 */
import { sql } from "drizzle-orm";
import { OPS_TIME_ZONE, monthKey, zonedDate } from "~/lib/time";
import { db, type Executor } from "~/lib/db.server";
import {
  WINDOW_MONTHS,
  baselineRatios,
  completeMonthsBefore,
  countySummary,
  monthlySummary,
  type ImpactArtisan,
  type MonthlyCredit,
} from "./impact";

export async function loadImpact(options: { now?: Date; executor?: Executor } = {}) {
  const now = options.now ?? new Date();
  const ex = options.executor ?? db;
  const today = zonedDate(now, OPS_TIME_ZONE);
  const months = completeMonthsBefore(today.year, today.month, WINDOW_MONTHS);
  const current = monthKey(today.year, today.month);
  const from = sql`(${`${months[0]}-01`}::date::timestamp at time zone ${OPS_TIME_ZONE})`;

  const [creditRows, artisanRows] = await Promise.all([
    ex.execute<{ artisan_id: number; month: string; amount: string }>(sql`
      select a.artisan_id, to_char(e.at at time zone ${OPS_TIME_ZONE}, 'YYYY-MM') as month, sum(-l.amount)::bigint::text as amount
      from ledger_entries e
      join ledger_lines l on l.entry_id = e.id
      join ledger_accounts a on a.id = l.account_id and a.kind = 'artisan_payable'
      where e.kind = 'qc_credit' and l.currency = 'KES' and e.at >= ${from} and e.at <= ${now.toISOString()}::timestamptz
      group by 1, 2`),
    ex.execute<{ id: number; county: string; baseline: number }>(sql`
      select id, county, baseline_monthly_earnings as baseline from artisans`),
  ]);
  const credits: MonthlyCredit[] = creditRows.map((r) => ({ artisanId: Number(r.artisan_id), month: r.month, amount: Number(r.amount) }));
  const artisans: ImpactArtisan[] = artisanRows.map((r) => ({ id: Number(r.id), county: r.county, baseline: Number(r.baseline) }));
  const baseline = baselineRatios(credits, artisans, months);
  return {
    currency: "KES",
    months: monthlySummary(credits, months),
    currentMonth: { month: current, total: credits.filter((c) => c.month === current).reduce((s, c) => s + c.amount, 0) },
    counties: countySummary(credits, artisans, months),
    baseline: {
      sample: baseline.sample,
      median: baseline.median,
      atLeast: baseline.atLeast,
      excluded: baseline.excluded,
      buckets: baseline.buckets,
    },
    artisans: artisans.length,
  };
}
