/**
 * Remix straight from node:http (no express, no adapter): the fetch Request is built from the
 * IncomingMessage, with the capped body from body-limits.ts and this answer's CSP nonce in the load
 * context; the Response goes back with one writeHead of a header list, a route's own header (a
 * Referrer-Policy, say) replacing the server's default of the same name instead of joining it.
 */
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { promisify } from "node:util";
import { createGzip, gzipSync, gzip as gzipCallback } from "node:zlib";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { failedForDatabase, noteDatabaseFailure } from "~/lib/db-health.server";
import { surrogateKeyHeader } from "~/lib/purge-keys";
import { handedBody } from "~/lib/whole-response";
import { answerFailure, protectiveHeaders, requestOrigin, type Exchange } from "./exchange";
import { readWholeBody } from "./form-body";
import { ServerRequest } from "./server-request";
import { answerUnavailable } from "./unavailable";

export type RemixFetch = (request: Request, context: AppLoadContext) => Promise<Response>;

const gzip = promisify(gzipCallback);

/**
 * `mode` is NODE_ENV, handed over by app/server.ts (which bootstraps the process). A response a
 * shared cache may keep carries the purge keys its loaders recorded as `Surrogate-Key`
 * (docs/decisions/0015-cache-purge.md): the page cache and a CDN drop it when one is purged.
 */
export function remixFetch(build: ServerBuild, mode: string | undefined): RemixFetch {
  const handle = createRequestHandler(build, mode);
  return async (request, context) => {
    const keys = new Set<string>();
    const response = await handle(request, { ...context, purgeKeys: keys });
    if (keys.size && /\bpublic\b/.test(response.headers.get("Cache-Control") ?? "")) {
      try {
        response.headers.set("Surrogate-Key", surrogateKeyHeader(keys));
      } catch {
        /* a response with immutable headers (a redirect) is never shared anyway */
      }
    }
    return response;
  };
}

/** Answers `ex` with Remix. */
export async function answerWithRemix(ex: Exchange, handle: RemixFetch) {
  try {
    let form: Buffer | null = null;
    if (ex.wholeForm) {
      form = await readWholeBody(ex.req);
      // The client went away before the body ended: nobody to answer.
      if (!form) return;
    }
    const response = await handle(toFetchRequest(ex, { form }), loadContext(ex.nonce));
    // The body was cut off past its cap and the 413 already went out: whatever the route made of that is dropped.
    if (ex.bodyRefused || ex.res.headersSent) {
      await response.body?.cancel().catch(() => {});
      return;
    }
    await sendResponse(ex, response);
  } catch (error) {
    if (ex.bodyRefused) return;
    if (noteDatabaseFailure(error)) return answerUnavailable(ex);
    answerFailure(ex, error);
  }
}

export function loadContext(nonce: string): AppLoadContext {
  return { cspNonce: nonce };
}

/**
 * The fetch Request Remix sees: the address as the client asked it, the capped body (or a small
 * form's bytes, read whole: `form`), aborted when the client goes. `cookies: false` leaves out the
 * Cookie header (a render for the shared page cache).
 */
export function toFetchRequest(ex: Exchange, { cookies = true, form = null as Buffer | null } = {}): Request {
  const { req, res } = ex;
  // Concatenated, not resolved: an address like //other.example/x stays a path on this host.
  const url = requestOrigin(ex) + ex.url;
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (!cookies && name.length === 6 && name.toLowerCase() === "cookie") continue;
    headers.append(name, raw[i + 1]);
  }
  const controller = new AbortController();
  // Abort loaders and actions once the answer can no longer be written (closed without finishing).
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers };
  if (form) return new ServerRequest(url, init, controller.signal, form);
  if (req.method !== "GET" && req.method !== "HEAD" && ex.body) {
    init.body = ex.body;
    init.duplex = "half";
  }
  return new ServerRequest(url, init, controller.signal);
}

/**
 * Documents, data and other text answers are whole once Remix hands them over (nothing on our pages
 * streams: app/entry.server.tsx renders a page whole): one write with its length, instead of piping a
 * web stream through a Node stream, chunk by chunk. Files, CSV exports (which may stream in batches)
 * and event streams are piped.
 */
const WHOLE_BODIES = /^(text\/(html|plain|x-script|xml)|application\/(json|xml))\b/i;
/** Streamed bodies worth gzipping on the way (CSV exports, other text); never an event stream. */
const COMPRESSIBLE = /^(text\/(?!event-stream)|application\/(json|xml|javascript)|image\/svg\+xml)/i;
/** Below this a body goes as it is: gzip's header and the work cost more than they save. */
export const GZIP_FROM_BYTES = 1024;
/**
 * A whole body up to this size is gzipped on the spot, at level 3: for a 16 KB page ~0.06 ms of CPU
 * against ~0.33 ms through the thread pool at the default level 6 (zlib's hand-off and a stream per
 * call cost more than the compression), ~7% more bytes. Larger bodies (exports) go to the thread
 * pool, so the event loop never waits long (docs/performance.md, #14).
 */
const GZIP_INLINE_BYTES = 256 * 1024;
const GZIP_LEVEL = 3;

/** Whether the client takes gzip (and did not refuse it with q=0). */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(",") : (acceptEncoding ?? "");
  return /(^|[\s,])(gzip|\*)(?!\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$))/i.test(header);
}

/**
 * Writes a fetch Response: the protective headers first (a route's header of the same name replaces
 * the default), then the route's own, cookies each on their own line; text gzipped when the client
 * takes it and it is worth it.
 */
export async function sendResponse(ex: Exchange, response: Response) {
  const { req, res } = ex;
  // A route that failed because the database went away (handleError reported it): 503, not its 500.
  if (response.status === 500 && failedForDatabase()) {
    await response.body?.cancel().catch(() => {});
    return answerUnavailable(ex);
  }
  const own = response.headers;
  const headers: string[] = [];
  const defaults = protectiveHeaders(ex);
  for (let i = 0; i < defaults.length; i += 2) if (!own.has(defaults[i])) headers.push(defaults[i], defaults[i + 1]);
  for (const [name, value] of own) headers.push(name, value);
  const status = response.status;
  const reason = response.statusText || undefined;
  // A rendered document hands its body over as it is (app/lib/whole-response.ts): no stream.
  const handed = handedBody(response);
  if (handed === null && !response.body) {
    res.writeHead(status, reason, headers);
    res.end();
    return;
  }
  const type = own.get("Content-Type") ?? "";
  const gzipIt = COMPRESSIBLE.test(type) && !own.has("Content-Encoding") && acceptsGzip(req.headers["accept-encoding"]);
  if (handed !== null || WHOLE_BODIES.test(type)) {
    // A page's string goes to the socket as it is: node:http encodes it as UTF-8 straight into what
    // it writes, with the head in the same write (a Buffer of it first was one more copy of ~42 KB).
    let body: Buffer | string;
    let length: number;
    try {
      body = handed ?? Buffer.from(await response.arrayBuffer());
      length = typeof body === "string" ? Buffer.byteLength(body) : body.length;
      if (gzipIt && length >= GZIP_FROM_BYTES) {
        body = length <= GZIP_INLINE_BYTES ? gzipSync(body, { level: GZIP_LEVEL }) : await gzip(body, { level: GZIP_LEVEL });
        length = body.length;
        headers.push("Content-Encoding", "gzip");
        varyOnEncoding(headers);
      }
    } catch {
      res.destroy();
      return;
    }
    if (res.destroyed) return;
    setLength(headers, length);
    res.writeHead(status, reason, headers);
    res.end(body);
    return;
  }
  let body = Readable.fromWeb(response.body as unknown as NodeReadableStream);
  if (gzipIt) {
    removeLength(headers);
    headers.push("Content-Encoding", "gzip");
    varyOnEncoding(headers);
    const source = body;
    body = source.pipe(createGzip()) as unknown as Readable;
    source.on("error", (error) => body.destroy(error));
  }
  res.writeHead(status, reason, headers);
  // Server-sent events go out now, before the first event.
  if (/text\/event-stream/i.test(type)) res.flushHeaders();
  body.on("error", () => res.destroy());
  res.on("close", () => body.destroy());
  body.pipe(res);
}

function setLength(headers: string[], length: number) {
  removeLength(headers);
  headers.push("Content-Length", String(length));
}

function removeLength(headers: string[]) {
  for (let i = headers.length - 2; i >= 0; i -= 2) if (headers[i].toLowerCase() === "content-length") headers.splice(i, 2);
}

function varyOnEncoding(headers: string[]) {
  for (let i = 0; i < headers.length; i += 2) {
    if (headers[i].toLowerCase() !== "vary") continue;
    if (!/accept-encoding|\*/i.test(headers[i + 1])) headers[i + 1] += ", Accept-Encoding";
    return;
  }
  headers.push("Vary", "Accept-Encoding");
}
