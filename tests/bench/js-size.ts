/**
 * JavaScript weight from the production build's Remix manifest: for each route group, the gzipped
 * JS a visitor downloads (manifest, entry, root, the route and its parents, and every shared chunk
 * they import), per page and for the whole group. Optionally, the whole weight of live pages
 * (HTML + CSS + JS, gzipped) fetched from the running app.
 *
 * To add a group, append to ROUTE_GROUPS: route ids as in app/routes (e.g. "routes/artisan.offers")
 * or a predicate over them, a JS budget for the group, and optionally a per-page budget and the
 * paths to weigh.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import remixConfig from "../../remix.config.js";
import { assetsDir } from "./harness";
import { kb, record, verdict } from "./report";

export type RouteGroup = {
  name: string;
  routes: string[] | ((routeId: string) => boolean);
  /** Gzipped JS for every page of the group together. */
  jsBudgetKb: number;
  /** Gzipped JS of any one page of the group. */
  pageJsBudgetKb?: number;
  /** Everything one page needs (HTML + CSS + JS, gzipped), measured on `pages` when the app runs. */
  pageTotalBudgetKb?: number;
  pages?: string[];
  /**
   * The group's pages ship only what their HTML loads (routes with `handle.hydrate = false`): its JS
   * budget is judged on the live pages, not on the route modules in the manifest.
   */
  liveJs?: boolean;
  /** Signs in before weighing the pages; returns the Cookie header to send. */
  signIn?: (appUrl: string) => Promise<string>;
};

export const ROUTE_GROUPS: RouteGroup[] = [
  {
    name: "storefront",
    routes: ["routes/_index", "routes/collections.$handle", "routes/products.$handle", "routes/cart", "routes/checkout"],
    jsBudgetKb: 150,
    pages: ["/", "/collections/earrings"],
  },
  {
    name: "artisan",
    routes: (id) => id === "routes/artisan" || id.startsWith("routes/artisan.") || id.startsWith("routes/artisan_"),
    jsBudgetKb: 50,
    pageTotalBudgetKb: 100,
    pages: [
      "/artisan",
      "/artisan/offers",
      "/artisan/work",
      "/artisan/deliveries",
      "/artisan/stock",
      "/artisan/earnings",
      "/artisan/profile",
    ],
    liveJs: true,
    signIn: signInDemoArtisan,
  },
];

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, ManifestRoute>; url?: string };

export function readManifest(): { manifest: Manifest; manifestFile: string } {
  const dir = assetsDir;
  const file = readdirSync(dir).find((f) => /^manifest-[A-Z0-9]+\.js$/i.test(f));
  if (!file) throw new Error(`no Remix manifest in ${dir}`);
  const text = readFileSync(path.join(dir, file), "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  return { manifest: JSON.parse(json) as Manifest, manifestFile: `/build/${file}` };
}

const gzCache = new Map<string, number>();
function gzippedSize(publicPath: string): number {
  let size = gzCache.get(publicPath);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(assetsDir, publicPath.replace(/^\/build\//, "")))).length;
    gzCache.set(publicPath, size);
  }
  return size;
}

/**
 * Whether the build discovers routes lazily (remix.config.js `v3_lazyRouteDiscovery`): then a page
 * never loads the whole-app manifest file; `<Scripts>` writes the routes of that page (and of its
 * parents' paths) into the HTML as `window.__remixManifest`, and the rest come from `/__manifest` as
 * JSON when a link needs them.
 */
const lazyRouteDiscovery = Boolean((remixConfig as { future?: Record<string, boolean> }).future?.v3_lazyRouteDiscovery);

/** Every JS file a document request for this route loads (and, with lazy discovery, its inline manifest). */
export function routeJsFiles(manifest: Manifest, manifestFile: string, routeId: string): Set<string> {
  const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  const chain: string[] = [];
  for (
    let route: ManifestRoute | undefined = manifest.routes[routeId];
    route;
    route = route.parentId ? manifest.routes[route.parentId] : undefined
  ) {
    chain.push(route.id);
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  if (!lazyRouteDiscovery) {
    files.add(manifestFile);
    return files;
  }
  // The inline manifest as <Scripts> writes it: this page's routes plus the index route its parent path "/" matches.
  const ids = new Set([...chain, ...(manifest.routes["routes/_index"] ? ["routes/_index"] : [])]);
  const partial = { ...manifest, routes: Object.fromEntries([...ids].map((id) => [id, manifest.routes[id]])) };
  const inline = `inline manifest of ${routeId}`;
  gzCache.set(inline, gzipSync(Buffer.from(`window.__remixManifest = ${JSON.stringify(partial, null, 2)};`)).length);
  files.add(inline);
  return files;
}

const sum = (files: Iterable<string>) => [...files].reduce((total, f) => total + gzippedSize(f), 0);

export function benchJsSizes() {
  const { manifest, manifestFile } = readManifest();
  const routeIds = Object.keys(manifest.routes);
  for (const group of ROUTE_GROUPS) {
    if (group.liveJs) continue;
    const ids = typeof group.routes === "function" ? routeIds.filter(group.routes) : group.routes.filter((id) => id in manifest.routes);
    const missing = typeof group.routes === "function" ? [] : group.routes.filter((id) => !(id in manifest.routes));
    if (!ids.length) {
      record({
        section: "JS size",
        metric: `${group.name} JS, gzipped`,
        value: "n/a (no such routes in the build yet)",
        budget: `≤ ${group.jsBudgetKb} KB`,
        verdict: "n/a",
      });
      if (group.pageTotalBudgetKb) {
        record({
          section: "JS size",
          metric: `${group.name} page in all (HTML+CSS+JS), gzipped`,
          value: "n/a",
          budget: `≤ ${group.pageTotalBudgetKb} KB`,
          verdict: "n/a",
        });
      }
      continue;
    }
    const all = new Set<string>();
    const perRoute = ids.map((id) => {
      const files = routeJsFiles(manifest, manifestFile, id);
      for (const f of files) all.add(f);
      return { id, bytes: sum(files) };
    });
    const total = sum(all);
    const heaviest = perRoute.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    record({
      section: "JS size",
      metric: `${group.name} JS, gzipped, all ${ids.length} routes together`,
      value: `${kb(total)} in ${all.size} files (heaviest page ${heaviest.id.replace("routes/", "")}: ${kb(heaviest.bytes)})${missing.length ? `; missing: ${missing.join(", ")}` : ""}`,
      budget: `≤ ${group.jsBudgetKb} KB`,
      verdict: verdict(total <= group.jsBudgetKb * 1024),
      data: { totalBytes: total, files: all.size, perRoute },
    });
    if (group.pageJsBudgetKb) {
      record({
        section: "JS size",
        metric: `${group.name} JS, gzipped, heaviest page`,
        value: `${kb(heaviest.bytes)} (${heaviest.id})`,
        budget: `≤ ${group.pageJsBudgetKb} KB`,
        verdict: verdict(heaviest.bytes <= group.pageJsBudgetKb * 1024),
      });
    }
  }
}

/** HTML + stylesheets + scripts of live pages, each gzipped as the server would send it. */
export async function benchPageWeights(appUrl: string, groups = ROUTE_GROUPS, fetchInit: RequestInit = {}) {
  for (const group of groups) {
    if (!group.pages?.length) continue;
    const cookie = group.signIn ? await group.signIn(appUrl) : null;
    const init: RequestInit = cookie
      ? { ...fetchInit, headers: { ...(fetchInit.headers as Record<string, string>), Cookie: cookie } }
      : fetchInit;
    for (const page of group.pages) {
      const response = await fetch(appUrl + page, init);
      const html = await response.text();
      const assets = new Set<string>();
      for (const match of html.matchAll(/<(?:link|script)\b[^>]*?(?:href|src)="(\/build\/[^"]+\.(?:js|css))"/g)) assets.add(match[1]);
      const htmlBytes = gzipSync(Buffer.from(html)).length;
      const assetBytes = sum(assets);
      const total = htmlBytes + assetBytes;
      record({
        section: "JS size",
        metric: `${group.name} ${page} in all (HTML+CSS+JS), gzipped`,
        value: `${kb(total)} (HTML ${kb(htmlBytes)}, ${assets.size} assets ${kb(assetBytes)})${response.ok ? "" : `; answered ${response.status}`}`,
        budget: group.pageTotalBudgetKb ? `≤ ${group.pageTotalBudgetKb} KB` : "",
        verdict: group.pageTotalBudgetKb ? verdict(response.ok && total <= group.pageTotalBudgetKb * 1024) : "info",
        data: { htmlBytes, assetBytes, total, assets: [...assets] },
      });
      if (group.liveJs) {
        const js = [...assets].filter((a) => a.endsWith(".js"));
        const jsBytes = sum(js);
        record({
          section: "JS size",
          metric: `${group.name} ${page} JS, gzipped`,
          value: `${kb(jsBytes)} in ${js.length} files`,
          budget: `≤ ${group.jsBudgetKb} KB`,
          verdict: verdict(response.ok && jsBytes <= group.jsBudgetKb * 1024),
        });
      }
    }
  }
}

/** The demo artisan's session cookie (+254700000001, PIN 1234), as the login form would get it. */
async function signInDemoArtisan(appUrl: string): Promise<string> {
  const response = await fetch(`${appUrl}/artisan?index`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ phone: "+254700000001", pin: "1234" }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (!cookies.length) throw new Error(`artisan sign-in answered ${response.status} without a session`);
  return cookies.join("; ");
}
