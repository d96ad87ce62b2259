/**
 * The patched @remix-run/react and react-router-dom server builds (app/patches, docs/decisions/0009)
 * make a build's route tree once, not on every render: the server routes per manifest (while every
 * route's module is the same), the data routes per tree. Each render still gets its own state.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
type StaticRouterModule = typeof import("react-router-dom/server");
const server = require("react-router-dom/server") as StaticRouterModule;

type Route = Parameters<StaticRouterModule["createStaticRouter"]>[0][number];

const tree: Route[] = [
  {
    id: "root",
    path: "/",
    children: [
      { id: "home", index: true },
      { id: "product", path: "products/:handle" },
    ],
  },
];

async function contextFor(routes: Route[], url: string) {
  const handler = server.createStaticHandler(routes);
  const context = await handler.query(new Request(`http://soko.test${url}`));
  if (context instanceof Response) throw new Error("unexpected redirect");
  return context;
}

describe("the patched server route tree", () => {
  it("is installed in both server builds", () => {
    expect(readFileSync(require.resolve("@remix-run/react/dist/server.js"), "utf8")).toContain("serverRoutesFor");
    expect(readFileSync(require.resolve("react-router-dom/server"), "utf8")).toContain("dataRoutesCache");
  });

  it("makes the data routes of one tree once, and keeps each render's own location and params", async () => {
    const first = server.createStaticRouter(tree, await contextFor(tree, "/products/sabi"));
    const second = server.createStaticRouter(tree, await contextFor(tree, "/products/kito"));
    expect(second.routes).toBe(first.routes);
    expect(first.state.location.pathname).toBe("/products/sabi");
    expect(first.state.matches.at(-1)?.params).toEqual({ handle: "sabi" });
    expect(second.state.matches.at(-1)?.params).toEqual({ handle: "kito" });
    // The matches point at the router's own data routes.
    expect(second.state.matches.at(-1)?.route).toBe(second.routes[0].children?.[1]);
  });

  it("keeps trees apart: another route array gets data routes of its own", async () => {
    const other: Route[] = [{ id: "root", path: "/", children: [{ id: "maker", path: "makers/:handle" }] }];
    const a = server.createStaticRouter(tree, await contextFor(tree, "/"));
    const b = server.createStaticRouter(other, await contextFor(other, "/makers/lucy"));
    expect(b.routes).not.toBe(a.routes);
    expect(b.state.matches.map((m) => m.route.id)).toEqual(["root", "maker"]);
  });
});

describe("the patched entry route modules", () => {
  it("hands every render the same frozen map of a build's modules, and a new build its own", () => {
    const entry = require("@remix-run/server-runtime/dist/entry.js") as {
      createEntryRouteModules: (manifest: Record<string, { module: unknown }>) => Record<string, unknown>;
    };
    const root = { default: () => null };
    const product = { default: () => null };
    const manifest = { root: { module: root }, "routes/product": { module: product } };
    const first = entry.createEntryRouteModules(manifest);
    expect(first).toEqual({ root, "routes/product": product });
    expect(entry.createEntryRouteModules(manifest)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const next = { root: { module: root }, "routes/product": { module: { default: () => null } } };
    expect(entry.createEntryRouteModules(next)).not.toBe(first);
    expect(entry.createEntryRouteModules(next)["routes/product"]).toBe(next["routes/product"].module);
  });
});
