/**
 * A stand-in for the slice of Safaricom's Daraja API the B2C adapter calls, over real HTTP:
 *   GET  /oauth/v1/generate?grant_type=client_credentials  (Basic consumer key:secret) → access_token
 *   POST /mpesa/b2c/v3/paymentrequest (and v1)              (Bearer token) → ConversationID
 *   POST /mpesa/transactionstatus/v1/query                  (Bearer token) → the query's own ConversationID
 * It validates the fields Daraja requires, records every request, keeps each accepted payment, and
 * `deliverResult(conversationId, …)` POSTs Daraja's result body to the ResultURL the request named
 * (or QueueTimeOutURL for a timeout), as M-Pesa does when the transfer completes. The first outcome
 * delivered (or set with `settle`) is what M-Pesa "knows": a repeat carries the same TransactionID, and
 * `deliverStatus(queryId)` answers a status query with it (or "not found"), to the query's ResultURL.
 *
 * A repeated OriginatorConversationID creates no second payment: by default it gets the first
 * answer again; with `duplicates: "reject"` a 400 "Duplicate OriginatorConversationID".
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { darajaResultBody, darajaStatusResultBody } from "~/domain/payouts/daraja";

export type FakeOutcome = { success: boolean; resultCode?: number; resultDesc?: string };

export type FakeB2CPayment = {
  conversationId: string;
  originatorConversationId: string;
  body: Record<string, unknown>;
  amount: number;
  partyB: string;
  resultUrl: string;
  queueTimeOutUrl: string;
  /** What M-Pesa did with it, once known: its transaction id (the receipt) stays the same on every repeat. */
  truth?: FakeOutcome & { transactionId: string };
};

export type FakeStatusQuery = {
  conversationId: string;
  originatorConversationId: string;
  body: Record<string, unknown>;
  resultUrl: string;
  queueTimeOutUrl: string;
};

export type RecordedDarajaRequest = { method: string; path: string; headers: Record<string, string | string[] | undefined>; body: unknown };

const REQUIRED = [
  "InitiatorName",
  "SecurityCredential",
  "CommandID",
  "Amount",
  "PartyA",
  "PartyB",
  "Remarks",
  "QueueTimeOutURL",
  "ResultURL",
] as const;
const STATUS_REQUIRED = [
  "Initiator",
  "SecurityCredential",
  "CommandID",
  "PartyA",
  "IdentifierType",
  "ResultURL",
  "QueueTimeOutURL",
  "Remarks",
] as const;
const newConversationId = () => `AG_${new Date().toISOString().slice(0, 10).replaceAll("-", "")}_${randomBytes(10).toString("hex")}`;

export async function startFakeDaraja(
  options: { consumerKey?: string; consumerSecret?: string; duplicates?: "same-answer" | "reject" } = {},
) {
  const consumerKey = options.consumerKey ?? "ck_test";
  const consumerSecret = options.consumerSecret ?? "cs_test";
  const requests: RecordedDarajaRequest[] = [];
  const tokens = new Set<string>();
  const payments = new Map<string, FakeB2CPayment>(); // by ConversationID
  const byOriginator = new Map<string, FakeB2CPayment>();
  const statusQueries = new Map<string, FakeStatusQuery>(); // by the query's ConversationID
  const failures: number[] = [];
  let tokenCount = 0;

  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      requests.push({ method: req.method ?? "GET", path: url.pathname, headers: req.headers, body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      const error = (status: number, errorCode: string, errorMessage: string) =>
        send(status, { requestId: randomBytes(6).toString("hex"), errorCode, errorMessage });

      if (req.method === "GET" && url.pathname === "/oauth/v1/generate") {
        const expected = `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString("base64")}`;
        if (url.searchParams.get("grant_type") !== "client_credentials") return error(400, "400.008.02", "Invalid grant type passed");
        if (req.headers.authorization !== expected) return error(400, "400.008.01", "Invalid Authentication passed");
        const token = `tok_${++tokenCount}_${randomBytes(8).toString("hex")}`;
        tokens.add(token);
        return send(200, { access_token: token, expires_in: "3599" });
      }
      if (req.method === "POST" && /^\/mpesa\/b2c\/v[13]\/paymentrequest$/.test(url.pathname)) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        if (!bearer || !tokens.has(bearer)) return error(401, "404.001.03", "Invalid Access Token");
        const injected = failures.shift();
        if (injected) return error(injected, `${injected}.001.01`, "Injected failure");
        if (!body || typeof body !== "object") return error(400, "400.002.02", "Bad Request - Invalid Body");
        const b = body as Record<string, unknown>;
        for (const field of REQUIRED)
          if (b[field] === undefined || b[field] === "") return error(400, "400.002.02", `Bad Request - Invalid ${field}`);
        if (!["BusinessPayment", "SalaryPayment", "PromotionPayment"].includes(String(b.CommandID)))
          return error(400, "400.002.02", "Bad Request - Invalid CommandID");
        if (!Number.isInteger(b.Amount) || (b.Amount as number) < 10) return error(400, "400.002.02", "Bad Request - Invalid Amount");
        if (!/^254[17]\d{8}$/.test(String(b.PartyB))) return error(400, "400.002.02", "Bad Request - Invalid PartyB");
        const originator = String(b.OriginatorConversationID ?? `orig-${randomBytes(6).toString("hex")}`);
        const existing = byOriginator.get(originator);
        if (existing) {
          if (options.duplicates === "reject") return error(400, "400.002.05", "Duplicate OriginatorConversationID");
          return send(200, {
            ConversationID: existing.conversationId,
            OriginatorConversationID: originator,
            ResponseCode: "0",
            ResponseDescription: "Accept the service request successfully.",
          });
        }
        const payment: FakeB2CPayment = {
          conversationId: newConversationId(),
          originatorConversationId: originator,
          body: b,
          amount: b.Amount as number,
          partyB: String(b.PartyB),
          resultUrl: String(b.ResultURL),
          queueTimeOutUrl: String(b.QueueTimeOutURL),
        };
        payments.set(payment.conversationId, payment);
        byOriginator.set(originator, payment);
        return send(200, {
          ConversationID: payment.conversationId,
          OriginatorConversationID: originator,
          ResponseCode: "0",
          ResponseDescription: "Accept the service request successfully.",
        });
      }
      if (req.method === "POST" && url.pathname === "/mpesa/transactionstatus/v1/query") {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        if (!bearer || !tokens.has(bearer)) return error(401, "404.001.03", "Invalid Access Token");
        if (!body || typeof body !== "object") return error(400, "400.002.02", "Bad Request - Invalid Body");
        const b = body as Record<string, unknown>;
        for (const field of STATUS_REQUIRED)
          if (b[field] === undefined || b[field] === "") return error(400, "400.002.02", `Bad Request - Invalid ${field}`);
        if (b.CommandID !== "TransactionStatusQuery") return error(400, "400.002.02", "Bad Request - Invalid CommandID");
        if (!["1", "2", "4"].includes(String(b.IdentifierType))) return error(400, "400.002.02", "Bad Request - Invalid IdentifierType");
        if (!b.TransactionID && !b.OriginalConversationID) return error(400, "400.002.02", "Bad Request - Invalid TransactionID");
        const query: FakeStatusQuery = {
          conversationId: newConversationId(),
          originatorConversationId: `${randomBytes(3).toString("hex")}-${randomBytes(4).toString("hex")}-1`,
          body: b,
          resultUrl: String(b.ResultURL),
          queueTimeOutUrl: String(b.QueueTimeOutURL),
        };
        statusQueries.set(query.conversationId, query);
        return send(200, {
          ConversationID: query.conversationId,
          OriginatorConversationID: query.originatorConversationId,
          ResponseCode: "0",
          ResponseDescription: "Accept the service request successfully.",
        });
      }
      error(404, "404.001.01", "Resource not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    consumerKey,
    consumerSecret,
    requests,
    payments,
    /** The next B2C requests answer these HTTP statuses (e.g. 500, 503), in order. */
    failNext(...statuses: number[]) {
      failures.push(...statuses);
    },
    /** Revoke every token: the next call with an old one gets a 401. */
    expireTokens() {
      tokens.clear();
    },
    statusQueries,
    /** M-Pesa deciding a payment without telling us (the result callback lost): only a status query will. */
    settle(conversationId: string, outcome: FakeOutcome) {
      const payment = payments.get(conversationId);
      if (!payment) throw new Error(`No payment ${conversationId} at the fake`);
      payment.truth ??= { ...outcome, transactionId: `Q${randomBytes(5).toString("hex").toUpperCase().slice(0, 9)}` };
      return payment.truth;
    },
    /**
     * Daraja's result body for a payment, without sending it. The first outcome becomes what M-Pesa
     * knows; the same outcome again carries the same TransactionID (a Safaricom retry), another one a
     * new id (a contradicting report).
     */
    resultBody(conversationId: string, outcome: FakeOutcome) {
      const payment = payments.get(conversationId);
      if (!payment) throw new Error(`No payment ${conversationId} at the fake`);
      const truth = this.settle(conversationId, outcome);
      const transactionId =
        truth.success === outcome.success ? truth.transactionId : `Q${randomBytes(5).toString("hex").toUpperCase().slice(0, 9)}`;
      return darajaResultBody({
        conversationId,
        originatorConversationId: payment.originatorConversationId,
        success: outcome.success,
        transactionId,
        amount: payment.amount,
        msisdn: payment.partyB,
        resultCode: outcome.resultCode,
        resultDesc: outcome.resultDesc,
      });
    },
    /** M-Pesa finishing the transfer: POSTs the result (or a queue timeout) to the URL the request gave. */
    async deliverResult(conversationId: string, outcome: FakeOutcome & { timeout?: boolean }, body?: unknown) {
      const payment = payments.get(conversationId);
      if (!payment) throw new Error(`No payment ${conversationId} at the fake`);
      const sent =
        body ??
        (outcome.timeout
          ? {
              Result: {
                ResultType: 0,
                ResultCode: 1,
                ResultDesc: "The service request timed out.",
                OriginatorConversationID: payment.originatorConversationId,
                ConversationID: conversationId,
              },
            }
          : this.resultBody(conversationId, outcome));
      const response = await fetch(outcome.timeout ? payment.queueTimeOutUrl : payment.resultUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(sent),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    /** Daraja's answer to a status query: the payment it names, as M-Pesa knows it ("not found" when it does not). */
    statusBody(queryId: string, override: { status?: string; amount?: number } = {}) {
      const query = statusQueries.get(queryId);
      if (!query) throw new Error(`No status query ${queryId} at the fake`);
      const byId = [...payments.values()].find((p) => query.body.TransactionID && p.truth?.transactionId === query.body.TransactionID);
      const payment = byId ?? byOriginator.get(String(query.body.OriginalConversationID ?? ""));
      const known = payment?.truth;
      return darajaStatusResultBody({
        queryConversationId: query.conversationId,
        queryOriginatorConversationId: query.originatorConversationId,
        shortCode: String(query.body.PartyA),
        payment:
          payment && known
            ? {
                conversationId: payment.conversationId,
                originatorConversationId: payment.originatorConversationId,
                receipt: known.transactionId,
                amount: override.amount ?? payment.amount,
                msisdn: payment.partyB,
                status: override.status ?? (known.success ? "Completed" : "Failed"),
                reason: known.success ? "" : (known.resultDesc ?? "The initiator information is invalid."),
              }
            : null,
      });
    },
    /** M-Pesa answering a status query: POSTs the answer (or a queue timeout) to the URL the query gave. */
    async deliverStatus(queryId: string, override: { status?: string; amount?: number; timeout?: boolean } = {}, body?: unknown) {
      const query = statusQueries.get(queryId);
      if (!query) throw new Error(`No status query ${queryId} at the fake`);
      const sent =
        body ??
        (override.timeout
          ? {
              Result: {
                ResultType: 0,
                ResultCode: 1,
                ResultDesc: "The service request timed out.",
                OriginatorConversationID: query.originatorConversationId,
                ConversationID: query.conversationId,
              },
            }
          : this.statusBody(queryId, override));
      const response = await fetch(override.timeout ? query.queueTimeOutUrl : query.resultUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(sent),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeDaraja = Awaited<ReturnType<typeof startFakeDaraja>>;
