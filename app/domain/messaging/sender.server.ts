import { z } from "zod";
import { envNow } from "~/lib/env.server";
import { isAcceptedStatusCode, isPermanentStatusCode, SmsRejected, type OutgoingSms, type SmsSender } from "./sender";

export type { OutgoingSms, SmsSender } from "./sender";

export const AFRICASTALKING_API = "https://api.africastalking.com";

const responseSchema = z.object({
  SMSMessageData: z.object({
    Message: z.string().optional(),
    Recipients: z.array(
      z.object({
        statusCode: z.coerce.number(),
        status: z.string(),
        number: z.string().optional(),
        messageId: z.string().optional(),
        cost: z.string().optional(),
      }),
    ),
  }),
});

/**
 * Africa's Talking bulk SMS API (POST /version1/messaging, form-encoded, `apiKey` header), one
 * recipient per call so each outbox row has its own status and message id.
 * `baseUrl` points it elsewhere: the sandbox (https://api.sandbox.africastalking.com) or a test fake.
 */
export function africasTalkingSender(options: {
  apiKey: string;
  username: string;
  from?: string;
  baseUrl?: string;
  timeoutMs?: number;
}): SmsSender {
  const endpoint = new URL("/version1/messaging", options.baseUrl ?? AFRICASTALKING_API).toString();
  return {
    kind: "africastalking",
    async send(sms: OutgoingSms) {
      const form = new URLSearchParams({ username: options.username, to: sms.to, message: sms.text });
      if (options.from) form.set("from", options.from);
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { apiKey: options.apiKey, Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      const body = await response.text();
      if (!response.ok) throw new Error(`Africa's Talking answered HTTP ${response.status}: ${body.slice(0, 300)}`);
      let parsed: z.infer<typeof responseSchema>;
      try {
        parsed = responseSchema.parse(JSON.parse(body));
      } catch {
        throw new Error(`Africa's Talking sent an unexpected answer: ${body.slice(0, 300)}`);
      }
      const [recipient] = parsed.SMSMessageData.Recipients;
      if (!recipient) {
        // No recipient row at all: AT's answer for a number it could not parse, e.g. "Invalid Phone Number".
        throw new SmsRejected(`Africa's Talking accepted no recipient: ${parsed.SMSMessageData.Message ?? "no message"}`, "NoRecipient");
      }
      if (isAcceptedStatusCode(recipient.statusCode) && recipient.messageId && recipient.messageId !== "None") {
        return { providerRef: recipient.messageId };
      }
      const reason = `Africa's Talking refused the SMS: ${recipient.status} (${recipient.statusCode})`;
      if (isPermanentStatusCode(recipient.statusCode)) throw new SmsRejected(reason, recipient.status);
      throw new Error(reason);
    },
  };
}

/** Local mode: the message already sits in the outbox; "sending" only marks it stored. */
export const outboxSmsSender: SmsSender = {
  kind: "outbox",
  async send(sms: OutgoingSms) {
    return { providerRef: `outbox:${sms.idempotencyKey}` };
  },
};

/**
 * Africa's Talking when AT_API_KEY and AT_USERNAME are set, the outbox otherwise, so a fresh clone
 * needs no account. AT_SENDER_ID is the optional sender id or short code; AT_BASE_URL is for the
 * sandbox and tests. Read on each call (envNow, cheap), so tests can switch modes.
 */
export function smsSender(): SmsSender {
  const { AT_API_KEY, AT_USERNAME, AT_SENDER_ID, AT_BASE_URL } = envNow("AT_API_KEY", "AT_USERNAME", "AT_SENDER_ID", "AT_BASE_URL");
  if (!AT_API_KEY || !AT_USERNAME) return outboxSmsSender;
  return africasTalkingSender({
    apiKey: AT_API_KEY,
    username: AT_USERNAME,
    from: AT_SENDER_ID || undefined,
    baseUrl: AT_BASE_URL || undefined,
  });
}
