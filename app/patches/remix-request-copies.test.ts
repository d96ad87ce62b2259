/**
 * The patched @remix-run/server-runtime (app/patches, docs/decisions/0009) hands a loader or an action
 * the request itself when its address has no query, instead of two copies made to strip `index` and
 * `_routes` (each a new fetch Request: headers copied, an AbortController, a signal following the
 * original's). With a query the copies are made as before.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type ServerBuild, createRequestHandler } from "@remix-run/server-runtime";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

type Seen = { request: Request; url: string; form?: string | null };

function buildSeeing(seen: Seen[]): ServerBuild {
  const route = (id: string, parentId: string | undefined, path: string | undefined) => ({
    id,
    parentId,
    path,
    module: `/build/${id}.js`,
    imports: [],
    hasAction: id !== "root",
    hasLoader: true,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
  });
  const loader = ({ request }: { request: Request }) => {
    seen.push({ request, url: request.url });
    return { ok: true };
  };
  const Page = () => null;
  return {
    mode: "production",
    basename: "/",
    isSpaMode: false,
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    entry: { module: { default: () => new Response("page", { headers: { "Content-Type": "text/html" } }) } },
    assets: {
      entry: { module: "/build/entry.client.js", imports: [] },
      routes: { root: route("root", undefined, ""), "routes/bag": route("routes/bag", "root", "bag") },
      url: "/build/manifest.js",
      version: "test",
    },
    routes: {
      root: { id: "root", path: "", module: { default: Page, loader } },
      "routes/bag": {
        id: "routes/bag",
        parentId: "root",
        path: "bag",
        module: {
          default: Page,
          loader,
          action: async ({ request }: { request: Request }) => {
            const form = await request.formData();
            seen.push({ request, url: request.url, form: form.get("variantId") as string | null });
            return new Response(null, { status: 303, headers: { Location: "/bag" } });
          },
        },
      },
    },
  } as unknown as ServerBuild;
}

describe("the patched loader and action requests", () => {
  it("is installed in both builds of the server runtime", () => {
    for (const file of ["@remix-run/server-runtime/dist/data.js", "@remix-run/server-runtime/dist/esm/data.js"])
      expect(readFileSync(require.resolve(file), "utf8")).toContain("if (hasNoQuery(request)) return request;");
  });

  it("gives every loader of a page without a query the request itself", async () => {
    const seen: Seen[] = [];
    const request = new Request("http://shop.test/bag", { headers: { Cookie: "__soko_cart=x" } });
    const response = await createRequestHandler(buildSeeing(seen))(request);
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
    for (const { request: got } of seen) {
      expect(got).toBe(request);
      expect(got.headers.get("Cookie")).toBe("__soko_cart=x");
    }
  });

  it("gives an action without a query its form, and aborts with the client", async () => {
    const seen: Seen[] = [];
    const controller = new AbortController();
    const request = new Request("http://shop.test/bag", {
      method: "POST",
      body: new URLSearchParams({ variantId: "42" }),
      signal: controller.signal,
    });
    const response = await createRequestHandler(buildSeeing(seen))(request);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/bag");
    expect(seen).toEqual([{ request, url: "http://shop.test/bag", form: "42" }]);
    controller.abort();
    expect(seen[0].request.signal.aborted).toBe(true);
  });

  it("still strips index and _routes from an address with a query, on a copy", async () => {
    const seen: Seen[] = [];
    const request = new Request("http://shop.test/bag?index&_routes=root&q=a,b");
    await createRequestHandler(buildSeeing(seen))(request);
    expect(seen.length).toBeGreaterThan(0);
    for (const { request: got, url } of seen) {
      expect(got).not.toBe(request);
      expect(url).toBe("http://shop.test/bag?q=a%2Cb");
    }
  });
});
