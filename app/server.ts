/**
 * The HTTP server: Remix behind express, static assets with long caching, and a graceful stop.
 * Stateless: sessions and live updates go through PostgreSQL, so any number of these run behind a
 * load balancer.
 */
import { readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import { refuseNulInAddress } from "./http/address-guard";
import { bodyLimitFor, limitRequestBodies } from "./http/body-limits";
import { loadContext, remixFetch, remixHandler, sendResponse, toFetchRequest, type RemixFetch } from "./http/remix-handler";
import { contentSecurityPolicy, newNonce, policyOptionsFromEnv, securityHeaders, type PolicyOptions } from "./http/security-headers";
import { PageCache } from "~/http/page-cache";
import { sqlClient } from "~/lib/db.server";
import { listenForPurges, onPurge } from "~/lib/purge.server";
import { CLIENT_ADDRESS_HEADER, trustProxySetting } from "~/lib/client-address";
import { isCrossSiteAction } from "~/http/cross-site";

type Options = { buildPath: string; assetsDir: string; port: number; host?: string };

export async function startHttpServer({ buildPath, assetsDir, port, host = "0.0.0.0" }: Options) {
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  // Before the first request: every cached page and catalog query in this process is dropped when a
  // change in any process purges its keys (PostgreSQL NOTIFY, docs/decisions/0015-cache-purge.md).
  const stopListening = await listenForPurges(sqlClient());
  const handle = remixFetch(build, process.env.NODE_ENV);
  const policy = policyOptionsFromEnv(process.env);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
  // First, so every answer (a 413, a 403, a static file, a page) carries them.
  app.use(securityHeaders(policy));
  app.use(refuseNulInAddress);
  // Before anything reads a body: a declared length over the cap is refused, a chunked one counted.
  app.use(limitRequestBodies());
  // The client's address for per-address limits, from the socket or the proxies we trust only.
  app.use((req, _res, next) => {
    req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? "";
    next();
  });
  // Server-sent events must not be buffered by compression.
  app.use(
    compression({
      filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").includes("text/event-stream") && compression.filter(req, res),
    }),
  );
  app.use((req, res, next) => {
    const crossSite = isCrossSiteAction(req.method, req.path, {
      origin: req.headers.origin,
      host: req.headers.host,
      forwardedHost: req.get("X-Forwarded-Host"),
    });
    if (!crossSite) return next();
    res
      .status(403)
      .type("text/plain")
      .send("This form was sent from another site, so it was refused. Please use the form on our own pages.");
  });
  app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  app.use(publicFiles(path.join(root, "public")));
  if (process.env.PAGE_CACHE !== "false") app.get("*", pageCacheMiddleware(handle, policy));
  app.all("*", remixHandler(handle));

  const server: Server = createServer(app);
  // `Expect: 100-continue` (curl, for bodies over 1 MB): a declared body over the cap is refused
  // before the client is told to send it.
  server.on("checkContinue", (req, res) => {
    const declared = Number(req.headers["content-length"]);
    if (!(declared > bodyLimitFor((req.url ?? "/").split("?")[0]).bytes)) res.writeContinue();
    app(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        void stopListening().catch(() => {});
      }),
  };
}

/**
 * The files in public/, served as they are. Only paths that name one of them reach serve-static:
 * otherwise every page request would first cost a failed stat() on the disk (/artisan/offers is a
 * page, /artisan/sw.js a file). The list is read at start; a file added later needs a restart.
 */
function publicFiles(dir: string) {
  const files = new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `/${path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/")}`),
  );
  const serve = express.static(dir, { maxAge: "1h" });
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => (files.has(req.path) ? serve(req, res, next) : next());
}

/**
 * Anonymous catalog pages from the shared page cache (see page-cache.ts); everything else falls through.
 * Each cached document is rendered with a nonce of its own, kept beside it: whoever it is served to
 * gets the policy for that nonce, so its scripts run (a fresh nonce would not match the stored page).
 */
function pageCacheMiddleware(handle: RemixFetch, policy: PolicyOptions) {
  const cache = new PageCache();
  onPurge((keys) => cache.purge(keys));
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (!PageCache.cacheableRequest(req.method, req.headers.cookie) || !CACHEABLE_PATHS.test(req.path)) return next();
    try {
      let passThrough: { response: Response; nonce: string } | null = null;
      const result = await cache.get(req.originalUrl, async () => {
        const nonce = newNonce();
        const response = await handle(toFetchRequest(req, res), loadContext(res, nonce));
        const lifetime = PageCache.sharedLifetime(response.status, response.headers);
        if (!lifetime) {
          passThrough = { response, nonce };
          return null;
        }
        const headers = [...response.headers.entries()].filter(([name]) => name !== "content-length");
        return {
          status: response.status,
          headers,
          body: Buffer.from(await response.arrayBuffer()),
          storedAt: Date.now(),
          nonce,
          keys: PageCache.surrogateKeys(response.headers),
          ...lifetime,
        };
      });
      if (!result) {
        // Not shareable (or a concurrent miss found it so): answer with this request's own render.
        const own = passThrough as { response: Response; nonce: string } | null;
        if (!own) return sendResponse(res, await handle(toFetchRequest(req, res), loadContext(res)));
        res.setHeader("Content-Security-Policy", contentSecurityPolicy(own.nonce, policy));
        return sendResponse(res, own.response);
      }
      res.status(result.page.status);
      for (const [name, value] of result.page.headers) res.setHeader(name, value);
      if (result.page.nonce) res.setHeader("Content-Security-Policy", contentSecurityPolicy(result.page.nonce, policy));
      res.setHeader("X-Page-Cache", result.hit);
      res.end(req.method === "HEAD" ? undefined : result.page.body);
    } catch (error) {
      next(error);
    }
  };
}

/** Storefront pages a CDN could share; order pages, APIs and webhooks never pass through the cache. */
const CACHEABLE_PATHS = /^\/(|collections\/[^/]+|products\/[^/]+|makers(\/[^/]+)?|search|sitemap\.xml|robots\.txt)$/;
