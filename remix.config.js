/**
 * SOKO_BUILD_DIR puts a whole build (server and browser assets) in a folder of its own, so a test
 * run or benchmark never shares `build/` with a running app or another run.
 */
const out = process.env.SOKO_BUILD_DIR;

/**
 * Each market but the US has its storefront under a prefix (docs/decisions/0021-markets-and-currencies.md):
 * the same route modules again, under `/en-gb/...` and so on. The list is MARKETS' prefixes
 * (app/domain/markets/markets.ts); a unit test keeps the two the same.
 */
export const MARKET_ROUTE_PREFIXES = ["en-gb", "en-eu", "en-ca", "en-au"];
const MARKET_ROUTES = [
  ["", "routes/_index.tsx"],
  ["collections/:handle", "routes/collections.$handle.tsx"],
  ["products/:handle", "routes/products.$handle.tsx"],
  ["search", "routes/search.tsx"],
  ["makers", "routes/makers._index.tsx"],
  ["makers/:handle", "routes/makers.$handle.tsx"],
];

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverDependenciesToBundle: [/^@shopify\/hydrogen-react/],
  ...(out ? { serverBuildPath: `${out}/server/index.js`, assetsBuildDirectory: `${out}/public/build` } : {}),
  routes: (defineRoutes) =>
    defineRoutes((route) => {
      for (const prefix of MARKET_ROUTE_PREFIXES) {
        for (const [path, file] of MARKET_ROUTES) {
          const id = `markets/${prefix}/${file.replace(/^routes\//, "").replace(/\.tsx$/, "")}`;
          route(path ? `${prefix}/${path}` : prefix, file, path ? { id } : { id, index: false });
        }
      }
    }),
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
