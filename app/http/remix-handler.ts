/**
 * Remix behind express, in place of @remix-run/express's adapter (which hands Remix the raw request
 * stream, unlimited): the body Remix reads is the capped one from body-limits.ts, the load context
 * carries this request's CSP nonce, and a route's own header (a Referrer-Policy, say) replaces the
 * server's default of the same name instead of being appended to it.
 */
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { surrogateKeyHeader } from "~/lib/purge-keys";

export type RemixFetch = (request: Request, context: AppLoadContext) => Promise<Response>;

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

/** An express handler that answers with Remix. */
export function remixHandler(handle: RemixFetch) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handle(toFetchRequest(req, res), loadContext(res));
      // The body was cut off past its cap and the 413 already went out: whatever the route made of that is dropped.
      if (res.locals.bodyRefused || res.headersSent) {
        await response.body?.cancel().catch(() => {});
        return;
      }
      sendResponse(res, response);
    } catch (error) {
      if (res.locals.bodyRefused) return;
      next(error);
    }
  };
}

export function loadContext(res: ExpressResponse, nonce: string = res.locals.cspNonce): AppLoadContext {
  return { cspNonce: nonce };
}

/**
 * The fetch Request Remix sees: the address as the client asked it, the capped body, aborted when the
 * client goes. `cookies: false` leaves out the Cookie header (a render for the shared page cache).
 */
export function toFetchRequest(req: ExpressRequest, res: ExpressResponse, { cookies = true } = {}): Request {
  // As @remix-run/express builds it: req.hostname and req.protocol believe X-Forwarded-* only from
  // trusted proxies (TRUST_PROXY); the port comes from the forwarded host or the Host header.
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(":")[1] ?? "", 10);
  const port = [portOf(req.get("X-Forwarded-Host")), portOf(req.get("host"))].find(Number.isSafeInteger);
  // Concatenated, not resolved: an address like //other.example/x stays a path on this host.
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "cookie" && !cookies) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const controller = new AbortController();
  // Abort loaders and actions once the answer can no longer be written (closed without finishing).
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD" && res.locals.body) {
    init.body = res.locals.body as ReadableStream<Uint8Array>;
    init.duplex = "half";
  }
  return new Request(url, init);
}

/** Writes a fetch Response to express: a route's header replaces the default of the same name; cookies add up. */
export function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) {
    if (name === "set-cookie") res.append(name, value);
    else res.setHeader(name, value);
  }
  if (!response.body) return res.end();
  const type = response.headers.get("Content-Type") ?? "";
  // Server-sent events go out now, before the first event.
  if (/text\/event-stream/i.test(type)) res.flushHeaders();
  else if (WHOLE_BODIES.test(type)) return sendWhole(res, response);
  const body = Readable.fromWeb(response.body as unknown as NodeReadableStream);
  body.on("error", () => res.destroy());
  res.on("close", () => body.destroy());
  body.pipe(res);
}

/**
 * Documents, data and other text answers are whole once Remix hands them over (nothing on our pages
 * streams: app/entry.server.tsx renders a page whole): one write with its length, instead of piping a
 * web stream through a Node stream, chunk by chunk. Files, CSV exports (which may stream
 * in batches) and event streams are still piped.
 */
const WHOLE_BODIES = /^(text\/(html|plain|x-script|xml)|application\/(json|xml))\b/i;

async function sendWhole(res: ExpressResponse, response: Response) {
  let body: Buffer;
  try {
    body = Buffer.from(await response.arrayBuffer());
  } catch {
    return res.destroy();
  }
  if (res.destroyed) return;
  res.setHeader("Content-Length", body.length);
  res.end(body);
}
