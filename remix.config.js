/**
 * SOKO_BUILD_DIR puts a whole build (server and browser assets) in a folder of its own, so a test
 * run or benchmark never shares `build/` with a running app or another run.
 */
const out = process.env.SOKO_BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverDependenciesToBundle: [/^@shopify\/hydrogen-react/],
  ...(out ? { serverBuildPath: `${out}/server/index.js`, assetsBuildDirectory: `${out}/public/build` } : {}),
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
