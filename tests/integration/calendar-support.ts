/**
 * The demo and every date rule at a fixed "now": each calendar-*.test.ts file seeds its own database
 * as if `npm start` ran at that instant and checks what the dashboards, the payouts page, the
 * production board and the impact report then say. The suite must pass whatever the date and hour
 * it runs at; these dates are the ones that broke it or could (Mondays around the 06:00 Nairobi
 * payout run, a Sunday night in Nairobi that is still Sunday in UTC, a Monday run on the 30th,
 * month and year ends where Nairobi is a day ahead of UTC, a leap day).
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PRINTED_CARD_CODES } from "#db/seed/giftcards";
import { seedDemo } from "#db/seed/index";
import { parseCode } from "~/domain/giftcards";
import { hashCode } from "~/domain/giftcards/code-hash.server";
import { completeMonthsBefore } from "~/domain/impact/impact";
import { loadImpact } from "~/domain/impact/impact.server";
import { trialBalance } from "~/domain/ledger/ledger.server";
import { loadDashboard } from "~/features/ops/dashboard.server";
import { zonedDate } from "~/lib/time";
import { lastScheduledPayoutRun } from "~/domain/payouts/schedule";
import { PAYOUTS_PAGE_SIZE } from "~/domain/payouts/payouts.server";
import { loadBoard } from "~/domain/production/board.server";
import { boardQuerySchema } from "~/domain/production/board";
import { db } from "~/lib/db.server";

const THRESHOLD = 50_000;
const DEMO_PHONE = "+254700000001";

export function describeDemoAt(label: string, iso: string) {
  const now = new Date(iso);

  describe(`the demo seeded ${label} (${iso})`, () => {
    beforeAll(async () => {
      await db.transaction((tx) => seedDemo(tx, { now }));
    }, 120_000);

    it("has a history that ends at the last weekly payout run, with nothing in the future", async () => {
      const [facts] = await db.execute<{ last_run: string; future: number }>(sql`
        select (select max(created_at) from payout_runs)::text as last_run,
               ((select count(*) from ledger_entries where at > ${iso}::timestamptz)
                + (select count(*) from qc_inspections where at > ${iso}::timestamptz)
                + (select count(*) from payout_runs where created_at > ${iso}::timestamptz))::int as future`);
      expect(facts.future).toBe(0);
      const weekly = lastScheduledPayoutRun(now);
      expect(new Date(facts.last_run).getTime()).toBeGreaterThanOrEqual(weekly.getTime());
      // Artisan pay in shillings; gift cards and returns in dollars, the demo pound card in pounds: each currency balances on its own.
      expect((await trialBalance()).totals).toEqual({ KES: 0, GBP: 0, USD: 0 });
      // The README's printed cards are the register's unsold stack.
      const hashes = DEMO_PRINTED_CARD_CODES.map((code) => {
        const parsed = parseCode(code);
        return parsed.ok ? hashCode(parsed.code) : "";
      });
      const [stack] = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from gift_cards where kind = 'physical' and status = 'inactive'
          and code_hash in (${sql.join(
            hashes.map((h) => sql`${h}`),
            sql`, `,
          )})`);
      expect(stack.n).toBe(5);
    });

    it("paid everyone the last run could pay; only the few whose work passed QC since are owed", async () => {
      // Balances as the last run left them: its payouts are entered at the run (and settled minutes
      // later); work that passed QC after it waits for the next one.
      const [lastRun] = await db.execute<{ at: string }>(sql`select max(created_at)::text as at from payout_runs`);
      const [unpaid] = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from (
          select a.artisan_id from ledger_lines l join ledger_entries e on e.id = l.entry_id
          join ledger_accounts a on a.id = l.account_id and a.kind = 'artisan_payable'
          where e.at <= ${lastRun.at}::timestamptz + interval '10 minutes' and not (e.kind = 'qc_credit' and e.at >= ${lastRun.at}::timestamptz)
          group by a.artisan_id having -sum(l.amount) >= ${THRESHOLD}) owed`);
      expect(unpaid.n).toBe(0);

      const dashboard = await loadDashboard({ threshold: THRESHOLD, now });
      expect(dashboard.payoutsDue.artisans).toBeGreaterThan(0);
      // Few enough that the next run is one page of the payouts table, as on any day of the week.
      expect(dashboard.payoutsDue.artisans).toBeLessThan(PAYOUTS_PAGE_SIZE);
      const [before] = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from (
          select a.artisan_id from ledger_lines l join ledger_entries e on e.id = l.entry_id
          join ledger_accounts a on a.id = l.account_id and a.kind = 'artisan_payable'
          group by a.artisan_id
          having -sum(l.amount) >= ${THRESHOLD} and max(e.at) filter (where e.kind = 'qc_credit') <= ${lastRun.at}::timestamptz) stale`);
      expect(before.n).toBe(0);
    });

    it("leaves the demo artisan owed nothing, with no recent work, and her offers open", async () => {
      const [grace] = await db.execute<{ owed: string; recent: number; open_offers: number }>(sql`
        select coalesce((select -sum(l.amount) from ledger_lines l join ledger_accounts a on a.id = l.account_id where a.artisan_id = ar.id), 0)::text as owed,
               (select count(*) from production_requests pr where pr.artisan_id = ar.id and pr.status = 'qc_passed'
                  and pr.updated_at > ${iso}::timestamptz - interval '30 days')::int as recent,
               (select count(*) from production_requests pr where pr.artisan_id = ar.id and pr.status = 'offered'
                  and pr.offer_expires_at > ${iso}::timestamptz)::int as open_offers
        from artisans ar where ar.phone = ${DEMO_PHONE}`);
      expect(Number(grace.owed)).toBe(0);
      expect(grace.recent).toBe(0);
      expect(grace.open_offers).toBeGreaterThan(0);
    });

    it("shows the late work as late on the dashboard and on the production board, by Nairobi's date", async () => {
      const dashboard = await loadDashboard({ threshold: THRESHOLD, now });
      expect(dashboard.late.total).toBeGreaterThanOrEqual(12);
      const lateOnBoard = async (state: "accepted" | "in_progress") =>
        (await loadBoard(boardQuerySchema.parse({ state, late: "1" }), 30, now)).total;
      expect((await lateOnBoard("accepted")) + (await lateOnBoard("in_progress"))).toBeGreaterThanOrEqual(12);
      const board = await loadBoard(boardQuerySchema.parse({ state: "in_progress" }), 30, now);
      expect(board.rows.filter((r) => r.late && !r.flagged).length).toBeGreaterThan(0);
      // One rule: the board's late work, over every tab, is the dashboard's.
      const lateTabs = (await loadBoard(boardQuerySchema.parse({ late: "1" }), 30, now)).tabs;
      expect(lateTabs.reduce((sum, t) => sum + t.count, 0)).toBe(dashboard.late.total);
    });

    it("reports twelve complete months of impact, each with work in it", async () => {
      const impact = await loadImpact({ now });
      const today = zonedDate(now);
      expect(impact.months.map((m) => m.month)).toEqual(completeMonthsBefore(today.year, today.month, 12));
      for (const month of impact.months) {
        expect(month.total, month.month).toBeGreaterThan(0);
        expect(month.activeArtisans, month.month).toBeGreaterThan(0);
      }
    });
  });
}
