/**
 * Twelve months of factory history for the demo, so the dashboard, the impact report and the
 * payouts pages show something on a fresh start: per active artisan, about one QC-passed production
 * request a month (with its inspection, a QC event and its ledger credit), some failed-then-reworked
 * inspections, payout runs every two months plus one last Monday (each payout with its ledger
 * entries, settled), a few artisans owed since that run, and a handful of late requests in progress.
 *
 * Deterministic given `now` (a seeded PRNG; dates are relative to `now` so "this month" always has
 * data). Bulk inserts; balanced ledger entries written directly with the ledger's own entry shapes.
 * The demo artisan (+254700000001) has no work in the last 31 days and owes nothing, so the
 * end-to-end suites that pay her or show her deliveries start from a clean slate.
 */
import { sql } from "drizzle-orm";
import { lastScheduledPayoutRun } from "../../app/domain/payouts/schedule";
import { describeAccount, payoutEntry, payoutSettledEntry, qcCreditEntry, type LedgerEntryInput } from "../../app/domain/ledger/entries";
import type { Executor } from "../client";
import * as schema from "../schema";
import { DEMO_LOGINS } from "./demo";
import { Random } from "./random";

const DAY = 86_400_000;
const CHUNK = 5000;
const MONTHS = 12;
const THRESHOLD = 50_000;
const NAIROBI_OFFSET_MS = 3 * 3_600_000;

export type HistorySummary = {
  requests: number;
  inspections: number;
  credits: number;
  payouts: number;
  runs: number;
  late: number;
  ms: number;
};

/**
 * Inserts rows through one JSON parameter per chunk (json_to_recordset): far fewer bind
 * parameters and far less query building than a VALUES list, so a year of history takes seconds.
 * `columns` maps snake_case column → SQL type; table and column names are constants of this file.
 */
async function bulkInsert<R = never>(
  db: Executor,
  table: string,
  columns: Record<string, string>,
  rows: Array<Record<string, unknown>>,
  returning?: string,
): Promise<R[]> {
  const names = Object.keys(columns).join(", ");
  const defs = Object.entries(columns)
    .map(([name, type]) => `${name} ${type}`)
    .join(", ");
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    const result = await db.execute<Record<string, unknown>>(
      sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from json_to_recordset(${json}::json) as x(${sql.raw(defs)})${sql.raw(returning ? ` returning ${returning}` : "")}`,
    );
    if (returning) out.push(...(result as unknown as R[]));
  }
  return out;
}

/** A standard normal draw (Box–Muller) from the seeded generator. */
function normal(rng: Random) {
  const u = Math.max(rng.next(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** 1st of the month `offset` months from the Nairobi month of `now`, at 06:00 Nairobi. */
function monthStart(now: Date, offset: number): Date {
  const local = new Date(now.getTime() + NAIROBI_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + offset, 1, 3));
}

function isoDate(d: Date) {
  return new Date(d.getTime() + NAIROBI_OFFSET_MS).toISOString().slice(0, 10);
}

export async function seedHistory(db: Executor, options: { now?: Date } = {}): Promise<HistorySummary> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const rng = new Random("soko-demo:history");

  const [artisans, artisanSkills, productSkills, variants] = await Promise.all([
    db
      .select({
        id: schema.artisans.id,
        phone: schema.artisans.phone,
        payoutPhone: schema.artisans.payoutPhone,
        joinedAt: schema.artisans.joinedAt,
        baseline: schema.artisans.baselineMonthlyEarnings,
        active: schema.artisans.active,
      })
      .from(schema.artisans)
      .orderBy(schema.artisans.id),
    db.select().from(schema.artisanSkills),
    db.select().from(schema.productSkills),
    db
      .select({
        id: schema.variants.id,
        productId: schema.variants.productId,
        pieceRate: schema.variants.pieceRate,
        currency: schema.variants.pieceRateCurrency,
      })
      .from(schema.variants)
      .orderBy(schema.variants.id),
  ]);
  const kes = variants.filter((v) => v.currency === "KES");
  if (!artisans.length || !kes.length) return { requests: 0, inspections: 0, credits: 0, payouts: 0, runs: 0, late: 0, ms: 0 };

  // Which variants each artisan can make (any shared skill); everyone can at least polish something.
  const variantsBySkill = new Map<number, typeof kes>();
  const skillsOfProduct = new Map<number, number[]>();
  for (const ps of productSkills) skillsOfProduct.set(ps.productId, [...(skillsOfProduct.get(ps.productId) ?? []), ps.skillId]);
  for (const v of kes)
    for (const skill of skillsOfProduct.get(v.productId) ?? []) variantsBySkill.set(skill, [...(variantsBySkill.get(skill) ?? []), v]);
  const skillsOf = new Map<number, number[]>();
  for (const s of artisanSkills) skillsOf.set(s.artisanId, [...(skillsOf.get(s.artisanId) ?? []), s.skillId]);

  // Payout runs: the 1st of every other month, and the last weekly run (Monday 06:00 Nairobi, the
  // worker's schedule) when that is later — so the history ends the way the live schedule would.
  const runTimes: Date[] = [];
  for (let offset = -MONTHS + 1; offset <= 0; offset += 2) {
    const at = monthStart(now, offset);
    if (at <= now) runTimes.push(at);
  }
  const lastMonday = lastScheduledPayoutRun(now);
  if (lastMonday > runTimes[runTimes.length - 1]) runTimes.push(lastMonday);
  const lastRun = runTimes[runTimes.length - 1];
  const demoPhone = DEMO_LOGINS.artisan.phone;

  type Work = {
    artisanId: number;
    variantId: number;
    pieceRate: number;
    quantity: number;
    qcAt: Date;
    reworkAt: Date | null;
    failed: number;
  };
  const work: Work[] = [];
  for (const artisan of artisans) {
    if (!artisan.active) continue;
    const a = rng.fork(`artisan:${artisan.id}`);
    const options = [...new Set((skillsOf.get(artisan.id) ?? []).flatMap((s) => variantsBySkill.get(s) ?? []))];
    const makeable = options.length ? options : kes;
    // How far Soko lifted this artisan's income: log-normal around 3.6×, some far less, a few far more.
    const lift = Math.exp(Math.log(3.6) + 0.6 * normal(a));
    const steady = a.chance(0.8) ? 0.92 : 0.55;
    const owedSinceRun = artisan.phone !== demoPhone && a.chance(0.02);
    for (let offset = -MONTHS; offset <= 0; offset++) {
      const start = monthStart(now, offset);
      const end = offset === 0 ? now : monthStart(now, offset + 1);
      const monthsIn = Math.floor((start.getTime() - artisan.joinedAt.getTime()) / (30 * DAY));
      if (monthsIn < -1 || !a.chance(steady)) continue;
      const ramp = monthsIn < 0 ? 0.35 : monthsIn === 0 ? 0.6 : monthsIn === 1 ? 0.8 : 1;
      const target = artisan.baseline * lift * ramp * (0.8 + a.next() * 0.4);
      const variant = a.pick(makeable);
      const quantity = Math.max(1, Math.min(400, Math.round(target / variant.pieceRate)));
      // When the hub passed it: some day of its month, and before the last run — whichever month the
      // last run fell in (a Monday run on the 30th leaves the 30th's work owed otherwise) — except
      // the few still owed since, whose work this month comes after it. The demo artisan: not in the
      // last 31 days (outside dispatch's 30-day fairness window, so new orders for what she makes reach her first).
      let earliest = Math.max(start.getTime(), artisan.joinedAt.getTime()) + DAY / 8;
      let latest = Math.min(end.getTime(), lastRun.getTime()) - DAY / 4;
      if (offset === 0 && owedSinceRun) {
        // Between the last run and now, however little time has passed since it.
        earliest = lastRun.getTime() + 1;
        latest = now.getTime();
      }
      if (artisan.phone === demoPhone) latest = Math.min(latest, now.getTime() - 31 * DAY);
      if (latest <= earliest) continue;
      const qcAt = new Date(earliest + Math.floor(a.next() * (latest - earliest)));
      const reworked = a.chance(0.08);
      work.push({
        artisanId: artisan.id,
        variantId: variant.id,
        pieceRate: variant.pieceRate,
        quantity,
        qcAt,
        reworkAt: reworked ? new Date(qcAt.getTime() - a.int(2, 5) * DAY) : null,
        failed: reworked ? Math.max(1, Math.round(quantity * (0.1 + a.next() * 0.3))) : 0,
      });
    }
  }

  // A few requests in progress and late: what operations should chase on the dashboard. At least two
  // days overdue, so they are late by Nairobi's date and by UTC's at any hour of the day.
  const lateCandidates = artisans.filter((x) => x.active && x.phone !== demoPhone);
  const lateWork = Array.from({ length: 12 }, (_, i) => {
    const artisan = lateCandidates[(i * 97 + 13) % lateCandidates.length];
    const variant = rng.pick(kes);
    return {
      artisanId: artisan.id,
      variantId: variant.id,
      pieceRate: variant.pieceRate,
      quantity: rng.int(4, 30),
      dueDaysAgo: rng.int(2, 10),
      status: (i % 3 === 0 ? "accepted" : "in_progress") as schema.ProductionStatus,
      flagged: i % 2 === 0,
    };
  });

  const total = work.length + lateWork.length;
  const numbers = (
    await db.execute<{ n: string }>(sql`select nextval('production_request_numbers')::text as n from generate_series(1, ${total})`)
  ).map((r) => `PR-${r.n}`);

  // Requests, then their inspections (a failed one first where reworked), events and credits.
  const requestRows = work.map((w, i) => {
    const createdAt = new Date((w.reworkAt ?? w.qcAt).getTime() - (14 + (i % 14)) * DAY);
    return {
      number: numbers[i],
      variant_id: w.variantId,
      quantity: w.quantity,
      units_made: w.quantity,
      artisan_id: w.artisanId,
      piece_rate: w.pieceRate,
      due_date: isoDate(new Date(createdAt.getTime() + 21 * DAY)),
      status: "qc_passed",
      late: false,
      created_at: createdAt,
      updated_at: w.qcAt,
    };
  });
  const lateRows = lateWork.map((w, i) => {
    const due = new Date(now.getTime() - w.dueDaysAgo * DAY);
    return {
      number: numbers[work.length + i],
      variant_id: w.variantId,
      quantity: w.quantity,
      units_made: w.status === "in_progress" ? Math.floor(w.quantity / 3) : 0,
      artisan_id: w.artisanId,
      piece_rate: w.pieceRate,
      due_date: isoDate(due),
      status: w.status,
      late: w.flagged,
      created_at: new Date(due.getTime() - 18 * DAY),
      updated_at: new Date(due.getTime() - 10 * DAY),
    };
  });
  const requested = await bulkInsert<{ id: number; number: string }>(
    db,
    "production_requests",
    {
      number: "text",
      variant_id: "int",
      quantity: "int",
      units_made: "int",
      artisan_id: "int",
      piece_rate: "int",
      due_date: "date",
      status: "text",
      late: "boolean",
      created_at: "timestamptz",
      updated_at: "timestamptz",
    },
    [...requestRows, ...lateRows],
    "id, number",
  );
  const ids = new Map(requested.map((r) => [r.number, Number(r.id)]));

  const inspections = work.flatMap((w, i) => {
    const requestId = ids.get(numbers[i])!;
    const passed = {
      request_id: requestId,
      units_passed: w.quantity,
      units_failed: 0,
      defect_reason: null,
      outcome: "passed",
      inspector: "hub:demo",
      at: w.qcAt,
    };
    if (!w.reworkAt) return [passed];
    return [
      {
        request_id: requestId,
        units_passed: 0,
        units_failed: w.failed,
        outcome: "failed_rework",
        inspector: "hub:demo",
        defect_reason: "Uneven finish",
        at: w.reworkAt,
      },
      passed,
    ];
  });
  const inspected = await bulkInsert<{ id: number; request_id: number; outcome: string }>(
    db,
    "qc_inspections",
    {
      request_id: "int",
      units_passed: "int",
      units_failed: "int",
      defect_reason: "text",
      outcome: "text",
      inspector: "text",
      at: "timestamptz",
    },
    inspections,
    "id, request_id, outcome",
  );
  const passedInspection = new Map(inspected.filter((r) => r.outcome === "passed").map((r) => [Number(r.request_id), Number(r.id)]));

  await bulkInsert(
    db,
    "production_events",
    { request_id: "int", artisan_id: "int", from_status: "text", to_status: "text", actor: "text", at: "timestamptz" },
    [
      ...work.map((w, i) => ({
        request_id: ids.get(numbers[i])!,
        artisan_id: w.artisanId,
        from_status: "received",
        to_status: "qc_passed",
        actor: "hub:demo",
        at: w.qcAt,
      })),
      ...lateRows.flatMap((r) => [
        {
          request_id: ids.get(r.number)!,
          artisan_id: r.artisan_id,
          from_status: "offered",
          to_status: "accepted",
          actor: `artisan:${r.artisan_id}`,
          at: new Date(r.created_at.getTime() + DAY),
        },
        ...(r.status === "in_progress"
          ? [
              {
                request_id: ids.get(r.number)!,
                artisan_id: r.artisan_id,
                from_status: "accepted",
                to_status: "in_progress",
                actor: `artisan:${r.artisan_id}`,
                at: r.updated_at,
              },
            ]
          : []),
      ]),
    ],
  );

  // The ledger: QC credits at the hub's pass, then payout runs that pay every balance ≥ KES 500.
  type Posting = { entry: LedgerEntryInput; at: Date };
  const postings: Posting[] = work.map((w, i) => ({
    at: w.qcAt,
    entry: qcCreditEntry({
      inspectionId: passedInspection.get(ids.get(numbers[i])!)!,
      artisanId: w.artisanId,
      units: w.quantity,
      pieceRate: w.pieceRate,
      currency: "KES",
      requestNumber: numbers[i],
    }),
  }));
  const byArtisan = new Map<number, Work[]>();
  for (const w of work) byArtisan.set(w.artisanId, [...(byArtisan.get(w.artisanId) ?? []), w]);
  const payoutPhone = new Map(artisans.map((x) => [x.id, x.payoutPhone]));

  const runRows = await db
    .insert(schema.payoutRuns)
    .values(
      runTimes.map((at) => ({
        status: "completed" as const,
        threshold: THRESHOLD,
        createdBy: "job:payout_run",
        approvedBy: "job:payout_run",
        createdAt: at,
        completedAt: new Date(at.getTime() + 60_000),
      })),
    )
    .returning({ id: schema.payoutRuns.id, createdAt: schema.payoutRuns.createdAt });
  const payoutRows: Array<Record<string, unknown>> = [];
  for (const [artisanId, items] of byArtisan) {
    let paid = 0;
    for (const run of runRows) {
      const earned = items.filter((w) => w.qcAt < run.createdAt).reduce((s, w) => s + w.quantity * w.pieceRate, 0);
      const amount = Math.floor((earned - paid) / 100) * 100;
      if (amount < THRESHOLD) continue;
      paid += amount;
      const settledAt = new Date(run.createdAt.getTime() + 5 * 60_000);
      payoutRows.push({
        run_id: run.id,
        artisan_id: artisanId,
        amount,
        currency: "KES",
        phone: payoutPhone.get(artisanId)!,
        status: "succeeded",
        idempotency_key: `history:run:${run.id}:artisan:${artisanId}`,
        provider_ref: `AG_DEMO_${run.id}_${artisanId}`,
        receipt: receipt(rng),
        created_at: run.createdAt,
        updated_at: settledAt,
      });
    }
  }
  const payoutIds = (
    await bulkInsert<{ id: number; artisan_id: number; amount: number; created_at: string | Date; receipt: string }>(
      db,
      "payouts",
      {
        run_id: "int",
        artisan_id: "int",
        amount: "int",
        currency: "text",
        phone: "text",
        status: "text",
        idempotency_key: "text",
        provider_ref: "text",
        receipt: "text",
        created_at: "timestamptz",
        updated_at: "timestamptz",
      },
      payoutRows,
      "id, artisan_id, amount, created_at, receipt",
    )
  ).map((p) => ({
    id: Number(p.id),
    artisanId: Number(p.artisan_id),
    amount: Number(p.amount),
    createdAt: new Date(p.created_at),
    receipt: p.receipt,
  }));
  for (const p of payoutIds) {
    postings.push({ at: p.createdAt, entry: payoutEntry({ payoutId: p.id, artisanId: p.artisanId, amount: p.amount, currency: "KES" }) });
    postings.push({
      at: new Date(p.createdAt.getTime() + 5 * 60_000),
      entry: payoutSettledEntry({ payoutId: p.id, amount: p.amount, currency: "KES", receipt: p.receipt ?? "" }),
    });
  }

  // Accounts (created like the ledger module does on first use), entries, then their lines.
  const codes = [...new Set(postings.flatMap((p) => p.entry.lines.map((l) => l.accountCode)))];
  await bulkInsert(
    db,
    "ledger_accounts",
    { code: "text", name: "text", kind: "text", artisan_id: "int", currency: "text" },
    codes.map((code) => {
      const { kind, name, artisanId } = describeAccount(code);
      return { code, name, kind, artisan_id: artisanId, currency: "KES" };
    }),
  );
  const accountIds = new Map(
    (await db.select({ id: schema.ledgerAccounts.id, code: schema.ledgerAccounts.code }).from(schema.ledgerAccounts)).map((r) => [
      r.code,
      r.id,
    ]),
  );
  const entries = await bulkInsert<{ id: number; reference: string }>(
    db,
    "ledger_entries",
    { kind: "text", reference: "text", memo: "text", at: "timestamptz" },
    postings.map((p) => ({ kind: p.entry.kind, reference: p.entry.reference, memo: p.entry.memo ?? "", at: p.at })),
    "id, reference",
  );
  const entryIds = new Map(entries.map((r) => [r.reference, Number(r.id)]));
  await bulkInsert(
    db,
    "ledger_lines",
    { entry_id: "int", account_id: "int", amount: "int", currency: "text" },
    postings.flatMap((p) =>
      p.entry.lines.map((l) => ({
        entry_id: entryIds.get(p.entry.reference)!,
        account_id: accountIds.get(l.accountCode)!,
        amount: l.amount,
        currency: l.currency,
      })),
    ),
  );

  return {
    requests: work.length,
    inspections: inspections.length,
    credits: work.length,
    payouts: payoutIds.length,
    runs: runRows.length,
    late: lateRows.length,
    ms: Math.round(performance.now() - started),
  };
}

const RECEIPT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/** An M-Pesa-looking receipt: ten capitals and digits. */
function receipt(rng: Random) {
  return Array.from({ length: 10 }, () => RECEIPT_CHARS[rng.int(0, RECEIPT_CHARS.length - 1)]).join("");
}
