import { describe, expect, it } from "vitest";
import {
  b2cRequestBody, darajaResultBody, parseDarajaCallback, payoutAmountFor, receiptFromSeed, toMsisdn, toWholeShillings,
} from "./daraja";
import { MalformedCallback } from "./provider";
import { formatKes, payoutSmsText } from "./sms";

const config = {
  initiatorName: "sokoapi", securityCredential: "ENCRYPTED==", shortCode: "600980",
  resultUrl: "https://soko.example/webhooks/mpesa/result", queueTimeOutUrl: "https://soko.example/webhooks/mpesa/timeout",
};

describe("phones and amounts", () => {
  it("turns any Kenyan mobile form into Daraja's 2547… and refuses the rest", () => {
    expect(toMsisdn("+254700000001")).toBe("254700000001");
    expect(toMsisdn("0712 345 678")).toBe("254712345678");
    expect(toMsisdn("254110000009")).toBe("254110000009");
    expect(toMsisdn("712345678")).toBe("254712345678");
    expect(toMsisdn("+255712345678")).toBeNull();
    expect(toMsisdn("0201234567")).toBeNull();
    expect(toMsisdn("")).toBeNull();
  });

  it("pays whole shillings within M-Pesa's limits", () => {
    expect(toWholeShillings(150000)).toBe(1500);
    expect(() => toWholeShillings(150050)).toThrow(/whole shillings/);
    expect(payoutAmountFor(150050)).toBe(150000);
    expect(payoutAmountFor(999)).toBe(0);
    expect(payoutAmountFor(1000)).toBe(1000);
    expect(payoutAmountFor(20_000_000)).toBe(15_000_000);
  });
});

describe("B2C request", () => {
  it("has Daraja's fields, with the idempotency key as OriginatorConversationID", () => {
    expect(b2cRequestBody(config, { phone: "+254700000001", amount: 250000, idempotencyKey: "run:3:artisan:7", payoutId: 41 })).toEqual({
      OriginatorConversationID: "run:3:artisan:7",
      InitiatorName: "sokoapi",
      SecurityCredential: "ENCRYPTED==",
      CommandID: "BusinessPayment",
      Amount: 2500,
      PartyA: "600980",
      PartyB: "254700000001",
      Remarks: "Soko payout 41",
      QueueTimeOutURL: "https://soko.example/webhooks/mpesa/timeout",
      ResultURL: "https://soko.example/webhooks/mpesa/result",
      Occasion: "payout-41",
    });
    expect(() => b2cRequestBody(config, { phone: "12345", amount: 100, idempotencyKey: "k", payoutId: 1 })).toThrow(/Kenyan/);
  });
});

describe("parsing Daraja callbacks", () => {
  // As Safaricom documents the B2C result (values from their sandbox example).
  const success = {
    Result: {
      ResultType: 0, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
      OriginatorConversationID: "run:3:artisan:7", ConversationID: "AG_20191219_00005797af5d7d75f652", TransactionID: "NLJ41HAY6Q",
      ResultParameters: {
        ResultParameter: [
          { Key: "TransactionAmount", Value: 10 },
          { Key: "TransactionReceipt", Value: "NLJ41HAY6Q" },
          { Key: "B2CRecipientIsRegisteredCustomer", Value: "Y" },
          { Key: "B2CChargesPaidAccountAvailableFunds", Value: -4510.0 },
          { Key: "ReceiverPartyPublicName", Value: "254708374149 - John Doe" },
          { Key: "TransactionCompletedDateTime", Value: "19.12.2019 11:45:50" },
        ],
      },
      ReferenceData: { ReferenceItem: { Key: "QueueTimeoutURL", Value: "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit" } },
    },
  };

  it("reads a success with its receipt", () => {
    expect(parseDarajaCallback(success, "result")).toEqual({
      outcome: "succeeded", providerRef: "AG_20191219_00005797af5d7d75f652", originatorRef: "run:3:artisan:7",
      receipt: "NLJ41HAY6Q", resultCode: 0, description: "The service request is processed successfully.",
    });
  });

  it("takes the receipt from ResultParameters when TransactionID is empty, and a lone parameter object", () => {
    const body = { Result: { ...success.Result, TransactionID: "", ResultParameters: { ResultParameter: { Key: "TransactionReceipt", Value: "QK1ABCDE12" } } } };
    expect(parseDarajaCallback(body, "result")).toMatchObject({ outcome: "succeeded", receipt: "QK1ABCDE12" });
  });

  it("reads a failure with code and reason; string result codes too", () => {
    const body = { Result: { ResultType: 0, ResultCode: "2001", ResultDesc: "The initiator information is invalid.", OriginatorConversationID: "k", ConversationID: "AG_1", TransactionID: "NLJ0000000" } };
    expect(parseDarajaCallback(body, "result")).toEqual({
      outcome: "failed", providerRef: "AG_1", originatorRef: "k", resultCode: 2001, reason: "The initiator information is invalid. (2001)",
    });
  });

  it("reads a queue timeout as a timeout, never as a failure", () => {
    expect(parseDarajaCallback(success, "timeout")).toMatchObject({ outcome: "timeout", providerRef: "AG_20191219_00005797af5d7d75f652" });
  });

  it("refuses bodies that are not Daraja results", () => {
    for (const body of [null, "x", {}, { Result: {} }, { Result: { ResultCode: "zero", ConversationID: "a" } }, { Result: { ResultCode: 0 } },
      { Result: { ResultCode: 0, ConversationID: "AG_1", TransactionID: "" } }]) {
      expect(() => parseDarajaCallback(body, "result")).toThrow(MalformedCallback);
    }
  });

  it("round-trips the simulator's own result body", () => {
    const body = darajaResultBody({ conversationId: "AG_SIM_1", originatorConversationId: "k", success: true, transactionId: "SABC", amount: 500, msisdn: "254700000001" });
    expect(parseDarajaCallback(body, "result")).toMatchObject({ outcome: "succeeded", receipt: "SABC", providerRef: "AG_SIM_1", originatorRef: "k" });
    const failed = darajaResultBody({ conversationId: "AG_SIM_2", originatorConversationId: "k2", success: false, transactionId: "SX", amount: 500, msisdn: "254700000009" });
    expect(parseDarajaCallback(failed, "result")).toMatchObject({ outcome: "failed", resultCode: 2040 });
  });
});

describe("receipts and SMS", () => {
  it("derives a stable M-Pesa-looking receipt from a seed", () => {
    expect(receiptFromSeed("a")).toBe(receiptFromSeed("a"));
    expect(receiptFromSeed("a")).not.toBe(receiptFromSeed("b"));
    expect(receiptFromSeed("run:1:artisan:1")).toMatch(/^[A-Z0-9]{10}$/);
  });

  it("tells the artisan in their language, in one SMS", () => {
    expect(formatKes(150000)).toBe("KES 1,500");
    expect(formatKes(150050)).toBe("KES 1,500.50");
    const sw = payoutSmsText({ language: "sw", outcome: "succeeded", amount: 150000, currency: "KES", receipt: "SABCDEFGH1" });
    expect(sw).toContain("Umelipwa KES 1,500");
    expect(sw).toContain("SABCDEFGH1");
    expect(payoutSmsText({ language: "en", outcome: "failed", amount: 150000, currency: "KES" })).toContain("back in your balance");
    for (const language of ["sw", "en"] as const) {
      for (const outcome of ["succeeded", "failed"] as const) {
        expect(payoutSmsText({ language, outcome, amount: 15_000_000, currency: "KES", receipt: "SABCDEFGH1" }).length).toBeLessThanOrEqual(160);
      }
    }
  });
});
