/** One rendered email on its way out. */
export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The outbox row's dedupe key: the provider drops a repeat of the same key. */
  idempotencyKey: string;
};

/**
 * Where email goes. `resend` hands it to Resend; `outbox` (local mode, the default) keeps it in the
 * outbox table only, where /ops/outbox shows it.
 */
export interface Mailer {
  readonly kind: "resend" | "outbox";
  send(email: OutgoingEmail): Promise<{ providerRef: string }>;
}
