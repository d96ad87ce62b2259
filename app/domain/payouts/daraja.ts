/**
 * Daraja (Safaricom M-Pesa API) B2C shapes, pure: request bodies, callback parsing, phone and
 * amount conversion. Used by the real adapter and by the local simulator, so both speak Daraja.
 */
import { z } from "zod";
import { toMsisdn } from "~/lib/phone";
import { MalformedCallback, type CallbackKind, type PayoutCallback } from "./provider";

/** M-Pesa B2C pays whole shillings, between these (KES). */
export const B2C_MIN_KES = 10;
export const B2C_MAX_KES = 150_000;

/** KES minor units → Daraja's whole-shilling Amount; throws on cents (a payout is always whole shillings). */
export function toWholeShillings(amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor % 100 !== 0)
    throw new Error(`M-Pesa pays whole shillings, not ${amountMinor} cents.`);
  return amountMinor / 100;
}

/**
 * How much of an owed balance (KES minor units) one payout sends: whole shillings, at most the B2C
 * ceiling; the rest stays in the balance for the next run. 0 when under the M-Pesa minimum.
 */
export function payoutAmountFor(owedMinor: number): number {
  const whole = Math.min(Math.floor(owedMinor / 100), B2C_MAX_KES);
  return whole >= B2C_MIN_KES ? whole * 100 : 0;
}

export type B2CConfig = {
  initiatorName: string;
  securityCredential: string;
  shortCode: string;
  resultUrl: string;
  queueTimeOutUrl: string;
};

/** Where Daraja posts the answers to our transaction status queries. */
export type StatusConfig = {
  statusResultUrl: string;
  statusQueueTimeOutUrl: string;
};

/** The body of POST /mpesa/b2c/v3/paymentrequest. */
export function b2cRequestBody(config: B2CConfig, request: { phone: string; amount: number; idempotencyKey: string; payoutId: number }) {
  const partyB = toMsisdn(request.phone);
  if (!partyB) throw new Error(`${request.phone} is not a Kenyan mobile number.`);
  return {
    OriginatorConversationID: request.idempotencyKey,
    InitiatorName: config.initiatorName,
    SecurityCredential: config.securityCredential,
    CommandID: "BusinessPayment",
    Amount: toWholeShillings(request.amount),
    PartyA: config.shortCode,
    PartyB: partyB,
    Remarks: `Soko payout ${request.payoutId}`,
    QueueTimeOutURL: config.queueTimeOutUrl,
    ResultURL: config.resultUrl,
    Occasion: `payout-${request.payoutId}`,
  };
}

/** Daraja's synchronous acknowledgement of a B2C request or a status query (the result comes later). */
export const b2cResponseSchema = z.object({
  ConversationID: z.string().min(1),
  OriginatorConversationID: z.string().optional(),
  ResponseCode: z.union([z.string(), z.number()]).transform(String),
  ResponseDescription: z.string().optional(),
});

/**
 * The body of POST /mpesa/transactionstatus/v1/query for one of our B2C payments: found by the
 * OriginatorConversationID we sent (OriginalConversationID), and by its receipt when we have one.
 * IdentifierType 4 = PartyA is an organisation short code.
 */
export function statusQueryBody(
  config: Omit<B2CConfig, "resultUrl" | "queueTimeOutUrl"> & StatusConfig,
  query: { payoutId: number; idempotencyKey: string; receipt: string | null },
) {
  return {
    Initiator: config.initiatorName,
    SecurityCredential: config.securityCredential,
    CommandID: "TransactionStatusQuery",
    ...(query.receipt ? { TransactionID: query.receipt } : {}),
    OriginalConversationID: query.idempotencyKey,
    PartyA: config.shortCode,
    IdentifierType: "4",
    ResultURL: config.statusResultUrl,
    QueueTimeOutURL: config.statusQueueTimeOutUrl,
    Remarks: `Soko payout ${query.payoutId} status`,
    Occasion: `payout-${query.payoutId}`,
  };
}

const parameterValue = z.union([z.string(), z.number(), z.null()]).optional();
const resultParameter = z.object({ Key: z.string(), Value: parameterValue });

export const darajaResultSchema = z.object({
  Result: z
    .object({
      ResultType: z.union([z.number(), z.string()]).optional(),
      ResultCode: z.union([z.number().int().min(-999_999_999).max(999_999_999), z.string().regex(/^-?\d{1,9}$/)]).transform(Number),
      ResultDesc: z.string().max(1000).default(""),
      OriginatorConversationID: z.string().min(1).max(200).optional(),
      ConversationID: z.string().min(1).max(200).optional(),
      TransactionID: z.string().max(200).optional(),
      ResultParameters: z
        .object({
          // Daraja sends an array, or a single object when there is one parameter.
          ResultParameter: z.union([z.array(resultParameter), resultParameter]).transform((p) => (Array.isArray(p) ? p : [p])),
        })
        .optional(),
      ReferenceData: z.unknown().optional(),
    })
    .refine((r) => r.ConversationID || r.OriginatorConversationID, "A result names its ConversationID or OriginatorConversationID."),
});

export type DarajaResult = z.input<typeof darajaResultSchema>;

/** M-Pesa's words for a transaction that did not pay (a status answer); "Completed" is the only paid one. */
const FAILED_TRANSACTION = /^(failed|declined|cancell?ed|expired)$/i;

/** Reads Daraja's B2C result, queue timeout or transaction status answer. Throws MalformedCallback on anything else. */
export function parseDarajaCallback(body: unknown, kind: CallbackKind): PayoutCallback {
  const parsed = darajaResultSchema.safeParse(body);
  if (!parsed.success) throw new MalformedCallback(`Not a Daraja result: ${parsed.error.issues[0]?.message ?? "bad body"}`);
  const result = parsed.data.Result;
  const conversationRef = result.ConversationID ?? null;
  const originatorRef = result.OriginatorConversationID ?? null;
  const param = (key: string) => {
    const value = result.ResultParameters?.ResultParameter.find((p) => p.Key === key)?.Value;
    return value == null || String(value).trim() === "" ? null : String(value).trim();
  };
  const base = { kind, conversationRef, originatorRef, resultCode: result.ResultCode, about: null };
  const described = `${result.ResultDesc || "M-Pesa gave no description"} (${result.ResultCode})`;

  if (kind === "timeout")
    return { ...base, outcome: "timeout", receipt: null, reason: result.ResultDesc || "The request timed out in the M-Pesa queue." };
  if (kind === "status" || kind === "status-timeout") {
    // Matched by the ConversationID Daraja gave our query, so it must name it.
    if (!conversationRef) throw new MalformedCallback("A Daraja status answer names its ConversationID.");
    const amount = param("Amount");
    const about = {
      originatorRef: param("Originator Conversation ID") ?? param("OriginatorConversationID"),
      conversationRef: param("Conversation ID") ?? param("ConversationID"),
      amount: amount !== null && /^\d+(\.0+)?$/.test(amount) ? Number.parseInt(amount, 10) : null,
    };
    const status = param("TransactionStatus");
    const receipt = param("ReceiptNo");
    if (kind === "status" && result.ResultCode === 0 && status && /^completed$/i.test(status) && receipt) {
      return { ...base, about, outcome: "succeeded", receipt, reason: `M-Pesa's transaction status: ${status}` };
    }
    if (kind === "status" && result.ResultCode === 0 && status && FAILED_TRANSACTION.test(status)) {
      return {
        ...base,
        about,
        outcome: "failed",
        receipt,
        reason: `M-Pesa's transaction status: ${status}${param("TransactionReason") ? ` (${param("TransactionReason")})` : ""}`,
      };
    }
    // The query failed, timed out, found nothing, or the transaction is in another state: no answer yet.
    return {
      ...base,
      about,
      outcome: "inconclusive",
      receipt,
      reason:
        kind === "status-timeout"
          ? `The status query timed out: ${described}`
          : status
            ? `M-Pesa's transaction status: ${status}`
            : described,
    };
  }
  if (!conversationRef) throw new MalformedCallback("A Daraja result names its ConversationID.");
  if (result.ResultCode === 0) {
    const receipt = (result.TransactionID || param("TransactionReceipt") || "").trim();
    if (!receipt) throw new MalformedCallback("A successful Daraja result carries its TransactionID.");
    return { ...base, outcome: "succeeded", receipt, reason: result.ResultDesc };
  }
  return {
    ...base,
    outcome: "failed",
    receipt: null,
    reason: `${result.ResultDesc || "M-Pesa refused the payment"} (${result.ResultCode})`,
  };
}

const darajaStamp = (at: Date) =>
  `${String(at.getUTCDate()).padStart(2, "0")}.${String(at.getUTCMonth() + 1).padStart(2, "0")}.${at.getUTCFullYear()} ${at.toISOString().slice(11, 19)}`;

/** The result callback Daraja sends, built by the local simulator and the test fake. */
export function darajaResultBody(input: {
  conversationId: string;
  originatorConversationId: string;
  success: boolean;
  transactionId: string;
  amount: number;
  msisdn: string;
  resultCode?: number;
  resultDesc?: string;
  at?: Date;
}): DarajaResult {
  const at = input.at ?? new Date();
  return {
    Result: {
      ResultType: 0,
      ResultCode: input.success ? 0 : (input.resultCode ?? 2040),
      ResultDesc: input.success
        ? "The service request is processed successfully."
        : (input.resultDesc ?? "Credit Party customer type (Unregistered or Registered Customer) can't be supported by the service."),
      OriginatorConversationID: input.originatorConversationId,
      ConversationID: input.conversationId,
      TransactionID: input.transactionId,
      ...(input.success
        ? {
            ResultParameters: {
              ResultParameter: [
                { Key: "TransactionAmount", Value: input.amount },
                { Key: "TransactionReceipt", Value: input.transactionId },
                { Key: "ReceiverPartyPublicName", Value: `${input.msisdn} - Artisan` },
                { Key: "TransactionCompletedDateTime", Value: darajaStamp(at) },
                { Key: "B2CRecipientIsRegisteredCustomer", Value: "Y" },
              ],
            },
          }
        : {}),
      ReferenceData: {
        ReferenceItem: { Key: "QueueTimeoutURL", Value: "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit" },
      },
    },
  };
}

const compactStamp = (at: Date) => at.toISOString().replace(/\D/g, "").slice(0, 14);

/**
 * The answer to a transaction status query, as Daraja posts it to the query's ResultURL: the query's
 * own ConversationID and OriginatorConversationID, and the payment it found in ResultParameters.
 * `payment: null` is M-Pesa finding nothing (a non-zero ResultCode). Built by the simulator and the test fake.
 */
export function darajaStatusResultBody(input: {
  queryConversationId: string;
  queryOriginatorConversationId: string;
  payment: null | {
    conversationId: string;
    originatorConversationId: string;
    receipt: string;
    amount: number;
    msisdn: string;
    /** "Completed", "Failed", … as M-Pesa words it. */
    status: string;
    reason?: string;
    at?: Date;
  };
  shortCode?: string;
}): DarajaResult {
  const base = { ResultType: 0, OriginatorConversationID: input.queryOriginatorConversationId, ConversationID: input.queryConversationId };
  if (!input.payment) {
    return { Result: { ...base, ResultCode: 2032, ResultDesc: "The transaction could not be found.", TransactionID: "" } };
  }
  const p = input.payment;
  const at = compactStamp(p.at ?? new Date());
  return {
    Result: {
      ...base,
      ResultCode: 0,
      ResultDesc: "The service request is processed successfully.",
      TransactionID: p.receipt,
      ResultParameters: {
        ResultParameter: [
          { Key: "DebitPartyName", Value: `${input.shortCode ?? "600000"} - Soko` },
          { Key: "CreditPartyName", Value: `${p.msisdn} - Artisan` },
          { Key: "Originator Conversation ID", Value: p.originatorConversationId },
          { Key: "InitiatedTime", Value: at },
          { Key: "DebitAccountType", Value: "Utility Account" },
          { Key: "DebitPartyCharges", Value: "" },
          { Key: "TransactionReason", Value: p.reason ?? "" },
          { Key: "ReasonType", Value: "Business Payment to Customer via API" },
          { Key: "TransactionStatus", Value: p.status },
          { Key: "FinalisedTime", Value: at },
          { Key: "Amount", Value: p.amount },
          { Key: "Conversation ID", Value: p.conversationId },
          { Key: "ReceiptNo", Value: p.receipt },
        ],
      },
      ReferenceData: { ReferenceItem: { Key: "Occasion", Value: "" } },
    },
  };
}
