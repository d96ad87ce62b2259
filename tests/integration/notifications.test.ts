/**
 * Email through the real resend SDK, pointed at a local fake through RESEND_BASE_URL, and the real
 * graphile-worker running the send_email task from the app's task list.
 */
import { eq, sql } from "drizzle-orm";
import { Logger, runOnce } from "graphile-worker";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeResend } from "../fakes/resend";

// env() reads process.env once, on first use: set the provider up before anything asks for it.
const fake = await startFakeResend({ apiKey: "re_test_notifications" });
process.env.RESEND_API_KEY = fake.apiKey;
process.env.RESEND_BASE_URL = fake.url;
process.env.EMAIL_FROM = "Soko <orders@soko.test>";

const { db, schema } = await import("~/lib/db.server");
const { queueEmail } = await import("~/domain/notifications/outbox.server");
const { sendOutboxEmail } = await import("~/domain/notifications/send-email.server");
const { taskList } = await import("~/worker.server");
import type { OrderShippedProps } from "#emails/order-shipped";

const silent = new Logger(() => () => {});
const runJobs = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: silent });

afterAll(() => fake.close());
beforeEach(() => fake.reset());

const shipped = (orderNumber: string): OrderShippedProps => ({
  orderNumber,
  carrier: "DHL Express",
  trackingNumber: `JD${orderNumber}`,
  statusUrl: `http://localhost:3000/orders/${orderNumber}?t=signed`,
});

async function queueShipped(orderNumber: string, to = "amina@example.test") {
  return db.transaction((tx) =>
    queueEmail(tx, { template: "order-shipped", to, props: shipped(orderNumber), dedupeKey: `order-shipped:${orderNumber}` }),
  );
}

async function outboxRow(id: number) {
  const [row] = await db.select().from(schema.outbox).where(eq(schema.outbox.id, id));
  return row;
}

async function sendJobs() {
  const rows = await db.execute<{
    id: string;
    key: string | null;
    payload: { outboxId: number };
    attempts: number;
    max_attempts: number;
    last_error: string | null;
  }>(sql`
    select j.id, j.key, j.payload, j.attempts, j.max_attempts, j.last_error
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'send_email' order by j.id`);
  return [...rows];
}

describe("queueEmail", () => {
  it("stores the rendered email as queued and enqueues its job in the same transaction", async () => {
    const id = await queueShipped("SK-2001");
    expect(id).toEqual(expect.any(Number));
    const row = await outboxRow(id!);
    expect(row).toMatchObject({
      channel: "email",
      to: "amina@example.test",
      template: "order-shipped",
      status: "queued",
      attempts: 0,
      dedupeKey: "order-shipped:SK-2001",
      subject: "Your Soko order SK-2001 is on its way",
    });
    expect(row.html).toContain('href="http://localhost:3000/orders/SK-2001?t=signed"');
    expect(row.text).toContain("JDSK-2001");
    const jobs = await sendJobs();
    const job = jobs.find((j) => j.payload.outboxId === id);
    expect(job).toMatchObject({ key: `send_email:${id}`, attempts: 0, max_attempts: 10 });
  });

  it("writes neither the email nor the job when the transaction rolls back", async () => {
    const before = (await sendJobs()).length;
    await expect(
      db.transaction(async (tx) => {
        await queueEmail(tx, {
          template: "order-shipped",
          to: "x@example.test",
          props: shipped("SK-2002"),
          dedupeKey: "order-shipped:SK-2002",
        });
        throw new Error("the order failed");
      }),
    ).rejects.toThrow("the order failed");
    const rows = await db.select().from(schema.outbox).where(eq(schema.outbox.dedupeKey, "order-shipped:SK-2002"));
    expect(rows).toHaveLength(0);
    expect(await sendJobs()).toHaveLength(before);
  });

  it("queues a dedupe key only once", async () => {
    const first = await queueShipped("SK-2003");
    const jobsAfterFirst = (await sendJobs()).length;
    const second = await queueShipped("SK-2003", "someone-else@example.test");
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    const rows = await db.select().from(schema.outbox).where(eq(schema.outbox.dedupeKey, "order-shipped:SK-2003"));
    expect(rows).toHaveLength(1);
    expect(rows[0].to).toBe("amina@example.test");
    expect(await sendJobs()).toHaveLength(jobsAfterFirst);
  });
});

describe("the send_email job with Resend", () => {
  it("sends each queued email once through the resend SDK and marks it sent", async () => {
    await db.delete(schema.outbox);
    await db.execute(sql`delete from graphile_worker._private_jobs`);
    const id = (await queueShipped("SK-3001"))!;

    await runJobs();

    expect(fake.delivered).toHaveLength(1);
    const [request] = fake.delivered;
    expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(request.idempotencyKey).toBe("order-shipped:SK-3001");
    expect(request.body).toMatchObject({
      from: "Soko <orders@soko.test>",
      to: "amina@example.test",
      subject: "Your Soko order SK-3001 is on its way",
    });
    expect(request.body.html).toContain("Track your order");
    expect(request.body.text).toContain("DHL Express");

    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: "sent", providerRef: request.id, attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(await sendJobs()).toHaveLength(0);

    // Running the task again (a duplicate job, a retry after a crash) sends nothing.
    expect(await sendOutboxEmail(id)).toBe("skipped");
    await runJobs();
    expect(fake.requests).toHaveLength(1);
    expect((await outboxRow(id)).attempts).toBe(1);
  });

  it("keeps a failed email queued with the error, and graphile-worker retries it", async () => {
    await db.execute(sql`delete from graphile_worker._private_jobs`);
    const id = (await queueShipped("SK-3002"))!;
    fake.failNext(1);

    await runJobs();

    let row = await outboxRow(id);
    expect(row).toMatchObject({ status: "queued", attempts: 1, providerRef: null, sentAt: null });
    expect(row.lastError).toContain("The fake provider was told to fail");
    const [job] = await sendJobs();
    expect(job).toMatchObject({ attempts: 1, payload: { outboxId: id } });
    expect(job.last_error).toContain("The fake provider was told to fail");
    expect(fake.delivered).toHaveLength(0);

    // The retry is scheduled with backoff; bring it forward instead of waiting.
    await db.execute(sql`update graphile_worker._private_jobs set run_at = now()`);
    await runJobs();

    row = await outboxRow(id);
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(fake.delivered).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
    expect(await sendJobs()).toHaveLength(0);
  });

  it("does not deliver twice when a crash lost our record of a send (idempotency key)", async () => {
    const id = (await queueShipped("SK-3003"))!;
    expect(await sendOutboxEmail(id)).toBe("sent");
    // As if the process died after Resend accepted the email but before our update landed.
    await db.update(schema.outbox).set({ status: "queued", providerRef: null, sentAt: null }).where(eq(schema.outbox.id, id));

    expect(await sendOutboxEmail(id)).toBe("sent");

    expect(fake.requests).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
    expect((await outboxRow(id)).providerRef).toBe(fake.delivered[0].id);
  });

  it("marks the email failed when the last attempt fails", async () => {
    const id = (await queueShipped("SK-3004"))!;
    fake.failNext(1, 503);
    await expect(sendOutboxEmail(id, { finalAttempt: true })).rejects.toThrow(/Resend refused the email/);
    expect(await outboxRow(id)).toMatchObject({ status: "failed", attempts: 1 });
  });
});
