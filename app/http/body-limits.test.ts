import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyLimitFor, FORM_LIMIT, limitRequestBody, WEBHOOK_LIMIT } from "./body-limits";
import { answerText, openExchange } from "./exchange";
import { protection } from "./security-headers";

describe("bodyLimitFor", () => {
  it("gives uploads their route's number, webhooks 256 KB and every other address 1 MB, with or without .data", () => {
    expect(bodyLimitFor("/artisan/work").bytes).toBe(5 * 1024 * 1024 + 64 * 1024);
    expect(bodyLimitFor("/artisan/work.data").bytes).toBe(5 * 1024 * 1024 + 64 * 1024);
    expect(bodyLimitFor("/ops/products/12").bytes).toBe(5 * 1024 * 1024 + 64 * 1024);
    expect(bodyLimitFor("/orders/SK-100001/review").bytes).toBe(2 * 5 * 1024 * 1024 + 64 * 1024);
    expect(bodyLimitFor("/orders/SK-100001/review.data").bytes).toBe(2 * 5 * 1024 * 1024 + 64 * 1024);
    expect(bodyLimitFor("/wholesale/quick-order").bytes).toBe(2 * 1024 * 1024);
    expect(bodyLimitFor("/api/edi/inbound").bytes).toBe(5 * 1024 * 1024);
    expect(bodyLimitFor("/ops/edi/log.data").bytes).toBe(5 * 1024 * 1024 + 64 * 1024);
    expect(bodyLimitFor("/webhooks/mpesa/result")).toBe(WEBHOOK_LIMIT);
    expect(bodyLimitFor("/webhooks/stripe")).toBe(WEBHOOK_LIMIT);
    expect(bodyLimitFor("/api/ussd")).toBe(WEBHOOK_LIMIT);
    expect(bodyLimitFor("/ops/login")).toBe(FORM_LIMIT);
    expect(bodyLimitFor("/ops/products")).toBe(FORM_LIMIT);
    expect(bodyLimitFor("/ops/products/12/other")).toBe(FORM_LIMIT);
    expect(FORM_LIMIT.bytes).toBe(1024 * 1024);
  });
});

/**
 * A server with the limiter in front of a handler that reads the whole body the way a route does
 * (through the web stream the Remix adapter hands over): 2 KB is the cap here.
 */
describe("limitRequestBody", () => {
  let server: Server;
  let port: number;
  const reads: string[] = [];

  beforeAll(async () => {
    const headers = protection({ stripe: false, imageOrigins: [], https: false });
    server = createServer(async (req, res) => {
      const ex = openExchange(req, res, headers, null);
      if (limitRequestBody(ex, () => ({ bytes: 2048, refusal: "Too large for this test." }))) return;
      if (ex.pathname === "/read") {
        try {
          const text = await new Response(ex.body).text();
          reads.push(`read ${text.length}`);
          if (!res.headersSent) answerText(ex, 200, `read ${text.length}`);
        } catch (error) {
          reads.push(`failed: ${(error as Error).name}`);
        }
      } else if (ex.pathname === "/ignore") answerText(ex, 405, "no");
      else answerText(ex, 200, "pong");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends `total` bytes in 512-byte chunks (chunked unless `length`), stopping at the first answer. */
  function send(path: string, total: number, options: { length?: number } = {}) {
    return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      const headers: Record<string, string | number> = { "Content-Type": "application/octet-stream" };
      if (options.length !== undefined) headers["Content-Length"] = options.length;
      const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers });
      let sent = 0;
      let answered = false;
      const chunk = Buffer.alloc(512, "a");
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      req.on("response", (res) => {
        answered = true;
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => {
          resolve({ status: res.statusCode!, body, sent });
          req.destroy();
        });
      });
      req.on("error", (error) => (answered ? undefined : reject(error)));
      pump();
    });
  }

  it("lets a body within the cap through whole", async () => {
    expect(await send("/read", 2048)).toMatchObject({ status: 200, body: "read 2048" });
  });

  it("refuses a chunked body with 413 once it passes the cap, without reading the rest, and keeps serving", async () => {
    const answer = await send("/read", 50 * 1024 * 1024);
    expect(answer).toMatchObject({ status: 413, body: "Too large for this test." });
    // The client saw the answer long before it could send 50 MB.
    expect(answer.sent).toBeLessThan(10 * 1024 * 1024);
    expect(reads.at(-1)).toBe("failed: BodyTooLargeError");
    const ping = await fetch(`http://127.0.0.1:${port}/ping`);
    expect(await ping.text()).toBe("pong");
  });

  it("refuses a declared Content-Length over the cap before reading any of it", async () => {
    const before = reads.length;
    const answer = await send("/read", 4096, { length: 4096 });
    expect(answer.status).toBe(413);
    expect(reads.length).toBe(before);
  });

  it("drains a small body nobody read, keeping the connection usable", async () => {
    expect((await send("/ignore", 1024)).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${port}/ping`)).status).toBe(200);
  });
});
