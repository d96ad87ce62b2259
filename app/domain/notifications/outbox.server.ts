import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { db, schema, sendText, TextParams, type Executor } from "~/lib/db.server";
import { outboxJobCallText } from "~/lib/jobs/enqueue.server";
import type { OutboxChannel, OutboxStatus } from "./outbox-filter";
import { renderEmail, type EmailTemplate, type EmailTemplateProps, type RenderedEmail } from "./templates.server";

const { outbox } = schema;

export type { OutboxChannel, OutboxStatus } from "./outbox-filter";

/** Retries with graphile-worker's exponential backoff (about 6 hours in all); then the row is marked failed. */
export const SEND_EMAIL_MAX_ATTEMPTS = 10;

/**
 * Renders the email, stores it in the outbox and enqueues its send job, all in the caller's
 * transaction: if the business fact (an order, a refund) rolls back, so does the email.
 * The dedupe key makes this safe to call twice: the second call changes nothing.
 * Returns the outbox id, or null when this dedupe key was already queued.
 */
export async function queueEmail<T extends EmailTemplate>(
  tx: Executor,
  input: { template: T; to: string; props: EmailTemplateProps[T]; dedupeKey: string },
): Promise<number | null> {
  return queueRenderedEmail(tx, { ...input, rendered: await renderEmail(input.template, input.props) });
}

/**
 * queueEmail for an email rendered beforehand (renderEmail), e.g. outside the transaction that
 * stores it, so the transaction is not held open while React renders.
 */
export async function queueRenderedEmail(
  tx: Executor,
  input: { template: EmailTemplate; to: string; rendered: RenderedEmail; dedupeKey: string },
): Promise<number | null> {
  const { rendered } = input;
  // One statement, as SQL text (db/client.ts sendText): the row and its send job (added only when
  // the row is new), where drizzle's insert builder and a second round trip cost more worker CPU than
  // the write itself; every order's confirmation comes through here (#14).
  const p = new TextParams();
  const [row] = await sendText<{ id: number }>(
    tx,
    `with queued as (
       insert into outbox (channel, "to", subject, template, html, text, dedupe_key)
       values ('email', ${p.$(input.to)}, ${p.$(rendered.subject)}, ${p.$(input.template)}, ${p.$(rendered.html)}, ${p.$(rendered.text)}, ${p.$(input.dedupeKey)})
       on conflict (dedupe_key) do nothing
       returning id
     )
     select id, ${outboxJobCallText(p, "send_email", "queued.id", SEND_EMAIL_MAX_ATTEMPTS)} from queued`,
    p,
  );
  return row ? row.id : null;
}

/**
 * Sends a failed email again (after its retries ran out, e.g. while a provider was down): back to
 * queued with a fresh job, in one transaction. Only failed emails: a queued one already has a job,
 * and a sent one must never go twice. Returns false when the message is not a failed email.
 */
export async function retryFailedEmail(id: number, actor: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(outbox)
      .set({ status: "queued" })
      .where(and(eq(outbox.id, id), eq(outbox.channel, "email"), eq(outbox.status, "failed")))
      .returning({ id: outbox.id, dedupeKey: outbox.dedupeKey });
    if (!row) return false;
    await enqueueSend(tx, row.id);
    await tx
      .insert(schema.auditLog)
      .values({ actor, action: "outbox.retry", subject: `outbox:${row.id}`, data: { dedupeKey: row.dedupeKey } });
    return true;
  });
}

async function enqueueSend(tx: Executor, outboxId: number) {
  const p = new TextParams();
  await sendText(tx, `select ${outboxJobCallText(p, "send_email", p.$(outboxId), SEND_EMAIL_MAX_ATTEMPTS)}`, p);
}

export type OutboxFilter = { channel?: OutboxChannel; status?: OutboxStatus; page: number; perPage?: number };

/** Newest first, without the bodies. */
export async function listOutbox({ channel, status, page, perPage = 25 }: OutboxFilter) {
  const conditions: SQL[] = [];
  if (channel) conditions.push(eq(outbox.channel, channel));
  if (status) conditions.push(eq(outbox.status, status));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: outbox.id,
        channel: outbox.channel,
        to: outbox.to,
        subject: outbox.subject,
        template: outbox.template,
        status: outbox.status,
        attempts: outbox.attempts,
        createdAt: outbox.createdAt,
        sentAt: outbox.sentAt,
      })
      .from(outbox)
      .where(where)
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ total: count() }).from(outbox).where(where),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / perPage)) };
}

export async function getOutboxMessage(id: number) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id)).limit(1);
  return row ?? null;
}
