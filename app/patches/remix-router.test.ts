/**
 * The patched @remix-run/router (app/patches, docs/decisions/0009) caches ranked route branches,
 * compiled path patterns and recent matches. It must be installed (npm's postinstall runs patch-package), and
 * matching must answer exactly as before: ranking, params, splats, and a different tree.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof import("@remix-run/router");

type Route = import("@remix-run/router").AgnosticRouteObject;

const tree: Route[] = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "product", path: "products/:handle" },
      { id: "collection", path: "collections/:handle" },
      { id: "checkout", path: "checkout" },
      { id: "checkout-complete", path: "checkout/complete" },
      {
        id: "ops",
        path: "ops",
        children: [
          { id: "ops-index", index: true },
          { id: "ops-order", path: "orders/:number" },
        ],
      },
      { id: "uploads", path: "uploads/*" },
    ],
  },
];

const ids = (routes: Route[], pathname: string) => router.matchRoutes(routes, pathname)?.map((m) => m.route.id) ?? null;

describe("the patched route matcher", () => {
  it("is installed: the server build of the router caches its branches", () => {
    const source = readFileSync(require.resolve("@remix-run/router"), "utf8");
    expect(source).toContain("rankedBranchesCache");
    expect(source).toContain("compiledPathCache");
    expect(source).toContain("matchesCache");
  });

  it("hands every caller its own matches: changing one answer never leaks into the next", () => {
    const first = router.matchRoutes(tree, "/ops/orders/SK-1")!;
    expect(first.map((m) => m.params)).toEqual([{ number: "SK-1" }, { number: "SK-1" }, { number: "SK-1" }]);
    (first[2].params as Record<string, string>).number = "tampered";
    (first[2] as { pathname: string }).pathname = "/elsewhere";
    const second = router.matchRoutes(tree, "/ops/orders/SK-1")!;
    expect(second[2].params).toEqual({ number: "SK-1" });
    expect(second[2].pathname).toBe("/ops/orders/SK-1");
    // One params object per answer, shared by its matches, as the unpatched router does.
    expect(second[0].params).toBe(second[2].params);
    expect(router.matchRoutes(tree, "/ops/orders/SK-2")!.at(-1)!.params).toEqual({ number: "SK-2" });
  });

  it("matches the same tree the same way every time, static segments before params", () => {
    for (let round = 0; round < 3; round++) {
      expect(ids(tree, "/")).toEqual(["root", "home"]);
      expect(ids(tree, "/checkout/complete")).toEqual(["root", "checkout-complete"]);
      expect(ids(tree, "/checkout")).toEqual(["root", "checkout"]);
      expect(ids(tree, "/ops")).toEqual(["root", "ops", "ops-index"]);
      expect(ids(tree, "/ops/orders/SK-100001")).toEqual(["root", "ops", "ops-order"]);
      expect(ids(tree, "/nowhere")).toBeNull();
    }
  });

  it("gives each request its own params, decoded", () => {
    const first = router.matchRoutes(tree, "/products/silver-cuff")!;
    const second = router.matchRoutes(tree, "/products/brass%20ring")!;
    expect(first.at(-1)!.params).toEqual({ handle: "silver-cuff" });
    expect(second.at(-1)!.params).toEqual({ handle: "brass ring" });
    expect(first.at(-1)!.params).not.toBe(second.at(-1)!.params);
    expect(router.matchRoutes(tree, "/uploads/products/a.webp")!.at(-1)!.params["*"]).toBe("products/a.webp");
  });

  it("keeps trees apart: another route array is ranked on its own", () => {
    const other: Route[] = [{ id: "only", path: "products/:sku" }];
    expect(ids(tree, "/products/x")).toEqual(["root", "product"]);
    expect(ids(other, "/products/x")).toEqual(["only"]);
    expect(router.matchPath({ path: "/products/:handle", caseSensitive: true }, "/PRODUCTS/x")).toBeNull();
    expect(router.matchPath({ path: "/products/:handle" }, "/PRODUCTS/x")?.params).toEqual({ handle: "x" });
  });
});

describe("the patched resolveTo", () => {
  it("is installed: absolute paths are resolved once", () => {
    expect(readFileSync(require.resolve("@remix-run/router"), "utf8")).toContain("resolvedAbsoluteCache");
  });

  it("answers absolute paths as before, wherever they are rendered, each caller its own copy", () => {
    // Exported by the CJS build though not in its types (react-router's hooks call it).
    const resolve = (router as unknown as { resolveTo: (to: string, routes: string[], location: string) => { pathname: string; search: string; hash: string } })
      .resolveTo;
    for (let round = 0; round < 2; round++) {
      expect(resolve("/collections/rings?page=2#top", ["/", "/products/x"], "/products/x")).toEqual({
        pathname: "/collections/rings",
        search: "?page=2",
        hash: "#top",
      });
      expect(resolve("/makers/", ["/"], "/ops/")).toEqual({ pathname: "/makers/", search: "", hash: "" });
      expect(resolve("/a/../b/./c", ["/", "/x"], "/x")).toEqual({ pathname: "/b/c", search: "", hash: "" });
    }
    const first = resolve("/cart", ["/"], "/");
    first.pathname = "/tampered";
    expect(resolve("/cart", ["/"], "/").pathname).toBe("/cart");
    // Relative paths still resolve against the route and the location, every time.
    expect(resolve("reviews", ["/", "/products/x"], "/products/x").pathname).toBe("/products/x/reviews");
    expect(resolve("reviews", ["/", "/makers/y"], "/makers/y").pathname).toBe("/makers/y/reviews");
    expect(resolve(".", ["/", "/products/x"], "/products/x/").pathname).toBe("/products/x/");
  });

  it("keeps the matches of a catalog's paths (five market prefixes), dropping the oldest first, not all at once", () => {
    // A tree of its own, so its cache starts empty. A match worked out (not kept) decodes the path.
    const catalog: Route[] = [{ id: "root", path: "", children: [{ id: "product", path: ":market?/products/:handle" }] }];
    const path = (i: number) => `/m${i % 5}/products/piece-${i}`;
    const real = globalThis.decodeURIComponent;
    let decoded = 0;
    globalThis.decodeURIComponent = (value: string) => {
      decoded++;
      return real(value);
    };
    const workedOut = (i: number) => {
      decoded = 0;
      expect(router.matchRoutes(catalog, path(i))?.[1].params.handle).toBe(`piece-${i}`);
      return decoded > 0;
    };
    try {
      for (let i = 0; i < 6_000; i++) router.matchRoutes(catalog, path(i));
      // 1,000 paths were kept before: these were cleared five times over.
      expect([0, 1, 2_500, 5_999].map(workedOut)).toEqual([false, false, false, false]);
      for (let i = 6_000; i < 10_050; i++) router.matchRoutes(catalog, path(i));
      // Past 10,000 the oldest go first; the recent stay.
      expect(workedOut(10)).toBe(true);
      expect([9_000, 10_049].map(workedOut)).toEqual([false, false]);
    } finally {
      globalThis.decodeURIComponent = real;
    }
  });
});
