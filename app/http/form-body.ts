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
 */
export function readWholeBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
    };
    const finish = (body: Buffer | null) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onGone);
      req.off("error", onGone);
      resolve(body);
    };
    const onEnd = () => finish(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length));
    const onGone = () => finish(null);
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("close", onGone);
    req.once("error", onGone);
  });
}
