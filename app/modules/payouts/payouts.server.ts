/**
 * Paying artisans their ledger balance by M-Pesa B2C.
 *
 * Exactly-once, by construction:
 *   1. runPayouts: per artisan, ONE transaction inserts the payout (unique idempotency key
 *      `run:<runId>:artisan:<id>`), moves the amount payable → mpesa_clearing in the ledger and
 *      enqueues `send_payout`. The balance drops at commit, so neither a second run nor a crash
 *      can pay it again; the artisan's account row is locked while its balance is read.
 *   2. send_payout (job): only a `pending` payout is sent, always with its idempotency key as
 *      Daraja's OriginatorConversationID; `pending → submitted` is a conditional update.
 *   3. handlePayoutCallback: matched by ConversationID or OriginatorConversationID, the payout row
 *      locked; only a payout not yet final changes. Success posts clearing → cash
 *      (`payout:<id>:settled`), failure posts clearing → payable (`payout:<id>:reversed`): the money
 *      is back in the balance for the next run. Duplicates and unknown references write nothing.
 */
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { audit } from "~/modules/audit/audit.server";
import { enqueueJob } from "~/modules/jobs/enqueue.server";
import { ACCOUNT_CODES, artisanBalance, payableBalances, postEntry } from "~/modules/ledger/ledger.server";
import { payoutEntry, payoutReversedEntry, payoutSettledEntry } from "~/modules/ledger/entries";
import { queueArtisanSms } from "~/modules/artisan-app/sms.server";
import { db, schema, type Executor } from "~/utils/db.server";
import { decimalAmount, toCsv } from "./csv";
import { payoutAmountFor, toMsisdn } from "./daraja";
import { parsePayoutSearch, previewPage, runTotals, type PayoutCandidate } from "./preview";
import { escapeLike } from "~/utils/sql";
import { payoutSmsText } from "./sms";
import { PayoutRejected, type CallbackKind, type PayoutCallback, type PayoutProvider } from "./provider";

const { payouts, payoutRuns, artisans } = schema;

/** KES 500, in minor units: smaller balances wait for the next run (M-Pesa charges per transfer). */
export const DEFAULT_PAYOUT_THRESHOLD = 50_000;
export const SEND_PAYOUT_MAX_ATTEMPTS = 10;

/** The run threshold in KES minor units: PAYOUT_THRESHOLD_KES (whole shillings) or KES 500. */
export function payoutThreshold(): number {
  const kes = Number(process.env.PAYOUT_THRESHOLD_KES);
  return Number.isFinite(kes) && kes > 0 ? Math.round(kes * 100) : DEFAULT_PAYOUT_THRESHOLD;
}

export type { PayoutCandidate } from "./preview";

/** Who the next run would pay, and how much (whole shillings of what they're owed, up to the M-Pesa cap). In artisan id order. */
export async function previewPayouts(threshold: number, executor: Executor = db): Promise<{ candidates: PayoutCandidate[]; total: number; count: number }> {
  const balances = await payableBalances(threshold, executor);
  if (balances.length === 0) return { candidates: [], total: 0, count: 0 };
  const people = await executor.select({
    id: artisans.id, firstName: artisans.firstName, lastName: artisans.lastName, payoutPhone: artisans.payoutPhone, active: artisans.active,
    phone: artisans.phone, settlement: artisans.settlement, county: artisans.county,
  }).from(artisans).where(inArray(artisans.id, balances.map((b) => b.artisanId)));
  const byId = new Map(people.map((p) => [p.id, p]));
  const candidates = balances.map(({ artisanId, owed }): PayoutCandidate => {
    const person = byId.get(artisanId);
    const phone = person ? toMsisdn(person.payoutPhone) : null;
    const amount = payoutAmountFor(owed);
    const skip = !person || !person.active ? "inactive" : !phone ? "no_phone" : amount === 0 ? "below_minimum" : null;
    return {
      artisanId, name: person ? `${person.firstName} ${person.lastName}` : `#${artisanId}`, phone: person?.payoutPhone ?? null, owed, amount: skip ? 0 : amount, skip,
      loginPhone: person?.phone ?? null, settlement: person?.settlement ?? null, county: person?.county ?? null,
    };
  });
  return { candidates, ...runTotals(candidates) };
}

/**
 * The preview as /ops/payouts shows it: the whole run's totals (count and sum, whatever the page or
 * search), how many artisans it lists (skips included), and one page of those matching `q`, most owed first.
 */
export async function previewPayoutsPage(input: { threshold: number; q?: string; page?: number; pageSize?: number }, executor: Executor = db) {
  const { candidates, count, total } = await previewPayouts(input.threshold, executor);
  return { count, total, listed: candidates.length, q: input.q?.trim() ?? "", ...previewPage(candidates, input) };
}

/**
 * Creates one artisan's payout for this run, or nothing when there is (no longer) enough to pay.
 * Everything in one transaction: payout row, ledger entry payable → clearing, send_payout job.
 */
async function createPayout(runId: number, artisanId: number, threshold: number): Promise<{ payoutId: number; amount: number } | null> {
  return db.transaction(async (tx) => {
    // Serialises two runs (or a run and a retry) on this artisan; QC credits (FOR KEY SHARE) are not blocked.
    await tx.execute(sql`select id from ledger_accounts where code = ${ACCOUNT_CODES.artisanPayable(artisanId)} for no key update`);
    const { amount: owed, currency } = await artisanBalance(artisanId, tx);
    const amount = payoutAmountFor(owed);
    if (owed < threshold || amount === 0) return null;
    const [artisan] = await tx.select({ payoutPhone: artisans.payoutPhone, active: artisans.active }).from(artisans).where(eq(artisans.id, artisanId));
    const phone = artisan?.active ? toMsisdn(artisan.payoutPhone) : null;
    if (!phone) return null;
    const [payout] = await tx.insert(payouts)
      .values({ runId, artisanId, amount, currency, phone: `+${phone}`, status: "pending", idempotencyKey: `run:${runId}:artisan:${artisanId}` })
      .onConflictDoNothing({ target: payouts.idempotencyKey })
      .returning({ id: payouts.id });
    if (!payout) return null;
    await postEntry(tx, payoutEntry({ payoutId: payout.id, artisanId, amount, currency }));
    await enqueueJob(tx, "send_payout", { payoutId: payout.id }, { jobKey: `send_payout:${payout.id}`, maxAttempts: SEND_PAYOUT_MAX_ATTEMPTS });
    return { payoutId: payout.id, amount };
  });
}

export type RunResult = { runId: number; paid: number; total: number; skipped: number };

/**
 * A payout run: every artisan owed at least `threshold` (KES minor units) with a payout phone gets
 * one payout. Safe to run twice or concurrently: a balance already moved to clearing is not there to pay.
 * `actor` is "staff:<id>" from /ops/payouts or "job:payout_run" from the weekly schedule.
 */
export async function runPayouts(input: { threshold: number; actor: string }): Promise<RunResult> {
  if (!Number.isSafeInteger(input.threshold) || input.threshold < 100) throw new Error(`A payout threshold of ${input.threshold} makes no sense.`);
  const run = await db.transaction(async (tx) => {
    const [row] = await tx.insert(payoutRuns).values({ status: "running", threshold: input.threshold, createdBy: input.actor, approvedBy: input.actor }).returning();
    await audit(tx, { actor: input.actor, action: "payout.run", subject: `payout_run:${row.id}`, data: { threshold: input.threshold } });
    return row;
  });
  const { candidates } = await previewPayouts(input.threshold);
  let paid = 0;
  let total = 0;
  let skipped = 0;
  for (const candidate of candidates) {
    const created = candidate.skip ? null : await createPayout(run.id, candidate.artisanId, input.threshold);
    if (created) {
      paid += 1;
      total += created.amount;
    } else skipped += 1;
  }
  await db.transaction(async (tx) => {
    await tx.update(payoutRuns).set({ status: "completed", completedAt: new Date() }).where(eq(payoutRuns.id, run.id));
    await audit(tx, { actor: input.actor, action: "payout.run_created", subject: `payout_run:${run.id}`, data: { payouts: paid, total, skipped } });
  });
  return { runId: run.id, paid, total, skipped };
}

export type SendResult = "submitted" | "rejected" | "already" | "missing";

/**
 * The send_payout job: hands a pending payout to the provider with its idempotency key.
 * A payout already submitted, paid or failed is left alone, so a retried or duplicated job sends nothing.
 * A transient provider error is thrown (graphile-worker retries with the same key); a definite
 * refusal fails the payout and returns the money to the balance.
 */
export async function sendPayout(payoutId: number, provider: PayoutProvider): Promise<SendResult> {
  const [payout] = await db.select().from(payouts).where(eq(payouts.id, payoutId)).limit(1);
  if (!payout) return "missing";
  if (payout.status !== "pending") return "already";
  let providerRef: string;
  try {
    ({ providerRef } = await provider.requestPayment({ payoutId: payout.id, phone: payout.phone, amount: payout.amount, idempotencyKey: payout.idempotencyKey }));
  } catch (error) {
    if (!(error instanceof PayoutRejected)) throw error;
    await db.transaction((tx) => failPayout(tx, payout.id, error.message));
    return "rejected";
  }
  // Conditional: the callback may already have settled it (it matches on the idempotency key).
  await db.update(payouts)
    .set({ status: "submitted", providerRef, updatedAt: new Date() })
    .where(and(eq(payouts.id, payout.id), eq(payouts.status, "pending")));
  return "submitted";
}

async function lockPayout(tx: Executor, where: SQL) {
  const [row] = await tx.select().from(payouts).where(where).orderBy(payouts.id).limit(1).for("update");
  return row ?? null;
}

async function artisanLanguage(tx: Executor, artisanId: number) {
  const [row] = await tx.select({ language: artisans.language }).from(artisans).where(eq(artisans.id, artisanId));
  return row?.language ?? "sw";
}

async function failPayout(tx: Executor, payoutId: number, reason: string) {
  const payout = await lockPayout(tx, eq(payouts.id, payoutId));
  if (!payout || payout.status === "succeeded" || payout.status === "failed") return false;
  await tx.update(payouts).set({ status: "failed", failureReason: reason.slice(0, 500), updatedAt: new Date() }).where(eq(payouts.id, payout.id));
  await postEntry(tx, payoutReversedEntry({ payoutId: payout.id, artisanId: payout.artisanId, amount: payout.amount, currency: payout.currency, reason }));
  const language = await artisanLanguage(tx, payout.artisanId);
  await queueArtisanSms(tx, {
    to: payout.phone, template: "payout_failed", dedupeKey: `payout-sms:${payout.id}`,
    text: payoutSmsText({ language, outcome: "failed", amount: payout.amount, currency: payout.currency }),
  });
  return true;
}

export type CallbackOutcome = "succeeded" | "failed" | "noted" | "duplicate" | "unknown";

/**
 * Applies a provider callback (the webhook route and the local simulator both come here).
 * Idempotent: a payout already succeeded or failed does not change; an unknown reference writes nothing.
 */
export async function handlePayoutCallback(callback: PayoutCallback): Promise<{ outcome: CallbackOutcome; payoutId: number | null }> {
  const matches: SQL[] = [];
  if (callback.providerRef) matches.push(eq(payouts.providerRef, callback.providerRef));
  if (callback.originatorRef) matches.push(eq(payouts.idempotencyKey, callback.originatorRef));
  if (matches.length === 0) return { outcome: "unknown", payoutId: null };
  return db.transaction(async (tx) => {
    const payout = await lockPayout(tx, or(...matches)!);
    if (!payout) {
      console.warn(`M-Pesa callback for an unknown payout (${callback.providerRef ?? "-"} / ${callback.originatorRef ?? "-"}): ignored.`);
      return { outcome: "unknown" as const, payoutId: null };
    }
    if (payout.status === "succeeded" || payout.status === "failed") {
      if (callback.outcome !== "timeout" && callback.outcome !== payout.status) {
        console.warn(`M-Pesa says payout ${payout.id} ${callback.outcome} but it is already ${payout.status}: left as it is, check with Safaricom.`);
      }
      return { outcome: "duplicate" as const, payoutId: payout.id };
    }
    const providerRef = payout.providerRef ?? callback.providerRef;
    if (callback.outcome === "timeout") {
      // M-Pesa may still pay a request that timed out in its queue: keep the money in clearing, flag it.
      await tx.update(payouts).set({ providerRef, failureReason: `Timed out in the M-Pesa queue: ${callback.reason}`.slice(0, 500), updatedAt: new Date() })
        .where(eq(payouts.id, payout.id));
      return { outcome: "noted" as const, payoutId: payout.id };
    }
    if (callback.outcome === "failed") {
      await tx.update(payouts).set({ providerRef }).where(eq(payouts.id, payout.id));
      await failPayout(tx, payout.id, callback.reason);
      return { outcome: "failed" as const, payoutId: payout.id };
    }
    await tx.update(payouts)
      .set({ status: "succeeded", providerRef, receipt: callback.receipt, failureReason: null, updatedAt: new Date() })
      .where(eq(payouts.id, payout.id));
    await postEntry(tx, payoutSettledEntry({ payoutId: payout.id, amount: payout.amount, currency: payout.currency, receipt: callback.receipt }));
    const language = await artisanLanguage(tx, payout.artisanId);
    await queueArtisanSms(tx, {
      to: payout.phone, template: "payout_paid", dedupeKey: `payout-sms:${payout.id}`,
      text: payoutSmsText({ language, outcome: "succeeded", amount: payout.amount, currency: payout.currency, receipt: callback.receipt }),
    });
    return { outcome: "succeeded" as const, payoutId: payout.id };
  });
}

/** Parses a raw callback body with the provider and applies it. Throws MalformedCallback on a bad body. */
export async function receiveMpesaCallback(provider: PayoutProvider, kind: CallbackKind, body: unknown) {
  return handlePayoutCallback(provider.parseCallback(body, kind));
}

// ---------------------------------------------------------------------------------------------
// Reading, for /ops/payouts and exports

export const RUNS_PAGE_SIZE = 10;
export const PAYOUTS_PAGE_SIZE = 25;

export async function listRuns(page = 1) {
  const rows = await db.execute<{ id: number; status: string; threshold: number; created_by: string; created_at: string; completed_at: string | null; payouts: number; total: string; succeeded: number; failed: number; open: number; all_runs: number }>(sql`
    select r.id, r.status, r.threshold, r.created_by, r.created_at, r.completed_at,
           count(p.id)::int as payouts, coalesce(sum(p.amount), 0)::bigint::text as total,
           count(p.id) filter (where p.status = 'succeeded')::int as succeeded,
           count(p.id) filter (where p.status = 'failed')::int as failed,
           count(p.id) filter (where p.status in ('pending', 'submitted'))::int as open,
           count(*) over ()::int as all_runs
    from payout_runs r left join payouts p on p.run_id = r.id
    group by r.id order by r.id desc
    limit ${RUNS_PAGE_SIZE} offset ${(Math.max(1, page) - 1) * RUNS_PAGE_SIZE}`);
  return {
    runs: rows.map((r) => ({
      id: Number(r.id), status: r.status, threshold: Number(r.threshold), createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(),
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null, payouts: r.payouts, total: Number(r.total),
      succeeded: r.succeeded, failed: r.failed, open: r.open,
    })),
    pageCount: Math.max(1, Math.ceil((rows[0]?.all_runs ?? 0) / RUNS_PAGE_SIZE)),
  };
}

export type PayoutListFilter = { runId?: number; status?: (typeof schema.PAYOUT_STATUSES)[number]; find?: string; page?: number; limit?: number };

/** The payouts table's search: an artisan (`#42`, name words or phone however typed) or an M-Pesa receipt. */
function payoutSearchCondition(find: string | undefined) {
  const search = parsePayoutSearch(find);
  switch (search.kind) {
    case "all": return undefined;
    case "artisan": return eq(payouts.artisanId, search.artisanId);
    case "phone": {
      const digits = `%${escapeLike(search.digits)}%`;
      return or(
        sql`regexp_replace(regexp_replace(${payouts.phone}, '[^0-9]', '', 'g'), '^(254|0)', '') like ${digits}`,
        sql`regexp_replace(regexp_replace(${artisans.phone}, '[^0-9]', '', 'g'), '^(254|0)', '') like ${digits}`,
      );
    }
    case "words": {
      const receipt = search.words.length === 1 ? eq(payouts.receipt, search.words[0].toUpperCase()) : undefined;
      const name = and(...search.words.map((word) => sql`lower(${artisans.firstName} || ' ' || ${artisans.lastName}) like ${`%${escapeLike(word)}%`}`));
      return receipt ? or(receipt, name) : name;
    }
  }
}

export async function listPayouts(filter: PayoutListFilter = {}) {
  const where = and(
    filter.runId ? eq(payouts.runId, filter.runId) : undefined,
    filter.status ? eq(payouts.status, filter.status) : undefined,
    payoutSearchCondition(filter.find),
  );
  const limit = filter.limit ?? PAYOUTS_PAGE_SIZE;
  const rows = await db.select({
    id: payouts.id, runId: payouts.runId, artisanId: payouts.artisanId, firstName: artisans.firstName, lastName: artisans.lastName,
    amount: payouts.amount, currency: payouts.currency, phone: payouts.phone, status: payouts.status, providerRef: payouts.providerRef,
    receipt: payouts.receipt, failureReason: payouts.failureReason, createdAt: payouts.createdAt, updatedAt: payouts.updatedAt,
    total: sql<number>`count(*) over ()::int`,
  }).from(payouts).innerJoin(artisans, eq(artisans.id, payouts.artisanId)).where(where)
    .orderBy(desc(payouts.id)).limit(limit).offset((Math.max(1, filter.page ?? 1) - 1) * limit);
  return { payouts: rows.map(({ total: _total, ...row }) => row), pageCount: Math.max(1, Math.ceil((rows[0]?.total ?? 0) / limit)), total: rows[0]?.total ?? 0 };
}

/** Every payout matching the filter as CSV, newest first (for finance's spreadsheet and the M-Pesa statement). */
export async function payoutsCsv(filter: Omit<PayoutListFilter, "page" | "limit"> = {}): Promise<string> {
  const { payouts: rows } = await listPayouts({ ...filter, page: 1, limit: 100_000 });
  return toCsv(
    ["payout_id", "run_id", "artisan_id", "artisan_name", "phone", "amount", "currency", "status", "mpesa_receipt", "provider_ref", "failure_reason", "created_at", "updated_at"],
    rows.map((p) => [
      p.id, p.runId, p.artisanId, `${p.firstName} ${p.lastName}`, p.phone, decimalAmount(p.amount), p.currency, p.status,
      p.receipt, p.providerRef, p.failureReason, p.createdAt.toISOString(), p.updatedAt.toISOString(),
    ]),
  );
}
