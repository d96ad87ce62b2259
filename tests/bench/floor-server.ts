/**
 * The app's HTTP server as app/server.ts starts it, with a few answers added for measuring the
 * per-request floor (tests/bench/floor.ts, docs/performance.md "The floor"):
 *
 * - `/__floor/listener`: our request listener answers a static string before Remix (the exchange,
 *   the CSP nonce, the protective headers).
 * - `/__floor/fetch`: the same, through the fetch Request / Response round trip we build for Remix
 *   (toFetchRequest, sendResponse), without Remix.
 * - `/__floor/resource`: a Remix resource route returning `new Response("ok")`, no database.
 * - `/__floor/layout`: a Remix document route rendering nothing inside the root layout (its loader,
 *   header and footer, scripts).
 *
 * The routes live in the build object only (added in memory), never in the app.
 */
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { answerText, compileTrust, openExchange } from "~/http/exchange";
import { remixFetch, sendResponse, toFetchRequest } from "~/http/remix-handler";
import { requestListener } from "~/http/request-listener";
import { policyOptionsFromEnv, protection } from "~/http/security-headers";
import { trustProxySetting } from "~/lib/client-address";
import { sqlClient } from "~/lib/db.server";

const buildDir = process.env.SOKO_BUILD_DIR!;
const original = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;

const resource = { loader: () => new Response("ok", { headers: { "Content-Type": "text/plain" } }) };
const layout = { default: () => null };
const serverRoute = (id: string, path: string, module: object) => ({
  id,
  parentId: "root",
  path,
  index: undefined,
  caseSensitive: undefined,
  module,
});
const build = {
  ...original,
  routes: {
    ...original.routes,
    "floor/resource": serverRoute("floor/resource", "__floor/resource", resource),
    "floor/layout": serverRoute("floor/layout", "__floor/layout", layout),
  },
  assets: {
    ...original.assets,
    routes: {
      ...original.assets.routes,
      "floor/resource": {
        ...original.assets.routes.root,
        id: "floor/resource",
        parentId: "root",
        path: "__floor/resource",
        hasLoader: true,
        hasAction: false,
        hasErrorBoundary: false,
        imports: [],
        css: [],
      },
      "floor/layout": {
        ...original.assets.routes.root,
        id: "floor/layout",
        parentId: "root",
        path: "__floor/layout",
        hasLoader: false,
        hasAction: false,
        hasErrorBoundary: false,
        imports: [],
        css: [],
      },
    },
  },
} as unknown as ServerBuild;

sqlClient();
const handle = remixFetch(build, "production");
const policy = policyOptionsFromEnv(process.env);
const prot = protection(policy);
const trust = compileTrust(trustProxySetting(process.env.TRUST_PROXY));
const root = process.cwd();
const { listener } = requestListener({
  handle,
  protection: prot,
  trust,
  pages: null,
  assetsDir: path.join(buildDir, "public/build"),
  publicDir: path.join(root, "public"),
});
const server = createServer((req, res) => {
  if (req.url === "/__floor/listener") return answerText(openExchange(req, res, prot, trust), 200, "ok");
  if (req.url === "/__floor/fetch") {
    const ex = openExchange(req, res, prot, trust);
    toFetchRequest(ex);
    void sendResponse(ex, new Response("ok", { headers: { "Content-Type": "text/plain" } }));
    return;
  }
  listener(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
