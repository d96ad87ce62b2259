/**
 * The artisan app's SMS go through the shared SMS outbox (app/domain/sms): a row plus its
 * send job in the caller's transaction; local mode stores it, Africa's Talking delivers it when
 * configured. The dedupe key makes a retried request send nothing new.
 */
import { queueSms } from "./outbox.server";
import type { Executor } from "~/lib/db.server";

export async function queueArtisanSms(tx: Executor, input: { to: string; text: string; template: string; dedupeKey: string }) {
  return queueSms(tx, input);
}
