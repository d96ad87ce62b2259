import { and, eq, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { OutboxMessage } from "#db/schema";
import { enqueueJob, outboxJobCallText } from "~/lib/jobs/enqueue.server";
import { db, schema, sendText, TextParams, type Executor } from "~/lib/db.server";
import { toGsm7, truncateSms } from "./gsm";
import { normalizeKenyanPhone } from "~/lib/phone";
import { SmsRejected } from "./sender";
import { smsSender as defaultSender, type SmsSender } from "./sender.server";

const { outbox } = schema;

/** Retries with graphile-worker's exponential backoff (a couple of hours in all); then the row is failed. */
export const SEND_SMS_MAX_ATTEMPTS = 8;
/** A hard cap for any one message; templates are written to fit one SMS. */
export const SMS_MAX_SEGMENTS = 3;

/**
 * Stores an SMS in the outbox and enqueues its `send_sms` job in the caller's transaction: if the
 * business fact rolls back, so does the message. The dedupe key makes a second call change nothing.
 * Returns the outbox id, or null when this dedupe key was already queued.
 */
export async function queueSms(
  tx: Executor,
  input: { to: string; text: string; template: string; dedupeKey: string },
): Promise<number | null> {
  const to = normalizeKenyanPhone(input.to) ?? input.to.trim();
  const text = truncateSms(toGsm7(input.text), SMS_MAX_SEGMENTS);
  if (!to || !text) throw new Error("An SMS needs a recipient and a text.");
  // One statement, as SQL text (db/client.ts sendText): the row and its send job (added only when the
  // row is new); every offer an order's dispatch makes is texted through here (#14).
  const p = new TextParams();
  const [row] = await sendText<{ id: number }>(
    tx,
    `with queued as (
       insert into outbox (channel, "to", template, text, dedupe_key)
       values ('sms', ${p.$(to)}, ${p.$(input.template)}, ${p.$(text)}, ${p.$(input.dedupeKey)})
       on conflict (dedupe_key) do nothing
       returning id
     )
     select id, ${outboxJobCallText(p, "send_sms", "queued.id", SEND_SMS_MAX_ATTEMPTS)} from queued`,
    p,
  );
  return row ? row.id : null;
}

/**
 * Sends a failed SMS again (its retries ran out, or the number was fixed): back to queued with a
 * fresh job, audited, in one transaction. Only failed SMS: a queued one has a job already and a sent
 * one must not go twice. Returns false when the message is not a failed SMS.
 */
export async function retryFailedSms(id: number, actor: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(outbox)
      .set({ status: "queued" })
      .where(and(eq(outbox.id, id), eq(outbox.channel, "sms"), eq(outbox.status, "failed")))
      .returning({ id: outbox.id, dedupeKey: outbox.dedupeKey });
    if (!row) return false;
    await enqueueJob(tx, "send_sms", { outboxId: row.id }, { jobKey: `send_sms:${row.id}`, maxAttempts: SEND_SMS_MAX_ATTEMPTS });
    await tx
      .insert(schema.auditLog)
      .values({ actor, action: "outbox.retry", subject: `outbox:${row.id}`, data: { dedupeKey: row.dedupeKey } });
    return true;
  });
}

export type SendSmsResult = "sent" | "stored" | "skipped" | "rejected";

/**
 * Delivers one outbox SMS. Safe to run any number of times: a row already sent, stored or failed is
 * skipped. A provider error is recorded on the row and rethrown so graphile-worker retries with
 * backoff; the last attempt marks the row failed. A permanent refusal (invalid number, blacklist)
 * marks it failed at once and is not retried.
 *
 * Africa's Talking takes no idempotency key, so a crash between its answer and our update could send
 * a message twice on the retry: acceptable for a notification, and the window is one HTTP round trip.
 */
export async function sendOutboxSms(
  outboxId: number,
  options: { sender?: SmsSender; finalAttempt?: boolean } = {},
): Promise<SendSmsResult> {
  // SQL text (db/client.ts sendText), as the email's send (notifications' send-email.server.ts).
  const p = new TextParams();
  const [row] = await sendText<OutgoingRow>(
    db,
    `select id, channel, "to", text, status, dedupe_key from outbox where id = ${p.$(outboxId)}`,
    p,
  );
  if (row?.channel !== "sms" || row.status !== "queued") return "skipped";
  const sender = options.sender ?? defaultSender();
  try {
    const { providerRef } = await sender.send({ to: row.to, text: row.text, idempotencyKey: row.dedupe_key });
    const status = sender.kind === "outbox" ? "stored" : "sent";
    const u = new TextParams();
    await sendText(
      db,
      `update outbox set status = ${u.$(status)}, provider_ref = ${u.$(providerRef)}, sent_at = ${u.$(new Date().toISOString())}::timestamptz,
              attempts = attempts + 1, last_error = null
        where id = ${u.$(row.id)} and status = 'queued'`,
      u,
    );
    return status;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof SmsRejected;
    await db
      .update(outbox)
      .set({
        attempts: sql`${outbox.attempts} + 1`,
        lastError: message.slice(0, 2000),
        ...(permanent || options.finalAttempt ? { status: "failed" as const } : {}),
      })
      .where(eq(outbox.id, row.id));
    if (permanent) return "rejected";
    throw error;
  }
}

/** What sending an SMS reads of its outbox row. */
type OutgoingRow = Pick<OutboxMessage, "id" | "channel" | "to" | "text" | "status"> & { dedupe_key: string };

const payloadSchema = z.object({ outboxId: z.number().int().positive() });

/** The graphile-worker task `send_sms`, payload `{ outboxId }`. */
export const sendSmsTask: Task = async (payload, helpers) => {
  const { outboxId } = payloadSchema.parse(payload);
  const result = await sendOutboxSms(outboxId, { finalAttempt: helpers.job.attempts >= helpers.job.max_attempts });
  helpers.logger.debug(`send_sms ${outboxId}: ${result}`);
};
