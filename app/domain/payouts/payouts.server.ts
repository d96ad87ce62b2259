/**
 * Paying artisans their ledger balance by M-Pesa B2C.
 *
 * Exactly-once, by construction:
 *   1. runPayouts: per artisan, ONE transaction inserts the payout (unique idempotency key
 *      `run:<runId>:artisan:<id>`), moves the amount payable → mpesa_clearing in the ledger and
 *      enqueues `send_payout`. The balance drops at commit, so neither a second run nor a crash
 *      can pay it again; the artisan's account row is locked while its balance is read.
 *   2. send_payout (job): only a `pending` payout is sent, always with its idempotency key as
 *      Daraja's OriginatorConversationID; `pending → submitted` stores the ConversationID Daraja
 *      answered (random: the key is guessable, this is not).
 *   3. handlePayoutCallback: every callback is recorded (payout_callbacks). A B2C result is applied
 *      only with BOTH the payout's key and its ConversationID (before we stored it: parked); then
 *      callback-rules.ts decides. Success posts clearing → cash (`payout:<id>:settled`). A reported
 *      failure or queue timeout moves nothing: the payout goes to `reconciling`.
 *   4. reconcile_payout (job): asks M-Pesa (transaction status query); its answer, matched by the
 *      query's own ConversationID, settles the payout or reverses it clearing → payable
 *      (`payout:<id>:reversed`) — the only way money returns after M-Pesa accepted a request.
 *      Contradicting reports are conflicts for finance ("Needs a look" on /ops/payouts), never applied.
 */
import { and, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { ACCOUNT_CODES, artisanBalance, payableBalances, postEntry } from "~/domain/ledger/index.server";
import { payoutEntry, payoutReversedEntry, payoutSettledEntry } from "~/domain/ledger";
import { queueArtisanSms } from "~/domain/messaging/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { decimalAmount, toCsv } from "~/lib/csv";
import { toMsisdn } from "~/lib/phone";
import { payoutAmountFor } from "./daraja";
import { PayoutsChanged, payeesDigest, sameAsApproved, type RunApproval } from "./approval";
import { parsePayoutSearch, previewPage, runTotals, type PayoutCandidate } from "./preview";
import { escapeLike, listTotal } from "~/lib/sql";
import { env } from "~/lib/env.server";
import { payoutSmsText } from "./sms";
import { decideReport, type MatchedReport } from "./callback-rules";
import {
  MalformedCallback,
  PayoutDuplicate,
  PayoutRejected,
  type CallbackKind,
  type PayoutCallback,
  type PayoutProvider,
} from "./provider";

const { payouts, payoutRuns, artisans, payoutCallbacks } = schema;

export const SEND_PAYOUT_MAX_ATTEMPTS = 10;

/** The run threshold in KES minor units: PAYOUT_THRESHOLD_KES (whole shillings, validated by env(); default KES 500). */
export function payoutThreshold(): number {
  return env().PAYOUT_THRESHOLD_KES * 100;
}

export type { PayoutCandidate } from "./preview";

/** Who the next run would pay, and how much (whole shillings of what they're owed, up to the M-Pesa cap). In artisan id order. */
export async function previewPayouts(
  threshold: number,
  executor: Executor = db,
): Promise<{ candidates: PayoutCandidate[]; total: number; count: number; digest: string }> {
  const balances = await payableBalances(threshold, executor);
  if (balances.length === 0) return { candidates: [], total: 0, count: 0, digest: payeesDigest([]) };
  const ids = balances.map((b) => b.artisanId);
  const [people, held] = await Promise.all([
    executor
      .select({
        id: artisans.id,
        firstName: artisans.firstName,
        lastName: artisans.lastName,
        payoutPhone: artisans.payoutPhone,
        active: artisans.active,
        phone: artisans.phone,
        settlement: artisans.settlement,
        county: artisans.county,
      })
      .from(artisans)
      .where(inArray(artisans.id, ids)),
    heldArtisans(ids, executor),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const candidates = balances.map(({ artisanId, owed }): PayoutCandidate => {
    const person = byId.get(artisanId);
    const phone = person ? toMsisdn(person.payoutPhone) : null;
    const amount = payoutAmountFor(owed);
    const skip = !person?.active ? "inactive" : !phone ? "no_phone" : amount === 0 ? "below_minimum" : (held.get(artisanId) ?? null);
    return {
      artisanId,
      name: person ? `${person.firstName} ${person.lastName}` : `#${artisanId}`,
      phone: person?.payoutPhone ?? null,
      owed,
      amount: skip ? 0 : amount,
      skip,
      loginPhone: person?.phone ?? null,
      settlement: person?.settlement ?? null,
      county: person?.county ?? null,
    };
  });
  return { candidates, ...runTotals(candidates), digest: payeesDigest(candidates) };
}

/**
 * Artisans the run must not pay now, and why: a payout of theirs being reconciled with M-Pesa, or
 * one with contradicting reports finance has not reviewed.
 */
async function heldArtisans(artisanIds: number[], executor: Executor = db): Promise<Map<number, "reconciling" | "conflict">> {
  if (artisanIds.length === 0) return new Map();
  const rows = await executor
    .select({ artisanId: payouts.artisanId, reconciling: sql<boolean>`bool_or(${payouts.status} = 'reconciling')` })
    .from(payouts)
    .where(
      and(
        inArray(payouts.artisanId, artisanIds),
        or(
          eq(payouts.status, "reconciling"),
          sql`exists (select 1 from payout_callbacks c where c.payout_id = ${payouts.id} and c.disposition = 'conflict')`,
        ),
      ),
    )
    .groupBy(payouts.artisanId);
  return new Map(rows.map((r) => [r.artisanId, r.reconciling ? "reconciling" : "conflict"]));
}

/**
 * The preview as /ops/payouts shows it: the whole run's totals (count and sum, whatever the page or
 * search), how many artisans it lists (skips included), and one page of those matching `q`, most owed first.
 */
export async function previewPayoutsPage(
  input: { threshold: number; q?: string; page?: number; pageSize?: number },
  executor: Executor = db,
) {
  const { candidates, count, total, digest } = await previewPayouts(input.threshold, executor);
  return { count, total, digest, listed: candidates.length, q: input.q?.trim() ?? "", ...previewPage(candidates, input) };
}

/**
 * Creates one artisan's payout for this run, or nothing when there is (no longer) enough to pay.
 * Everything in one transaction: payout row, ledger entry payable → clearing, send_payout job.
 */
function createPayout(runId: number, artisanId: number, threshold: number): Promise<CreatedPayout | null> {
  return db.transaction((tx) => createPayoutIn(tx, runId, artisanId, threshold));
}

type CreatedPayout = { payoutId: number; amount: number; phone: string | null };

/** createPayout inside the caller's transaction (a run from the page makes all its payouts in one). */
async function createPayoutIn(tx: Executor, runId: number, artisanId: number, threshold: number): Promise<CreatedPayout | null> {
  // Serialises two runs (or a run and a retry) on this artisan; QC credits (FOR KEY SHARE) are not blocked.
  await tx.execute(sql`select id from ledger_accounts where code = ${ACCOUNT_CODES.artisanPayable(artisanId)} for no key update`);
  const { amount: owed, currency } = await artisanBalance(artisanId, tx);
  const amount = payoutAmountFor(owed);
  if (owed < threshold || amount === 0) return null;
  // FOR SHARE: a change of her payout number waits until this payout is written with the number read here.
  const [artisan] = await tx
    .select({ payoutPhone: artisans.payoutPhone, active: artisans.active })
    .from(artisans)
    .where(eq(artisans.id, artisanId))
    .for("share");
  const phone = artisan?.active ? toMsisdn(artisan.payoutPhone) : null;
  if (!phone) return null;
  // Re-checked here, not only in the preview: a payout may have gone to reconciliation since.
  if ((await heldArtisans([artisanId], tx)).size > 0) return null;
  const [payout] = await tx
    .insert(payouts)
    .values({
      runId,
      artisanId,
      amount,
      currency,
      phone: `+${phone}`,
      status: "pending",
      idempotencyKey: `run:${runId}:artisan:${artisanId}`,
    })
    .onConflictDoNothing({ target: payouts.idempotencyKey })
    .returning({ id: payouts.id });
  if (!payout) return null;
  await postEntry(tx, payoutEntry({ payoutId: payout.id, artisanId, amount, currency }));
  await enqueueJob(
    tx,
    "send_payout",
    { payoutId: payout.id },
    { jobKey: `send_payout:${payout.id}`, maxAttempts: SEND_PAYOUT_MAX_ATTEMPTS },
  );
  return { payoutId: payout.id, amount, phone: artisan.payoutPhone };
}

export type RunResult = { runId: number; paid: number; total: number; skipped: number };

/** How long a run's process has to finish it before the finish_payout_run job takes over (the run is safe to finish twice). */
export const FINISH_RUN_AFTER_MS = 5 * 60_000;

/**
 * A payout run: every artisan owed at least `threshold` (KES minor units) with a payout phone gets
 * one payout. Safe to run twice or concurrently: a balance already moved to clearing is not there to pay.
 * `actor` is "staff:<id>" from /ops/payouts or "job:payout_run" from the weekly schedule.
 *
 * From the page, `approved` is what finance was shown and confirmed: the run then pays exactly those
 * payees, those amounts, to those numbers, or nothing (PayoutsChanged) — see runApprovedPayouts.
 *
 * Without it (the weekly schedule), the run is recorded with a finish_payout_run job a few minutes
 * ahead, in one transaction: if this process dies half-way (a kill -9 during the loop), the job pays
 * the rest under the same run, once each.
 */
export async function runPayouts(input: { threshold: number; actor: string; approved?: RunApproval }): Promise<RunResult> {
  if (!Number.isSafeInteger(input.threshold) || input.threshold < 100)
    throw new Error(`A payout threshold of ${input.threshold} makes no sense.`);
  if (input.approved) return runApprovedPayouts({ threshold: input.threshold, actor: input.actor, approved: input.approved });
  const run = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(payoutRuns)
      .values({ status: "running", threshold: input.threshold, createdBy: input.actor, approvedBy: input.actor })
      .returning();
    await audit(tx, { actor: input.actor, action: "payout.run", subject: `payout_run:${row.id}`, data: { threshold: input.threshold } });
    await enqueueJob(
      tx,
      "finish_payout_run",
      { runId: row.id },
      { jobKey: `finish_payout_run:${row.id}`, runAt: new Date(Date.now() + FINISH_RUN_AFTER_MS) },
    );
    return row;
  });
  return (await finishPayoutRun(run.id)) ?? { runId: run.id, paid: 0, total: 0, skipped: 0 };
}

/** The advisory lock (class, key) runs confirmed on the page take, so two clicks of one form are one after the other. */
const APPROVED_RUN_LOCK = sql`hashtext('payout_run:approved')`;

/**
 * A run finance confirmed on the page, in ONE transaction under a lock: the payees are worked out
 * again, and unless count, total and the digest of (artisan, amount, payout number) are exactly the
 * approved ones, it throws PayoutsChanged (with the run as it stands now) and nothing is written or
 * sent. Each payout is then made with its account and artisan rows locked; one that no longer comes
 * out as approved (a QC credit landing in between) rolls the whole run back the same way. All or
 * nothing, so a process killed half-way leaves no half-run: nothing was sent, the page shows the
 * same run to confirm again.
 */
async function runApprovedPayouts(input: { threshold: number; actor: string; approved: RunApproval }): Promise<RunResult> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${APPROVED_RUN_LOCK})`);
      const now = await previewPayouts(input.threshold, tx);
      if (!sameAsApproved(now, input.approved)) throw new PayoutsChanged(now);
      const [run] = await tx
        .insert(payoutRuns)
        .values({ status: "running", threshold: input.threshold, createdBy: input.actor, approvedBy: input.actor })
        .returning();
      await audit(tx, {
        actor: input.actor,
        action: "payout.run",
        subject: `payout_run:${run.id}`,
        data: { threshold: input.threshold, approved: input.approved },
      });
      const payees = now.candidates.filter((c) => !c.skip).sort((a, b) => a.artisanId - b.artisanId);
      for (const payee of payees) {
        const created = await createPayoutIn(tx, run.id, payee.artisanId, input.threshold);
        if (!created || created.amount !== payee.amount || created.phone !== payee.phone) throw new PayoutsChanged(now);
      }
      const skipped = now.candidates.length - payees.length;
      await tx.update(payoutRuns).set({ status: "completed", completedAt: new Date() }).where(eq(payoutRuns.id, run.id));
      await audit(tx, {
        actor: input.actor,
        action: "payout.run_created",
        subject: `payout_run:${run.id}`,
        data: { payouts: payees.length, total: now.total, skipped },
      });
      return { runId: run.id, paid: payees.length, total: now.total, skipped };
    });
  } catch (error) {
    // Rolled back: answer with the run as it stands after whatever changed it.
    if (error instanceof PayoutsChanged) {
      const { count, total, digest } = await previewPayouts(input.threshold);
      throw new PayoutsChanged({ count, total, digest });
    }
    throw error;
  }
}

/**
 * Pays everyone the run has not paid yet and marks it completed (once, audited with the run's
 * totals). Null when the run is unknown or already completed. Each artisan's payout is keyed by run
 * and artisan and re-checked against the balance under a lock, so finishing a run twice, or while
 * it is still going, pays nobody twice.
 */
export async function finishPayoutRun(runId: number): Promise<RunResult | null> {
  const [run] = await db.select().from(payoutRuns).where(eq(payoutRuns.id, runId));
  if (!run || run.status === "completed") return null;
  const { candidates } = await previewPayouts(run.threshold);
  let skipped = 0;
  for (const candidate of candidates) {
    const created = candidate.skip ? null : await createPayout(run.id, candidate.artisanId, run.threshold);
    if (!created) skipped += 1;
  }
  return db.transaction(async (tx) => {
    const [{ paid, total }] = await tx
      .select({ paid: sql<number>`count(*)::int`, total: sql<number>`coalesce(sum(${payouts.amount}), 0)::bigint` })
      .from(payouts)
      .where(eq(payouts.runId, run.id));
    const result = { runId: run.id, paid: Number(paid), total: Number(total), skipped };
    const [completed] = await tx
      .update(payoutRuns)
      .set({ status: "completed", completedAt: new Date() })
      .where(and(eq(payoutRuns.id, run.id), eq(payoutRuns.status, "running")))
      .returning({ id: payoutRuns.id });
    if (!completed) return result;
    // Finished here: its stand-by job has nothing left to do (a running one is left to finish as a no-op).
    await tx.execute(sql`select graphile_worker.remove_job(${`finish_payout_run:${run.id}`})`);
    await audit(tx, {
      actor: run.createdBy,
      action: "payout.run_created",
      subject: `payout_run:${run.id}`,
      data: { payouts: result.paid, total: result.total, skipped },
    });
    return result;
  });
}

export type SendResult = "submitted" | "rejected" | "reconciling" | "already" | "missing";

/**
 * The send_payout job: hands a pending payout to the provider with its idempotency key.
 * A payout already submitted, paid or failed is left alone, so a retried or duplicated job sends nothing.
 * A transient provider error is thrown (graphile-worker retries with the same key); a definite
 * refusal fails the payout and returns the money to the balance; "this key was already sent"
 * (a resend after a crash) sends the payout to reconciliation. Storing the ConversationID Daraja
 * answered decides the callbacks that arrived before it (parked).
 */
export async function sendPayout(payoutId: number, provider: PayoutProvider): Promise<SendResult> {
  const [payout] = await db.select().from(payouts).where(eq(payouts.id, payoutId)).limit(1);
  if (!payout) return "missing";
  if (payout.status !== "pending") return "already";
  let providerRef: string;
  try {
    ({ providerRef } = await provider.requestPayment({
      payoutId: payout.id,
      phone: payout.phone,
      amount: payout.amount,
      idempotencyKey: payout.idempotencyKey,
    }));
  } catch (error) {
    if (error instanceof PayoutDuplicate) {
      await db.transaction(async (tx) => {
        const row = await lockPayout(tx, eq(payouts.id, payout.id));
        if (row?.status !== "pending") return;
        await startReconciling(
          tx,
          row,
          `Daraja already had a request with this key, so an earlier attempt may have paid: checking with M-Pesa. ${error.message}`,
          provider.reconcileDelayMs,
        );
      });
      return "reconciling";
    }
    if (!(error instanceof PayoutRejected)) throw error;
    await db.transaction((tx) => failPayout(tx, payout.id, error.message));
    return "rejected";
  }
  await db.transaction(async (tx) => {
    const row = await lockPayout(tx, eq(payouts.id, payout.id));
    if (!row) return;
    if (row.status === "pending") {
      await tx.update(payouts).set({ status: "submitted", providerRef, updatedAt: new Date() }).where(eq(payouts.id, row.id));
    } else if (!row.providerRef && !isFinal(row.status)) {
      await tx.update(payouts).set({ providerRef, updatedAt: new Date() }).where(eq(payouts.id, row.id));
    } else return;
    await resolveParked(tx, row.id, provider.reconcileDelayMs);
  });
  return "submitted";
}

async function lockPayout(tx: Executor, where: SQL) {
  const [row] = await tx.select().from(payouts).where(where).orderBy(payouts.id).limit(1).for("update");
  return row ?? null;
}

const isFinal = (status: schema.PayoutStatus) => status === "succeeded" || status === "failed";

async function artisanLanguage(tx: Executor, artisanId: number) {
  const [row] = await tx.select({ language: artisans.language }).from(artisans).where(eq(artisans.id, artisanId));
  return row?.language ?? "sw";
}

/** Confirmed not paid: clearing → payable, the failure SMS. Only a definite refusal or M-Pesa's status answer gets here. */
async function failPayout(tx: Executor, payoutId: number, reason: string) {
  const payout = await lockPayout(tx, eq(payouts.id, payoutId));
  if (!payout || isFinal(payout.status)) return false;
  await tx
    .update(payouts)
    .set({ status: "failed", failureReason: reason.slice(0, 500), updatedAt: new Date() })
    .where(eq(payouts.id, payout.id));
  await postEntry(
    tx,
    payoutReversedEntry({ payoutId: payout.id, artisanId: payout.artisanId, amount: payout.amount, currency: payout.currency, reason }),
  );
  const language = await artisanLanguage(tx, payout.artisanId);
  await queueArtisanSms(tx, {
    to: payout.phone,
    template: "payout_failed",
    dedupeKey: `payout-sms:${payout.id}`,
    text: payoutSmsText({ language, outcome: "failed", amount: payout.amount, currency: payout.currency }),
  });
  return true;
}

/** Confirmed paid: clearing → cash, the receipt SMS. */
async function settlePayout(tx: Executor, payout: Payout, receipt: string) {
  await tx
    .update(payouts)
    .set({ status: "succeeded", receipt, failureReason: null, updatedAt: new Date() })
    .where(eq(payouts.id, payout.id));
  await postEntry(tx, payoutSettledEntry({ payoutId: payout.id, amount: payout.amount, currency: payout.currency, receipt }));
  const language = await artisanLanguage(tx, payout.artisanId);
  await queueArtisanSms(tx, {
    to: payout.phone,
    template: "payout_paid",
    dedupeKey: `payout-sms:${payout.id}`,
    text: payoutSmsText({ language, outcome: "succeeded", amount: payout.amount, currency: payout.currency, receipt }),
  });
}

/** Money stays in clearing, the artisan is not payable, and M-Pesa is asked what happened (reconcile_payout): a fresh series of queries. */
async function startReconciling(tx: Executor, payout: Payout, reason: string, delayMs: number) {
  await tx
    .update(payouts)
    .set({ status: "reconciling", failureReason: reason.slice(0, 500), reconcileAttempts: 0, updatedAt: new Date() })
    .where(eq(payouts.id, payout.id));
  await enqueueReconcile(tx, payout.id, delayMs);
}

async function enqueueReconcile(tx: Executor, payoutId: number, delayMs: number) {
  await enqueueJob(
    tx,
    "reconcile_payout",
    { payoutId },
    { jobKey: `reconcile_payout:${payoutId}`, runAt: new Date(Date.now() + delayMs), maxAttempts: 10 },
  );
}

// ---------------------------------------------------------------------------------------------
// Callbacks: recorded, matched strictly, decided by callback-rules.ts

/** Status queries per payout before it waits for finance (answers that are not clear, or none). */
export const MAX_RECONCILE_ATTEMPTS = 5;
const DEFAULT_RECONCILE_DELAY_MS = 60_000;

type Payout = schema.Payout;
type Disposition = schema.PayoutCallbackDisposition;
type Verdict = { disposition: Disposition; note: string; payoutId: number | null };

export type CallbackResult = { disposition: Disposition; payoutId: number | null };

const isB2C = (kind: CallbackKind) => kind === "result" || kind === "timeout";

/**
 * The payout a callback names, locked: a B2C result or timeout by its OriginatorConversationID (our
 * idempotency key); a status answer by the ConversationID of our query, or else by the key of the
 * payment it describes (only ever parked on that basis).
 */
async function lockNamedPayout(tx: Executor, callback: PayoutCallback): Promise<Payout | null> {
  if (isB2C(callback.kind)) return callback.originatorRef ? lockPayout(tx, eq(payouts.idempotencyKey, callback.originatorRef)) : null;
  const byQuery = callback.conversationRef ? await lockPayout(tx, eq(payouts.statusQueryRef, callback.conversationRef)) : null;
  if (byQuery) return byQuery;
  return callback.about?.originatorRef ? lockPayout(tx, eq(payouts.idempotencyKey, callback.about.originatorRef)) : null;
}

/** Whether a matched B2C failure was already recorded for this payout (the rules need it). */
async function failureReported(tx: Executor, payoutId: number) {
  const [row] = await tx
    .select({ id: payoutCallbacks.id })
    .from(payoutCallbacks)
    .where(
      and(
        eq(payoutCallbacks.payoutId, payoutId),
        eq(payoutCallbacks.kind, "result"),
        eq(payoutCallbacks.outcome, "failed"),
        inArray(payoutCallbacks.disposition, ["applied", "duplicate", "conflict", "reviewed"]),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Whether our current status query already got a matched answer. */
async function queryAnswered(tx: Executor, payout: Payout) {
  if (!payout.statusQueryRef) return false;
  const [row] = await tx
    .select({ id: payoutCallbacks.id })
    .from(payoutCallbacks)
    .where(
      and(
        eq(payoutCallbacks.payoutId, payout.id),
        inArray(payoutCallbacks.kind, ["status", "status-timeout"]),
        eq(payoutCallbacks.conversationRef, payout.statusQueryRef),
        inArray(payoutCallbacks.disposition, ["applied", "duplicate", "conflict", "reviewed"]),
      ),
    )
    .limit(1);
  return Boolean(row);
}

function matchedReport(payout: Payout, callback: PayoutCallback): MatchedReport | null {
  if (callback.kind === "timeout") return { source: "timeout" };
  if (callback.kind === "result") {
    if (callback.outcome === "succeeded" && callback.receipt) return { source: "result", outcome: "succeeded", receipt: callback.receipt };
    if (callback.outcome === "failed") return { source: "result", outcome: "failed" };
    return null;
  }
  // A status answer: the amount must be this payout's (Daraja counts whole shillings).
  const amountMatches = callback.about?.amount != null && callback.about.amount * 100 === payout.amount;
  if (callback.outcome === "succeeded" && callback.receipt)
    return { source: "status", outcome: "succeeded", receipt: callback.receipt, amountMatches };
  if (callback.outcome === "failed") return { source: "status", outcome: "failed", amountMatches };
  return { source: "status", outcome: "inconclusive" };
}

/**
 * Matches a callback against the payout it names and, when it matches, decides and acts.
 * `resolving`: a parked callback looked at again because the reference it waited for is now known.
 */
async function judge(tx: Executor, payout: Payout, callback: PayoutCallback, delayMs: number, resolving = false): Promise<Verdict> {
  const final = isFinal(payout.status);
  if (isB2C(callback.kind)) {
    if (!payout.providerRef) {
      return final
        ? {
            disposition: "unmatched",
            note: `Names payout ${payout.id}, which has no ConversationID from Daraja to check it against: nothing changed.`,
            payoutId: payout.id,
          }
        : {
            disposition: "parked",
            note: `Names payout ${payout.id} before we stored the ConversationID Daraja returned for it: decided when we do.`,
            payoutId: payout.id,
          };
    }
    if (callback.conversationRef !== payout.providerRef) {
      return {
        disposition: "unmatched",
        note: `Names payout ${payout.id} but not the ConversationID Daraja returned for it: nothing changed.`,
        payoutId: payout.id,
      };
    }
  } else {
    const ours = payout.statusQueryRef !== null && callback.conversationRef === payout.statusQueryRef;
    if (!ours) {
      return !final && !(resolving && payout.statusQueryRef)
        ? {
            disposition: "parked",
            note: `A status answer naming payout ${payout.id}, but not our latest query's ConversationID (yet): decided when our query's is stored.`,
            payoutId: payout.id,
          }
        : {
            disposition: "unmatched",
            note: `A status answer naming payout ${payout.id} that does not answer our query: nothing changed.`,
            payoutId: payout.id,
          };
    }
    const about = callback.about;
    if (
      (about?.originatorRef && about.originatorRef !== payout.idempotencyKey) ||
      (about?.conversationRef && payout.providerRef && about.conversationRef !== payout.providerRef)
    ) {
      return {
        disposition: "conflict",
        note: `M-Pesa's status answer to our query about payout ${payout.id} describes another payment: nothing changed.`,
        payoutId: payout.id,
      };
    }
  }

  const report = matchedReport(payout, callback);
  if (!report) return { disposition: "unmatched", note: "Not a report we can act on.", payoutId: payout.id };
  const decision = decideReport(
    {
      status: payout.status,
      receipt: payout.receipt,
      failureReported: await failureReported(tx, payout.id),
      queryAnswered: !isB2C(callback.kind) && (await queryAnswered(tx, payout)),
    },
    report,
  );
  if (decision.disposition === "conflict") {
    console.warn(
      `M-Pesa ${callback.kind} callback for payout ${payout.id} (${payout.status}) conflicts: ${decision.why} Recorded for finance.`,
    );
  }
  // A status answer teaches us the payment's ConversationID when the B2C answer never gave it (a resend refused as duplicate).
  if (!isB2C(callback.kind) && !payout.providerRef && callback.about?.conversationRef && decision.disposition !== "conflict") {
    await tx.update(payouts).set({ providerRef: callback.about.conversationRef }).where(eq(payouts.id, payout.id));
  }
  switch (decision.action) {
    case "settle":
      // Only a success (a B2C result or a status answer) settles, and both carry the receipt.
      await settlePayout(tx, payout, "receipt" in report ? report.receipt : (callback.receipt ?? ""));
      break;
    case "reverse":
      // Keep what M-Pesa first reported (the artisan and finance read it), with the confirmation.
      await failPayout(
        tx,
        payout.id,
        payout.failureReason ? `${payout.failureReason} Confirmed by M-Pesa: ${callback.reason}` : callback.reason,
      );
      break;
    case "reconcile":
      await startReconciling(
        tx,
        payout,
        callback.kind === "timeout" ? `Timed out in the M-Pesa queue: ${callback.reason}` : callback.reason,
        delayMs,
      );
      break;
    case "none":
      if (decision.disposition === "applied" && payout.status === "reconciling" && callback.kind === "result") {
        await tx
          .update(payouts)
          .set({ failureReason: callback.reason.slice(0, 500), updatedAt: new Date() })
          .where(eq(payouts.id, payout.id));
      }
  }
  return { disposition: decision.disposition, note: decision.why, payoutId: payout.id };
}

/** PostgreSQL text refuses NUL: cut it (and length) from what we store. */
const noNul = <T extends string | null>(text: T): T => (text === null ? text : (text.replaceAll("\u0000", "").slice(0, 1000) as T));

/**
 * The body without NUL characters anywhere (keys too): PostgreSQL refuses them in text and jsonb,
 * and a stranger's body must not turn its own matching or recording into an error.
 */
function withoutNul(body: unknown): unknown {
  let text: string;
  try {
    text = JSON.stringify(body ?? null);
  } catch {
    return body; // nested too deep to write out: no Daraja body, refused as malformed
  }
  if (!text.includes("\\u0000")) return body;
  // A NUL escape is a backslash-u0000 preceded by an even run of backslashes (or none).
  return JSON.parse(text.replace(/(?<=(?:^|[^\\])(?:\\\\)*)\\u0000/g, ""));
}

/** What we keep of a body: all of a Daraja-sized one (about 1 KB); the start of anything bigger, as text. */
export const STORED_BODY_MAX = 16_000;
function storableBody(body: unknown): unknown {
  let text: string;
  try {
    text = JSON.stringify(body ?? {});
  } catch {
    return { unreadable: "nested too deep to keep" };
  }
  return text.length <= STORED_BODY_MAX ? (body ?? {}) : { truncated: text.slice(0, STORED_BODY_MAX) };
}

const callbackFields = (callback: PayoutCallback) => ({
  kind: callback.kind,
  outcome: callback.outcome,
  originatorRef: noNul(callback.originatorRef),
  conversationRef: noNul(callback.conversationRef),
  aboutOriginatorRef: noNul(callback.about?.originatorRef ?? null),
  aboutConversationRef: noNul(callback.about?.conversationRef ?? null),
  aboutAmount: callback.about?.amount ?? null,
  resultCode: callback.resultCode,
  receipt: noNul(callback.receipt),
  reason: noNul(callback.reason),
});

function callbackFromRow(row: schema.PayoutCallbackRow): PayoutCallback {
  return {
    kind: row.kind,
    outcome: row.outcome === "malformed" ? "inconclusive" : row.outcome,
    conversationRef: row.conversationRef,
    originatorRef: row.originatorRef,
    receipt: row.receipt,
    resultCode: row.resultCode,
    reason: row.reason ?? "",
    about:
      row.kind === "status" || row.kind === "status-timeout"
        ? { originatorRef: row.aboutOriginatorRef, conversationRef: row.aboutConversationRef, amount: row.aboutAmount }
        : null,
  };
}

/**
 * Decides the callbacks parked on a payout, oldest first, now that a reference they waited for may be
 * known; again until nothing changes (one decision can teach the next). A B2C report that turns out
 * not to carry the payout's ConversationID sends the payout to reconciliation: M-Pesa says what happened.
 */
async function resolveParked(tx: Executor, payoutId: number, delayMs: number) {
  for (let pass = 0; pass < 10; pass++) {
    const parked = await tx
      .select()
      .from(payoutCallbacks)
      .where(and(eq(payoutCallbacks.payoutId, payoutId), eq(payoutCallbacks.disposition, "parked")))
      .orderBy(payoutCallbacks.id);
    let changed = false;
    let reconcile = false;
    for (const row of parked) {
      const payout = await lockPayout(tx, eq(payouts.id, payoutId));
      if (!payout) return;
      const verdict = await judge(tx, payout, callbackFromRow(row), delayMs, true);
      if (verdict.disposition === "parked") continue;
      changed = true;
      if (verdict.disposition === "unmatched" && isB2C(row.kind) && !isFinal(payout.status)) reconcile = true;
      await tx
        .update(payoutCallbacks)
        .set({ disposition: verdict.disposition, note: verdict.note, decidedAt: new Date() })
        .where(eq(payoutCallbacks.id, row.id));
    }
    if (reconcile) {
      const payout = await lockPayout(tx, eq(payouts.id, payoutId));
      if (payout && !isFinal(payout.status)) await enqueueReconcile(tx, payoutId, delayMs);
    }
    if (!changed) return;
  }
}

/**
 * Records a provider callback and applies it only if it matches what was sent: a B2C result or
 * timeout must carry BOTH the payout's idempotency key (OriginatorConversationID) and the
 * ConversationID Daraja returned for it; a status answer the ConversationID of our own query.
 * Then callback-rules.ts decides: a failure or timeout only starts reconciliation, a final payout
 * never moves, a contradiction is a conflict for finance. Idempotent, and safe under concurrency:
 * the payout row is locked while deciding. Returns what was done (never shown to the caller).
 */
export async function handlePayoutCallback(
  callback: PayoutCallback,
  options: { body?: unknown; reconcileDelayMs?: number } = {},
): Promise<CallbackResult> {
  const delayMs = options.reconcileDelayMs ?? DEFAULT_RECONCILE_DELAY_MS;
  return db.transaction(async (tx) => {
    const payout = await lockNamedPayout(tx, callback);
    const verdict: Verdict = payout
      ? await judge(tx, payout, callback, delayMs)
      : { disposition: "unmatched", note: "Names no payout of ours: nothing changed.", payoutId: null };
    await tx.insert(payoutCallbacks).values({
      ...callbackFields(callback),
      body: storableBody(options.body),
      payoutId: verdict.payoutId,
      disposition: verdict.disposition,
      note: verdict.note,
    });
    if (payout && verdict.disposition !== "parked" && verdict.disposition !== "unmatched") await resolveParked(tx, payout.id, delayMs);
    return { disposition: verdict.disposition, payoutId: verdict.payoutId };
  });
}

/**
 * Parses a raw callback body with the provider and applies it. A body that is not the provider's is
 * recorded too (malformed, unmatched) and then refused: MalformedCallback is thrown.
 */
export async function receiveMpesaCallback(provider: PayoutProvider, kind: CallbackKind, received: unknown): Promise<CallbackResult> {
  const body = withoutNul(received);
  let callback: PayoutCallback;
  try {
    callback = provider.parseCallback(body, kind);
  } catch (error) {
    if (error instanceof MalformedCallback) {
      await db.insert(payoutCallbacks).values({
        kind,
        outcome: "malformed",
        reason: noNul(error.message),
        body: storableBody(body),
        disposition: "unmatched",
        note: "Not a Daraja callback: refused.",
      });
    }
    throw error;
  }
  return handlePayoutCallback(callback, { body, reconcileDelayMs: provider.reconcileDelayMs });
}

/** How long M-Pesa may stay silent about a submitted payout before we ask it (a lost callback). */
export const SILENT_PAYOUT_MS = 24 * 3600_000;

/**
 * The hourly sweep: payouts M-Pesa accepted but has said nothing about for SILENT_PAYOUT_MS (Daraja's
 * status query is its answer to a lost callback) go to reconciliation, money still in clearing.
 * At most `limit` a sweep; returns how many.
 */
export async function reconcileSilentPayouts(input: { now?: Date; limit?: number; reconcileDelayMs?: number } = {}): Promise<number> {
  const before = new Date((input.now ?? new Date()).getTime() - SILENT_PAYOUT_MS);
  const silent = await db
    .select({ id: payouts.id })
    .from(payouts)
    .where(and(eq(payouts.status, "submitted"), lt(payouts.updatedAt, before)))
    .orderBy(payouts.id)
    .limit(input.limit ?? 200);
  let moved = 0;
  for (const { id } of silent) {
    moved += await db.transaction(async (tx) => {
      const payout = await lockPayout(tx, eq(payouts.id, id));
      if (payout?.status !== "submitted") return 0;
      await startReconciling(tx, payout, "No result from M-Pesa for a day: asking M-Pesa what became of it.", input.reconcileDelayMs ?? 0);
      return 1;
    });
  }
  return moved;
}

export type ReconcileResult = "queried" | "final" | "exhausted" | "missing";

/**
 * The reconcile_payout job: asks the provider what became of a payout not yet final (Daraja's
 * transaction status query). The answer comes by callback and is matched by the query's own
 * ConversationID, stored here. Asks again later (doubling) in case the answer is not clear or never
 * comes; after MAX_RECONCILE_ATTEMPTS the payout waits for finance, money still in clearing.
 */
export async function reconcilePayout(payoutId: number, provider: PayoutProvider): Promise<ReconcileResult> {
  const [payout] = await db.select().from(payouts).where(eq(payouts.id, payoutId)).limit(1);
  if (!payout) return "missing";
  if (isFinal(payout.status)) return "final";
  if (payout.reconcileAttempts >= MAX_RECONCILE_ATTEMPTS) return "exhausted";
  // Counted before asking, so a query Daraja keeps refusing (the job's retries) also ends up in front of finance.
  const [counted] = await db
    .update(payouts)
    .set({ reconcileAttempts: sql`${payouts.reconcileAttempts} + 1` })
    .where(and(eq(payouts.id, payout.id), inArray(payouts.status, ["pending", "submitted", "reconciling"])))
    .returning({ attempts: payouts.reconcileAttempts });
  if (!counted) return "final";
  const { queryRef } = await provider.queryStatus({ payoutId: payout.id, idempotencyKey: payout.idempotencyKey, receipt: payout.receipt });
  return db.transaction(async (tx) => {
    const row = await lockPayout(tx, eq(payouts.id, payoutId));
    if (!row || isFinal(row.status)) return "final" as const;
    await tx.update(payouts).set({ statusQueryRef: queryRef, updatedAt: new Date() }).where(eq(payouts.id, row.id));
    // Ask again if no clear answer has settled it by then.
    await enqueueReconcile(tx, row.id, provider.reconcileDelayMs * 2 ** counted.attempts);
    await resolveParked(tx, row.id, provider.reconcileDelayMs);
    return "queried" as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading, for /ops/payouts and exports

export const RUNS_PAGE_SIZE = 10;
export const PAYOUTS_PAGE_SIZE = 25;

export async function listRuns(page = 1) {
  const rows = await db.execute<{
    id: number;
    status: string;
    threshold: number;
    created_by: string;
    created_at: string;
    completed_at: string | null;
    payouts: number;
    total: string;
    succeeded: number;
    failed: number;
    open: number;
    all_runs: number;
  }>(sql`
    select r.id, r.status, r.threshold, r.created_by, r.created_at, r.completed_at,
           count(p.id)::int as payouts, coalesce(sum(p.amount), 0)::bigint::text as total,
           count(p.id) filter (where p.status = 'succeeded')::int as succeeded,
           count(p.id) filter (where p.status = 'failed')::int as failed,
           count(p.id) filter (where p.status in ('pending', 'submitted', 'reconciling'))::int as open,
           count(*) over ()::int as all_runs
    from payout_runs r left join payouts p on p.run_id = r.id
    group by r.id order by r.id desc
    limit ${RUNS_PAGE_SIZE} offset ${(Math.max(1, page) - 1) * RUNS_PAGE_SIZE}`);
  const total = await listTotal(
    rows.map((r) => ({ total: r.all_runs })),
    page,
    async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from payout_runs`))[0]?.n ?? 0,
  );
  return {
    runs: rows.map((r) => ({
      id: Number(r.id),
      status: r.status,
      threshold: Number(r.threshold),
      createdBy: r.created_by,
      createdAt: new Date(r.created_at).toISOString(),
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
      payouts: r.payouts,
      total: Number(r.total),
      succeeded: r.succeeded,
      failed: r.failed,
      open: r.open,
    })),
    pageCount: Math.max(1, Math.ceil(total / RUNS_PAGE_SIZE)),
    total,
  };
}

export type PayoutListFilter = {
  runId?: number;
  status?: (typeof schema.PAYOUT_STATUSES)[number];
  find?: string;
  page?: number;
  limit?: number;
};

/** The payouts table's search: an artisan (`#42`, name words or phone however typed) or an M-Pesa receipt. */
function payoutSearchCondition(find: string | undefined) {
  const search = parsePayoutSearch(find);
  switch (search.kind) {
    case "all":
      return undefined;
    case "artisan":
      return eq(payouts.artisanId, search.artisanId);
    case "phone": {
      const digits = `%${escapeLike(search.digits)}%`;
      return or(
        sql`regexp_replace(regexp_replace(${payouts.phone}, '[^0-9]', '', 'g'), '^(254|0)', '') like ${digits}`,
        sql`regexp_replace(regexp_replace(${artisans.phone}, '[^0-9]', '', 'g'), '^(254|0)', '') like ${digits}`,
      );
    }
    case "words": {
      const receipt = search.words.length === 1 ? eq(payouts.receipt, search.words[0].toUpperCase()) : undefined;
      const name = and(
        ...search.words.map((word) => sql`lower(${artisans.firstName} || ' ' || ${artisans.lastName}) like ${`%${escapeLike(word)}%`}`),
      );
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
  const rows = await db
    .select({
      id: payouts.id,
      runId: payouts.runId,
      artisanId: payouts.artisanId,
      firstName: artisans.firstName,
      lastName: artisans.lastName,
      amount: payouts.amount,
      currency: payouts.currency,
      phone: payouts.phone,
      status: payouts.status,
      providerRef: payouts.providerRef,
      receipt: payouts.receipt,
      failureReason: payouts.failureReason,
      createdAt: payouts.createdAt,
      updatedAt: payouts.updatedAt,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(payouts)
    .innerJoin(artisans, eq(artisans.id, payouts.artisanId))
    .where(where)
    .orderBy(desc(payouts.id))
    .limit(limit)
    .offset((Math.max(1, filter.page ?? 1) - 1) * limit);
  const total = await listTotal(rows, filter.page ?? 1, async () => {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(payouts)
      .innerJoin(artisans, eq(artisans.id, payouts.artisanId))
      .where(where);
    return row?.n ?? 0;
  });
  return {
    payouts: rows.map(({ total: _total, ...row }) => row),
    pageCount: Math.max(1, Math.ceil(total / limit)),
    total,
  };
}

/** Every payout matching the filter as CSV, newest first (for finance's spreadsheet and the M-Pesa statement). */
export async function payoutsCsv(filter: Omit<PayoutListFilter, "page" | "limit"> = {}): Promise<string> {
  const { payouts: rows } = await listPayouts({ ...filter, page: 1, limit: 100_000 });
  return toCsv(
    [
      "payout_id",
      "run_id",
      "artisan_id",
      "artisan_name",
      "phone",
      "amount",
      "currency",
      "status",
      "mpesa_receipt",
      "provider_ref",
      "failure_reason",
      "created_at",
      "updated_at",
    ],
    rows.map((p) => [
      p.id,
      p.runId,
      p.artisanId,
      `${p.firstName} ${p.lastName}`,
      p.phone,
      decimalAmount(p.amount),
      p.currency,
      p.status,
      p.receipt,
      p.providerRef,
      p.failureReason,
      p.createdAt.toISOString(),
      p.updatedAt.toISOString(),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// "Needs a look": conflicting reports and payouts M-Pesa gave no clear answer on, for finance

export type PayoutReport = {
  id: number;
  kind: schema.PayoutCallbackRow["kind"];
  outcome: schema.PayoutCallbackRow["outcome"];
  disposition: Disposition;
  receipt: string | null;
  reason: string | null;
  note: string;
  receivedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
};

export type PayoutNeedingALook = {
  payoutId: number;
  runId: number | null;
  artisanId: number;
  artisanName: string;
  phone: string;
  amount: number;
  currency: string;
  status: schema.PayoutStatus;
  receipt: string | null;
  failureReason: string | null;
  reconcileAttempts: number;
  /** Open conflicts finance has not reviewed (their highest id: "Mark reviewed" covers up to it, not later ones). */
  openConflicts: number;
  lastConflictId: number | null;
  /** Reconciling, and every status query asked without a clear answer. */
  unanswered: boolean;
  /** What each matched report said, oldest first; posts that did not match are only counted. */
  reports: PayoutReport[];
  ignored: number;
};

/** Payouts with open conflicts, or still reconciling after every status query: newest first, `limit` of them. */
export async function payoutsNeedingALook(limit = 20): Promise<{ payouts: PayoutNeedingALook[]; total: number }> {
  // From the partial index of open callbacks and the status index, not a scan of every payout.
  const open = sql`${payouts.id} in (
    select c.payout_id from payout_callbacks c where c.disposition = 'conflict'
    union select r.id from payouts r where r.status = 'reconciling' and r.reconcile_attempts >= ${MAX_RECONCILE_ATTEMPTS})`;
  const rows = await db
    .select({
      payout: payouts,
      firstName: artisans.firstName,
      lastName: artisans.lastName,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(payouts)
    .innerJoin(artisans, eq(artisans.id, payouts.artisanId))
    .where(open)
    .orderBy(desc(payouts.id))
    .limit(limit);
  if (rows.length === 0) return { payouts: [], total: 0 };
  const callbacks = await db
    .select()
    .from(payoutCallbacks)
    .where(
      inArray(
        payoutCallbacks.payoutId,
        rows.map((r) => r.payout.id),
      ),
    )
    .orderBy(payoutCallbacks.id);
  return {
    total: rows[0].total,
    payouts: rows.map(({ payout, firstName, lastName }): PayoutNeedingALook => {
      const mine = callbacks.filter((c) => c.payoutId === payout.id);
      const conflicts = mine.filter((c) => c.disposition === "conflict");
      const shown = mine.filter((c) => c.disposition !== "unmatched");
      return {
        payoutId: payout.id,
        runId: payout.runId,
        artisanId: payout.artisanId,
        artisanName: `${firstName} ${lastName}`,
        phone: payout.phone,
        amount: payout.amount,
        currency: payout.currency,
        status: payout.status,
        receipt: payout.receipt,
        failureReason: payout.failureReason,
        reconcileAttempts: payout.reconcileAttempts,
        openConflicts: conflicts.length,
        lastConflictId: conflicts.at(-1)?.id ?? null,
        unanswered: payout.status === "reconciling" && payout.reconcileAttempts >= MAX_RECONCILE_ATTEMPTS,
        reports: shown.slice(-30).map((c) => ({
          id: c.id,
          kind: c.kind,
          outcome: c.outcome,
          disposition: c.disposition,
          receipt: c.receipt,
          reason: c.reason,
          note: c.note,
          receivedAt: c.receivedAt.toISOString(),
          reviewedBy: c.reviewedBy,
          reviewedAt: c.reviewedAt?.toISOString() ?? null,
          reviewNote: c.reviewNote,
        })),
        ignored: mine.length - shown.length,
      };
    }),
  };
}

/**
 * Finance has looked at a payout's conflicting reports (up to `upTo`, the last one they saw):
 * they become `reviewed`, audited in the same transaction. Nothing about the money changes.
 * Returns how many were marked (0 when there was nothing open).
 */
export async function markConflictsReviewed(input: { payoutId: number; upTo: number; note?: string; actor: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(payoutCallbacks)
      .set({ disposition: "reviewed", reviewedBy: input.actor, reviewedAt: new Date(), reviewNote: input.note?.trim() || null })
      .where(
        and(
          eq(payoutCallbacks.payoutId, input.payoutId),
          eq(payoutCallbacks.disposition, "conflict"),
          sql`${payoutCallbacks.id} <= ${input.upTo}`,
        ),
      )
      .returning({ id: payoutCallbacks.id });
    if (marked.length === 0) return 0;
    await audit(tx, {
      actor: input.actor,
      action: "payout.conflict_reviewed",
      subject: `payout:${input.payoutId}`,
      data: { callbacks: marked.map((m) => m.id), note: input.note?.trim() || null },
    });
    return marked.length;
  });
}

/**
 * Finance asks M-Pesa again about a payout that got no clear answer: its status queries start over.
 * Audited. False when the payout is not (or no longer) waiting on reconciliation.
 */
export async function reconcileAgain(input: { payoutId: number; actor: string; reconcileDelayMs?: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const payout = await lockPayout(tx, eq(payouts.id, input.payoutId));
    if (payout?.status !== "reconciling") return false;
    await tx.update(payouts).set({ reconcileAttempts: 0, updatedAt: new Date() }).where(eq(payouts.id, payout.id));
    await enqueueReconcile(tx, payout.id, input.reconcileDelayMs ?? 0);
    await audit(tx, {
      actor: input.actor,
      action: "payout.reconcile_again",
      subject: `payout:${payout.id}`,
      data: { previousAttempts: payout.reconcileAttempts },
    });
    return true;
  });
}
