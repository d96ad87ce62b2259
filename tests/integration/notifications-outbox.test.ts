/** Local mode: without RESEND_API_KEY the email is rendered into the outbox and marked stored. */
import { eq, sql } from "drizzle-orm";
import { Logger, runOnce } from "graphile-worker";
import { describe, expect, it } from "vitest";

delete process.env.RESEND_API_KEY;

const { db, schema } = await import("~/lib/db.server");
const { queueEmail } = await import("~/domain/notifications/outbox.server");
const { mailer } = await import("~/domain/notifications/mailer.server");
const { taskList } = await import("~/worker.server");

describe("outbox mode", () => {
  it("chooses the outbox mailer when no Resend key is set", () => {
    expect(mailer().kind).toBe("outbox");
  });

  it("marks a queued email stored when its job runs", async () => {
    const id = await db.transaction((tx) =>
      queueEmail(tx, {
        template: "refund-issued",
        to: "amina@example.test",
        dedupeKey: "refund-issued:41",
        props: {
          orderNumber: "SK-4001",
          amount: 3400,
          currency: "USD",
          reason: "Arrived damaged",
          statusUrl: "http://localhost:3000/orders/SK-4001?t=x",
        },
      }),
    );
    await runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: new Logger(() => () => {}) });

    const [row] = await db.select().from(schema.outbox).where(eq(schema.outbox.id, id!));
    expect(row).toMatchObject({
      status: "stored",
      attempts: 1,
      providerRef: "outbox:refund-issued:41",
      subject: "Refund of $34.00 for Soko order SK-4001",
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    const jobs = await db.execute(sql`select 1 from graphile_worker._private_jobs`);
    expect([...jobs]).toHaveLength(0);
  });
});
