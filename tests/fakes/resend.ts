/**
 * A stand-in for Resend's API (POST /emails), for the real `resend` SDK pointed here through
 * RESEND_BASE_URL. It checks the bearer key, records every request, answers a repeated
 * Idempotency-Key with the first answer (as Resend does), and can be told to fail the next N calls.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";

export type RecordedEmailRequest = {
  headers: IncomingHttpHeaders;
  body: { from?: string; to?: string | string[]; subject?: string; html?: string; text?: string; [key: string]: unknown };
  idempotencyKey?: string;
};

export async function startFakeResend({ apiKey = "re_test_key" }: { apiKey?: string } = {}) {
  const requests: RecordedEmailRequest[] = [];
  /** What the provider actually delivered: one per accepted, non-repeated request. */
  const delivered: Array<RecordedEmailRequest & { id: string }> = [];
  const byIdempotencyKey = new Map<string, string>();
  let failuresLeft = 0;
  let failureStatus = 500;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== "POST" || req.url !== "/emails") return reply(404, { statusCode: 404, name: "not_found", message: "Not found" });
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        return reply(401, { statusCode: 401, name: "validation_error", message: "API key is invalid" });
      }
      let body: RecordedEmailRequest["body"];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return reply(422, { statusCode: 422, name: "validation_error", message: "Invalid JSON" });
      }
      const idempotencyKey = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : undefined;
      const recorded: RecordedEmailRequest = { headers: req.headers, body, idempotencyKey };
      requests.push(recorded);
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return reply(failureStatus, {
          statusCode: failureStatus,
          name: "internal_server_error",
          message: "The fake provider was told to fail",
        });
      }
      if (!body.from || !body.to || !body.subject || (!body.html && !body.text)) {
        return reply(422, { statusCode: 422, name: "validation_error", message: "from, to, subject and html or text are required" });
      }
      const previous = idempotencyKey ? byIdempotencyKey.get(idempotencyKey) : undefined;
      if (previous) return reply(200, { id: previous });
      const id = randomUUID();
      if (idempotencyKey) byIdempotencyKey.set(idempotencyKey, id);
      delivered.push({ ...recorded, id });
      reply(200, { id });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    delivered,
    /** The next `count` requests get an error status (500 unless told otherwise). */
    failNext(count: number, status = 500) {
      failuresLeft = count;
      failureStatus = status;
    },
    reset() {
      requests.length = 0;
      delivered.length = 0;
      byIdempotencyKey.clear();
      failuresLeft = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeResend = Awaited<ReturnType<typeof startFakeResend>>;
