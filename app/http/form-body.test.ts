import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readForm } from "~/lib/validation";
import { limitRequestBody } from "./body-limits";
import { openExchange, type Exchange } from "./exchange";
import { answerWithRemix } from "./remix-handler";
import { protection } from "./security-headers";

const FORM = "application/x-www-form-urlencoded";
const CAP = 2048;

/**
 * The edge as request-listener.ts runs it (the cap, then Remix) with a 2 KB cap, in front of a
 * handler that reads the form the way our actions do (readForm) or the raw text (a webhook), and
 * notes which way the body came.
 */
describe("a small urlencoded form read whole at the edge", () => {
  let server: Server;
  let port: number;
  let seen: { path: string; whole: boolean; streamed: boolean }[] = [];

  beforeAll(async () => {
    const headers = protection({ stripe: false, imageOrigins: [], https: false });
    server = createServer((req, res) => {
      const ex: Exchange = openExchange(req, res, headers, null);
      if (limitRequestBody(ex, () => ({ bytes: CAP, refusal: "Too large for this test." }))) return;
      void answerWithRemix(ex, async (request) => {
        seen.push({ path: ex.pathname, whole: ex.wholeForm, streamed: ex.body !== null });
        if (ex.pathname === "/raw") return new Response(await request.text(), { headers: { "Content-Type": "text/plain" } });
        const form = await readForm(request).catch((refusal: Response) => refusal);
        if (form instanceof Response) return form;
        const fields = [...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : `file:${v.name}:${v.size}`]);
        return Response.json(fields);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen = [];
  });

  /** Posts `body` (chunked when `chunked`), answering status, text and the body's way in. */
  function post(path: string, body: Buffer | string, { type = FORM, chunked = false } = {}) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const bytes = Buffer.from(body);
      const headers: Record<string, string> = { "Content-Type": type };
      if (!chunked) headers["Content-Length"] = String(bytes.length);
      const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      });
      req.on("error", reject);
      if (chunked) {
        // Two writes: a chunked body arrives in pieces.
        req.write(bytes.subarray(0, 5));
        req.end(bytes.subarray(5));
      } else req.end(bytes);
    });
  }

  /** Sends the head and `part` of a declared body on a raw socket, then ends or destroys it. */
  function sendPart(declared: number, part: string, how: "end" | "destroy") {
    return new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(`POST /form HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${FORM}\r\nContent-Length: ${declared}\r\n\r\n${part}`, () =>
          setTimeout(() => (how === "end" ? socket.end() : socket.destroy()), 50),
        );
      });
      let answer = "";
      socket.on("data", (d) => (answer += d));
      socket.on("close", () => resolve(answer));
      socket.on("error", () => {});
    });
  }

  it("hands the route the fields, repeated ones and +/%-encoding decoded as undici would", async () => {
    const answer = await post("/form", "name=Amina+Otieno&tag=a&tag=b&city=M%C3%B6venpick&note=1%2B1");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual([
      ["name", "Amina Otieno"],
      ["tag", "a"],
      ["tag", "b"],
      ["city", "Mövenpick"],
      ["note", "1+1"],
    ]);
    expect(seen).toEqual([{ path: "/form", whole: true, streamed: false }]);
  });

  it("takes a form exactly at the cap whole, and refuses one declared over it with a 413 before any route", async () => {
    const atCap = `a=${"x".repeat(CAP - 2)}`;
    expect((await post("/form", atCap)).status).toBe(200);
    expect(seen).toEqual([{ path: "/form", whole: true, streamed: false }]);
    seen = [];
    const over = await post("/form", `${atCap}y`);
    expect(over).toEqual({ status: 413, text: "Too large for this test." });
    expect(seen).toEqual([]);
    // The connection's next request is served.
    expect((await post("/form", "a=1")).status).toBe(200);
  });

  it("keeps the streamed path for a chunked form (no length): within the cap read, over it a 413", async () => {
    expect(JSON.parse((await post("/form", "a=1&b=2", { chunked: true })).text)).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
    expect(seen).toEqual([{ path: "/form", whole: false, streamed: true }]);
    const over = await post("/form", `a=${"x".repeat(CAP * 4)}`, { chunked: true });
    expect(over).toEqual({ status: 413, text: "Too large for this test." });
  });

  it("refuses a control character with a 400", async () => {
    const answer = await post("/form", "name=Amina%00&city=Nairobi");
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/control character/);
    expect(seen[0].whole).toBe(true);
  });

  it("never calls the route for a body that ends early or a client that goes away, and keeps serving", async () => {
    // A body cut short by the client's FIN: node's parser answers its own 400; no route ran.
    expect(await sendPart(100, "a=1&b=2", "end")).toMatch(/^HTTP\/1.1 400 /);
    expect(await sendPart(100, "a=1&b=2", "destroy")).toBe("");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([]);
    expect((await post("/form", "a=1")).status).toBe(200);
  });

  it("keeps the streamed path for multipart and JSON, which reach the route as sent", async () => {
    const form = new FormData();
    form.append("intent", "upload");
    form.append("photo", new Blob([Buffer.alloc(300, 1)], { type: "image/jpeg" }), "ring.jpg");
    const multipart = new Request("http://x/", { method: "POST", body: form });
    const body = Buffer.from(await multipart.arrayBuffer());
    const answer = await post("/form", body, { type: multipart.headers.get("Content-Type")! });
    expect(JSON.parse(answer.text)).toEqual([
      ["intent", "upload"],
      ["photo", "file:ring.jpg:300"],
    ]);
    const json = '{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"amount":1200}}}';
    expect((await post("/raw", json, { type: "application/json" })).text).toBe(json);
    expect(seen.map((s) => s.whole)).toEqual([false, false]);
  });

  it("hands a urlencoded callback's raw text byte for byte (a signed body)", async () => {
    const body = "Body=Habari+%F0%9F%91%8B&From=%2B254700000001&x=%zz";
    expect((await post("/raw", body)).text).toBe(body);
    expect(seen).toEqual([{ path: "/raw", whole: true, streamed: false }]);
  });
});
