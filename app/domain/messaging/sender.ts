/** One SMS on its way out. */
export type OutgoingSms = {
  /** E.164, e.g. +254700000001. */
  to: string;
  text: string;
  /** The outbox row's dedupe key (Africa's Talking has no idempotency key: kept for logs and fakes). */
  idempotencyKey: string;
};

/**
 * Where SMS goes. `africastalking` hands it to Africa's Talking; `outbox` (local mode, the default)
 * keeps it in the outbox table only, where /ops/outbox shows it.
 */
export interface SmsSender {
  readonly kind: "africastalking" | "outbox";
  send(sms: OutgoingSms): Promise<{ providerRef: string }>;
}

/**
 * The provider refused this message for a reason a retry cannot fix (an invalid number, a
 * blacklisted recipient): the job marks the row failed at once instead of retrying for hours.
 */
export class SmsRejected extends Error {
  constructor(
    message: string,
    readonly providerStatus: string,
  ) {
    super(message);
    this.name = "SmsRejected";
  }
}

// Africa's Talking per-recipient status codes (SMSMessageData.Recipients[].statusCode).
// 100 Processed, 101 Sent, 102 Queued are accepted; these failures are about the recipient or
// the message and will fail the same way again. Anything else (405 InsufficientBalance,
// 500/501/502 gateway errors, …) is worth retrying.
const PERMANENT_STATUS_CODES = new Set([401, 402, 403, 404, 406, 407, 409]);

export function isAcceptedStatusCode(code: number): boolean {
  return code >= 100 && code <= 102;
}

export function isPermanentStatusCode(code: number): boolean {
  return PERMANENT_STATUS_CODES.has(code);
}
