/**
 * The patched @remix-run/react (app/patches, docs/decisions/0009) keeps, on the server, what
 * `<Links>` and `<Scripts>` work out from the build alone: the routes' link descriptors, the module
 * script with the page's part of the manifest, and the modulepreload list, once per build and set of
 * matched routes. A page must still get its own routes' parts, never another page's, and the same
 * bytes as the unpatched components render (checked here against the manifest as upstream writes it).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Links, Meta, Outlet, Scripts, useLoaderData } from "@remix-run/react";
import { type ServerBuild, createRequestHandler } from "@remix-run/server-runtime";
import { describe, expect, it } from "vitest";
import handleRequest from "~/entry.server";

const require = createRequire(import.meta.url);

function Root() {
  return (
    <html lang="en">
      <head>
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <Scripts nonce="n0nce" />
      </body>
    </html>
  );
}

function Page() {
  const data = useLoaderData<{ name: string }>();
  return <h1>{data.name}</h1>;
}

const manifestRoute = (id: string, parentId: string | undefined, path: string | undefined, index: boolean | undefined) => ({
  id,
  parentId,
  path,
  index,
  module: `/build/${id}.js`,
  imports: [`/build/_shared/${id.replace(/\W/g, "-")}-chunk.js`, "/build/_shared/common.js"],
  hasAction: false,
  hasLoader: true,
  hasClientAction: false,
  hasClientLoader: false,
  hasErrorBoundary: false,
});

const ROUTES = {
  root: manifestRoute("root", undefined, "", undefined),
  "routes/pieces._index": manifestRoute("routes/pieces._index", "root", "pieces", true),
  "routes/pieces.$id": manifestRoute("routes/pieces.$id", "root", "pieces/:id", undefined),
  "routes/shelf": manifestRoute("routes/shelf", "root", "shelf", undefined),
};
const ENTRY = { module: "/build/entry.client.js", imports: ["/build/_shared/react.js", "/build/_shared/common.js"] };

const routeModule = (name: string, css: string) => ({ default: Page, loader: () => ({ name }), links: () => [{ rel: "stylesheet", href: css }] });

const build = {
  mode: "production",
  basename: "/",
  isSpaMode: false,
  publicPath: "/build/",
  assetsBuildDirectory: "public/build",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_routeConfig: false,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
    unstable_optimizeDeps: false,
  },
  entry: { module: { default: (request: Request, status: number, headers: Headers, context: never) => handleRequest(request, status, headers, context, {} as never) } },
  assets: { entry: ENTRY, routes: ROUTES, url: "/build/manifest.js", version: "test" },
  routes: {
    root: { id: "root", path: "", module: { default: Root, loader: () => ({}), links: () => [{ rel: "stylesheet", href: "/root.css" }] } },
    "routes/pieces._index": { id: "routes/pieces._index", parentId: "root", path: "pieces", index: true, module: routeModule("all", "/pieces.css") },
    "routes/pieces.$id": { id: "routes/pieces.$id", parentId: "root", path: "pieces/:id", module: routeModule("one", "/piece.css") },
    "routes/shelf": { id: "routes/shelf", parentId: "root", path: "shelf", module: routeModule("shelf", "/shelf.css") },
  },
} as unknown as ServerBuild;

const handler = createRequestHandler(build);
const page = async (path: string) => (await handler(new Request(`http://shop.test${path}`))).text();

/** The module script as upstream's Scripts writes it for these routes (its pretty-printed partial manifest). */
function moduleScript(ids: string[], manifestIds: string[]) {
  const manifest = { entry: ENTRY, routes: Object.fromEntries(manifestIds.map((id) => [id, ROUTES[id as keyof typeof ROUTES]])), url: "/build/manifest.js", version: "test" };
  return `;
${ids.map((id, i) => `import * as route${i} from ${JSON.stringify(ROUTES[id as keyof typeof ROUTES].module)};`).join("\n")}
window.__remixManifest = ${JSON.stringify(manifest, null, 2)};
window.__remixRouteModules = {${ids.map((id, i) => `${JSON.stringify(id)}:route${i}`).join(",")}};

import(${JSON.stringify(ENTRY.module)});`;
}

const preloads = (body: string) => [...body.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
const stylesheets = (body: string) => [...body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
const escapeForScript = (text: string) => text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

describe("the server's Links and Scripts, kept per build and routes", () => {
  it("are installed in the server build", () => {
    const built = readFileSync(require.resolve("@remix-run/react/dist/components.js"), "utf8");
    expect(built).toContain("serverRouteModulesScript(manifest, router, matches, enableFogOfWar)");
    expect(built).toContain("serverKeyedLinks(matches, routeModules, manifest)");
    expect(built).toContain("serverPreloads(manifest, matches)");
  });

  it("give each page its own routes' links, scripts and manifest, however the pages follow each other", async () => {
    // /pieces/a and /pieces/b share their parts; /pieces (its parent path) adds the index route to their manifest.
    const order = ["/pieces/a", "/shelf", "/pieces/b", "/pieces", "/pieces/a", "/shelf"];
    const bodies = new Map<string, string[]>();
    for (const path of order) bodies.set(path, [...(bodies.get(path) ?? []), await page(path)]);

    const piece = bodies.get("/pieces/a")![0];
    expect(stylesheets(piece)).toEqual(["/root.css", "/piece.css"]);
    expect(preloads(piece)).toEqual([
      "/build/entry.client.js",
      "/build/_shared/react.js",
      "/build/_shared/common.js",
      "/build/_shared/root-chunk.js",
      "/build/root.js",
      "/build/_shared/routes-pieces--id-chunk.js",
      "/build/routes/pieces.$id.js",
    ]);
    expect(piece).toContain(escapeForScript(moduleScript(["root", "routes/pieces.$id"], ["root", "routes/pieces.$id", "routes/pieces._index"])));
    expect(bodies.get("/pieces/b")![0].replace("<h1>one</h1>", "")).toBe(piece.replace("<h1>one</h1>", ""));
    expect(bodies.get("/pieces/a")![1]).toBe(piece);

    const shelf = bodies.get("/shelf")![0];
    expect(stylesheets(shelf)).toEqual(["/root.css", "/shelf.css"]);
    expect(preloads(shelf)).toEqual([
      "/build/entry.client.js",
      "/build/_shared/react.js",
      "/build/_shared/common.js",
      "/build/_shared/root-chunk.js",
      "/build/root.js",
      "/build/_shared/routes-shelf-chunk.js",
      "/build/routes/shelf.js",
    ]);
    expect(shelf).toContain(escapeForScript(moduleScript(["root", "routes/shelf"], ["root", "routes/shelf"])));
    expect(shelf).not.toContain("pieces");
    expect(bodies.get("/shelf")![1]).toBe(shelf);

    const pieces = bodies.get("/pieces")![0];
    expect(stylesheets(pieces)).toEqual(["/root.css", "/pieces.css"]);
    expect(pieces).toContain(escapeForScript(moduleScript(["root", "routes/pieces._index"], ["root", "routes/pieces._index"])));
    expect(pieces).not.toContain("routes/pieces.$id");
  });
});
