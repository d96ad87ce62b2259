import { eq, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { OutboxMessage } from "#db/schema";
import { db, schema, sendText, TextParams } from "~/lib/db.server";
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
  // SQL text (db/client.ts sendText): every order's confirmation is sent through here, and drizzle's
  // builders cost more worker CPU than these two statements' own work (#14).
  const p = new TextParams();
  const [row] = await sendText<OutgoingRow>(
    db,
    `select id, channel, "to", subject, html, text, status, dedupe_key from outbox where id = ${p.$(outboxId)}`,
    p,
  );
  if (row?.channel !== "email" || row.status === "sent" || row.status === "stored") return "skipped";
  const mailer = options.mailer ?? defaultMailer();
  try {
    const { providerRef } = await mailer.send({
      to: row.to,
      subject: row.subject ?? "",
      html: row.html ?? "",
      text: row.text,
      idempotencyKey: row.dedupe_key,
    });
    const status = mailer.kind === "outbox" ? "stored" : "sent";
    const u = new TextParams();
    await sendText(
      db,
      `update outbox set status = ${u.$(status)}, provider_ref = ${u.$(providerRef)}, sent_at = ${u.$(new Date().toISOString())}::timestamptz,
              attempts = attempts + 1, last_error = null
        where id = ${u.$(row.id)} and status = ${u.$(row.status)}`,
      u,
    );
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

/** What sending an email reads of its outbox row. */
type OutgoingRow = Pick<OutboxMessage, "id" | "channel" | "to" | "subject" | "html" | "text" | "status"> & { dedupe_key: string };

/** The graphile-worker task `send_email`, payload `{ outboxId }`. */
export const sendEmailTask: Task = async (payload, helpers) => {
  const { outboxId } = payloadSchema.parse(payload);
  const result = await sendOutboxEmail(outboxId, { finalAttempt: helpers.job.attempts >= helpers.job.max_attempts });
  helpers.logger.debug(`send_email ${outboxId}: ${result}`);
};
