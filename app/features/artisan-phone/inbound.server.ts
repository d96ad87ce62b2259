/**
 * SMS an artisan sends to Soko's short code (Africa's Talking inbound callback: from, to, text,
 * date, id). Keywords in Swahili or English: SALIO/BALANCE, KUBALI/ACCEPT <PR-number>; anything
 * else gets the help text. Each inbound message id is answered once (outbox dedupe key
 * `sms-in:<id>`), and an accept is recorded with that message id as the actor, so a redelivery
 * neither accepts twice nor replies twice. Numbers that are not an active artisan get no reply
 * (every reply costs money and could be used to spam strangers).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { texts, type Language } from "~/domain/messaging";
import { acceptOffer, balanceSummary, findArtisanByPhone, findOwnRequestByNumber } from "./work.server";
import { db, schema } from "~/lib/db.server";
import { callbackAllowed, plainText, readCallbackForm } from "./callback.server";
import { parseInboundSms } from "./keywords";
import { queueSms } from "~/domain/messaging/index.server";
import { normalizeKenyanPhone } from "~/lib/phone";

export const inboundSmsSchema = z.object({
  from: z.string({ required_error: "from is required" }).trim().min(1, "from is required").max(32, "from is too long"),
  to: z.string({ required_error: "to is required" }).trim().min(1, "to is required").max(32, "to is too long"),
  text: z.string().max(2000, "text is too long").default(""),
  date: z.string().max(64).optional(),
  id: z.string({ required_error: "id is required" }).trim().min(1, "id is required").max(128, "id is too long"),
  linkId: z.string().max(128).optional(),
});
export type InboundSms = z.infer<typeof inboundSmsSchema>;

export type InboundResult = { outcome: "replied" | "duplicate" | "ignored"; reply?: string };

export async function handleInboundSms(message: InboundSms, now = new Date()): Promise<InboundResult> {
  const dedupeKey = `sms-in:${message.id}`;
  const [seen] = await db.select({ id: schema.outbox.id }).from(schema.outbox).where(eq(schema.outbox.dedupeKey, dedupeKey)).limit(1);
  if (seen) return { outcome: "duplicate" };
  const phone = normalizeKenyanPhone(message.from);
  const artisan = phone ? await findArtisanByPhone(phone) : null;
  if (!phone || !artisan?.active) return { outcome: "ignored" };

  const command = parseInboundSms(message.text);
  const language: Language = command.kind === "unknown" ? artisan.language : command.language;
  const t = texts(language);
  let reply: string;
  if (command.kind === "balance") {
    const balance = await balanceSummary(artisan.id);
    reply = t.balance(balance.amount, balance.currency, balance.lastPayout, balance.pending);
  } else if (command.kind === "accept") {
    const request = await findOwnRequestByNumber(artisan.id, command.requestNumber);
    if (!request) {
      reply = t.smsNotYours(command.requestNumber);
    } else {
      const outcome = await acceptOffer(artisan.id, request.id, `artisan:${artisan.id}:sms:${message.id}`, now);
      reply = {
        accepted: t.accepted(request),
        already_accepted: t.alreadyAccepted(request.number),
        expired: t.expired(request.number),
        unavailable: t.unavailable(request.number),
      }[outcome];
    }
  } else {
    reply = t.smsHelp;
  }
  const text = `Soko: ${reply}`;
  const queued = await db.transaction((tx) => queueSms(tx, { to: phone, text, template: `sms-reply:${command.kind}`, dedupeKey }));
  return queued === null ? { outcome: "duplicate" } : { outcome: "replied", reply: text };
}

/** POST /api/sms/inbound. Always 200 for a well-formed callback, so Africa's Talking does not resend. */
export async function receiveInboundSms(request: Request): Promise<Response> {
  if (!callbackAllowed(request)) return plainText("Forbidden", 403);
  const form = await readCallbackForm(request);
  if (!form) return plainText("Expected a form-encoded body (from, to, text, date, id).", 400);
  const parsed = inboundSmsSchema.safeParse(form);
  if (!parsed.success) return plainText(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"), 400);
  const result = await handleInboundSms(parsed.data);
  return plainText(result.outcome);
}
