/**
 * A small urlencoded form (what every form posted without JavaScript sends, and most fetcher posts)
 * is read whole from the node stream at the edge, before Remix, and handed over as its bytes
 * (server-request.ts): no web stream, no body for undici to read back (docs/performance.md, session 14).
 *
 * Only a body whose length is declared and within the route's cap and the form cap takes this way:
 * node's parser never hands over more than the declared length, so the cap holds as it does for a
 * stream. A chunked body, a multipart upload, a JSON webhook or anything else keeps the capped
 * stream of body-limits.ts, whatever its size.
 */
import type { IncomingMessage } from "node:http";
import { isUrlencoded } from "./server-request";

/** Whether `req` is a small urlencoded form to read whole: `declared` is its Content-Length, `cap` the most it may have. */
export function isSmallForm(req: IncomingMessage, declared: string | undefined, cap: number): boolean {
  if (declared === undefined || req.headers["transfer-encoding"] !== undefined) return false;
  if (req.method === "GET" || req.method === "HEAD") return false;
  return Number(declared) <= cap && isUrlencoded(req.headers["content-type"]);
}

/**
 * The whole body of `req`, or null when the client went away (or the connection failed) before it
 * ended: there is then nobody to answer. Nothing is buffered ahead of the declared length.
 *
 * Its listeners are made once, not per request: node:http calls each with the request as `this`,
 * where this read keeps its state. Under tsx (which runs the server's own modules with esbuild's
 * keepNames) every arrow function a request made was named with an `Object.defineProperty`: four
 * per form POST, 1–1.6% of a checkout POST's CPU (docs/performance.md, session 17).
 */
export function readWholeBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    (req as Reading)[READING] = { chunks: [], length: 0, resolve };
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("close", onGone);
    req.once("error", onGone);
  });
}

const READING = Symbol("readWholeBody");
type Reading = IncomingMessage & {
  [READING]?: { chunks: Buffer[]; length: number; resolve: (body: Buffer | null) => void };
};

function onData(this: Reading, chunk: Buffer) {
  const state = this[READING];
  if (!state) return;
  state.chunks.push(chunk);
  state.length += chunk.length;
}

function onEnd(this: Reading) {
  const state = this[READING];
  if (state) finish(this, state.chunks.length === 1 ? state.chunks[0] : Buffer.concat(state.chunks, state.length));
}

function onGone(this: Reading) {
  finish(this, null);
}

function finish(req: Reading, body: Buffer | null) {
  const state = req[READING];
  if (!state) return;
  req[READING] = undefined;
  req.off("data", onData);
  req.off("end", onEnd);
  req.off("close", onGone);
  req.off("error", onGone);
  state.resolve(body);
}
