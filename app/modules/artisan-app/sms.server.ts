/**
 * The artisan app's SMS: one outbox row (channel "sms") per message, written in the caller's
 * transaction. The dedupe key makes a retried request send nothing new.
 *
 * Stop-gap until the Africa's Talking adapter (app/modules/sms) lands: local mode stores the row
 * ("stored"), exactly like the offer SMS in factory/offer-sms.server.ts. Switch this one function
 * to the adapter's `sendSms` when it exists; callers don't change.
 */
import { schema, type Executor } from "~/utils/db.server";

export async function queueArtisanSms(tx: Executor, input: { to: string; text: string; template: string; dedupeKey: string }) {
  const [row] = await tx
    .insert(schema.outbox)
    .values({ channel: "sms", to: input.to, template: input.template, text: input.text, status: "stored", dedupeKey: input.dedupeKey })
    .onConflictDoNothing({ target: schema.outbox.dedupeKey })
    .returning({ id: schema.outbox.id });
  return row?.id ?? null;
}
