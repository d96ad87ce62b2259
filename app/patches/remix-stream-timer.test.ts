/**
 * The patched @remix-run/server-runtime (app/patches, docs/decisions/0009) makes the loader data's
 * AbortController and its 5-second timer only when turbo-stream has something deferred to wait for:
 * every document left one timer behind before, though our pages defer nothing. With a promise in the
 * data the timeout still rejects what has not settled in time.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";

const require = createRequire(import.meta.url);
const singleFetch = require("@remix-run/server-runtime/dist/single-fetch.js") as {
  encodeViaTurboStream: (data: unknown, signal: AbortSignal, streamTimeout: number | undefined, serverMode: string) => ReadableStream<Uint8Array>;
};

const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("the loader data's stream timer (patched server-runtime)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is installed in both builds", () => {
    for (const file of ["@remix-run/server-runtime/dist/single-fetch.js", "@remix-run/server-runtime/dist/esm/single-fetch.js"])
      expect(readFileSync(require.resolve(file), "utf8")).toContain("function lazyTimeoutSignal(");
  });

  it("sets no timer and listens to nothing for data with nothing deferred", async () => {
    const timers = vi.spyOn(globalThis, "setTimeout");
    const request = new AbortController();
    const listen = vi.spyOn(request.signal, "addEventListener");
    const text = await read(singleFetch.encodeViaTurboStream({ root: { bag: 2 }, page: { title: "Brass earrings" } }, request.signal, 5_000, "production"));
    expect(text).toContain("Brass earrings");
    expect(timers).not.toHaveBeenCalled();
    expect(listen).not.toHaveBeenCalled();
  });

  it("still waits for deferred data, and rejects what has not settled by the timeout", async () => {
    const request = new AbortController();
    const settled = await read(singleFetch.encodeViaTurboStream({ later: Promise.resolve("Kito ring") }, request.signal, 1_000, "production"));
    expect(settled).toContain("Kito ring");
    const started = Date.now();
    const never = await read(singleFetch.encodeViaTurboStream({ never: new Promise(() => {}) }, request.signal, 50, "production"));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(never).toMatch(/^E\d+:/m);
  });
});
