/**
 * Every request, from node:http to its answer, as plain functions in one listener (no express on the
 * way: each of its layers cost every page a little, together more than the page's render budget).
 * In order:
 *
 * 1. A catalog page at its US address for a visitor of another market: a redirect (market-redirect.ts).
 * 2. A fresh page from the shared page cache: answered at once (page-cache-front.ts).
 * 3. A NUL byte in the address: 400 (address-guard.ts).
 * 4. The body's cap: a declared length over it is refused, a chunked body counted (body-limits.ts).
 * 5. A method no route means (PUT, PATCH, DELETE…): 405; OPTIONS: 204; both with `Allow` (methods.ts).
 * 6. A form posted from another site: 403 (cross-site.ts).
 * 7. Files: `/build/*` (the fingerprinted assets, cached for a year) and the files in `public/`.
 * 8. The database is away: 503 "We'll be right back" at once (unavailable.ts), but for /healthz.
 * 9. A catalog page not fresh in the cache: rendered, stored, answered.
 * 10. Everything else: Remix.
 *
 * Every answer carries the protective headers with its own CSP nonce (security-headers.ts), and the
 * client's address is recorded for per-address limits (exchange.ts).
 */
import { readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import compression from "compression";
import serveStatic from "serve-static";
import { hasNulInAddress, NUL_IN_ADDRESS } from "./address-guard";
import { limitRequestBody } from "./body-limits";
import { isCrossSiteAction } from "./cross-site";
import { answerEmpty, answerFailure, answerText, openExchange, protectiveHeaders, type Exchange, type Trust } from "./exchange";
import { marketRedirect, MARKET_VARY } from "./market-redirect";
import { ALLOW, METHOD_REFUSAL, methodVerdict } from "./methods";
import type { pageCacheFront } from "./page-cache-front";
import { answerWithRemix, type RemixFetch } from "./remix-handler";
import { answerUnavailable } from "./unavailable";
import { databaseAway } from "~/lib/db-health.server";
import type { Protection } from "./security-headers";

export const CROSS_SITE_REFUSAL = "This form was sent from another site, so it was refused. Please use the form on our own pages.";

type Options = {
  handle: RemixFetch;
  protection: Protection;
  trust: Trust;
  pages: ReturnType<typeof pageCacheFront> | null;
  /** The build's browser assets (served under /build) and the public/ folder. */
  assetsDir: string;
  publicDir: string;
};

export function requestListener({ handle, protection, trust, pages, assetsDir, publicDir }: Options) {
  const files = staticFiles(assetsDir, publicDir);
  const redirectHeaders = [...protection.fixed, "Vary", MARKET_VARY, "Cache-Control", "private, no-store", "Content-Length", "0"];

  /** Steps 3–10, also where a request that asked `Expect: 100-continue` starts. */
  function answer(req: IncomingMessage, res: ServerResponse) {
    const ex = openExchange(req, res, protection, trust);
    if (hasNulInAddress(ex.url)) return answerText(ex, 400, NUL_IN_ADDRESS);
    if (limitRequestBody(ex)) return;
    const method = methodVerdict(req.method);
    if (method === "refused") return answerText(ex, 405, METHOD_REFUSAL, ["Allow", ALLOW]);
    if (method === "options") return answerEmpty(ex, ["Allow", ALLOW]);
    const crossSite = isCrossSiteAction(req.method ?? "GET", ex.pathname, {
      origin: req.headers.origin,
      host: req.headers.host,
      forwardedHost: firstHeader(req.headers["x-forwarded-host"]),
      fetchSite: firstHeader(req.headers["sec-fetch-site"]),
    });
    if (crossSite) return answerText(ex, 403, CROSS_SITE_REFUSAL);
    if (files.serve(ex)) return;
    if (databaseAway() && ex.pathname !== "/healthz") return answerUnavailable(ex);
    if (pages?.answer(ex)) return;
    void answerWithRemix(ex, handle);
  }

  return {
    answer,
    listener(req: IncomingMessage, res: ServerResponse) {
      const market = marketRedirect(req.method, req.url ?? "/", req.headers);
      if (market) {
        res.writeHead(302, [...redirectHeaders, "Location", market]);
        res.end();
        return;
      }
      if (pages?.serveHit(req, res)) return;
      answer(req, res);
    },
  };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `/build/*` from the build's assets (fingerprinted: cached for a year, immutable) and the files in
 * public/ (an hour). Only paths that name one of public/'s files are looked up: otherwise every page
 * request would first cost a failed stat() on the disk (/artisan/offers is a page, /artisan/sw.js a
 * file). The list is read at start; a file added later needs a restart. Text files are gzipped for
 * clients that take it (serve-static answers ranges, ETags and 304s).
 */
function staticFiles(assetsDir: string, publicDir: string) {
  const names = new Set(
    readdirSync(publicDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `/${path.relative(publicDir, path.join(e.parentPath, e.name)).split(path.sep).join("/")}`),
  );
  const compress = compression();
  const assets = serveStatic(assetsDir, { immutable: true, maxAge: "1y", fallthrough: false, index: false });
  const pub = serveStatic(publicDir, { maxAge: "1h", fallthrough: false, index: false });

  function send(ex: Exchange, serve: typeof assets) {
    const { req, res } = ex;
    const headers = protectiveHeaders(ex);
    for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
    const done = (error?: unknown) => {
      const status = (error as { status?: number } | undefined)?.status;
      if (status && status < 500) return answerText(ex, status, status === 404 ? "There is no such file." : "That file can't be sent.");
      answerFailure(ex, error);
    };
    compress(req as never, res as never, () => serve(req, res, done));
  }

  return {
    /** Answers `ex` when it asks for a file (true), else false. */
    serve(ex: Exchange): boolean {
      if (ex.req.method !== "GET" && ex.req.method !== "HEAD") return false;
      if (ex.pathname.startsWith("/build/")) {
        // Served from the assets folder as express's mount did: the address without its /build.
        ex.req.url = ex.url.slice("/build".length);
        send(ex, assets);
        return true;
      }
      if (!names.has(ex.pathname)) return false;
      send(ex, pub);
      return true;
    },
  };
}
