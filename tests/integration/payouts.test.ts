import { desc, eq, sql } from "drizzle-orm";
import { Logger, runOnce } from "graphile-worker";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createArtisan, createProduct } from "#db/seed/factories";
import { taskList } from "~/worker.server";
import { accountLines, artisanBalance, artisanStatement, creditArtisanForQc, trialBalance } from "~/domain/ledger/ledger.server";
import { darajaResultBody } from "~/domain/payouts/daraja";
import {
  FINISH_RUN_AFTER_MS,
  finishPayoutRun,
  handlePayoutCallback,
  listPayouts,
  listRuns,
  previewPayouts,
  receiveMpesaCallback,
  runPayouts,
  sendPayout,
} from "~/domain/payouts/payouts.server";
import { PayoutRejected, type PayoutProvider, type PayoutRequest } from "~/domain/payouts/provider";
import { simulatedPayment, simulatedProvider } from "~/domain/payouts/simulated-provider.server";
import { payoutTasks } from "~/domain/payouts/tasks.server";
import { db, schema } from "~/lib/db.server";

const THRESHOLD = 50_000;
let variantId: number;
let seq = 0;

/** The simulator with no delay, counting what the "provider" was asked, per idempotency key. */
const calls = new Map<string, number>();
let failNext: Error | null = null;
/** Runs after M-Pesa accepted a request and before our job hears back: a callback that races the job. */
let onAccepted: ((request: PayoutRequest, providerRef: string) => Promise<void>) | null = null;
const inner = simulatedProvider({ delayMs: 0 });
const provider: PayoutProvider = {
  name: "simulated",
  reconcileDelayMs: 0,
  parseCallback: inner.parseCallback,
  queryStatus: (query) => inner.queryStatus(query),
  async requestPayment(request) {
    calls.set(request.idempotencyKey, (calls.get(request.idempotencyKey) ?? 0) + 1);
    if (failNext) {
      const error = failNext;
      failNext = null;
      throw error;
    }
    const accepted = await inner.requestPayment(request);
    if (onAccepted) await onAccepted(request, accepted.providerRef);
    return accepted;
  },
};
const tasks = { ...taskList, ...payoutTasks(() => provider) };
const runJobs = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList: tasks, logger: new Logger(() => () => {}) });

async function credit(artisanId: number, units: number, pieceRate: number) {
  seq += 1;
  const [request] = await db
    .insert(schema.productionRequests)
    .values({
      number: `PR-P${seq}`,
      variantId,
      quantity: units,
      artisanId,
      pieceRate,
      dueDate: "2026-12-01",
      status: "qc_passed",
    })
    .returning();
  const [inspection] = await db
    .insert(schema.qcInspections)
    .values({ requestId: request.id, unitsPassed: units, outcome: "passed", inspector: "test" })
    .returning();
  await db.transaction((tx) =>
    creditArtisanForQc(tx, { requestId: request.id, inspectionId: inspection.id, artisanId, units, pieceRate, currency: "KES" }),
  );
}

async function expectBooksBalanced() {
  const { totals } = await trialBalance();
  for (const total of Object.values(totals)) expect(total).toBe(0);
  const unbalanced = await db.execute(sql`select entry_id from ledger_lines group by entry_id, currency having sum(amount) <> 0`);
  expect(unbalanced).toHaveLength(0);
}

const payoutsOf = (artisanId: number) =>
  db.select().from(schema.payouts).where(eq(schema.payouts.artisanId, artisanId)).orderBy(schema.payouts.id);
const balanceOf = async (artisanId: number) => (await artisanBalance(artisanId)).amount;
const entryCount = async () => Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from ledger_entries`))[0].n);

let akinyi: number;
let baraka: number;
let chausiku: number;
let dede: number;

beforeAll(async () => {
  variantId = (await createProduct(db, { handle: "brass-hoops", title: "Brass hoops", status: "active" })).variants[0].id;
  akinyi = (await createArtisan(db, { firstName: "Akinyi", phone: "+254711000001", language: "sw" })).artisan.id;
  // The simulator fails payout phones ending in 9.
  baraka = (await createArtisan(db, { firstName: "Baraka", phone: "+254711000002", payoutPhone: "+254711000009", language: "en" })).artisan
    .id;
  chausiku = (await createArtisan(db, { firstName: "Chausiku", phone: "+254711000003" })).artisan.id;
  dede = (await createArtisan(db, { firstName: "Dede", phone: "+254711000004", payoutPhone: "not a phone" })).artisan.id;
  await credit(akinyi, 4, 15_000); // KES 600
  await credit(akinyi, 1, 10_050); // KES 100.50 → KES 700.50 owed
  await credit(baraka, 3, 20_000); // KES 600
  await credit(chausiku, 2, 10_000); // KES 200: under the threshold
  await credit(dede, 5, 20_000); // KES 1,000 but no payout phone
});

describe("a payout run in local mode", () => {
  it("previews who would be paid, skipping small balances and missing phones", async () => {
    const preview = await previewPayouts(THRESHOLD);
    expect(preview.candidates.map((c) => [c.artisanId, c.amount, c.skip])).toEqual([
      [akinyi, 70_000, null],
      [baraka, 60_000, null],
      [dede, 0, "no_phone"],
    ]);
    expect(preview.total).toBe(130_000);
    expect(preview.count).toBe(2);
  });

  it("moves balances out at once, then pays by M-Pesa; a failure returns the money", async () => {
    const run = await runPayouts({ threshold: THRESHOLD, actor: "staff:1" });
    expect(run).toMatchObject({ paid: 2, total: 130_000, skipped: 1 });
    // Whole shillings leave; the 50 cents stay for next time.
    expect(await balanceOf(akinyi)).toBe(50);
    expect(await balanceOf(baraka)).toBe(0);
    expect(await balanceOf(chausiku)).toBe(20_000);
    const [pending] = await payoutsOf(akinyi);
    expect(pending).toMatchObject({
      status: "pending",
      amount: 70_000,
      idempotencyKey: `run:${run.runId}:artisan:${akinyi}`,
      phone: "+254711000001",
    });
    await expectBooksBalanced();

    await runJobs();
    const [paid] = await payoutsOf(akinyi);
    expect(paid.status).toBe("succeeded");
    expect(paid.receipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(paid.providerRef).toMatch(/^AG_SIM_/);
    const [failed] = await payoutsOf(baraka);
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toMatch(/2040/);
    expect(await balanceOf(baraka)).toBe(60_000);
    expect(await balanceOf(akinyi)).toBe(50);

    expect((await accountLines("soko:mpesa_clearing")).reduce((s, l) => s + l.amount, 0)).toBe(0);
    expect((await accountLines("soko:cash")).reduce((s, l) => s + l.amount, 0)).toBe(-70_000);
    expect(calls.get(pending.idempotencyKey)).toBe(1);
    expect(calls.get(failed.idempotencyKey)).toBe(1);
    await expectBooksBalanced();

    const sms = await db
      .select()
      .from(schema.outbox)
      .where(sql`${schema.outbox.dedupeKey} in (${`payout-sms:${paid.id}`}, ${`payout-sms:${failed.id}`})`)
      .orderBy(schema.outbox.id);
    expect(sms).toHaveLength(2);
    expect(sms.find((m) => m.dedupeKey === `payout-sms:${paid.id}`)!.text).toContain(paid.receipt!);
    expect(sms.find((m) => m.dedupeKey === `payout-sms:${failed.id}`)!.text).toContain("back in your balance");

    const runs = await listRuns();
    expect(runs.runs[0]).toMatchObject({ id: run.runId, status: "completed", payouts: 2, succeeded: 1, failed: 1, total: 130_000 });
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `payout_run:${run.runId}`));
    expect(audit.map((a) => a.action).sort()).toEqual(["payout.run", "payout.run_created"]);
  });

  it("the artisan's statement shows the credits and the payouts with status and receipt", async () => {
    const statement = await artisanStatement(akinyi);
    const payouts = statement.lines.filter((l) => l.type === "payout");
    const credits = statement.lines.filter((l) => l.type === "credit");
    expect(credits).toHaveLength(2);
    expect(payouts).toEqual([
      expect.objectContaining({ status: "succeeded", amount: 70_000, receipt: expect.stringMatching(/^[A-Z0-9]{10}$/) }),
    ]);
    expect((await artisanStatement(chausiku)).lines.every((l) => l.type === "credit")).toBe(true);
  });

  it("running again pays no one twice: only money that came back (a failed payout) goes out again", async () => {
    const before = await payoutsOf(akinyi);
    const again = await runPayouts({ threshold: THRESHOLD, actor: "staff:1" });
    expect(again.paid).toBe(1); // Baraka's returned money, with a new key
    expect(await payoutsOf(akinyi)).toEqual(before);
    await runJobs();
    expect((await payoutsOf(baraka)).map((p) => p.status)).toEqual(["failed", "failed"]);
    expect(await balanceOf(baraka)).toBe(60_000);
    await expectBooksBalanced();
  });

  it("two runs at the same moment pay a new balance once", async () => {
    const esi = (await createArtisan(db, { firstName: "Esi", phone: "+254711000005" })).artisan.id;
    await credit(esi, 10, 10_000);
    const results = await Promise.all([
      runPayouts({ threshold: THRESHOLD, actor: "staff:1" }),
      runPayouts({ threshold: THRESHOLD, actor: "job:payout_run" }),
    ]);
    expect(results.length).toBe(2);
    expect(await payoutsOf(esi)).toHaveLength(1);
    expect(await balanceOf(esi)).toBe(0);
    await runJobs();
    expect((await payoutsOf(esi))[0].status).toBe("succeeded");
    await expectBooksBalanced();
  });

  it("a run whose process dies half-way is finished by its own job minutes later: the rest paid once, under the same run", async () => {
    const { runId: finishedRun } = await runPayouts({ threshold: THRESHOLD, actor: "staff:1" });
    const jobs = await db.execute<{ payload: { runId: number }; run_at: Date }>(sql`
      select j.payload, j.run_at from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'finish_payout_run' and (j.payload->>'runId')::int = ${finishedRun}`);
    // Once the run finished, its stand-by job is gone; and finishing a finished run does nothing.
    expect(jobs).toHaveLength(0);
    expect(await finishPayoutRun(finishedRun)).toBeNull();

    // The ops button's process dies after the run is recorded and one payout is made: here the
    // third transaction (run, first payout, second payout) never happens.
    const fundi = (await createArtisan(db, { firstName: "Fundi", phone: "+254711000061" })).artisan.id;
    const zuri = (await createArtisan(db, { firstName: "Zuri", phone: "+254711000071" })).artisan.id;
    await credit(fundi, 6, 10_000);
    await credit(zuri, 7, 10_000);
    // The pool's own drizzle instance (the app's `db` is a proxy over it).
    const pool = (globalThis as unknown as { __sokoDb: { db: typeof db } }).__sokoDb.db;
    const real = pool.transaction.bind(pool);
    let transactions = 0;
    const dying = vi.spyOn(pool, "transaction").mockImplementation(((...args: Parameters<typeof db.transaction>) => {
      transactions += 1;
      if (transactions === 3) throw new Error("killed");
      return real(...args);
    }) as typeof db.transaction);
    const started = Date.now();
    await expect(runPayouts({ threshold: THRESHOLD, actor: "staff:1" })).rejects.toThrow("killed");
    dying.mockRestore();
    const [run] = await db.select().from(schema.payoutRuns).orderBy(desc(schema.payoutRuns.id)).limit(1);
    expect(run.status).toBe("running");
    expect(await db.select().from(schema.payouts).where(eq(schema.payouts.runId, run.id))).toHaveLength(1);
    // Its stand-by job was recorded with the run, a few minutes ahead.
    const standBy = await db.execute<{ run_at: Date }>(sql`
      select j.run_at from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'finish_payout_run' and (j.payload->>'runId')::int = ${run.id}`);
    expect(standBy).toHaveLength(1);
    expect(new Date(standBy[0].run_at).getTime()).toBeGreaterThanOrEqual(started + FINISH_RUN_AFTER_MS - 1000);

    const finishTask = payoutTasks(() => provider).finish_payout_run;
    const helpers = { logger: new Logger(() => () => {}) } as unknown as Parameters<typeof finishTask>[1];
    await Promise.all([finishTask({ runId: run.id }, helpers), finishTask({ runId: run.id }, helpers)]);
    for (const artisan of [fundi, zuri]) {
      expect((await payoutsOf(artisan)).map((p) => p.runId)).toEqual([run.id]);
      expect(await balanceOf(artisan)).toBe(0);
    }
    const [after] = await db.select().from(schema.payoutRuns).where(eq(schema.payoutRuns.id, run.id));
    expect(after.status).toBe("completed");
    const audits = await db
      .select({ data: schema.auditLog.data, actor: schema.auditLog.actor })
      .from(schema.auditLog)
      .where(sql`${schema.auditLog.action} = 'payout.run_created' and ${schema.auditLog.subject} = ${`payout_run:${run.id}`}`);
    const inRun = await db.select().from(schema.payouts).where(eq(schema.payouts.runId, run.id));
    expect(inRun.length).toBeGreaterThanOrEqual(2);
    expect(new Set(inRun.map((p) => p.artisanId)).size).toBe(inRun.length);
    const total = inRun.reduce((sum, p) => sum + p.amount, 0);
    expect(audits).toEqual([{ actor: "staff:1", data: { payouts: inRun.length, total, skipped: expect.any(Number) } }]);
    expect(await finishPayoutRun(run.id)).toBeNull();
    await runJobs();
    await expectBooksBalanced();
  });
});

describe("callbacks and retries", () => {
  it("a repeated callback changes nothing; contradicting ones change nothing either and are recorded as conflicts", async () => {
    const [paid] = await payoutsOf(akinyi);
    const same = darajaResultBody({
      conversationId: paid.providerRef!,
      originatorConversationId: paid.idempotencyKey,
      success: true,
      transactionId: paid.receipt!,
      amount: 700,
      msisdn: "254711000001",
    });
    const otherReceipt = darajaResultBody({
      conversationId: paid.providerRef!,
      originatorConversationId: paid.idempotencyKey,
      success: true,
      transactionId: "OTHER12345",
      amount: 700,
      msisdn: "254711000001",
    });
    const failure = darajaResultBody({
      conversationId: paid.providerRef!,
      originatorConversationId: paid.idempotencyKey,
      success: false,
      transactionId: "X",
      amount: 700,
      msisdn: "254711000001",
    });
    const entries = await entryCount();
    const balance = await balanceOf(akinyi);
    for (const body of [same, same])
      expect(await receiveMpesaCallback(provider, "result", body)).toEqual({ disposition: "duplicate", payoutId: paid.id });
    for (const body of [otherReceipt, failure])
      expect(await receiveMpesaCallback(provider, "result", body)).toEqual({ disposition: "conflict", payoutId: paid.id });
    expect(await receiveMpesaCallback(provider, "timeout", same)).toEqual({ disposition: "duplicate", payoutId: paid.id });
    expect((await payoutsOf(akinyi))[0]).toEqual(paid);
    expect(await entryCount()).toBe(entries);
    expect(await balanceOf(akinyi)).toBe(balance);
  });

  it("a callback for an unknown reference changes nothing, and is recorded as unmatched", async () => {
    const entries = await entryCount();
    const body = darajaResultBody({
      conversationId: "AG_NOPE",
      originatorConversationId: "run:999:artisan:1",
      success: true,
      transactionId: "NOPE123456",
      amount: 10,
      msisdn: "254711000001",
    });
    expect(await receiveMpesaCallback(provider, "result", body)).toEqual({ disposition: "unmatched", payoutId: null });
    expect(
      await handlePayoutCallback({
        kind: "result",
        outcome: "succeeded",
        conversationRef: "",
        originatorRef: null,
        receipt: "X",
        resultCode: 0,
        reason: "",
        about: null,
      }),
    ).toEqual({ disposition: "unmatched", payoutId: null });
    expect(await entryCount()).toBe(entries);
    const recorded = await db.select().from(schema.payoutCallbacks).where(eq(schema.payoutCallbacks.originatorRef, "run:999:artisan:1"));
    expect(recorded).toMatchObject([{ disposition: "unmatched", payoutId: null, receipt: "NOPE123456", body }]);
  });

  it("in local mode too, a forged failure naming the guessable key changes nothing: the simulated M-Pesa's ConversationID is random", async () => {
    const imani = (await createArtisan(db, { firstName: "Imani", phone: "+254711000010" })).artisan.id;
    await credit(imani, 6, 10_000);
    const run = await runPayouts({ threshold: THRESHOLD, actor: "staff:1" });
    const [payout] = await payoutsOf(imani);
    expect(await sendPayout(payout.id, provider)).toBe("submitted");
    const sent = (await payoutsOf(imani))[0];
    const atMpesa = (await simulatedPayment(`run:${run.runId}:artisan:${imani}`))!;
    expect(sent.providerRef).toBe(atMpesa.conversationId);
    expect(sent.providerRef).toMatch(/^AG_SIM_\d{8}_[0-9a-f]{20}$/);
    // The same key again is the same payment at the simulator; nothing about it follows from the key.
    expect(
      (
        await inner.requestPayment({
          payoutId: payout.id,
          phone: payout.phone,
          amount: payout.amount,
          idempotencyKey: payout.idempotencyKey,
        })
      ).providerRef,
    ).toBe(sent.providerRef);
    expect(atMpesa.receipt).toMatch(/^S[A-Z0-9]{9}$/);

    for (const conversationId of ["AG_SIM_GUESS", payout.idempotencyKey]) {
      const forged = darajaResultBody({
        conversationId,
        originatorConversationId: payout.idempotencyKey,
        success: false,
        resultCode: 2001,
        transactionId: "X",
        amount: 600,
        msisdn: "254711000010",
      });
      expect(await receiveMpesaCallback(provider, "result", forged)).toEqual({ disposition: "unmatched", payoutId: payout.id });
    }
    expect((await payoutsOf(imani))[0]).toEqual(sent);
    await runJobs(); // the simulated M-Pesa's own answer
    expect((await payoutsOf(imani))[0]).toMatchObject({ status: "succeeded", receipt: atMpesa.receipt });
    expect(await balanceOf(imani)).toBe(0);
    await expectBooksBalanced();
  });

  it("a retried job sends nothing once the payout is submitted or final", async () => {
    const [paid] = await payoutsOf(akinyi);
    const before = calls.get(paid.idempotencyKey);
    expect(await sendPayout(paid.id, provider)).toBe("already");
    expect(await sendPayout(999_999, provider)).toBe("missing");
    expect(calls.get(paid.idempotencyKey)).toBe(before);
  });

  it("a transient provider error leaves the payout pending for a retry with the same key; the callback may arrive before the job records it", async () => {
    const fatuma = (await createArtisan(db, { firstName: "Fatuma", phone: "+254711000006" })).artisan.id;
    await credit(fatuma, 6, 10_000);
    await runPayouts({ threshold: THRESHOLD, actor: "staff:1" });
    const [payout] = await payoutsOf(fatuma);
    failNext = new Error("Daraja answered HTTP 503");
    await expect(sendPayout(payout.id, provider)).rejects.toThrow(/503/);
    expect((await payoutsOf(fatuma))[0].status).toBe("pending");
    expect(await balanceOf(fatuma)).toBe(0);

    // M-Pesa accepts the retry and answers before our job stored its ConversationID: the answer is
    // parked (nothing changes), then applied once the job stores the ConversationID it carried.
    let early: unknown = null;
    onAccepted = async (request, providerRef) => {
      const { receipt } = (await simulatedPayment(request.idempotencyKey))!;
      const body = darajaResultBody({
        conversationId: providerRef,
        originatorConversationId: request.idempotencyKey,
        success: true,
        transactionId: receipt,
        amount: 600,
        msisdn: "254711000006",
      });
      early = await receiveMpesaCallback(provider, "result", body);
      expect((await payoutsOf(fatuma))[0].status).toBe("pending");
    };
    expect(await sendPayout(payout.id, provider)).toBe("submitted");
    onAccepted = null;
    expect(early).toEqual({ disposition: "parked", payoutId: payout.id });
    const [after] = await payoutsOf(fatuma);
    const atMpesa = (await simulatedPayment(payout.idempotencyKey))!;
    expect(after).toMatchObject({ status: "succeeded", receipt: atMpesa.receipt, providerRef: atMpesa.conversationId });
    const [parked] = await db.select().from(schema.payoutCallbacks).where(eq(schema.payoutCallbacks.payoutId, payout.id));
    expect(parked).toMatchObject({ disposition: "applied", kind: "result", receipt: atMpesa.receipt });
    expect(await sendPayout(payout.id, provider)).toBe("already");
    await runJobs(); // the queued send_payout job finds it paid; the simulator's own callback is a duplicate
    expect(
      (await db.select().from(schema.payoutCallbacks).where(eq(schema.payoutCallbacks.payoutId, payout.id))).map((c) => c.disposition),
    ).toEqual(["applied", "duplicate"]);
    expect(calls.get(payout.idempotencyKey)).toBe(2); // the failed attempt, then the one that got through: the same key
    expect((await payoutsOf(fatuma))[0]).toEqual(after);
    await expectBooksBalanced();
  });

  it("a provider refusal fails the payout and returns the money", async () => {
    const gathoni = (await createArtisan(db, { firstName: "Gathoni", phone: "+254711000007" })).artisan.id;
    await credit(gathoni, 6, 10_000);
    await runPayouts({ threshold: THRESHOLD, actor: "staff:1" });
    const [payout] = await payoutsOf(gathoni);
    failNext = new PayoutRejected("Daraja answered HTTP 400: 400.002.02 Bad Request - Invalid PartyB");
    expect(await sendPayout(payout.id, provider)).toBe("rejected");
    expect((await payoutsOf(gathoni))[0]).toMatchObject({ status: "failed", failureReason: expect.stringContaining("Invalid PartyB") });
    expect(await balanceOf(gathoni)).toBe(60_000);
    await expectBooksBalanced();
  });

  it("a queue timeout keeps the money in clearing and starts reconciliation; M-Pesa's late result still settles it", async () => {
    const halima = (await createArtisan(db, { firstName: "Halima", phone: "+254711000008" })).artisan.id;
    await credit(halima, 6, 10_000);
    await runPayouts({ threshold: THRESHOLD, actor: "staff:1" });
    const [payout] = await payoutsOf(halima);
    await db.update(schema.payouts).set({ status: "submitted", providerRef: "AG_SLOW_1" }).where(eq(schema.payouts.id, payout.id));
    const timeout = {
      Result: {
        ResultType: 0,
        ResultCode: 1,
        ResultDesc: "The service request timed out.",
        OriginatorConversationID: payout.idempotencyKey,
        ConversationID: "AG_SLOW_1",
      },
    };
    expect(await receiveMpesaCallback(provider, "timeout", timeout)).toEqual({ disposition: "applied", payoutId: payout.id });
    expect((await payoutsOf(halima))[0]).toMatchObject({ status: "reconciling", failureReason: expect.stringContaining("Timed out") });
    expect(await balanceOf(halima)).toBe(0);
    const late = darajaResultBody({
      conversationId: "AG_SLOW_1",
      originatorConversationId: payout.idempotencyKey,
      success: true,
      transactionId: "LATE123456",
      amount: 600,
      msisdn: "254711000008",
    });
    expect((await receiveMpesaCallback(provider, "result", late)).disposition).toBe("applied");
    expect((await payoutsOf(halima))[0]).toMatchObject({ status: "succeeded", receipt: "LATE123456", failureReason: null });
    await expectBooksBalanced();
  });

  it("lists payouts with filters for the operations page", async () => {
    const failed = await listPayouts({ status: "failed" });
    expect(failed.payouts.length).toBeGreaterThanOrEqual(3);
    expect(failed.payouts.every((p) => p.status === "failed" && p.failureReason)).toBe(true);
    const all = await listPayouts({ limit: 2 });
    expect(all.payouts).toHaveLength(2);
    expect(all.pageCount).toBeGreaterThan(1);
    // Past the last page (an old link): still counted, so the table says so and links back.
    expect(await listPayouts({ limit: 2, page: 999 })).toMatchObject({ payouts: [], total: all.total, pageCount: all.pageCount });
    expect(await listPayouts({ status: "failed", page: 999 })).toMatchObject({ payouts: [], total: failed.total });
    const runs = await listRuns(1);
    expect(runs.total).toBeGreaterThan(0);
    expect(await listRuns(999)).toMatchObject({ runs: [], total: runs.total, pageCount: runs.pageCount });
  });
});
