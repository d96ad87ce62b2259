/**
 * A stand-in for Africa's Talking's SMS API (POST /version1/messaging), for the app's adapter pointed
 * here through AT_BASE_URL. Like the real one it takes a form-encoded body (username, to, message,
 * optional from), authenticates with the `apiKey` header, and answers 201 with
 * { SMSMessageData: { Message, Recipients: [{ statusCode, number, status, cost, messageId }] } }.
 * It records every request, and can be told to fail the next N calls (HTTP error) or to refuse a
 * recipient with an AT status code (e.g. 403 InvalidPhoneNumber).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";

export type RecordedSmsRequest = {
  headers: IncomingHttpHeaders;
  form: Record<string, string>;
};

const STATUS_NAMES: Record<number, string> = {
  101: "Success",
  401: "RiskHold",
  402: "InvalidSenderId",
  403: "InvalidPhoneNumber",
  404: "UnsupportedNumberType",
  405: "InsufficientBalance",
  406: "UserInBlacklist",
  407: "CouldNotRoute",
  409: "DoNotDisturbRejection",
  500: "InternalServerError",
  501: "GatewayError",
  502: "RejectedByGateway",
};

export async function startFakeAfricasTalking({
  apiKey = "at_test_key",
  username = "soko-test",
}: {
  apiKey?: string;
  username?: string;
} = {}) {
  const requests: RecordedSmsRequest[] = [];
  /** What the provider accepted for delivery. */
  const delivered: Array<RecordedSmsRequest & { messageId: string }> = [];
  let httpFailuresLeft = 0;
  let httpFailureStatus = 500;
  let recipientStatusCode: number | null = null;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const reply = (status: number, payload: unknown, type = "application/json") => {
        res.writeHead(status, { "Content-Type": type });
        res.end(typeof payload === "string" ? payload : JSON.stringify(payload));
      };
      if (req.method !== "POST" || req.url !== "/version1/messaging") return reply(404, "Not found", "text/plain");
      // AT answers a bad key with 401 and a plain-text body.
      if (req.headers.apikey !== apiKey) return reply(401, "The supplied authentication is invalid", "text/plain");
      if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
        return reply(415, "Unsupported content type", "text/plain");
      }
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
      const recorded: RecordedSmsRequest = { headers: req.headers, form };
      requests.push(recorded);
      if (httpFailuresLeft > 0) {
        httpFailuresLeft -= 1;
        return reply(httpFailureStatus, "The fake provider was told to fail", "text/plain");
      }
      if (form.username !== username) return reply(401, "The supplied authentication is invalid", "text/plain");
      if (!form.to || !form.message) return reply(400, "Missing to or message", "text/plain");
      const code = recipientStatusCode ?? 101;
      const messageId = code === 101 ? `ATXid_${randomUUID().replace(/-/g, "")}` : "None";
      if (code === 101) delivered.push({ ...recorded, messageId });
      reply(201, {
        SMSMessageData: {
          Message: code === 101 ? "Sent to 1/1 Total Cost: KES 0.8000" : "Sent to 0/1 Total Cost: 0",
          Recipients: [
            {
              statusCode: code,
              number: form.to,
              status: STATUS_NAMES[code] ?? "Failed",
              cost: code === 101 ? "KES 0.8000" : "0",
              messageId,
            },
          ],
        },
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    username,
    requests,
    delivered,
    /** The next `count` requests get an HTTP error (500 unless told otherwise). */
    failNext(count: number, status = 500) {
      httpFailuresLeft = count;
      httpFailureStatus = status;
    },
    /** Every recipient gets this AT status code (null: 101 Success). */
    refuseRecipients(statusCode: number | null) {
      recipientStatusCode = statusCode;
    },
    reset() {
      requests.length = 0;
      delivered.length = 0;
      httpFailuresLeft = 0;
      recipientStatusCode = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeAfricasTalking = Awaited<ReturnType<typeof startFakeAfricasTalking>>;
