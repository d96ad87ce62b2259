/**
 * Forged and contradicting M-Pesa callbacks, from outside: the real Daraja adapter against the fake
 * Daraja over HTTP, and our webhook route on a real port. The stranger here has the callback token
 * (it rides in every URL Daraja calls, through every proxy and log on the way), so only matching
 * stands between them and the payouts: the payout's idempotency key `run:<run>:artisan:<id>` is
 * guessable, the ConversationID Daraja returned is not. Nothing a stranger posts may change a
 * payout, and no artisan may be paid twice.
 */
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct, createStaff } from "#db/seed/factories";
import { artisanBalance, trialBalance } from "~/domain/ledger/ledger.server";
import { payoutProvider } from "~/domain/payouts/choose-provider.server";
import {
  MAX_RECONCILE_ATTEMPTS,
  payoutsNeedingALook,
  previewPayouts,
  reconcilePayout,
  reconcileSilentPayouts,
  runPayouts,
  sendPayout,
  SILENT_PAYOUT_MS,
} from "~/domain/payouts/payouts.server";
import { action as payoutsAction, loader as payoutsLoader } from "~/routes/ops.payouts";
import { db, schema } from "~/lib/db.server";
import { startFakeDaraja, type FakeDaraja } from "../fakes/daraja";
import { call, flashAfter, get, post as postForm } from "./artisan-support";
import { creditArtisan, owedArtisan, startReceiver } from "./mpesa-support";
import { staffSessionCookie } from "./session-support";

const THRESHOLD = 50_000;
const TOKEN = "leaked-callback-token-0123456789";
let daraja: FakeDaraja;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let variantId: number;

const post = async (kind: string, body: unknown, token: string | null = TOKEN) => {
  const response = await fetch(`${receiver.url}/webhooks/mpesa/${kind}${token ? `?token=${token}` : ""}`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
};
const owed = (name: string, phone: string, amount: number, payoutPhone?: string) =>
  owedArtisan(variantId, name, phone, amount, payoutPhone);
const payoutsOf = (artisanId: number) =>
  db.select().from(schema.payouts).where(eq(schema.payouts.artisanId, artisanId)).orderBy(schema.payouts.id);
const payoutById = async (id: number) => (await db.select().from(schema.payouts).where(eq(schema.payouts.id, id)))[0];
const balanceOf = async (artisanId: number) => (await artisanBalance(artisanId)).amount;
const entriesOf = async (payoutId: number) =>
  (
    await db
      .select({ reference: schema.ledgerEntries.reference })
      .from(schema.ledgerEntries)
      .where(like(schema.ledgerEntries.reference, `payout:${payoutId}%`))
      .orderBy(schema.ledgerEntries.id)
  ).map((e) => e.reference);
const smsOf = (payoutId: number) =>
  db
    .select()
    .from(schema.outbox)
    .where(eq(schema.outbox.dedupeKey, `payout-sms:${payoutId}`));
const reportsOf = (payoutId: number) =>
  db.select().from(schema.payoutCallbacks).where(eq(schema.payoutCallbacks.payoutId, payoutId)).orderBy(schema.payoutCallbacks.id);
const inPreview = async (artisanId: number) => (await previewPayouts(THRESHOLD)).candidates.find((c) => c.artisanId === artisanId) ?? null;

/** A run pays her, and Daraja accepts the payment: the payout is submitted with Daraja's ConversationID. */
async function submittedPayout(artisanId: number) {
  await runPayouts({ threshold: THRESHOLD, actor: "staff:1" });
  const payout = (await payoutsOf(artisanId)).at(-1)!;
  expect(await sendPayout(payout.id, payoutProvider())).toBe("submitted");
  const sent = await payoutById(payout.id);
  expect(sent).toMatchObject({ status: "submitted", providerRef: expect.stringMatching(/^AG_/) });
  return sent;
}

/** Our reconcile job asks M-Pesa; the fake answers (from what it knows, or as told) on the status ResultURL. */
async function reconcileAndAnswer(payoutId: number, answer: { status?: string; amount?: number; timeout?: boolean } = {}) {
  expect(await reconcilePayout(payoutId, payoutProvider())).toBe("queried");
  const { statusQueryRef } = await payoutById(payoutId);
  expect(daraja.statusQueries.has(statusQueryRef!)).toBe(true);
  const delivered = await daraja.deliverStatus(statusQueryRef!, answer);
  expect(delivered).toEqual({ status: 200, body: { ResultCode: 0, ResultDesc: "Accepted" } });
  return statusQueryRef!;
}

async function expectBooksBalanced() {
  const { totals } = await trialBalance();
  for (const total of Object.values(totals)) expect(total).toBe(0);
}

/** A Daraja-shaped failure a stranger writes, naming the guessable key. */
const forgedResult = (key: string, result: Record<string, unknown>) => ({
  Result: {
    ResultType: 0,
    OriginatorConversationID: key,
    ReferenceData: {
      ReferenceItem: { Key: "QueueTimeoutURL", Value: "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit" },
    },
    ...result,
  },
});

beforeAll(async () => {
  daraja = await startFakeDaraja();
  receiver = await startReceiver();
  Object.assign(process.env, {
    MPESA_CALLBACK_TOKEN: TOKEN,
    MPESA_CONSUMER_KEY: daraja.consumerKey,
    MPESA_CONSUMER_SECRET: daraja.consumerSecret,
    MPESA_INITIATOR_NAME: "sokoapi",
    MPESA_SECURITY_CREDENTIAL: "ENCRYPTED-CREDENTIAL==",
    MPESA_SHORTCODE: "600980",
    MPESA_CALLBACK_BASE_URL: receiver.url,
    MPESA_BASE_URL: daraja.url,
  });
  variantId = (await createProduct(db, { handle: "soapstone-pendant", status: "active" })).variants[0].id;
});

afterAll(async () => {
  await daraja.close();
  await receiver.close();
});

describe("forged callbacks change nothing", () => {
  it("a forged failure with the guessable key, and a wrong or missing ConversationID, changes nothing; the real success that follows is applied", async () => {
    const amina = await owed("Amina", "+254755000001", 120_000);
    const payout = await submittedPayout(amina);
    const key = `run:${payout.runId}:artisan:${amina}`;
    expect(payout.idempotencyKey).toBe(key); // what a stranger can work out

    const failure = { ResultCode: 2001, ResultDesc: "The initiator information is invalid.", TransactionID: "NLJ0000000" };
    // Without the token the route refuses before anything else (the first lock); the rest of this file has it.
    expect((await post("result", forgedResult(key, { ...failure, ConversationID: "AG_x" }), null)).status).toBe(401);
    expect((await post("result", forgedResult(key, { ...failure, ConversationID: "AG_x" }), "wrong-token-0123456789")).status).toBe(401);
    const answers = [
      await post("result", forgedResult(key, { ...failure, ConversationID: "AG_20261206_0000forged00000000" })),
      await post("result", forgedResult(key, { ...failure, ConversationID: key })),
      await post("result", forgedResult(key, failure)), // no ConversationID at all
      await post("timeout", forgedResult(key, { ResultCode: 1, ResultDesc: "The service request timed out.", ConversationID: "AG_guess" })),
    ];
    // Daraja only needs an ack: the stranger learns nothing from the answer (the one without a ConversationID is not a Daraja result).
    expect(answers.map((a) => a.status)).toEqual([200, 200, 400, 200]);
    for (const answer of [answers[0], answers[1], answers[3]]) expect(answer.body).toEqual({ ResultCode: 0, ResultDesc: "Accepted" });

    expect(await payoutById(payout.id)).toEqual(payout);
    expect(await balanceOf(amina)).toBe(0);
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`]);
    expect(await smsOf(payout.id)).toHaveLength(0);
    expect(await inPreview(amina)).toBeNull();
    expect((await reportsOf(payout.id)).map((r) => [r.kind, r.disposition])).toEqual([
      ["result", "unmatched"],
      ["result", "unmatched"],
      ["timeout", "unmatched"],
    ]);

    // M-Pesa's real answer carries the ConversationID it gave us: applied.
    expect((await daraja.deliverResult(payout.providerRef!, { success: true })).status).toBe(200);
    expect(await payoutById(payout.id)).toMatchObject({
      status: "succeeded",
      receipt: daraja.payments.get(payout.providerRef!)!.truth!.transactionId,
    });
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`, `payout:${payout.id}:settled`]);
    // The next run does not pay her again.
    const next = await runPayouts({ threshold: THRESHOLD, actor: "staff:1" });
    expect((await payoutsOf(amina)).map((p) => p.runId)).not.toContain(next.runId);
    await expectBooksBalanced();
  });

  it("a forged success changes nothing; M-Pesa's real failure starts reconciliation and only its confirmation returns the money", async () => {
    const baraka = await owed("Baraka", "+254755000002", 80_000);
    const payout = await submittedPayout(baraka);
    const forged = await post(
      "result",
      forgedResult(payout.idempotencyKey, {
        ResultCode: 0,
        ResultDesc: "The service request is processed successfully.",
        ConversationID: "AG_20261206_00001234567890abcdef",
        TransactionID: "QFORGED001",
        ResultParameters: {
          ResultParameter: [
            { Key: "TransactionReceipt", Value: "QFORGED001" },
            { Key: "TransactionAmount", Value: 800 },
          ],
        },
      }),
    );
    expect(forged).toEqual({ status: 200, body: { ResultCode: 0, ResultDesc: "Accepted" } });
    expect(await payoutById(payout.id)).toEqual(payout);
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`]);
    expect(await smsOf(payout.id)).toHaveLength(0);

    await daraja.deliverResult(payout.providerRef!, {
      success: false,
      resultCode: 2040,
      resultDesc: "Credit Party customer type can't be supported by the service.",
    });
    expect(await payoutById(payout.id)).toMatchObject({ status: "reconciling", receipt: null });
    expect(await balanceOf(baraka)).toBe(0);
    await reconcileAndAnswer(payout.id);
    expect(await payoutById(payout.id)).toMatchObject({ status: "failed", failureReason: expect.stringContaining("2040") });
    expect(await balanceOf(baraka)).toBe(80_000);
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`, `payout:${payout.id}:reversed`]);
    expect((await smsOf(payout.id)).map((m) => m.template)).toEqual(["payout_failed"]);
    await expectBooksBalanced();
  });

  it("forged status answers change nothing: parked until our own query's ConversationID is known, then ignored", async () => {
    const chausiku = await owed("Chausiku", "+254755000003", 70_000);
    const payout = await submittedPayout(chausiku);
    await daraja.deliverResult(payout.providerRef!, {
      success: false,
      resultCode: 2001,
      resultDesc: "The initiator information is invalid.",
    });
    expect((await payoutById(payout.id)).status).toBe("reconciling");

    // A stranger answers "our" status query before we sent one, naming the payout's key: Completed (so the money would be "paid").
    const forgedStatus = (status: string) => ({
      Result: {
        ResultType: 0,
        ResultCode: 0,
        ResultDesc: "The service request is processed successfully.",
        OriginatorConversationID: "1234-5678-1",
        ConversationID: `AG_20261206_${status.toLowerCase()}0000000000`,
        TransactionID: "QFORGED002",
        ResultParameters: {
          ResultParameter: [
            { Key: "ReceiptNo", Value: "QFORGED002" },
            { Key: "TransactionStatus", Value: status },
            { Key: "Amount", Value: 700 },
            { Key: "Originator Conversation ID", Value: payout.idempotencyKey },
            { Key: "Conversation ID", Value: payout.providerRef },
          ],
        },
      },
    });
    expect((await post("status", forgedStatus("Completed"))).body).toEqual({ ResultCode: 0, ResultDesc: "Accepted" });
    expect((await post("status", forgedStatus("Failed"))).status).toBe(200);
    expect((await reportsOf(payout.id)).filter((r) => r.kind === "status").map((r) => r.disposition)).toEqual(["parked", "parked"]);
    expect(await payoutById(payout.id)).toMatchObject({ status: "reconciling" });
    expect(await balanceOf(chausiku)).toBe(0);

    // Our query goes out; its ConversationID is not the strangers': they are ignored, M-Pesa's own answer decides.
    await reconcileAndAnswer(payout.id);
    const statusReports = (await reportsOf(payout.id)).filter((r) => r.kind === "status");
    expect(statusReports.map((r) => [r.disposition, r.receipt])).toEqual([
      ["unmatched", "QFORGED002"],
      ["unmatched", "QFORGED002"],
      ["applied", expect.any(String)],
    ]);
    expect(await payoutById(payout.id)).toMatchObject({ status: "failed" });
    expect(await balanceOf(chausiku)).toBe(70_000);
    // Once final, a forged status answer with its key is ignored outright.
    expect((await post("status", forgedStatus("Completed"))).status).toBe(200);
    expect((await reportsOf(payout.id)).at(-1)).toMatchObject({ kind: "status", disposition: "unmatched" });
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`, `payout:${payout.id}:reversed`]);
    await expectBooksBalanced();
  });
});

describe("what a stranger posts is recorded, whatever it holds", () => {
  it("NUL characters, odd keys and oversized bodies are recorded (cleaned, cut) and answered like any other", async () => {
    const [{ last }] = await db
      .select({ last: sql<number>`coalesce(max(${schema.payoutCallbacks.id}), 0)::int` })
      .from(schema.payoutCallbacks);
    const nul = await post("result", {
      Result: {
        ResultCode: 2001,
        ResultDesc: "bad\u0000desc",
        OriginatorConversationID: "run:999:artisan:\u00001",
        ConversationID: "AG_\u0000",
        "we\u0000ird": "x\\u0000y",
      },
    });
    expect(nul).toEqual({ status: 200, body: { ResultCode: 0, ResultDesc: "Accepted" } });
    const big = await post("result", {
      Result: {
        ResultCode: 2001,
        ResultDesc: "x",
        OriginatorConversationID: "run:1:artisan:1",
        ConversationID: "AG_big",
        ReferenceData: { pad: "p".repeat(40_000) },
      },
    });
    expect(big.status).toBe(200);
    const malformed = await post("status", { Body: { stkCallback: { note: "\u0000" } } });
    expect(malformed.status).toBe(400);
    const [first, second, third] = await db
      .select()
      .from(schema.payoutCallbacks)
      .where(sql`${schema.payoutCallbacks.id} > ${last}`)
      .orderBy(schema.payoutCallbacks.id);
    expect(first).toMatchObject({ disposition: "unmatched", reason: "baddesc (2001)", originatorRef: "run:999:artisan:1", payoutId: null });
    expect(first.body).toEqual({
      Result: {
        ResultCode: 2001,
        ResultDesc: "baddesc",
        OriginatorConversationID: "run:999:artisan:1",
        ConversationID: "AG_",
        weird: "x\\u0000y",
      },
    });
    expect(second).toMatchObject({ disposition: "unmatched", body: { truncated: expect.stringMatching(/^\{"Result":/) } });
    expect((second.body as { truncated: string }).truncated).toHaveLength(16_000);
    expect(third).toMatchObject({
      kind: "status",
      outcome: "malformed",
      disposition: "unmatched",
      body: { Body: { stkCallback: { note: "" } } },
    });
  });
});

describe("a failure is reconciled before the money moves", () => {
  it("a matched failure keeps her unpayable — balance, preview and run — until M-Pesa's status confirms it; then it is reversed once", async () => {
    const dede = await owed("Dede", "+254755000004", 90_000);
    const payout = await submittedPayout(dede);
    await daraja.deliverResult(payout.providerRef!, { success: false, resultCode: 2040 });
    expect(await payoutById(payout.id)).toMatchObject({ status: "reconciling", failureReason: expect.stringContaining("2040") });
    expect(await balanceOf(dede)).toBe(0);
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`]);
    expect(await smsOf(payout.id)).toHaveLength(0);

    // New work is credited meanwhile: she is listed, but the run skips her while M-Pesa is being asked.
    await creditArtisan(dede, variantId, 60_000);
    expect(await inPreview(dede)).toMatchObject({ owed: 60_000, amount: 0, skip: "reconciling" });
    const run = await runPayouts({ threshold: THRESHOLD, actor: "staff:1" });
    expect((await payoutsOf(dede)).map((p) => p.runId)).not.toContain(run.runId);
    expect(await balanceOf(dede)).toBe(60_000);

    await reconcileAndAnswer(payout.id);
    expect(await payoutById(payout.id)).toMatchObject({ status: "failed" });
    expect(await balanceOf(dede)).toBe(150_000);
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`, `payout:${payout.id}:reversed`]);
    expect((await smsOf(payout.id)).map((m) => m.template)).toEqual(["payout_failed"]);
    expect(await inPreview(dede)).toMatchObject({ owed: 150_000, amount: 150_000, skip: null });
    await expectBooksBalanced();
  });

  it("a failure report that M-Pesa's records contradict: the status says paid, the payout settles, and she is never paid twice", async () => {
    const esi = await owed("Esi", "+254755000005", 65_000);
    const payout = await submittedPayout(esi);
    daraja.settle(payout.providerRef!, { success: true }); // M-Pesa paid her…
    await daraja.deliverResult(payout.providerRef!, {
      success: false,
      resultCode: 1,
      resultDesc: "The balance is insufficient for the transaction.",
    }); // …yet a failure is reported
    expect(await payoutById(payout.id)).toMatchObject({ status: "reconciling" });
    expect(await inPreview(esi)).toBeNull();

    await reconcileAndAnswer(payout.id);
    const truth = daraja.payments.get(payout.providerRef!)!.truth!;
    expect(await payoutById(payout.id)).toMatchObject({ status: "succeeded", receipt: truth.transactionId, failureReason: null });
    // M-Pesa's own success report arriving late agrees.
    await daraja.deliverResult(payout.providerRef!, { success: true });
    expect((await reportsOf(payout.id)).map((r) => [r.kind, r.outcome, r.disposition])).toEqual([
      ["result", "failed", "applied"],
      ["status", "succeeded", "applied"],
      ["result", "succeeded", "duplicate"],
    ]);
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`, `payout:${payout.id}:settled`]);
    expect(await balanceOf(esi)).toBe(0);
    expect((await smsOf(payout.id)).map((m) => m.template)).toEqual(["payout_paid"]);
    await expectBooksBalanced();
  });

  it("a payout M-Pesa stays silent on for a day (a lost callback) goes to reconciliation, and M-Pesa's status answer settles it", async () => {
    const jamila = await owed("Jamila", "+254755000010", 54_000);
    const payout = await submittedPayout(jamila);
    daraja.settle(payout.providerRef!, { success: true }); // paid, but the callback never reaches us
    expect(await reconcileSilentPayouts()).toBe(0);
    const later = new Date(Date.now() + SILENT_PAYOUT_MS + 60_000);
    expect(await reconcileSilentPayouts({ now: later })).toBe(1);
    expect(await payoutById(payout.id)).toMatchObject({
      status: "reconciling",
      failureReason: expect.stringMatching(/No result from M-Pesa/),
    });
    expect(await reconcileSilentPayouts({ now: later })).toBe(0);
    await reconcileAndAnswer(payout.id);
    expect(await payoutById(payout.id)).toMatchObject({
      status: "succeeded",
      receipt: daraja.payments.get(payout.providerRef!)!.truth!.transactionId,
    });
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`, `payout:${payout.id}:settled`]);
  });

  it("a queue timeout goes to reconciliation; with no clear answer the payout waits for finance, its money in clearing", async () => {
    const fatuma = await owed("Fatuma", "+254755000006", 55_000);
    const payout = await submittedPayout(fatuma);
    expect((await daraja.deliverResult(payout.providerRef!, { success: false, timeout: true })).status).toBe(200);
    expect(await payoutById(payout.id)).toMatchObject({ status: "reconciling", failureReason: expect.stringContaining("Timed out") });
    // M-Pesa has no record yet ("could not be found"), or its queue times the query out: no answer, nothing moves.
    for (let attempt = 1; attempt <= MAX_RECONCILE_ATTEMPTS; attempt++) {
      await reconcileAndAnswer(payout.id, attempt === 2 ? { timeout: true } : {});
      expect(await payoutById(payout.id)).toMatchObject({ status: "reconciling", reconcileAttempts: attempt });
    }
    expect(await reconcilePayout(payout.id, payoutProvider())).toBe("exhausted");
    expect(await balanceOf(fatuma)).toBe(0);
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`]);
    const looks = await payoutsNeedingALook();
    expect(looks.payouts.find((p) => p.payoutId === payout.id)).toMatchObject({
      unanswered: true,
      openConflicts: 0,
      reconcileAttempts: MAX_RECONCILE_ATTEMPTS,
    });
  });
});

describe("replays and races", () => {
  it("replaying every callback received so far changes nothing", async () => {
    const before = {
      payouts: await db.select().from(schema.payouts).orderBy(schema.payouts.id),
      entries: await db.select().from(schema.ledgerEntries).orderBy(schema.ledgerEntries.id),
      sms: await db.select({ n: sql<number>`count(*)::int` }).from(schema.outbox),
    };
    // Everything but what was refused or kept only in part.
    const received = await db
      .select()
      .from(schema.payoutCallbacks)
      .where(sql`${schema.payoutCallbacks.outcome} <> 'malformed' and not ${schema.payoutCallbacks.body} ? 'truncated'`)
      .orderBy(schema.payoutCallbacks.id);
    expect(received.length).toBeGreaterThan(15);
    const firstReplay = received.at(-1)!.id;
    for (const callback of received) expect((await post(callback.kind, callback.body)).status).toBe(200);
    expect(await db.select().from(schema.payouts).orderBy(schema.payouts.id)).toEqual(before.payouts);
    expect(await db.select().from(schema.ledgerEntries).orderBy(schema.ledgerEntries.id)).toEqual(before.entries);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(schema.outbox)).toEqual(before.sms);
    const replays = await db.select().from(schema.payoutCallbacks).where(sql`${schema.payoutCallbacks.id} > ${firstReplay}`);
    expect(replays).toHaveLength(received.length);
    expect(replays.filter((r) => r.disposition === "applied").map((r) => [r.kind, r.outcome, r.payoutId])).toEqual([]);
  });

  it("twenty copies of a callback at once apply once", async () => {
    const [gathoni, halima] = [await owed("Gathoni", "+254755000007", 52_000), await owed("Halima", "+254755000008", 53_000)];
    const paid = await submittedPayout(gathoni);
    const failing = (await payoutsOf(halima)).at(-1)!;
    expect(await sendPayout(failing.id, payoutProvider())).toBe("submitted");
    const { providerRef: failingRef } = await payoutById(failing.id);

    const success = daraja.resultBody(paid.providerRef!, { success: true });
    const failure = daraja.resultBody(failingRef!, { success: false, resultCode: 2040 });
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () => post("result", success)),
      ...Array.from({ length: 20 }, () => post("result", failure)),
    ]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await reportsOf(paid.id)).map((r) => r.disposition).sort()).toEqual(["applied", ...Array(19).fill("duplicate")]);
    expect((await reportsOf(failing.id)).map((r) => r.disposition).sort()).toEqual(["applied", ...Array(19).fill("duplicate")]);
    expect(await entriesOf(paid.id)).toEqual([`payout:${paid.id}`, `payout:${paid.id}:settled`]);
    expect(await smsOf(paid.id)).toHaveLength(1);
    const reconcileJobs = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from graphile_worker._private_jobs where key = ${`reconcile_payout:${failing.id}`}`);
    expect(Number(reconcileJobs[0].n)).toBe(1);

    // Twenty copies of M-Pesa's status answer: reversed once.
    expect(await reconcilePayout(failing.id, payoutProvider())).toBe("queried");
    const { statusQueryRef } = await payoutById(failing.id);
    const status = daraja.statusBody(statusQueryRef!);
    await Promise.all(Array.from({ length: 20 }, () => post("status", status)));
    expect(await entriesOf(failing.id)).toEqual([`payout:${failing.id}`, `payout:${failing.id}:reversed`]);
    expect(await balanceOf(halima)).toBe(53_000);
    expect(await smsOf(failing.id)).toHaveLength(1);
    await expectBooksBalanced();
  });
});

describe("conflicts, for finance", () => {
  async function staffCookie(roles: schema.StaffRole[]) {
    const staff = await createStaff(db, { roles });
    return { id: staff.id, cookie: await staffSessionCookie(staff.id) };
  }

  it("a report contradicting a final payout is recorded as a conflict and shown on /ops/payouts; 'Mark reviewed' is finance-only, confirmed and audited", async () => {
    const imani = await owed("Imani", "+254755000009", 58_000);
    const payout = await submittedPayout(imani);
    await daraja.deliverResult(payout.providerRef!, { success: true });
    const paid = await payoutById(payout.id);
    expect(paid.status).toBe("succeeded");
    // M-Pesa (or someone holding its ConversationID) now says it failed: nothing moves, finance is told.
    await daraja.deliverResult(payout.providerRef!, { success: false, resultCode: 2001 });
    expect(await payoutById(payout.id)).toEqual(paid);
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`, `payout:${payout.id}:settled`]);
    const [, conflict] = await reportsOf(payout.id);
    expect(conflict).toMatchObject({ disposition: "conflict", outcome: "failed", note: expect.stringContaining("settled as paid") });
    // Until finance has looked, the next run leaves her out.
    await creditArtisan(imani, variantId, 51_000);
    expect(await inPreview(imani)).toMatchObject({ skip: "conflict", amount: 0 });

    const finance = await staffCookie(["finance"]);
    const opsOnly = await staffCookie(["ops"]);
    const page = await call(payoutsLoader, get("/ops/payouts", finance.cookie));
    expect(page.status).toBe(200);
    const look = (
      page.body as {
        needsALook: {
          payouts: Array<{
            payoutId: number;
            openConflicts: number;
            lastConflictId: number;
            reports: Array<{ kind: string; outcome: string; disposition: string; receivedAt: string }>;
          }>;
        };
      }
    ).needsALook.payouts.find((p) => p.payoutId === payout.id)!;
    expect(look).toMatchObject({ openConflicts: 1, lastConflictId: conflict.id });
    expect(look.reports.map((r) => [r.kind, r.outcome, r.disposition])).toEqual([
      ["result", "succeeded", "applied"],
      ["result", "failed", "conflict"],
    ]);
    expect(look.reports.every((r) => !Number.isNaN(Date.parse(r.receivedAt)))).toBe(true);
    // The confirmation is its own page state (no JavaScript needed).
    const confirming = await call(payoutsLoader, get(`/ops/payouts?review=${payout.id}`, finance.cookie));
    expect((confirming.body as { query: { review: number } }).query.review).toBe(payout.id);

    const form = {
      intent: "review",
      payoutId: String(payout.id),
      upTo: String(conflict.id),
      note: "Checked the M-Pesa statement: paid once.",
    };
    expect((await call(payoutsLoader, get("/ops/payouts", opsOnly.cookie))).status).toBe(403);
    expect((await call(payoutsAction, postForm("/ops/payouts", form, opsOnly.cookie))).status).toBe(403);
    expect((await call(payoutsAction, postForm("/ops/payouts", form))).status).toBe(302); // to the sign-in page
    const bad = await call(payoutsAction, postForm("/ops/payouts", { ...form, upTo: "" }, finance.cookie));
    expect(bad.status).toBe(400);
    expect((await reportsOf(payout.id))[1].disposition).toBe("conflict");

    const done = await call(payoutsAction, postForm("/ops/payouts", form, finance.cookie));
    expect(done).toMatchObject({ status: 302, location: "/ops/payouts#needs-a-look" });
    expect((await flashAfter(done, payoutsLoader))?.message).toMatch(/1 conflicting report marked reviewed/);
    expect((await reportsOf(payout.id))[1]).toMatchObject({
      disposition: "reviewed",
      reviewedBy: `staff:${finance.id}`,
      reviewNote: "Checked the M-Pesa statement: paid once.",
      reviewedAt: expect.any(Date),
    });
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "payout.conflict_reviewed"), eq(schema.auditLog.subject, `payout:${payout.id}`)));
    expect(audit).toMatchObject([
      { actor: `staff:${finance.id}`, data: { callbacks: [conflict.id], note: "Checked the M-Pesa statement: paid once." } },
    ]);
    // The money and the payout are as they were; she is in the next run again, for her new work only.
    expect(await payoutById(payout.id)).toEqual(paid);
    expect(await inPreview(imani)).toMatchObject({ skip: null, amount: 51_000 });
    expect((await payoutsNeedingALook()).payouts.some((p) => p.payoutId === payout.id)).toBe(false);
    // Twice is nothing new, and audits nothing.
    const again = await call(payoutsAction, postForm("/ops/payouts", form, finance.cookie));
    expect((await flashAfter(again, payoutsLoader))?.message).toMatch(/nothing left to review/);
    expect(await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "payout.conflict_reviewed"))).toHaveLength(1);
  });

  it("finance can ask M-Pesa again about a payout with no clear answer (audited); the answer then settles it", async () => {
    const [stuck] = (await payoutsNeedingALook()).payouts.filter((p) => p.unanswered);
    expect(stuck).toBeDefined();
    const finance = await staffCookie(["finance"]);
    const asked = await call(
      payoutsAction,
      postForm("/ops/payouts", { intent: "recheck", payoutId: String(stuck.payoutId) }, finance.cookie),
    );
    expect(asked.status).toBe(302);
    expect(await payoutById(stuck.payoutId)).toMatchObject({ status: "reconciling", reconcileAttempts: 0 });
    expect(await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "payout.reconcile_again"))).toMatchObject([
      { actor: `staff:${finance.id}`, subject: `payout:${stuck.payoutId}` },
    ]);
    const payout = await payoutById(stuck.payoutId);
    daraja.settle(payout.providerRef!, { success: true });
    await reconcileAndAnswer(payout.id);
    expect(await payoutById(payout.id)).toMatchObject({
      status: "succeeded",
      receipt: daraja.payments.get(payout.providerRef!)!.truth!.transactionId,
    });
    expect(await entriesOf(payout.id)).toEqual([`payout:${payout.id}`, `payout:${payout.id}:settled`]);
    await expectBooksBalanced();
  });
});
