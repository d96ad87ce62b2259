/**
 * app/entry.server.tsx renders a document with `renderToString` after reading the loader data's
 * stream ahead. The page must be what React's streaming renderer made of the same document, byte
 * for byte (or hydration would differ), and carry the loader data the browser hydrates from.
 */
import { PassThrough } from "node:stream";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData } from "@remix-run/react";
import { type EntryContext, type ServerBuild, createRequestHandler } from "@remix-run/server-runtime";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { decode } from "turbo-stream";
import { describe, expect, it } from "vitest";
import handleRequest from "./entry.server";

// Escaped in an attribute as React escapes it.
const SCRIPT_NONCE = `n0"nce&'`;
const LOADER_DATA = { title: "Kito & <Ring>", price: { amount: "48.00", currency: "USD" }, when: "2026-12-06", count: 3 };

function Root() {
  return (
    <html lang="en">
      <head>
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        {/* Text beside the parts written as whole HTML (decision 0032): React separates two text nodes. */}
        {"Handmade in Kenya"}
        <ScrollRestoration nonce={SCRIPT_NONCE} />
        <Scripts nonce={SCRIPT_NONCE} />
        {"by artisans"}
      </body>
    </html>
  );
}

function Page() {
  const data = useLoaderData<typeof LOADER_DATA>();
  return (
    <main>
      <h1>{data.title}</h1>
      <p>
        {data.count} in stock at {data.price.amount}
      </p>
    </main>
  );
}

/** What the entry rendered before: React's streaming renderer, collected whole. */
function streamed(request: Request, status: number, headers: Headers, context: EntryContext) {
  return new Promise<Response>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(<RemixServer context={context} url={request.url} nonce="n0nce" />, {
      onAllReady() {
        const body = new PassThrough();
        const chunks: Buffer[] = [];
        body.on("data", (chunk: Buffer) => chunks.push(chunk));
        body.on("end", () => resolve(new Response(Buffer.concat(chunks).toString(), { status, headers })));
        pipe(body);
      },
      onShellError: reject,
    });
  });
}

function buildWith(entry: ServerBuild["entry"]["module"]["default"]): ServerBuild {
  const route = (id: string, parentId: string | undefined, path: string | undefined, index: boolean | undefined) => ({
    id,
    parentId,
    path,
    index,
    module: `/build/${id}.js`,
    imports: [],
    hasAction: false,
    hasLoader: true,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
  });
  return {
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
    entry: { module: { default: entry } },
    assets: {
      entry: { module: "/build/entry.client.js", imports: [] },
      routes: { root: route("root", undefined, "", undefined), "routes/piece": route("routes/piece", "root", "piece", undefined) },
      url: "/build/manifest.js",
      version: "test",
    },
    routes: {
      root: { id: "root", path: "", module: { default: Root, loader: () => ({ shop: "Soko" }) } },
      "routes/piece": { id: "routes/piece", parentId: "root", path: "piece", module: { default: Page, loader: () => LOADER_DATA } },
    },
  } as unknown as ServerBuild;
}

const page = async (entry: ServerBuild["entry"]["module"]["default"]) => {
  const response = await createRequestHandler(buildWith(entry))(new Request("http://shop.test/piece"));
  return { status: response.status, type: response.headers.get("Content-Type"), body: await response.text() };
};

describe("the document entry", () => {
  it("renders what the streaming renderer rendered, byte for byte", async () => {
    const ours = await page((request, status, headers, context) =>
      handleRequest(request, status, headers, context, { cspNonce: "n0nce" } as never),
    );
    const before = await page(streamed);
    expect(ours.status).toBe(200);
    expect(ours.type).toBe("text/html; charset=utf-8");
    expect(ours.body.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(ours.body).toContain("<h1>Kito &amp; &lt;Ring&gt;</h1>");
    expect(ours.body).toBe(before.body);
  });

  it("writes Remix's scroll script, module preloads and scripts as whole HTML, with their nonce", async () => {
    const written: string[] = [];
    const ours = await page((request, status, headers, context) => {
      // Sees what the patched components hand the entry (docs/decisions/0032).
      let rawHtml: ((html: string) => string) | undefined;
      context.renderMeta ??= {};
      Object.defineProperty(context.renderMeta, "rawHtml", {
        get: () => rawHtml,
        set: (given: (html: string) => string) => {
          rawHtml = (html) => {
            written.push(html);
            return given(html);
          };
        },
      });
      return handleRequest(request, status, headers, context, { cspNonce: "n0nce" } as never);
    });
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^<script nonce="n0&quot;nce&amp;&#x27;">\(\(STORAGE_KEY, restoreKey\) => \{/);
    expect(written[1]).toMatch(/^<link rel="modulepreload" href="\/build\/entry.client.js"\/>/);
    expect(written[1]).toContain('<link rel="modulepreload" href="/build/routes/piece.js"/><script nonce="n0&quot;nce&amp;&#x27;">');
    expect(written[1]).toContain('<script nonce="n0&quot;nce&amp;&#x27;" type="module" async="">');
    expect(ours.body).toContain(`Handmade in Kenya${written[0]}${written[1]}by artisans`);
    expect(ours.body).not.toContain("\u0000");
    expect(ours.body).toBe((await page(streamed)).body);
  });

  it("puts the whole loader data in the page, then closes its stream", async () => {
    const { body } = await page((request, status, headers, context) => handleRequest(request, status, headers, context, {} as never));
    const chunks = [...body.matchAll(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\);/g)].map((m) => JSON.parse(m[1]) as string);
    expect(chunks).toHaveLength(1);
    expect(body).toContain("window.__remixContext.streamController.close();");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(chunks.join("")));
        controller.close();
      },
    });
    const decoded = await decode(stream);
    await decoded.done;
    expect(decoded.value).toMatchObject({ loaderData: { root: { shop: "Soko" }, "routes/piece": LOADER_DATA } });
  });
});
