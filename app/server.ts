/**
 * The HTTP server: node:http straight to Remix (app/http/request-listener.ts), static assets with
 * long caching, and a graceful stop. Stateless: sessions and live updates go through PostgreSQL, so
 * any number of these run behind a load balancer.
 */
import { createServer, type Server } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { bodyLimitFor } from "./http/body-limits";
import { compileTrust } from "./http/exchange";
import { remixFetch } from "./http/remix-handler";
import { requestListener } from "./http/request-listener";
import { policyOptionsFromEnv, protection } from "./http/security-headers";
import { pageCacheFront, type PersonalBits } from "~/http/page-cache-front";
import { sqlClient } from "~/lib/db.server";
import { onDatabaseBack, watchDatabase } from "~/lib/db-health.server";
import { listenForPurges, purgeLocally } from "~/lib/purge.server";
import { trustProxySetting } from "~/lib/client-address";

type Options = { buildPath: string; assetsDir: string; port: number; host?: string };

export async function startHttpServer({ buildPath, assetsDir, port, host = "0.0.0.0" }: Options) {
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  // Before the first request: every cached page and catalog query in this process is dropped when a
  // change in any process purges its keys (PostgreSQL NOTIFY, docs/decisions/0015-cache-purge.md).
  const stopListening = await listenForPurges(sqlClient());
  // While the database is away requests get a 503 at once; a `select 1` through the pool says when it
  // is back. Purges sent meanwhile may have been missed (the LISTEN re-listens and purges everything
  // too, but only if its own connection was the one that dropped): everything cached goes.
  watchDatabase(() => sqlClient()`select 1`);
  const stopWatching = onDatabaseBack(() => purgeLocally("all"));
  const handle = remixFetch(build, process.env.NODE_ENV);
  const policy = policyOptionsFromEnv(process.env);
  // Catalog pages from the shared page cache for everybody, each visitor's own bits put in per answer
  // (app/http/page-cache-front.ts).
  const personal = (build.entry.module as { personalBits?: PersonalBits }).personalBits ?? null;
  const pages = process.env.PAGE_CACHE !== "false" ? pageCacheFront({ handle, policy, personal }) : null;
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const { listener, answer } = requestListener({
    handle,
    protection: protection(policy),
    trust: compileTrust(trustProxySetting(process.env.TRUST_PROXY)),
    pages,
    assetsDir,
    publicDir: path.join(root, "public"),
  });
  const server: Server = createServer(listener);
  // `Expect: 100-continue` (curl, for bodies over 1 MB): a declared body over the cap is refused
  // before the client is told to send it.
  server.on("checkContinue", (req, res) => {
    const declared = Number(req.headers["content-length"]);
    if (!(declared > bodyLimitFor((req.url ?? "/").split("?")[0]).bytes)) res.writeContinue();
    answer(req, res);
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
        stopWatching();
        void stopListening().catch(() => {});
      }),
  };
}
