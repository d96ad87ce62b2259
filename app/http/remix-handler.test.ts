import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wholeResponse } from "~/lib/whole-response";
import { openExchange } from "./exchange";
import { sendResponse, toFetchRequest } from "./remix-handler";
import { protection } from "./security-headers";

describe("sendResponse and toFetchRequest", () => {
  let server: Server;
  let base: string;
  let slow: Promise<{ request: boolean; copy: boolean }> | undefined;
  const page = `<p>${"Brass earrings ".repeat(200)}</p>`;
  // A document's string as the render hands it over: characters of two, three and four bytes, and a
  // lone surrogate (sent as U+FFFD, as Buffer.from would have made it).
  const textPage = `<!DOCTYPE html><p>${"Kito ring — £48 · naïve 😀 ".repeat(60)}\ud800</p>`;
  // Over the size gzipped on the spot: the thread pool's gzip.
  const large = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ sku: `SK-${i}`, title: "Brass earrings" })));

  beforeAll(async () => {
    const headers = protection({ stripe: false, imageOrigins: [], https: false });
    server = createServer(async (req, res) => {
      const ex = openExchange(req, res, headers, req.headers["x-test-trust"] ? () => true : null);
      if (ex.pathname === "/own-policy") {
        const own = new Headers({ "Referrer-Policy": "no-referrer", "Content-Type": "text/plain" });
        own.append("Set-Cookie", "a=1; Path=/");
        own.append("Set-Cookie", "b=2; Path=/");
        return sendResponse(ex, new Response("ok", { status: 201, headers: own }));
      }
      if (ex.pathname === "/page") {
        return sendResponse(ex, new Response(page, { headers: { "Content-Type": "text/html; charset=utf-8", Vary: "Cookie" } }));
      }
      if (ex.pathname === "/whole-page") {
        // A rendered document (app/entry.server.tsx): its bytes handed over beside the Response.
        const whole = wholeResponse(Buffer.from(page), {
          status: 203,
          headers: { "Content-Type": "text/html; charset=utf-8", Vary: "Cookie" },
        });
        return sendResponse(ex, whole);
      }
      if (ex.pathname === "/whole-text") {
        return sendResponse(ex, wholeResponse(textPage, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } }));
      }
      if (ex.pathname === "/large") {
        return sendResponse(ex, new Response(large, { headers: { "Content-Type": "application/json" } }));
      }
      if (ex.pathname === "/csv") {
        const rows = new ReadableStream({
          start(controller) {
            for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode(`row ${i},brass,earrings\n`));
            controller.close();
          },
        });
        return sendResponse(ex, new Response(rows, { headers: { "Content-Type": "text/csv" } }));
      }
      if (ex.pathname === "/slow") {
        // A loader still working when the client goes: its signal, and a copy's as Remix makes them, abort.
        const request = toFetchRequest(ex);
        const copy = new Request(`${request.url}?_data=x`, { headers: request.headers, signal: request.signal });
        const settled = (signal: AbortSignal) =>
          new Promise<boolean>((resolve) => {
            signal.addEventListener("abort", () => resolve(true));
            setTimeout(() => resolve(false), 2_000);
          });
        slow = Promise.all([settled(request.signal), settled(copy.signal)]).then(([request, copy]) => ({ request, copy }));
        await slow;
        return sendResponse(ex, new Response("too late"));
      }
      // What Remix would see of this request.
      const request = toFetchRequest(ex, { cookies: ex.pathname !== "/echo-shared" });
      return sendResponse(
        ex,
        Response.json({ url: request.url, cookie: request.headers.get("cookie"), ua: request.headers.get("user-agent") }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("aborts the request's signal, and a copy's that follows it, when the client goes before the answer", async () => {
    const client = new AbortController();
    const asked = fetch(`${base}/slow`, { signal: client.signal }).catch(() => "gone");
    while (!slow) await new Promise((resolve) => setTimeout(resolve, 10));
    client.abort();
    expect(await asked).toBe("gone");
    expect(await slow).toEqual({ request: true, copy: true });
  });

  it("lets a route's own header replace the server's default of that name, keeps the others, and sends every cookie", async () => {
    const response = await fetch(`${base}/own-policy`);
    expect(response.status).toBe(201);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toMatch(/'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(await response.text()).toBe("ok");
  });

  it("gzips a page for a client that takes it, once, with its length, and varies on the encoding", async () => {
    const raw = (await import("node:http")).get;
    const answer = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      raw(`${base}/page`, { headers: { "Accept-Encoding": "gzip, br" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(answer.headers["content-length"]).toBe(String(answer.body.length));
    expect(answer.headers.vary).toBe("Cookie, Accept-Encoding");
    expect(gunzipSync(answer.body).toString()).toBe(page);
    const plain = await fetch(`${base}/page`, { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(page);
  });

  it("sends a document's handed-over bytes as they are: status, length, gzip for a client that takes it", async () => {
    const plain = await fetch(`${base}/whole-page`, { headers: { "Accept-Encoding": "identity" } });
    expect(plain.status).toBe(203);
    expect(plain.headers.get("content-length")).toBe(String(Buffer.byteLength(page)));
    expect(plain.headers.get("x-frame-options")).toBe("DENY");
    expect(await plain.text()).toBe(page);
    const zipped = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      get(`${base}/whole-page`, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Cookie, Accept-Encoding");
    expect(gunzipSync(zipped.body).toString()).toBe(page);
  });

  it("sends a document's handed-over string as its UTF-8 bytes, with their length, gzipped for a client that takes it", async () => {
    const raw = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        get(`${base}/whole-text`, { headers: { "Accept-Encoding": encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on("error", reject);
      });
    const bytes = Buffer.from(textPage);
    expect(bytes.length).toBeGreaterThan(textPage.length);
    const plain = await raw("identity");
    expect(plain.headers["content-length"]).toBe(String(bytes.length));
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(bytes)).toBe(true);
    expect(plain.body.subarray(-7).toString("hex")).toBe("efbfbd3c2f703e");
    const zipped = await raw("gzip");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers["content-length"]).toBe(String(zipped.body.length));
    expect(gunzipSync(zipped.body).equals(bytes)).toBe(true);
  });

  it("gzips a large whole body (an export) too, off the event loop", async () => {
    expect(large.length).toBeGreaterThan(256 * 1024);
    const answer = await fetch(`${base}/large`, { headers: { "Accept-Encoding": "gzip" } });
    expect(answer.headers.get("content-encoding")).toBe("gzip");
    expect(Number(answer.headers.get("content-length"))).toBeLessThan(large.length / 4);
    expect(await answer.text()).toBe(large);
  });

  it("streams a body that is not whole (a CSV export), gzipped on the way when taken", async () => {
    const csv = await fetch(`${base}/csv`, { headers: { "Accept-Encoding": "gzip" } });
    expect(csv.headers.get("content-encoding")).toBe("gzip");
    const text = await csv.text();
    expect(text.split("\n")).toHaveLength(101);
    expect(text).toContain("row 99,brass,earrings");
  });

  it("gives Remix the address as asked, with the Cookie header unless the render is for everybody", async () => {
    const asked = await fetch(`${base}/echo//other.example/x?q=1`, { headers: { Cookie: "__soko_cart=abc", "User-Agent": "test" } });
    const seen = await asked.json();
    expect(seen).toEqual({ url: `${base}/echo//other.example/x?q=1`, cookie: "__soko_cart=abc", ua: "test" });
    const shared = await (await fetch(`${base}/echo-shared`, { headers: { Cookie: "__soko_cart=abc" } })).json();
    expect(shared.cookie).toBeNull();
  });

  it("believes X-Forwarded-Proto and -Host only from a trusted proxy", async () => {
    const forwarded = { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "shop.soko.test, inner.example" };
    const untrusted = await (await fetch(`${base}/echo`, { headers: forwarded })).json();
    expect(untrusted.url).toBe(`${base}/echo`);
    const trusted = await (await fetch(`${base}/echo`, { headers: { ...forwarded, "X-Test-Trust": "1" } })).json();
    expect(trusted.url).toBe("https://shop.soko.test/echo");
  });
});
