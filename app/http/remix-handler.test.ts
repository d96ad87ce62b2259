import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendResponse } from "./remix-handler";

describe("sendResponse", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader("Referrer-Policy", "same-origin");
      res.setHeader("X-Frame-Options", "DENY");
      next();
    });
    app.get("/own-policy", (_req, res) => {
      const headers = new Headers({ "Referrer-Policy": "no-referrer", "Content-Type": "text/plain" });
      headers.append("Set-Cookie", "a=1; Path=/");
      headers.append("Set-Cookie", "b=2; Path=/");
      sendResponse(res, new Response("ok", { status: 201, headers }));
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("lets a route's own header replace the server's default of that name, keeps the others, and sends every cookie", async () => {
    const response = await fetch(`${base}/own-policy`);
    expect(response.status).toBe(201);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(await response.text()).toBe("ok");
  });
});
