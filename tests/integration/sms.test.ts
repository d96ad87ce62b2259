/**
 * SMS through the Africa's Talking adapter, pointed at a local fake through AT_BASE_URL, and the
 * real graphile-worker running the send_sms task from the app's task list. Local mode (no AT keys)
 * stores the message in the outbox.
 */
import { eq, sql } from "drizzle-orm";
import { Logger, runOnce } from "graphile-worker";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createArtisan, createProduct } from "#db/seed/factories";
import { startFakeAfricasTalking } from "../fakes/africastalking";

const fake = await startFakeAfricasTalking({ apiKey: "at_test_sms", username: "soko-sandbox" });

const { db, schema } = await import("~/lib/db.server");
const { queueSms, retryFailedSms, sendOutboxSms } = await import("~/domain/messaging/outbox.server");
const { notifyNewOffers } = await import("~/domain/production/offer-sms.server");
const { taskList } = await import("~/worker.server");
const { remindDueWork } = await import("~/domain/production/reminders.server");

const silent = new Logger(() => () => {});
const runJobs = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: silent });

function africasTalkingMode() {
  process.env.AT_API_KEY = fake.apiKey;
  process.env.AT_USERNAME = fake.username;
  process.env.AT_SENDER_ID = "SOKO";
  process.env.AT_BASE_URL = fake.url;
}
function localMode() {
  delete process.env.AT_API_KEY;
  delete process.env.AT_USERNAME;
  delete process.env.AT_SENDER_ID;
  delete process.env.AT_BASE_URL;
}

afterAll(async () => {
  localMode();
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  africasTalkingMode();
  await db.execute(sql`delete from graphile_worker._private_jobs`);
});

const queue = (dedupeKey: string, text = "Soko: Salio lako ni KES 1,250.", to = "0712 345 678") =>
  db.transaction((tx) => queueSms(tx, { to, text, template: "test", dedupeKey }));

async function outboxRow(id: number) {
  const [row] = await db.select().from(schema.outbox).where(eq(schema.outbox.id, id));
  return row;
}

async function smsJobs() {
  const rows = await db.execute<{
    key: string | null;
    payload: { outboxId: number };
    attempts: number;
    max_attempts: number;
    last_error: string | null;
  }>(sql`
    select j.key, j.payload, j.attempts, j.max_attempts, j.last_error
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'send_sms' order by j.id`);
  return [...rows];
}

describe("queueSms", () => {
  it("stores the SMS as queued (number in E.164, text in plain GSM-7) and enqueues send_sms in the same transaction", async () => {
    const id = (await queue("test:q1", "Soko: “Karibu” — it’s ready"))!;
    expect(await outboxRow(id)).toMatchObject({
      channel: "sms",
      to: "+254712345678",
      template: "test",
      text: 'Soko: "Karibu" - it\'s ready',
      status: "queued",
      attempts: 0,
      dedupeKey: "test:q1",
    });
    expect(await smsJobs()).toEqual([
      expect.objectContaining({ key: `send_sms:${id}`, payload: { outboxId: id }, attempts: 0, max_attempts: 8 }),
    ]);
  });

  it("writes nothing when the transaction rolls back", async () => {
    await expect(
      db.transaction(async (tx) => {
        await queueSms(tx, { to: "+254712345678", text: "x", template: "test", dedupeKey: "test:rollback" });
        throw new Error("the business fact failed");
      }),
    ).rejects.toThrow("the business fact failed");
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.dedupeKey, "test:rollback"))).toHaveLength(0);
    expect(await smsJobs()).toHaveLength(0);
  });

  it("queues a dedupe key once", async () => {
    const first = await queue("test:dupe");
    const second = await queue("test:dupe", "another text", "+254700000009");
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    const rows = await db.select().from(schema.outbox).where(eq(schema.outbox.dedupeKey, "test:dupe"));
    expect(rows).toHaveLength(1);
    expect(rows[0].to).toBe("+254712345678");
    expect(await smsJobs()).toHaveLength(1);
  });
});

describe("the send_sms job with Africa's Talking", () => {
  it("posts the form fields with the apiKey header once, and marks the row sent with AT's message id", async () => {
    const id = (await queue("test:send1"))!;
    await runJobs();

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.delivered;
    expect(request.headers.apikey).toBe("at_test_sms");
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.form).toEqual({
      username: "soko-sandbox",
      to: "+254712345678",
      message: "Soko: Salio lako ni KES 1,250.",
      from: "SOKO",
    });
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: "sent", providerRef: request.messageId, attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(await smsJobs()).toHaveLength(0);

    // A duplicate job or a rerun sends nothing more.
    expect(await sendOutboxSms(id)).toBe("skipped");
    await runJobs();
    expect(fake.requests).toHaveLength(1);
  });

  it("records a provider failure on the row and lets graphile-worker retry it", async () => {
    const id = (await queue("test:retry"))!;
    fake.failNext(1, 503);
    await runJobs();

    let row = await outboxRow(id);
    expect(row).toMatchObject({ status: "queued", attempts: 1, providerRef: null });
    expect(row.lastError).toContain("HTTP 503");
    const [job] = await smsJobs();
    expect(job).toMatchObject({ attempts: 1 });
    expect(job.last_error).toContain("HTTP 503");

    await db.execute(sql`update graphile_worker._private_jobs set run_at = now()`);
    await runJobs();
    row = await outboxRow(id);
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(fake.requests).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
    expect(await smsJobs()).toHaveLength(0);
  });

  it("retries a recipient status worth retrying (insufficient balance)", async () => {
    const id = (await queue("test:balance"))!;
    fake.refuseRecipients(405);
    await runJobs();
    expect(await outboxRow(id)).toMatchObject({
      status: "queued",
      attempts: 1,
      lastError: expect.stringContaining("InsufficientBalance (405)"),
    });
    expect(await smsJobs()).toHaveLength(1);
  });

  it("marks a permanently refused number failed at once, without retries", async () => {
    const id = (await queue("test:invalid"))!;
    fake.refuseRecipients(403);
    await runJobs();
    expect(await outboxRow(id)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: expect.stringContaining("InvalidPhoneNumber (403)"),
    });
    expect(await smsJobs()).toHaveLength(0);
    expect(fake.delivered).toHaveLength(0);
  });

  it("marks the row failed when the last attempt fails", async () => {
    const id = (await queue("test:last"))!;
    fake.failNext(1);
    await expect(sendOutboxSms(id, { finalAttempt: true })).rejects.toThrow(/HTTP 500/);
    expect(await outboxRow(id)).toMatchObject({ status: "failed", attempts: 1 });
    // A failed row is not sent again by a stray job.
    expect(await sendOutboxSms(id)).toBe("skipped");
  });

  it("sends a failed SMS again when operations retry it, and only a failed one", async () => {
    const id = (await queue("test:ops-retry"))!;
    expect(await retryFailedSms(id, "staff:1")).toBe(false);
    fake.refuseRecipients(403);
    await runJobs();
    expect((await outboxRow(id)).status).toBe("failed");

    fake.refuseRecipients(null);
    expect(await retryFailedSms(id, "staff:1")).toBe(true);
    await runJobs();
    expect(await outboxRow(id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(fake.delivered).toHaveLength(1);
    expect(await retryFailedSms(id, "staff:1")).toBe(false);
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `outbox:${id}`));
    expect(audit).toEqual([expect.objectContaining({ actor: "staff:1", action: "outbox.retry" })]);
  });

  it("treats a wrong API key as a failure to retry, not a send", async () => {
    process.env.AT_API_KEY = "wrong";
    const id = (await queue("test:key"))!;
    await runJobs();
    expect(await outboxRow(id)).toMatchObject({ status: "queued", attempts: 1, lastError: expect.stringContaining("HTTP 401") });
  });
});

describe("local mode", () => {
  it("stores the SMS in the outbox without calling any provider", async () => {
    localMode();
    const id = (await queue("test:local"))!;
    await runJobs();
    expect(await outboxRow(id)).toMatchObject({ status: "stored", providerRef: "outbox:test:local", attempts: 1 });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("offer SMS", () => {
  it("queues one SMS per offer through queueSms, in the artisan's language, and the job delivers it", async () => {
    const { variants } = await createProduct(db, { title: "Horn Studs", status: "active" });
    const { artisan } = await createArtisan(db, { language: "en", phone: "+254711000222", lastName: "Offer", handle: "offer-sms-artisan" });
    await db.insert(schema.productionRequests).values({
      number: "PR-70001",
      variantId: variants[0].id,
      quantity: 6,
      pieceRate: 35_000,
      dueDate: "2026-12-12",
      status: "offered",
      artisanId: artisan.id,
    });

    expect(await notifyNewOffers()).toBe(1);
    expect(await notifyNewOffers()).toBe(0);
    const [row] = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `offer-sms:${(await db.select().from(schema.productionRequests))[0].id}:${artisan.id}`));
    expect(row).toMatchObject({ channel: "sms", to: "+254711000222", template: "offer", status: "queued" });
    expect(row.text).toBe(
      "Soko: New offer PR-70001: 6x Horn Studs at KES 350 each (KES 2,100 in all), due 12 Dec. Dial *384*76# or text ACCEPT PR-70001.",
    );

    await runJobs();
    expect(fake.delivered.map((d) => d.form.to)).toEqual(["+254711000222"]);
    expect((await outboxRow(row.id)).status).toBe("sent");
  });
});

describe("due-date reminders", () => {
  it("texts each artisan once about work due within two days, and nothing else", async () => {
    localMode();
    const now = new Date("2026-12-10T05:00:00Z"); // 08:00 in Nairobi
    const { variants } = await createProduct(db, { title: "Brass Hoops", status: "active" });
    const { artisan } = await createArtisan(db, {
      language: "sw",
      phone: "+254711000333",
      lastName: "Reminder",
      handle: "reminder-artisan",
    });
    const { artisan: away } = await createArtisan(db, {
      language: "en",
      phone: "+254711000444",
      lastName: "Inactive",
      handle: "inactive-artisan",
      active: false,
    });
    const make = (number: string, status: "accepted" | "in_progress" | "offered" | "ready", dueDate: string, artisanId = artisan.id) =>
      db
        .insert(schema.productionRequests)
        .values({ number, variantId: variants[0].id, quantity: 3, pieceRate: 20_000, dueDate, status, artisanId });
    await make("PR-80001", "accepted", "2026-12-12");
    await make("PR-80002", "in_progress", "2026-12-10");
    await make("PR-80003", "accepted", "2026-12-13"); // three days out
    await make("PR-80004", "offered", "2026-12-11"); // not accepted
    await make("PR-80005", "ready", "2026-12-11"); // already done
    await make("PR-80006", "accepted", "2026-12-09"); // overdue: operations chase it, not a reminder
    await make("PR-80007", "accepted", "2026-12-11", away.id);

    expect(await remindDueWork(now)).toBe(2);
    expect(await remindDueWork(now)).toBe(0);
    const rows = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "due-reminder"));
    expect(rows.map((r) => r.text).sort()).toEqual([
      "Soko: Kumbuka, PR-80001 (3x Brass Hoops) inatakiwa tarehe 12 Des. Ikiwa tayari, piga *384*76# au fungua programu.",
      "Soko: Kumbuka, PR-80002 (3x Brass Hoops) inatakiwa tarehe 10 Des. Ikiwa tayari, piga *384*76# au fungua programu.",
    ]);
    expect(rows.every((r) => r.to === "+254711000333" && r.status === "queued")).toBe(true);
    await runJobs();
    expect((await db.select().from(schema.outbox).where(eq(schema.outbox.template, "due-reminder"))).map((r) => r.status)).toEqual([
      "stored",
      "stored",
    ]);
  });
});
