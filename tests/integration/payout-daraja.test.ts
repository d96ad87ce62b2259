import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "#db/seed/factories";
import { artisanBalance, trialBalance } from "~/domain/ledger/ledger.server";
import { darajaProvider } from "~/domain/payouts/daraja-provider.server";
import { payoutProvider } from "~/domain/payouts/choose-provider.server";
import { reconcilePayout, runPayouts, sendPayout } from "~/domain/payouts/payouts.server";
import { PayoutRejected } from "~/domain/payouts/provider";
import { loader } from "~/routes/webhooks.mpesa.$kind";
import { db, schema } from "~/lib/db.server";
import { startFakeDaraja, type FakeDaraja } from "../fakes/daraja";
import { owedArtisan as owed, startReceiver } from "./mpesa-support";

const CALLBACK_TOKEN = "cb-secret-0123456789";
let daraja: FakeDaraja;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let receiverUrl: string;
let variantId: number;

const owedArtisan = (name: string, phone: string, amount: number) => owed(variantId, name, phone, amount);

const payoutOf = async (artisanId: number) =>
  (await db.select().from(schema.payouts).where(eq(schema.payouts.artisanId, artisanId)).orderBy(schema.payouts.id))[0];
const b2cRequests = () => daraja.requests.filter((r) => r.path.startsWith("/mpesa/b2c/"));

async function expectBooksBalanced() {
  const { totals } = await trialBalance();
  for (const total of Object.values(totals)) expect(total).toBe(0);
}

beforeAll(async () => {
  daraja = await startFakeDaraja();
  receiver = await startReceiver();
  receiverUrl = receiver.url;
  Object.assign(process.env, {
    MPESA_CONSUMER_KEY: daraja.consumerKey,
    MPESA_CONSUMER_SECRET: daraja.consumerSecret,
    MPESA_INITIATOR_NAME: "sokoapi",
    MPESA_SECURITY_CREDENTIAL: "ENCRYPTED-CREDENTIAL==",
    MPESA_SHORTCODE: "600980",
    MPESA_CALLBACK_BASE_URL: receiverUrl,
    MPESA_BASE_URL: daraja.url,
    MPESA_CALLBACK_TOKEN: CALLBACK_TOKEN,
  });
  variantId = (await createProduct(db, { handle: "bone-studs", status: "active" })).variants[0].id;
});

afterAll(async () => {
  await daraja.close();
  await receiver.close();
});

describe("the Daraja B2C adapter against a fake Daraja", () => {
  it("is chosen when MPESA_CONSUMER_KEY is set, and refuses a half configuration", () => {
    expect(payoutProvider().name).toBe("daraja");
    expect(() => payoutProvider({ MPESA_CONSUMER_KEY: "x" })).toThrow(/MPESA_CONSUMER_SECRET.*missing/);
    expect(payoutProvider({}).name).toBe("simulated");
  });

  it("gets a token, sends a BusinessPayment in whole shillings, and settles on M-Pesa's result", async () => {
    const amina = await owedArtisan("Amina", "+254722000001", 123_400);
    const run = await runPayouts({ threshold: 50_000, actor: "staff:1" });
    const payout = await payoutOf(amina);
    expect(await sendPayout(payout.id, payoutProvider())).toBe("submitted");

    expect(daraja.requests[0]).toMatchObject({ method: "GET", path: "/oauth/v1/generate" });
    const [b2c] = b2cRequests();
    expect(b2c.headers.authorization).toMatch(/^Bearer tok_1_/);
    expect(b2c.body).toEqual({
      OriginatorConversationID: `run:${run.runId}:artisan:${amina}`,
      InitiatorName: "sokoapi",
      SecurityCredential: "ENCRYPTED-CREDENTIAL==",
      CommandID: "BusinessPayment",
      Amount: 1234,
      PartyA: "600980",
      PartyB: "254722000001",
      Remarks: `Soko payout ${payout.id}`,
      QueueTimeOutURL: `${receiverUrl}/webhooks/mpesa/timeout?token=${CALLBACK_TOKEN}`,
      ResultURL: `${receiverUrl}/webhooks/mpesa/result?token=${CALLBACK_TOKEN}`,
      Occasion: `payout-${payout.id}`,
    });
    const submitted = await payoutOf(amina);
    expect(submitted.status).toBe("submitted");
    const payment = daraja.payments.get(submitted.providerRef!)!;
    expect(payment).toBeDefined();

    const delivered = await daraja.deliverResult(payment.conversationId, { success: true });
    expect(delivered).toEqual({ status: 200, body: { ResultCode: 0, ResultDesc: "Accepted" } });
    const paid = await payoutOf(amina);
    expect(paid.status).toBe("succeeded");
    expect(paid.receipt).toMatch(/^Q[0-9A-F]{9}$/);
    expect((await artisanBalance(amina)).amount).toBe(0);

    // Safaricom retries callbacks: the second changes nothing.
    expect((await daraja.deliverResult(payment.conversationId, { success: true })).status).toBe(200);
    expect(await payoutOf(amina)).toEqual(paid);
    // A second token is not needed within the hour.
    expect(daraja.requests.filter((r) => r.path === "/oauth/v1/generate")).toHaveLength(1);
    await expectBooksBalanced();
  });

  it("a failure result is confirmed with M-Pesa's transaction status before the money returns to the balance", async () => {
    const baraka = await owedArtisan("Baraka", "+254722000002", 80_000);
    await runPayouts({ threshold: 50_000, actor: "staff:1" });
    const payout = await payoutOf(baraka);
    await sendPayout(payout.id, payoutProvider());
    const { providerRef } = await payoutOf(baraka);
    const answer = await daraja.deliverResult(providerRef!, {
      success: false,
      resultCode: 2001,
      resultDesc: "The initiator information is invalid.",
    });
    expect(answer.status).toBe(200);
    expect(await payoutOf(baraka)).toMatchObject({ status: "reconciling", failureReason: "The initiator information is invalid. (2001)" });
    expect((await artisanBalance(baraka)).amount).toBe(0);

    expect(await reconcilePayout(payout.id, payoutProvider())).toBe("queried");
    const [query] = [...daraja.statusQueries.values()].filter((q) => q.body.OriginalConversationID === payout.idempotencyKey);
    expect((await daraja.deliverStatus(query.conversationId)).status).toBe(200);
    expect(await payoutOf(baraka)).toMatchObject({
      status: "failed",
      failureReason: expect.stringMatching(
        /^The initiator information is invalid\. \(2001\) Confirmed by M-Pesa: M-Pesa's transaction status: Failed/,
      ),
    });
    expect((await artisanBalance(baraka)).amount).toBe(80_000);
    await expectBooksBalanced();
  });

  it("a status query Daraja refuses changes nothing and is asked again (counted, so it reaches finance if it never works)", async () => {
    const eshe = await owedArtisan("Eshe", "+254722000005", 70_000);
    await runPayouts({ threshold: 50_000, actor: "staff:1" });
    const payout = await payoutOf(eshe);
    await sendPayout(payout.id, payoutProvider());
    const { providerRef } = await payoutOf(eshe);
    await daraja.deliverResult(providerRef!, { success: false, resultCode: 2040 });
    const misconfigured = darajaProvider({
      consumerKey: daraja.consumerKey,
      consumerSecret: daraja.consumerSecret,
      initiatorName: "",
      securityCredential: "X",
      shortCode: "600980",
      resultUrl: "http://x/r",
      queueTimeOutUrl: "http://x/t",
      statusResultUrl: "http://x/s",
      statusQueueTimeOutUrl: "http://x/st",
      baseUrl: daraja.url,
    });
    await expect(reconcilePayout(payout.id, misconfigured)).rejects.toThrow(
      /transaction status query answered HTTP 400.*Invalid Initiator/,
    );
    expect(await payoutOf(eshe)).toMatchObject({ status: "reconciling", statusQueryRef: null, reconcileAttempts: 1 });
    expect((await artisanBalance(eshe)).amount).toBe(0);
    expect(await reconcilePayout(payout.id, payoutProvider())).toBe("queried");
    const { statusQueryRef } = await payoutOf(eshe);
    expect(daraja.statusQueries.get(statusQueryRef!)!.body).toMatchObject({
      Initiator: "sokoapi",
      SecurityCredential: "ENCRYPTED-CREDENTIAL==",
      CommandID: "TransactionStatusQuery",
      OriginalConversationID: payout.idempotencyKey,
      ResultURL: `${receiverUrl}/webhooks/mpesa/status?token=${CALLBACK_TOKEN}`,
      QueueTimeOutURL: `${receiverUrl}/webhooks/mpesa/status-timeout?token=${CALLBACK_TOKEN}`,
    });
    await daraja.deliverStatus(statusQueryRef!);
    expect(await payoutOf(eshe)).toMatchObject({ status: "failed", reconcileAttempts: 2 });
    expect((await artisanBalance(eshe)).amount).toBe(70_000);
    await expectBooksBalanced();
  });

  it("retries a server error with the same OriginatorConversationID; renews an expired token", async () => {
    const chebet = await owedArtisan("Chebet", "+254722000003", 60_000);
    await runPayouts({ threshold: 50_000, actor: "staff:1" });
    const payout = await payoutOf(chebet);
    const before = b2cRequests().length;
    daraja.failNext(503);
    await expect(sendPayout(payout.id, payoutProvider())).rejects.toThrow(/HTTP 503/);
    expect((await payoutOf(chebet)).status).toBe("pending");
    daraja.expireTokens();
    expect(await sendPayout(payout.id, payoutProvider())).toBe("submitted");
    const sent = b2cRequests()
      .slice(before)
      .map((r) => (r.body as { OriginatorConversationID: string }).OriginatorConversationID);
    expect(new Set(sent)).toEqual(new Set([payout.idempotencyKey]));
    expect([...daraja.payments.values()].filter((p) => p.originatorConversationId === payout.idempotencyKey)).toHaveLength(1);
  });

  it("a crash after Daraja accepted: the resend is refused as a duplicate, never marked failed; M-Pesa's transaction status settles it", async () => {
    const strict = await startFakeDaraja({ duplicates: "reject" });
    const provider = darajaProvider({
      consumerKey: strict.consumerKey,
      consumerSecret: strict.consumerSecret,
      initiatorName: "sokoapi",
      securityCredential: "X",
      shortCode: "600980",
      resultUrl: `${receiverUrl}/webhooks/mpesa/result?token=${CALLBACK_TOKEN}`,
      queueTimeOutUrl: `${receiverUrl}/webhooks/mpesa/timeout?token=${CALLBACK_TOKEN}`,
      statusResultUrl: `${receiverUrl}/webhooks/mpesa/status?token=${CALLBACK_TOKEN}`,
      statusQueueTimeOutUrl: `${receiverUrl}/webhooks/mpesa/status-timeout?token=${CALLBACK_TOKEN}`,
      baseUrl: strict.url,
    });
    const dalia = await owedArtisan("Dalia", "+254722000004", 60_000);
    await runPayouts({ threshold: 50_000, actor: "staff:1" });
    const payout = await payoutOf(dalia);
    await provider.requestPayment({
      payoutId: payout.id,
      phone: payout.phone,
      amount: payout.amount,
      idempotencyKey: payout.idempotencyKey,
    });
    // …and the worker died before recording it: the payout is still pending. The retry is refused as a
    // duplicate: we cannot know the ConversationID, so M-Pesa's transaction status decides.
    expect(await sendPayout(payout.id, provider)).toBe("reconciling");
    expect(await payoutOf(dalia)).toMatchObject({
      status: "reconciling",
      providerRef: null,
      failureReason: expect.stringMatching(/Duplicate/),
    });
    expect((await artisanBalance(dalia)).amount).toBe(0);
    // M-Pesa's result comes in: it names our key but we have no ConversationID to check it against, so it waits.
    const [payment] = strict.payments.values();
    expect((await strict.deliverResult(payment.conversationId, { success: true })).status).toBe(200);
    expect((await payoutOf(dalia)).status).toBe("reconciling");
    expect(await reconcilePayout(payout.id, provider)).toBe("queried");
    const [query] = strict.statusQueries.values();
    expect(query.body).toMatchObject({
      CommandID: "TransactionStatusQuery",
      OriginalConversationID: payout.idempotencyKey,
      PartyA: "600980",
      IdentifierType: "4",
    });
    expect((await strict.deliverStatus(query.conversationId)).status).toBe(200);
    expect(await payoutOf(dalia)).toMatchObject({
      status: "succeeded",
      providerRef: payment.conversationId,
      receipt: payment.truth!.transactionId,
    });
    // The parked result, now checkable against the ConversationID the status answer gave, agrees.
    const reports = await db
      .select()
      .from(schema.payoutCallbacks)
      .where(eq(schema.payoutCallbacks.payoutId, payout.id))
      .orderBy(schema.payoutCallbacks.id);
    expect(reports.map((r) => [r.kind, r.disposition])).toEqual([
      ["result", "duplicate"],
      ["status", "applied"],
    ]);
    expect(await sendPayout(payout.id, provider)).toBe("already");
    expect(strict.payments.size).toBe(1);
    await strict.close();
    await expectBooksBalanced();
  });

  it("refuses bad numbers, bad credentials and Daraja's own refusals as the right kind of error", async () => {
    const provider = payoutProvider();
    await expect(provider.requestPayment({ payoutId: 1, phone: "12345", amount: 10_000, idempotencyKey: "k1" })).rejects.toBeInstanceOf(
      PayoutRejected,
    );
    await expect(
      provider.requestPayment({ payoutId: 1, phone: "+254722000001", amount: 500, idempotencyKey: "k2" }),
    ).rejects.toBeInstanceOf(PayoutRejected);
    const wrong = darajaProvider({
      consumerKey: "nope",
      consumerSecret: "nope",
      initiatorName: "a",
      securityCredential: "b",
      shortCode: "1",
      resultUrl: "http://x/r",
      queueTimeOutUrl: "http://x/t",
      statusResultUrl: "http://x/s",
      statusQueueTimeOutUrl: "http://x/st",
      baseUrl: daraja.url,
    });
    const error = await wrong.requestPayment({ payoutId: 1, phone: "+254722000001", amount: 10_000, idempotencyKey: "k3" }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PayoutRejected);
    expect(error.message).toMatch(/OAuth answered HTTP 400/);
  });
});

describe("POST /webhooks/mpesa/*", () => {
  const post = (path: string, body: string) => fetch(`${receiverUrl}${path}`, { method: "POST", body });
  const validUnknown = JSON.stringify({
    Result: {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: "ok",
      OriginatorConversationID: "nobody",
      ConversationID: "AG_NOBODY",
      TransactionID: "QAAAAAAAAA",
    },
  });

  it("refuses callers without the token, bodies that are not Daraja's, and other methods and paths", async () => {
    const entries = Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from ledger_entries`))[0].n);
    expect((await post("/webhooks/mpesa/result", validUnknown)).status).toBe(401);
    expect((await post(`/webhooks/mpesa/result?token=wrong`, validUnknown)).status).toBe(401);
    expect((await post(`/webhooks/mpesa/result?token=${CALLBACK_TOKEN}`, "not json")).status).toBe(400);
    const malformed = await post(`/webhooks/mpesa/result?token=${CALLBACK_TOKEN}`, JSON.stringify({ Body: { stkCallback: {} } }));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).ResultCode).toBe(1);
    expect((await post(`/webhooks/mpesa/refund?token=${CALLBACK_TOKEN}`, validUnknown)).status).toBe(404);
    expect((await post("/webhooks/mpesa/status", validUnknown)).status).toBe(401);
    const get = loader({ request: new Request("http://x/webhooks/mpesa/result"), params: { kind: "result" }, context: {} });
    expect((get as Response).status).toBe(405);
    expect(Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from ledger_entries`))[0].n)).toBe(entries);
  });

  it("answers an unknown reference exactly as a known one (nothing leaked), changes nothing and records it", async () => {
    const before = await db.select().from(schema.payouts);
    const response = await post(`/webhooks/mpesa/result?token=${CALLBACK_TOKEN}`, validUnknown);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ResultCode: 0, ResultDesc: "Accepted" });
    expect(await db.select().from(schema.payouts)).toEqual(before);
    const [recorded] = await db.select().from(schema.payoutCallbacks).where(eq(schema.payoutCallbacks.conversationRef, "AG_NOBODY"));
    expect(recorded).toMatchObject({ disposition: "unmatched", payoutId: null, originatorRef: "nobody" });
  });
});
