/**
 * "Send these payouts now?" is bound to what it showed (decision 0024): the run form carries the
 * count, the KES total and a digest of the exact payees, and a run from the page pays exactly those
 * or nothing. Tried as an attacker and as an unlucky finance clerk: balances or a payout number moved
 * in between, a double submit, a replay, a forged digest. The weekly (cron) run is unaffected.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct, createStaff } from "#db/seed/factories";
import { creditArtisanForQc } from "~/domain/ledger/ledger.server";
import { runPayouts } from "~/domain/payouts/payouts.server";
import { action as payoutsAction, loader as payoutsLoader } from "~/routes/ops.payouts";
import { db, schema } from "~/lib/db.server";
import { staffSessionCookie } from "./session-support";
import { call, get, post } from "./artisan-support";

let variantId: number;
let seq = 0;
async function credit(artisanId: number, units: number, pieceRate: number) {
  seq += 1;
  const [request] = await db
    .insert(schema.productionRequests)
    .values({ number: `PR-A${seq}`, variantId, quantity: units, artisanId, pieceRate, dueDate: "2026-12-01", status: "qc_passed" })
    .returning();
  const [inspection] = await db
    .insert(schema.qcInspections)
    .values({ requestId: request.id, unitsPassed: units, outcome: "passed", inspector: "test" })
    .returning();
  await db.transaction((tx) =>
    creditArtisanForQc(tx, { requestId: request.id, inspectionId: inspection.id, artisanId, units, pieceRate, currency: "KES" }),
  );
}

type Preview = { count: number; total: number; digest: string };
async function runForm(cookie: string): Promise<Record<string, string>> {
  const page = await call(payoutsLoader, get("/ops/payouts?confirm=1&threshold=500", cookie));
  const { preview } = page.body as { preview: Preview };
  return { intent: "run", threshold: "500", count: String(preview.count), total: String(preview.total), digest: preview.digest };
}

/** Everything a run writes: runs, payouts, send jobs, payout ledger entries. */
async function written() {
  const [row] = await db.execute<{ runs: number; payouts: number; jobs: number; entries: number }>(sql`
    select (select count(*)::int from payout_runs) as runs, (select count(*)::int from payouts) as payouts,
      (select count(*)::int from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'send_payout') as jobs,
      (select count(*)::int from ledger_entries where reference like 'payout:%') as entries`);
  return { runs: Number(row.runs), payouts: Number(row.payouts), jobs: Number(row.jobs), entries: Number(row.entries) };
}

let cookie: string;
let amina: number;
let bakari: number;

beforeAll(async () => {
  variantId = (await createProduct(db, { handle: "bead-cuff", title: "Bead cuff", status: "active" })).variants[0].id;
  cookie = await staffSessionCookie((await createStaff(db, { roles: ["finance"] })).id);
  amina = (await createArtisan(db, { firstName: "Amina", phone: "+254755000001" })).artisan.id;
  bakari = (await createArtisan(db, { firstName: "Bakari", phone: "+254755000002" })).artisan.id;
  await credit(amina, 4, 20_000); // KES 800
  await credit(bakari, 3, 25_000); // KES 750
});

describe("the payout confirmation is bound to what it showed", () => {
  it("a balance that changed between the preview and 'Yes, pay now' is a 409 with the run as it is now; nothing written or sent", async () => {
    const form = await runForm(cookie);
    expect(form.count).toBe("2");
    const carol = (await createArtisan(db, { firstName: "Carol", phone: "+254755000003" })).artisan.id;
    await credit(carol, 6, 10_000); // a QC pass lands meanwhile: KES 600 more
    const before = await written();
    const refused = await call(payoutsAction, post("/ops/payouts", form, cookie));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      errors: { form: "The payouts changed since you looked: now 3 payouts, KES 2,150. Check and confirm again." },
    });
    expect(await written()).toEqual(before);
    // The page shows the new run to confirm; confirming that pays it.
    const fresh = await runForm(cookie);
    expect(fresh.count).toBe("3");
    expect(fresh.total).toBe("215000");
    // A higher balance for one payee is a change too, with the same count.
    await credit(carol, 1, 10_000);
    expect((await call(payoutsAction, post("/ops/payouts", fresh, cookie))).status).toBe(409);
    expect(await written()).toEqual(before);
  });

  it("a payout number changed in between is a 409 too (same people, same amounts)", async () => {
    const form = await runForm(cookie);
    await db.update(schema.artisans).set({ payoutPhone: "+254755000099" }).where(eq(schema.artisans.id, bakari));
    const before = await written();
    expect((await call(payoutsAction, post("/ops/payouts", form, cookie))).status).toBe(409);
    expect(await written()).toEqual(before);
    await db.update(schema.artisans).set({ payoutPhone: "+254755000002" }).where(eq(schema.artisans.id, bakari));
  });

  it("a forged digest, count or total is a 409; a malformed one a 400; nothing written", async () => {
    const form = await runForm(cookie);
    const before = await written();
    for (const forged of [
      { ...form, digest: "0".repeat(64) },
      { ...form, count: String(Number(form.count) - 1) },
      { ...form, total: String(Number(form.total) + 100) },
      { ...form, threshold: "760" }, // the approval of one run, sent with another threshold
    ]) {
      expect((await call(payoutsAction, post("/ops/payouts", forged, cookie))).status, JSON.stringify(forged)).toBe(409);
    }
    const malformed: Record<string, string>[] = [
      { ...form, digest: "not-a-digest" },
      { intent: "run", threshold: "500" },
    ];
    for (const bad of malformed) {
      const refused = await call(payoutsAction, post("/ops/payouts", bad, cookie));
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain("Reload the page and confirm the run again.");
    }
    expect(await written()).toEqual(before);
  });

  it("the same form submitted twice at once makes one run; replayed afterwards it sends nothing again", async () => {
    const form = await runForm(cookie);
    const before = await written();
    const answers = await Promise.all([
      call(payoutsAction, post("/ops/payouts", form, cookie)),
      call(payoutsAction, post("/ops/payouts", form, cookie)),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409]);
    const after = await written();
    expect(after.runs).toBe(before.runs + 1);
    expect(after.payouts).toBe(before.payouts + Number(form.count));
    expect(after.jobs).toBe(before.jobs + Number(form.count));
    const paid = await db.select({ amount: schema.payouts.amount }).from(schema.payouts);
    expect(paid.reduce((sum, p) => sum + p.amount, 0)).toBe(Number(form.total));
    const [audit] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "payout.run"));
    expect(audit.data).toMatchObject({ threshold: 50_000, approved: { count: Number(form.count), total: Number(form.total) } });

    const replay = await call(payoutsAction, post("/ops/payouts", form, cookie));
    expect(replay.status).toBe(409);
    expect(replay.body).toMatchObject({ errors: { form: expect.stringContaining("now 0 payouts, KES 0") } });
    expect(await written()).toEqual(after);
  });

  it("the weekly run (no approval: the schedule's own) still pays whoever is owed", async () => {
    const dada = (await createArtisan(db, { firstName: "Dada", phone: "+254755000004" })).artisan.id;
    await credit(dada, 6, 10_000);
    const result = await runPayouts({ threshold: 50_000, actor: "job:payout_run" });
    expect(result).toMatchObject({ paid: 1, total: 60_000 });
    const [hers] = await db.select().from(schema.payouts).where(eq(schema.payouts.artisanId, dada));
    expect(hers).toMatchObject({ runId: result.runId, amount: 60_000 });
  });
});
