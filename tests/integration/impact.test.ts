/**
 * The impact report and the dashboard on the demo data with its generated history (db/seed/history.ts):
 * the books balance, the numbers are computed from the ledger (checked here against hand-written SQL),
 * and the history is deterministic and cheap.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createStaff } from "#db/seed/factories";
import { seedIfEmpty } from "#db/seed/index";
import { completeMonthsBefore } from "~/domain/impact/impact";
import { loadImpact } from "~/domain/impact/impact.server";
import { trialBalance } from "~/domain/ledger/ledger.server";
import { loadDashboard } from "~/features/ops/dashboard.server";
import { zonedDate } from "~/lib/time";
import { loader as impactLoader } from "~/routes/ops.impact";
import { db, type schema } from "~/lib/db.server";
import { staffSessionCookie } from "./session-support";
import { call, get } from "./artisan-support";

let seedMs = 0;
beforeAll(async () => {
  const started = performance.now();
  const result = await seedIfEmpty(process.env.DATABASE_URL!);
  seedMs = Math.round(performance.now() - started);
  expect(result.seeded).toBe(true);
}, 120_000);

async function cookie(roles: schema.StaffRole[]) {
  const staff = await createStaff(db, { roles });
  return staffSessionCookie(staff.id);
}

describe("demo history", () => {
  it("is a year of QC-passed work, credits and settled payouts, and the books balance", async () => {
    console.log(`demo seed with history: ${seedMs} ms`);
    const [counts] = await db.execute<{ passed: number; credits: number; payouts: number; runs: number; late: number }>(sql`
      select (select count(*) from production_requests where status = 'qc_passed')::int as passed,
             (select count(*) from ledger_entries where kind = 'qc_credit')::int as credits,
             (select count(*) from payouts where status = 'succeeded')::int as payouts,
             (select count(*) from payout_runs)::int as runs,
             (select count(*) from production_requests where late or (due_date < current_date and status not in ('qc_passed', 'cancelled')))::int as late`);
    expect(counts.passed).toBeGreaterThan(8000);
    expect(counts.credits).toBe(counts.passed);
    expect(counts.payouts).toBeGreaterThan(3000);
    expect(counts.runs).toBeGreaterThanOrEqual(7);
    expect(counts.late).toBeGreaterThanOrEqual(12);
    const books = await trialBalance();
    // Artisan pay in shillings; gift cards and returns in dollars, the demo pound card in pounds: each currency balances on its own.
    expect(books.totals).toEqual({ KES: 0, GBP: 0, USD: 0 });
    // Each passed inspection is credited exactly once, at units × the request's piece rate.
    const [mismatch] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from qc_inspections qi join production_requests pr on pr.id = qi.request_id
      left join ledger_entries e on e.reference = 'qc:' || qi.id
      left join ledger_lines l on l.entry_id = e.id and l.amount < 0
      where qi.outcome = 'passed' and (l.amount is null or -l.amount <> qi.units_passed * pr.piece_rate)`);
    expect(mismatch.n).toBe(0);
  });

  it("leaves the demo artisan with nothing owed and no recent deliveries, and a few others owed since the last run", async () => {
    const [grace] = await db.execute<{ owed: string; recent: number }>(sql`
      select coalesce((select -sum(l.amount) from ledger_lines l join ledger_accounts a on a.id = l.account_id where a.artisan_id = ar.id), 0)::text as owed,
             (select count(*) from production_requests pr where pr.artisan_id = ar.id and pr.status = 'qc_passed' and pr.updated_at > now() - interval '20 days')::int as recent
      from artisans ar where ar.phone = '+254700000001'`);
    expect(Number(grace.owed)).toBe(0);
    expect(grace.recent).toBe(0);
    const dashboard = await loadDashboard({ threshold: 50_000 });
    expect(dashboard.payoutsDue.artisans).toBeGreaterThan(0);
    expect(dashboard.payoutsDue.artisans).toBeLessThan(80);
  });
});

describe("impact report", () => {
  it("is for ops, finance and admin", async () => {
    expect((await call(impactLoader, get("/ops/impact", await cookie(["finance"])))).status).toBe(200);
    expect((await call(impactLoader, get("/ops/impact", await cookie(["cashier"])))).status).toBe(403);
    expect((await call(impactLoader, get("/ops/impact", await cookie(["hub"])))).status).toBe(403);
  });

  it("sums months from the ledger and measures the baseline ratio on a stated sample", async () => {
    const impact = await loadImpact();
    const today = zonedDate(new Date());
    const months = completeMonthsBefore(today.year, today.month, 12);
    expect(impact.months.map((m) => m.month)).toEqual(months);
    // The same month total by hand.
    const last = months[11];
    const [byHand] = await db.execute<{ total: string; artisans: number }>(sql`
      select coalesce(sum(-l.amount), 0)::text as total, count(distinct a.artisan_id)::int as artisans
      from ledger_entries e join ledger_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id and a.kind = 'artisan_payable'
      where e.kind = 'qc_credit' and to_char(e.at at time zone 'Africa/Nairobi', 'YYYY-MM') = ${last}`);
    const summary = impact.months[11];
    expect(summary.total).toBe(Number(byHand.total));
    expect(summary.activeArtisans).toBe(byHand.artisans);
    expect(summary.total).toBeGreaterThan(0);

    const { baseline } = impact;
    expect(baseline.sample).toBeGreaterThan(500);
    expect(baseline.median).not.toBeNull();
    expect(baseline.atLeast.x1).toBeGreaterThanOrEqual(baseline.atLeast.x2);
    expect(baseline.atLeast.x2).toBeGreaterThanOrEqual(baseline.atLeast.x4);
    expect(baseline.buckets.reduce((s, b) => s + b.count, 0)).toBe(baseline.sample);
    // The median splits the sample: at least half are at or above any threshold below it, at most half above one beyond it.
    for (const [threshold, count] of [
      [1, baseline.atLeast.x1],
      [2, baseline.atLeast.x2],
      [4, baseline.atLeast.x4],
    ] as const) {
      if (threshold <= baseline.median!) expect(count).toBeGreaterThanOrEqual(baseline.sample / 2);
      else expect(count).toBeLessThanOrEqual(baseline.sample / 2);
    }
    console.log("impact headline", {
      median: baseline.median,
      sample: baseline.sample,
      atLeast: baseline.atLeast,
      excluded: baseline.excluded,
    });

    const countyTotal = impact.counties.reduce((s, c) => s + c.total, 0);
    expect(countyTotal).toBe(impact.months.reduce((s, m) => s + m.total, 0));
    expect(impact.counties.reduce((s, c) => s + c.artisans, 0)).toBe(impact.artisans);
  });
});
