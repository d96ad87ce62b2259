/** /ops/payouts (finance) and /artisan/earnings (the artisan's own money), through their loaders and actions. */
import { eq, sql } from "drizzle-orm";
import { Logger, runOnce } from "graphile-worker";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct, createStaff } from "#db/seed/factories";
import { taskList } from "~/worker.server";
import { creditArtisanForQc } from "~/domain/ledger/ledger.server";
import { simulatedProvider } from "~/domain/payouts/simulated-provider.server";
import { payoutTasks } from "~/domain/payouts/tasks.server";
import { loader as earningsLoader } from "~/routes/artisan.earnings";
import { action as payoutsAction, loader as payoutsLoader } from "~/routes/ops.payouts";
import { loader as payoutsCsvLoader } from "~/routes/ops.payouts[.]csv";
import { db, schema } from "~/lib/db.server";
import { staffSessionCookie } from "./session-support";
import { artisanCookie, call, flashAfter, get, post } from "./artisan-support";

const provider = simulatedProvider({ delayMs: 0 });
const runJobs = () =>
  runOnce({
    connectionString: process.env.DATABASE_URL!,
    taskList: { ...taskList, ...payoutTasks(() => provider) },
    logger: new Logger(() => () => {}),
  });

async function staffCookie(roles: schema.StaffRole[]) {
  const staff = await createStaff(db, { roles });
  return { id: staff.id, cookie: await staffSessionCookie(staff.id) };
}

let variantId: number;
let seq = 0;
async function credit(artisanId: number, units: number, pieceRate: number) {
  seq += 1;
  const [request] = await db
    .insert(schema.productionRequests)
    .values({ number: `PR-W${seq}`, variantId, quantity: units, artisanId, pieceRate, dueDate: "2026-12-01", status: "qc_passed" })
    .returning();
  const [inspection] = await db
    .insert(schema.qcInspections)
    .values({ requestId: request.id, unitsPassed: units, outcome: "passed", inspector: "test" })
    .returning();
  await db.transaction((tx) =>
    creditArtisanForQc(tx, { requestId: request.id, inspectionId: inspection.id, artisanId, units, pieceRate, currency: "KES" }),
  );
}

/** The run form as /ops/payouts draws it for `cookie` now: the threshold and what the confirmation shows. */
async function runForm(cookie: string, threshold = "500") {
  const page = await call(payoutsLoader, get(`/ops/payouts?confirm=1&threshold=${threshold}`, cookie));
  const { preview } = page.body as { preview: { count: number; total: number; digest: string } };
  return { intent: "run", threshold, count: String(preview.count), total: String(preview.total), digest: preview.digest };
}

let finance: { id: number; cookie: string };
let opsOnly: { id: number; cookie: string };
let wanjiru: number;
let otieno: number;

beforeAll(async () => {
  variantId = (await createProduct(db, { handle: "glass-drops", title: "Recycled glass drops", status: "active" })).variants[0].id;
  finance = await staffCookie(["finance"]);
  opsOnly = await staffCookie(["ops"]);
  wanjiru = (await createArtisan(db, { firstName: "Wanjiru", phone: "+254744000001", language: "sw" })).artisan.id;
  otieno = (await createArtisan(db, { firstName: "Otieno", phone: "+254744000002", language: "en" })).artisan.id;
  await credit(wanjiru, 4, 20_000); // KES 800
  await credit(otieno, 3, 25_000); // KES 750
});

describe("/ops/payouts", () => {
  it("is for finance (and admin) only", async () => {
    expect((await call(payoutsLoader, get("/ops/payouts"))).status).toBe(302);
    expect((await call(payoutsLoader, get("/ops/payouts", opsOnly.cookie))).status).toBe(403);
    expect((await call(payoutsAction, post("/ops/payouts", { intent: "run", threshold: "500" }, opsOnly.cookie))).status).toBe(403);
    expect(await db.select().from(schema.payoutRuns)).toHaveLength(0);
  });

  it("previews the next run with the total, and the trial balance", async () => {
    const page = await call(payoutsLoader, get("/ops/payouts", finance.cookie));
    expect(page.status).toBe(200);
    const body = page.body as {
      threshold: number;
      preview: { count: number; total: number; shown: Array<{ artisanId: number; amount: number }> };
      books: { totals: Record<string, number>; accounts: Array<{ kind: string; balance: number }> };
    };
    expect(body.threshold).toBe(50_000);
    expect(body.preview.count).toBe(2);
    expect(body.preview.total).toBe(155_000);
    expect(body.books.totals.KES).toBe(0);
    expect(body.books.accounts.find((a) => a.kind === "artisan_payable")!.balance).toBe(-155_000);
    // A higher threshold leaves Otieno for next time.
    const higher = await call(payoutsLoader, get("/ops/payouts?threshold=760", finance.cookie));
    expect((higher.body as typeof body).preview.shown.map((c) => c.artisanId)).toEqual([wanjiru]);
  });

  it("refuses bad query strings and bad forms with a message, writing nothing", async () => {
    const bad = await call(payoutsLoader, get("/ops/payouts?status=paid", finance.cookie));
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/Unknown payout status/);
    const form = await call(payoutsAction, post("/ops/payouts", { intent: "run", threshold: "abc" }, finance.cookie));
    expect(form.status).toBe(400);
    expect(form.body).toMatchObject({ errors: { threshold: expect.stringMatching(/whole shillings/) } });
    expect(await db.select().from(schema.payoutRuns)).toHaveLength(0);
  });

  it("runs payouts (audited), shows the run and its payouts with receipts, and exports CSV", async () => {
    const ran = await call(payoutsAction, post("/ops/payouts", await runForm(finance.cookie), finance.cookie));
    expect(ran.status).toBe(302);
    const [run] = await db.select().from(schema.payoutRuns);
    expect(ran.location).toBe(`/ops/payouts?run=${run.id}`);
    expect(run).toMatchObject({ status: "completed", threshold: 50_000, createdBy: `staff:${finance.id}` });
    const flash = await flashAfter(ran, payoutsLoader);
    expect(flash?.message).toMatch(/2 payouts of KES 1,550 in all/);
    const audit = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "payout.run"));
    expect(audit).toMatchObject([{ actor: `staff:${finance.id}`, subject: `payout_run:${run.id}` }]);

    await runJobs();
    const page = await call(payoutsLoader, get(`/ops/payouts?run=${run.id}`, finance.cookie));
    const body = page.body as {
      runs: { runs: Array<{ id: number; succeeded: number }> };
      payouts: { payouts: Array<{ status: string; receipt: string | null }> };
      preview: { count: number };
    };
    expect(body.runs.runs[0]).toMatchObject({ id: run.id, succeeded: 2 });
    expect(body.payouts.payouts.map((p) => p.status)).toEqual(["succeeded", "succeeded"]);
    expect(body.payouts.payouts.every((p) => /^[A-Z0-9]{10}$/.test(p.receipt ?? ""))).toBe(true);
    expect(body.preview.count).toBe(0);

    const csv = (await payoutsCsvLoader({
      request: get(`/ops/payouts.csv?run=${run.id}`, finance.cookie),
      params: {},
      context: {},
    })) as Response;
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    expect(csv.headers.get("Content-Disposition")).toContain(`soko-payouts-run-${run.id}.csv`);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "payout_id,run_id,artisan_id,artisan_name,phone,amount,currency,status,mpesa_receipt,provider_ref,failure_reason,created_at,updated_at",
    );
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes(",800.00,KES,succeeded,"))).toBe(true);
    expect((await call(payoutsLoader, get("/ops/payouts?format=pdf", finance.cookie))).status).toBe(400);
  });

  it("finds one artisan's payout in a run however finance types it: phone, name, #id or M-Pesa receipt", async () => {
    const [run] = await db.select().from(schema.payoutRuns);
    const [hers] = await db.select().from(schema.payouts).where(eq(schema.payouts.artisanId, wanjiru));
    const found = async (find: string) => {
      const page = await call(payoutsLoader, get(`/ops/payouts?run=${run.id}&find=${encodeURIComponent(find)}`, finance.cookie));
      expect(page.status).toBe(200);
      return (page.body as { payouts: { payouts: Array<{ artisanId: number }>; total: number } }).payouts;
    };
    for (const find of [
      "0744 000 001",
      "+254744000001",
      "744000001",
      "wanjiru",
      "WANJIRU",
      `#${wanjiru}`,
      hers.receipt!,
      hers.receipt!.toLowerCase(),
    ]) {
      expect(
        (await found(find)).payouts.map((p) => p.artisanId),
        find,
      ).toEqual([wanjiru]);
    }
    expect((await found("0744 000")).total).toBe(2);
    expect((await found("nobody-like-this")).payouts).toEqual([]);
    // LIKE wildcards are literal; an overlong search is refused with a message.
    expect((await found("%")).payouts).toEqual([]);
    const long = await call(payoutsLoader, get(`/ops/payouts?find=${"x".repeat(101)}`, finance.cookie));
    expect(long.status).toBe(400);
    // The CSV export follows the search.
    const csv = (await payoutsCsvLoader({
      request: get(`/ops/payouts.csv?run=${run.id}&find=otieno`, finance.cookie),
      params: {},
      context: {},
    })) as Response;
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(2);
  });

  it("a second click right after pays nobody twice", async () => {
    // The page drawn now shows nobody to pay; confirming that run sends nothing.
    const again = await call(payoutsAction, post("/ops/payouts", await runForm(finance.cookie), finance.cookie));
    expect(again.status).toBe(302);
    expect((await flashAfter(again, payoutsLoader))?.message).toMatch(/nothing was sent/);
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from payouts`);
    expect(Number(n)).toBe(2);
  });
});

describe("/artisan/earnings", () => {
  it("needs a signed-in artisan", async () => {
    const outcome = await call(earningsLoader, get("/artisan/earnings"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/artisan/);
  });

  it("shows my balance, my QC credits and my payout with its M-Pesa reference — only mine", async () => {
    await credit(wanjiru, 1, 7_500); // after the payout: KES 75 owed
    const cookie = await artisanCookie(wanjiru);
    const page = await call(earningsLoader, get("/artisan/earnings", cookie));
    expect(page.status).toBe(200);
    const body = page.body as {
      balance: { amount: number };
      latestPayout: { status: string; receipt: string } | null;
      lines: Array<{
        type: string;
        requestNumber?: string;
        productTitle?: string;
        units?: number;
        pieceRate?: number;
        amount: number;
        receipt?: string;
      }>;
    };
    expect(body.balance.amount).toBe(7_500);
    expect(body.latestPayout).toMatchObject({ status: "succeeded", receipt: expect.stringMatching(/^[A-Z0-9]{10}$/) });
    const credits = body.lines.filter((l) => l.type === "credit");
    expect(credits.map((l) => [l.productTitle, l.units, l.pieceRate, l.amount])).toEqual([
      ["Recycled glass drops", 1, 7_500, 7_500],
      ["Recycled glass drops", 4, 20_000, 80_000],
    ]);
    expect(credits.every((l) => /^PR-W\d+$/.test(l.requestNumber ?? ""))).toBe(true);
    const payouts = body.lines.filter((l) => l.type === "payout");
    expect(payouts).toHaveLength(1);
    expect(payouts[0].amount).toBe(80_000);

    // Otieno's amounts never appear on Wanjiru's page, and a page number cannot reach them.
    const otienoPayout = (await db.select().from(schema.payouts).where(eq(schema.payouts.artisanId, otieno)))[0];
    expect(body.lines.some((l) => l.receipt === otienoPayout.receipt)).toBe(false);
    expect(body.lines.some((l) => l.amount === 75_000)).toBe(false);
    const far = await call(earningsLoader, get("/artisan/earnings?page=99", cookie));
    expect((far.body as typeof body).lines).toEqual([]);
    // A page that isn't a number is refused (her page's boundary says so in her language), not page 1.
    const junk = await call(earningsLoader, get("/artisan/earnings?page=abc", cookie));
    expect(junk.status).toBe(400);
    expect(junk.message).toBe("err.page");
  });

  it("a payout being checked with M-Pesa shows as such, its money out of the balance, on her page, the operations page and the CSV", async () => {
    const jabari = (await createArtisan(db, { firstName: "Jabari", phone: "+254744000004", language: "en" })).artisan.id;
    await credit(jabari, 6, 10_000);
    await call(payoutsAction, post("/ops/payouts", await runForm(finance.cookie), finance.cookie));
    const [payout] = await db.select().from(schema.payouts).where(eq(schema.payouts.artisanId, jabari));
    // M-Pesa reported a failure (timed out, here): the payout waits on its transaction status.
    await db
      .update(schema.payouts)
      .set({ status: "reconciling", failureReason: "Timed out in the M-Pesa queue: The service request timed out." })
      .where(eq(schema.payouts.id, payout.id));
    await credit(jabari, 6, 10_000); // new work meanwhile

    const mine = await call(earningsLoader, get("/artisan/earnings", await artisanCookie(jabari)));
    const body = mine.body as { balance: { amount: number }; latestPayout: { status: string } };
    expect(body.balance.amount).toBe(60_000);
    expect(body.latestPayout).toMatchObject({ status: "reconciling" });

    const ops = await call(payoutsLoader, get(`/ops/payouts?status=reconciling`, finance.cookie));
    expect(ops.status).toBe(200);
    const opsBody = ops.body as {
      payouts: { payouts: Array<{ id: number; status: string }> };
      preview: { shown: Array<{ artisanId: number; skip: string | null }> };
    };
    expect(opsBody.payouts.payouts).toEqual([expect.objectContaining({ id: payout.id, status: "reconciling" })]);
    expect(opsBody.preview.shown.find((c) => c.artisanId === jabari)).toMatchObject({ skip: "reconciling" });
    const csv = (await payoutsCsvLoader({
      request: get(`/ops/payouts.csv?status=reconciling`, finance.cookie),
      params: {},
      context: {},
    })) as Response;
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",600.00,KES,reconciling,");
  });

  it("a failed payout shows as failed with the money back in the balance", async () => {
    const zawadi = (await createArtisan(db, { firstName: "Zawadi", phone: "+254744000003", payoutPhone: "+254744000009" })).artisan.id;
    await credit(zawadi, 6, 10_000);
    await call(payoutsAction, post("/ops/payouts", await runForm(finance.cookie), finance.cookie));
    await runJobs();
    const page = await call(earningsLoader, get("/artisan/earnings", await artisanCookie(zawadi)));
    const body = page.body as { balance: { amount: number }; latestPayout: { status: string; failureReason: string } };
    expect(body.balance.amount).toBe(60_000);
    expect(body.latestPayout).toMatchObject({ status: "failed", failureReason: expect.stringContaining("2040") });
  });
});
