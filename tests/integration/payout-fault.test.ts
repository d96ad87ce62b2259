/**
 * Fault test: the payout worker is killed (SIGKILL, no clean-up) in the middle of a run and started
 * again. Each artisan must be paid exactly once, the provider must only ever see each payout's own
 * idempotency key, and the books must balance.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct } from "#db/seed/factories";
import { ACCOUNT_CODES, accountLines, artisanBalance, creditArtisanForQc, trialBalance } from "~/domain/ledger/ledger.server";
import { runPayouts } from "~/domain/payouts/payouts.server";
import { simulatedPayment } from "~/domain/payouts/simulated-provider.server";
import { db, schema } from "~/lib/db.server";

const ARTISANS = 14;
const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "soko-payout-fault-"));
const providerLog = path.join(dir, "provider.log");
const children: ChildProcess[] = [];
const artisanIds: number[] = [];
let failingArtisan: number;

function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/integration/payout-fault-worker.ts")], {
    cwd: root,
    // Sweeps for dead workers' jobs every half second (15 s in the app), judging jobs locked over 1 s ago.
    env: {
      ...process.env,
      PROVIDER_LOG: providerLog,
      PROVIDER_SLOW_MS: "150",
      SOKO_LIVENESS_SWEEP_MS: "500",
      SOKO_LIVENESS_GRACE_SECONDS: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      if (String(chunk).includes("worker ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`worker exited early (${code}): ${stderr}`)));
  });
}

async function kill(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const statusCounts = async () => {
  const rows = await db.execute<{ status: string; n: number }>(sql`select status, count(*)::int as n from payouts group by status`);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
};
const final = (counts: Record<string, number>) => (counts.succeeded ?? 0) + (counts.failed ?? 0);

beforeAll(async () => {
  writeFileSync(providerLog, "");
  const variantId = (await createProduct(db, { handle: "horn-bangle", status: "active" })).variants[0].id;
  for (let i = 0; i < ARTISANS; i++) {
    // The last one's payout phone ends in 9: the simulator refuses it, and its money must come back once.
    const phone = `+25473300${String(i).padStart(3, "0")}1`;
    const payoutPhone = i === ARTISANS - 1 ? "+254733000099" : phone;
    const id = (await createArtisan(db, { firstName: `Fundi${i}`, phone, payoutPhone })).artisan.id;
    const [request] = await db
      .insert(schema.productionRequests)
      .values({
        number: `PR-F${i}`,
        variantId,
        quantity: 5,
        artisanId: id,
        pieceRate: 20_000 + i * 100,
        dueDate: "2026-12-01",
        status: "qc_passed",
      })
      .returning();
    const [inspection] = await db
      .insert(schema.qcInspections)
      .values({ requestId: request.id, unitsPassed: 5, outcome: "passed", inspector: "test" })
      .returning();
    await db.transaction((tx) =>
      creditArtisanForQc(tx, {
        requestId: request.id,
        inspectionId: inspection.id,
        artisanId: id,
        units: 5,
        pieceRate: 20_000 + i * 100,
        currency: "KES",
      }),
    );
    artisanIds.push(id);
  }
  failingArtisan = artisanIds[ARTISANS - 1];
});

afterAll(async () => {
  for (const child of children) await kill(child);
  rmSync(dir, { recursive: true, force: true });
});

describe("the payout worker killed mid-run", () => {
  it("pays each artisan exactly once after a restart", async () => {
    const run = await runPayouts({ threshold: 50_000, actor: "staff:1" });
    expect(run.paid).toBe(ARTISANS);
    const owedBefore = new Map<number, number>();
    for (const payout of await db.select().from(schema.payouts)) owedBefore.set(payout.artisanId, payout.amount);

    // The first worker's provider answers three requests, then accepts the next ones and hangs.
    const first = await startWorker({ PROVIDER_HANG_AFTER: "3" });
    // Let it send a few, then pull the plug at the worst moment: M-Pesa has accepted a request
    // (it is in the provider's log) but the payout is still pending in our database.
    await until("a request accepted but not yet recorded", async () => {
      const seen = new Set(readFileSync(providerLog, "utf8").split("\n").filter(Boolean));
      const rows = await db.select({ key: schema.payouts.idempotencyKey, status: schema.payouts.status }).from(schema.payouts);
      const sent = rows.filter((r) => r.status !== "pending").length;
      return sent >= 3 && rows.some((r) => r.status === "pending" && seen.has(r.key));
    });
    await kill(first);
    const atCrash = await statusCounts();
    expect(final(atCrash)).toBeLessThan(ARTISANS);
    const lockedBy = (
      await db.execute<{ locked_by: string }>(sql`select distinct locked_by from graphile_worker._private_jobs where locked_by is not null`)
    ).map((r) => r.locked_by);

    expect(lockedBy.length).toBe(1); // the dead worker still holds jobs
    // graphile-worker alone would leave them locked for 4 hours; the next worker sees that nobody
    // holds the dead one's liveness lock and frees them by itself (app/lib/jobs/liveness.server.ts).
    const second = await startWorker();
    await until(
      "the dead worker's jobs to be freed",
      async () =>
        Number(
          (
            await db.execute<{ n: number }>(
              sql`select count(*)::int as n from graphile_worker._private_jobs where locked_by = ${lockedBy[0]}`,
            )
          )[0].n,
        ) === 0,
    );
    await until("every payout to be final", async () => final(await statusCounts()) === ARTISANS);
    await until(
      "the job queue to drain",
      async () => Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker._private_jobs`))[0].n) === 0,
    );
    await kill(second);

    // Exactly one payout per artisan; every one succeeded except the refused number.
    const payouts = await db.select().from(schema.payouts).orderBy(schema.payouts.artisanId);
    expect(payouts.map((p) => p.artisanId)).toEqual(artisanIds);
    for (const payout of payouts) {
      expect(payout.amount).toBe(owedBefore.get(payout.artisanId));
      if (payout.artisanId === failingArtisan) {
        expect(payout.status).toBe("failed");
        expect((await artisanBalance(payout.artisanId)).amount).toBe(payout.amount);
      } else {
        expect(payout.status).toBe("succeeded");
        expect(payout.receipt).toMatch(/^[A-Z0-9]{10}$/);
        // The ConversationID the simulated M-Pesa gave the first request with this key (random, and the same on a resend).
        expect(payout.providerRef).toBe((await simulatedPayment(payout.idempotencyKey))?.conversationId);
        expect(payout.providerRef).toMatch(/^AG_SIM_\d{8}_[0-9a-f]{20}$/);
        expect((await artisanBalance(payout.artisanId)).amount).toBe(0);
      }
    }

    // The provider saw only these payouts' keys; a key seen twice was a retry of an interrupted send
    // (same key, so the same payment at M-Pesa). Every key was seen at least once.
    const seen = readFileSync(providerLog, "utf8").split("\n").filter(Boolean);
    const keys = new Set(payouts.map((p) => p.idempotencyKey));
    expect(new Set(seen)).toEqual(keys);
    const perKey = new Map<string, number>();
    for (const key of seen) perKey.set(key, (perKey.get(key) ?? 0) + 1);
    for (const count of perKey.values()) expect(count).toBeLessThanOrEqual(2);
    // …and the crash did interrupt at least one send after M-Pesa accepted it.
    expect([...perKey.values()].some((count) => count === 2)).toBe(true);

    // The books: one settlement per paid payout, one reversal for the refused one, nothing in clearing.
    const entries = await db
      .select({ reference: schema.ledgerEntries.reference, kind: schema.ledgerEntries.kind })
      .from(schema.ledgerEntries);
    const settled = entries.filter((e) => e.kind === "payout_settled");
    const reversed = entries.filter((e) => e.kind === "payout_reversed");
    expect(settled).toHaveLength(ARTISANS - 1);
    expect(reversed).toHaveLength(1);
    const paidTotal = payouts.filter((p) => p.status === "succeeded").reduce((sum, p) => sum + p.amount, 0);
    expect((await accountLines(ACCOUNT_CODES.cash)).reduce((sum, l) => sum + l.amount, 0)).toBe(-paidTotal);
    expect((await accountLines(ACCOUNT_CODES.mpesaClearing)).reduce((sum, l) => sum + l.amount, 0)).toBe(0);
    const { totals } = await trialBalance();
    expect(totals.KES).toBe(0);

    // One SMS per payout, however many times callbacks ran.
    const sms = await db.execute<{ n: number }>(sql`select count(*)::int as n from outbox where dedupe_key like 'payout-sms:%'`);
    expect(Number(sms[0].n)).toBe(ARTISANS);
  }, 90_000);
});
