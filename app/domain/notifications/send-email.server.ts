import { and, eq, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { db, schema } from "~/lib/db.server";
import { mailer as defaultMailer, type Mailer } from "./mailer.server";

const { outbox } = schema;
const payloadSchema = z.object({ outboxId: z.number().int().positive() });

export type SendEmailResult = "sent" | "stored" | "skipped";

/**
 * Delivers one outbox email. Safe to run any number of times: a row that is already sent or stored is
 * skipped, and the provider gets the row's dedupe key as its idempotency key, so a crash between the
 * provider's answer and our update cannot send twice. A failure is recorded on the row and rethrown,
 * so graphile-worker retries with backoff; after the last attempt the row is marked failed.
 */
export async function sendOutboxEmail(
  outboxId: number,
  options: { mailer?: Mailer; finalAttempt?: boolean } = {},
): Promise<SendEmailResult> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, outboxId)).limit(1);
  if (row?.channel !== "email" || row.status === "sent" || row.status === "stored") return "skipped";
  const mailer = options.mailer ?? defaultMailer();
  try {
    const { providerRef } = await mailer.send({
      to: row.to,
      subject: row.subject ?? "",
      html: row.html ?? "",
      text: row.text,
      idempotencyKey: row.dedupeKey,
    });
    const status = mailer.kind === "outbox" ? "stored" : "sent";
    await db
      .update(outbox)
      .set({ status, providerRef, sentAt: new Date(), attempts: sql`${outbox.attempts} + 1`, lastError: null })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, row.status)));
    return status;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(outbox)
      .set({
        attempts: sql`${outbox.attempts} + 1`,
        lastError: message.slice(0, 2000),
        ...(options.finalAttempt ? { status: "failed" as const } : {}),
      })
      .where(eq(outbox.id, row.id));
    throw error;
  }
}

/** The graphile-worker task `send_email`, payload `{ outboxId }`. */
export const sendEmailTask: Task = async (payload, helpers) => {
  const { outboxId } = payloadSchema.parse(payload);
  const result = await sendOutboxEmail(outboxId, { finalAttempt: helpers.job.attempts >= helpers.job.max_attempts });
  helpers.logger.debug(`send_email ${outboxId}: ${result}`);
};
