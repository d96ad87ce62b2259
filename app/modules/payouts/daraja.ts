/**
 * Daraja (Safaricom M-Pesa API) B2C shapes, pure: request bodies, callback parsing, phone and
 * amount conversion. Used by the real adapter and by the local simulator, so both speak Daraja.
 */
import { z } from "zod";
import { MalformedCallback, type CallbackKind, type PayoutCallback } from "./provider";

/** M-Pesa B2C pays whole shillings, between these (KES). */
export const B2C_MIN_KES = 10;
export const B2C_MAX_KES = 150_000;

/** Any Kenyan mobile form (+2547…, 07…, 2541…) → Daraja's PartyB `2547XXXXXXXX`; null when not one. */
export function toMsisdn(phone: string): string | null {
  const compact = phone.replace(/[\s\-().]/g, "");
  const match = /^(?:\+?254|0)?([17]\d{8})$/.exec(compact);
  return match ? `254${match[1]}` : null;
}

/** KES minor units → Daraja's whole-shilling Amount; throws on cents (a payout is always whole shillings). */
export function toWholeShillings(amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor % 100 !== 0) throw new Error(`M-Pesa pays whole shillings, not ${amountMinor} cents.`);
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

export const b2cResponseSchema = z.object({
  ConversationID: z.string().min(1),
  OriginatorConversationID: z.string().optional(),
  ResponseCode: z.union([z.string(), z.number()]).transform(String),
  ResponseDescription: z.string().optional(),
});

const parameterValue = z.union([z.string(), z.number(), z.null()]).optional();
const resultParameter = z.object({ Key: z.string(), Value: parameterValue });

export const darajaResultSchema = z.object({
  Result: z.object({
    ResultType: z.union([z.number(), z.string()]).optional(),
    ResultCode: z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number),
    ResultDesc: z.string().default(""),
    OriginatorConversationID: z.string().min(1).optional(),
    ConversationID: z.string().min(1).optional(),
    TransactionID: z.string().optional(),
    ResultParameters: z.object({
      // Daraja sends an array, or a single object when there is one parameter.
      ResultParameter: z.union([z.array(resultParameter), resultParameter]).transform((p) => (Array.isArray(p) ? p : [p])),
    }).optional(),
    ReferenceData: z.unknown().optional(),
  }).refine((r) => r.ConversationID || r.OriginatorConversationID, "A result names its ConversationID or OriginatorConversationID."),
});

export type DarajaResult = z.input<typeof darajaResultSchema>;

/** Reads Daraja's result or queue-timeout callback. Throws MalformedCallback on anything else. */
export function parseDarajaCallback(body: unknown, kind: CallbackKind): PayoutCallback {
  const parsed = darajaResultSchema.safeParse(body);
  if (!parsed.success) throw new MalformedCallback(`Not a Daraja result: ${parsed.error.issues[0]?.message ?? "bad body"}`);
  const result = parsed.data.Result;
  const providerRef = result.ConversationID ?? null;
  const originatorRef = result.OriginatorConversationID ?? null;
  if (kind === "timeout") {
    return { outcome: "timeout", providerRef, originatorRef, reason: result.ResultDesc || "The request timed out in the M-Pesa queue." };
  }
  if (!providerRef) throw new MalformedCallback("A Daraja result names its ConversationID.");
  if (result.ResultCode === 0) {
    const receiptParam = result.ResultParameters?.ResultParameter.find((p) => p.Key === "TransactionReceipt")?.Value;
    const receipt = (result.TransactionID || (receiptParam == null ? "" : String(receiptParam))).trim();
    if (!receipt) throw new MalformedCallback("A successful Daraja result carries its TransactionID.");
    return { outcome: "succeeded", providerRef, originatorRef, receipt, resultCode: 0, description: result.ResultDesc };
  }
  return { outcome: "failed", providerRef, originatorRef, resultCode: result.ResultCode, reason: `${result.ResultDesc || "M-Pesa refused the payment"} (${result.ResultCode})` };
}

/** The result callback Daraja sends, built by the local simulator and the test fake. */
export function darajaResultBody(input: {
  conversationId: string; originatorConversationId: string; success: boolean; transactionId: string; amount: number; msisdn: string;
  resultCode?: number; resultDesc?: string; at?: Date;
}): DarajaResult {
  const at = input.at ?? new Date();
  const stamp = `${String(at.getUTCDate()).padStart(2, "0")}.${String(at.getUTCMonth() + 1).padStart(2, "0")}.${at.getUTCFullYear()} ${at.toISOString().slice(11, 19)}`;
  return {
    Result: {
      ResultType: 0,
      ResultCode: input.success ? 0 : input.resultCode ?? 2040,
      ResultDesc: input.success
        ? "The service request is processed successfully."
        : input.resultDesc ?? "Credit Party customer type (Unregistered or Registered Customer) can't be supported by the service.",
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
                { Key: "TransactionCompletedDateTime", Value: stamp },
                { Key: "B2CRecipientIsRegisteredCustomer", Value: "Y" },
              ],
            },
          }
        : {}),
      ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit" } },
    },
  };
}

/** An M-Pesa-looking receipt (10 upper-case letters and digits), derived from a seed so a replay gives the same one. */
export function receiptFromSeed(seed: string): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < seed.length; i++) {
    h1 = Math.imul(h1 ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ seed.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  let out = "S";
  for (let i = 0; i < 9; i++) {
    const h = i % 2 === 0 ? h1 : h2;
    out += alphabet[(h >>> ((i * 3) % 24)) % alphabet.length];
    h1 = Math.imul(h1 ^ (h2 >>> 7), 0x01000193) >>> 0;
  }
  return out;
}
