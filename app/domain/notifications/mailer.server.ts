import { Resend } from "resend";
import { env } from "~/lib/env.server";
import type { Mailer, OutgoingEmail } from "./mailer";

export type { Mailer, OutgoingEmail } from "./mailer";

/** Resend through its own SDK. RESEND_BASE_URL points it elsewhere (tests use a local fake). */
export function resendMailer(apiKey: string, options: { from: string; baseUrl?: string }): Mailer {
  const client = new Resend(apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  return {
    kind: "resend",
    async send(email: OutgoingEmail) {
      const { data, error } = await client.emails.send(
        { from: options.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: email.idempotencyKey },
      );
      if (error || !data) throw new Error(`Resend refused the email: ${error ? `${error.name}: ${error.message}` : "empty response"}`);
      return { providerRef: data.id };
    },
  };
}

/** Local mode: the rendered message already sits in the outbox; "sending" only marks it stored. */
export const outboxMailer: Mailer = {
  kind: "outbox",
  async send(email: OutgoingEmail) {
    return { providerRef: `outbox:${email.idempotencyKey}` };
  },
};

/** Resend when RESEND_API_KEY is set, the outbox otherwise, so a fresh clone needs no account. */
export function mailer(): Mailer {
  const { RESEND_API_KEY, RESEND_BASE_URL, EMAIL_FROM } = env();
  return RESEND_API_KEY ? resendMailer(RESEND_API_KEY, { from: EMAIL_FROM, baseUrl: RESEND_BASE_URL }) : outboxMailer;
}
