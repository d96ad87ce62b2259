import { describe, expect, it } from "vitest";
import {
  b2cRequestBody,
  darajaResultBody,
  darajaStatusResultBody,
  parseDarajaCallback,
  payoutAmountFor,
  statusQueryBody,
  toWholeShillings,
} from "./daraja";
import { MalformedCallback } from "./provider";
import { payoutSmsText } from "./sms";

const config = {
  initiatorName: "sokoapi",
  securityCredential: "ENCRYPTED==",
  shortCode: "600980",
  resultUrl: "https://soko.example/webhooks/mpesa/result",
  queueTimeOutUrl: "https://soko.example/webhooks/mpesa/timeout",
};

describe("amounts", () => {
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
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: "The service request is processed successfully.",
      OriginatorConversationID: "run:3:artisan:7",
      ConversationID: "AG_20191219_00005797af5d7d75f652",
      TransactionID: "NLJ41HAY6Q",
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
      ReferenceData: {
        ReferenceItem: { Key: "QueueTimeoutURL", Value: "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit" },
      },
    },
  };

  it("reads a success with its receipt", () => {
    expect(parseDarajaCallback(success, "result")).toEqual({
      kind: "result",
      outcome: "succeeded",
      conversationRef: "AG_20191219_00005797af5d7d75f652",
      originatorRef: "run:3:artisan:7",
      receipt: "NLJ41HAY6Q",
      resultCode: 0,
      reason: "The service request is processed successfully.",
      about: null,
    });
  });

  it("takes the receipt from ResultParameters when TransactionID is empty, and a lone parameter object", () => {
    const body = {
      Result: {
        ...success.Result,
        TransactionID: "",
        ResultParameters: { ResultParameter: { Key: "TransactionReceipt", Value: "QK1ABCDE12" } },
      },
    };
    expect(parseDarajaCallback(body, "result")).toMatchObject({ outcome: "succeeded", receipt: "QK1ABCDE12" });
  });

  it("reads a failure with code and reason; string result codes too", () => {
    const body = {
      Result: {
        ResultType: 0,
        ResultCode: "2001",
        ResultDesc: "The initiator information is invalid.",
        OriginatorConversationID: "k",
        ConversationID: "AG_1",
        TransactionID: "NLJ0000000",
      },
    };
    expect(parseDarajaCallback(body, "result")).toEqual({
      kind: "result",
      outcome: "failed",
      conversationRef: "AG_1",
      originatorRef: "k",
      receipt: null,
      resultCode: 2001,
      reason: "The initiator information is invalid. (2001)",
      about: null,
    });
  });

  it("reads a queue timeout as a timeout, never as a failure", () => {
    expect(parseDarajaCallback(success, "timeout")).toMatchObject({
      kind: "timeout",
      outcome: "timeout",
      conversationRef: "AG_20191219_00005797af5d7d75f652",
      receipt: null,
    });
  });

  it("refuses bodies that are not Daraja results", () => {
    for (const body of [
      null,
      "x",
      {},
      { Result: {} },
      { Result: { ResultCode: "zero", ConversationID: "a" } },
      { Result: { ResultCode: 0 } },
      { Result: { ResultCode: 0, ConversationID: "AG_1", TransactionID: "" } },
    ]) {
      expect(() => parseDarajaCallback(body, "result")).toThrow(MalformedCallback);
    }
  });

  it("round-trips the simulator's own result body", () => {
    const body = darajaResultBody({
      conversationId: "AG_SIM_1",
      originatorConversationId: "k",
      success: true,
      transactionId: "SABC",
      amount: 500,
      msisdn: "254700000001",
    });
    expect(parseDarajaCallback(body, "result")).toMatchObject({
      outcome: "succeeded",
      receipt: "SABC",
      conversationRef: "AG_SIM_1",
      originatorRef: "k",
    });
    const failed = darajaResultBody({
      conversationId: "AG_SIM_2",
      originatorConversationId: "k2",
      success: false,
      transactionId: "SX",
      amount: 500,
      msisdn: "254700000009",
    });
    expect(parseDarajaCallback(failed, "result")).toMatchObject({ outcome: "failed", resultCode: 2040 });
  });
});

describe("transaction status query", () => {
  const statusConfig = {
    ...config,
    statusResultUrl: "https://soko.example/webhooks/mpesa/status",
    statusQueueTimeOutUrl: "https://soko.example/webhooks/mpesa/status-timeout",
  };

  it("asks by the OriginatorConversationID we sent, and by the receipt when there is one", () => {
    expect(statusQueryBody(statusConfig, { payoutId: 41, idempotencyKey: "run:3:artisan:7", receipt: null })).toEqual({
      Initiator: "sokoapi",
      SecurityCredential: "ENCRYPTED==",
      CommandID: "TransactionStatusQuery",
      OriginalConversationID: "run:3:artisan:7",
      PartyA: "600980",
      IdentifierType: "4",
      ResultURL: "https://soko.example/webhooks/mpesa/status",
      QueueTimeOutURL: "https://soko.example/webhooks/mpesa/status-timeout",
      Remarks: "Soko payout 41 status",
      Occasion: "payout-41",
    });
    expect(statusQueryBody(statusConfig, { payoutId: 41, idempotencyKey: "k", receipt: "NLJ41HAY6Q" })).toMatchObject({
      TransactionID: "NLJ41HAY6Q",
      OriginalConversationID: "k",
    });
  });

  // Daraja's documented answer: the query's own ConversationID, the payment in ResultParameters.
  const documented = {
    Result: {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: "The service request has been accepted successfully.",
      OriginatorConversationID: "10816-694520-2",
      ConversationID: "AG_20170727_000059c52529a8e080bd",
      TransactionID: "LGR0000000",
      ResultParameters: {
        ResultParameter: [
          { Key: "ReceiptNo", Value: "LGR919G2AV" },
          { Key: "Conversation ID", Value: "AG_20170727_00004492b1b6d0078fbe" },
          { Key: "FinalisedTime", Value: 20170727101415 },
          { Key: "Amount", Value: 10 },
          { Key: "TransactionStatus", Value: "Completed" },
          { Key: "ReasonType", Value: "Salary Payment via API" },
          { Key: "TransactionReason" },
          { Key: "DebitPartyCharges", Value: "Fee For B2C Payment|KES|33.00" },
          { Key: "DebitAccountType", Value: "Utility Account" },
          { Key: "InitiatedTime", Value: 20170727101415 },
          { Key: "Originator Conversation ID", Value: "19455-773836-1" },
          { Key: "CreditPartyName", Value: "254708374149 - John Doe" },
          { Key: "DebitPartyName", Value: "600134 - Safaricom157" },
        ],
      },
      ReferenceData: { ReferenceItem: { Key: "Occasion", Value: "aaaa" } },
    },
  };

  it("reads a completed payment: the query's reference, the payment's references, receipt and amount", () => {
    expect(parseDarajaCallback(documented, "status")).toEqual({
      kind: "status",
      outcome: "succeeded",
      conversationRef: "AG_20170727_000059c52529a8e080bd",
      originatorRef: "10816-694520-2",
      receipt: "LGR919G2AV",
      resultCode: 0,
      reason: "M-Pesa's transaction status: Completed",
      about: { originatorRef: "19455-773836-1", conversationRef: "AG_20170727_00004492b1b6d0078fbe", amount: 10 },
    });
  });

  it("reads a failed transaction as failed, and anything unclear as inconclusive (never as failed)", () => {
    const withStatus = (status: string) => ({
      Result: {
        ...documented.Result,
        ResultParameters: {
          ResultParameter: documented.Result.ResultParameters.ResultParameter.map((p) =>
            p.Key === "TransactionStatus" ? { ...p, Value: status } : p,
          ),
        },
      },
    });
    for (const status of ["Failed", "Declined", "Cancelled", "Expired"])
      expect(parseDarajaCallback(withStatus(status), "status").outcome, status).toBe("failed");
    for (const status of ["Pending", "Authorized", "Reversed", ""])
      expect(parseDarajaCallback(withStatus(status), "status").outcome, status).toBe("inconclusive");
    // The query itself failed or found nothing, or timed out in the queue.
    expect(
      parseDarajaCallback(
        { Result: { ResultCode: 2032, ResultDesc: "Not found", ConversationID: "AG_Q", OriginatorConversationID: "q" } },
        "status",
      ),
    ).toMatchObject({ outcome: "inconclusive", reason: "Not found (2032)" });
    expect(parseDarajaCallback(documented, "status-timeout")).toMatchObject({ kind: "status-timeout", outcome: "inconclusive" });
    // Completed without a receipt is not proof of payment.
    const noReceipt = {
      Result: {
        ...documented.Result,
        ResultParameters: { ResultParameter: documented.Result.ResultParameters.ResultParameter.filter((p) => p.Key !== "ReceiptNo") },
      },
    };
    expect(parseDarajaCallback(noReceipt, "status").outcome).toBe("inconclusive");
    expect(() => parseDarajaCallback({ Result: { ResultCode: 0, OriginatorConversationID: "q" } }, "status")).toThrow(MalformedCallback);
  });

  it("round-trips the simulator's and the fake's status answer", () => {
    const body = darajaStatusResultBody({
      queryConversationId: "AG_SIMQ_1",
      queryOriginatorConversationId: "simq-1",
      payment: {
        conversationId: "AG_SIM_1",
        originatorConversationId: "run:1:artisan:2",
        receipt: "SABCDEFGH1",
        amount: 600,
        msisdn: "254700000001",
        status: "Completed",
      },
    });
    expect(parseDarajaCallback(body, "status")).toMatchObject({
      outcome: "succeeded",
      conversationRef: "AG_SIMQ_1",
      receipt: "SABCDEFGH1",
      about: { originatorRef: "run:1:artisan:2", conversationRef: "AG_SIM_1", amount: 600 },
    });
    const missing = darajaStatusResultBody({ queryConversationId: "AG_SIMQ_2", queryOriginatorConversationId: "simq-2", payment: null });
    expect(parseDarajaCallback(missing, "status")).toMatchObject({
      outcome: "inconclusive",
      about: { originatorRef: null, conversationRef: null, amount: null },
    });
  });
});

describe("SMS", () => {
  it("tells the artisan in their language, in one SMS", () => {
    const sw = payoutSmsText({ language: "sw", outcome: "succeeded", amount: 150000, currency: "KES", receipt: "SABCDEFGH1" });
    expect(sw).toContain("Umelipwa KES 1,500");
    expect(sw).toContain("SABCDEFGH1");
    expect(payoutSmsText({ language: "en", outcome: "failed", amount: 150000, currency: "KES" })).toContain("back in your balance");
    for (const language of ["sw", "en"] as const) {
      for (const outcome of ["succeeded", "failed"] as const) {
        expect(payoutSmsText({ language, outcome, amount: 15_000_000, currency: "KES", receipt: "SABCDEFGH1" }).length).toBeLessThanOrEqual(
          160,
        );
      }
    }
  });
});
