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
import { remixFetch, remixHandler } from "./http/remix-handler";
import { marketRedirect, MARKET_VARY } from "./http/market-redirect";
import { policyOptionsFromEnv, securityHeaders, staticSecurityHeaders } from "./http/security-headers";
import { pageCacheFront, type PersonalBits } from "~/http/page-cache-front";
import { sqlClient } from "~/lib/db.server";
import { listenForPurges } from "~/lib/purge.server";
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
  // Catalog pages from the shared page cache for everybody, each visitor's own bits put in per answer
  // (app/http/page-cache-front.ts); fresh hits are answered before express.
  const personal = (build.entry.module as { personalBits?: PersonalBits }).personalBits ?? null;
  const pages = process.env.PAGE_CACHE !== "false" ? pageCacheFront({ handle, policy, personal }) : null;
  if (pages) app.get("*", pages.middleware);
  app.all("*", remixHandler(handle));

  const security = Object.entries(staticSecurityHeaders(policy)).flat();
  const server: Server = createServer((req, res) => {
    // A catalog page at its US address, for a visitor whose market is another: that market's address.
    const market = marketRedirect(req.method, req.url ?? "/", req.headers);
    if (market) {
      res.writeHead(302, [
        ...security,
        "Location",
        market,
        "Vary",
        MARKET_VARY,
        "Cache-Control",
        "private, no-store",
        "Content-Length",
        "0",
      ]);
      return res.end();
    }
    if (!pages?.serveHit(req, res)) app(req, res);
  });
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
