/**
 * Every page under the console, the portal and the artisan app has its own error boundary below its
 * layout. A refused action renders the nearest boundary without running that boundary's own loader:
 * a page without one falls to the layout's, which has no staff member, buyer or language (a signed-out
 * header, or Swahili for an English artisan). A new page fails here until it exports one.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const routesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../routes");
const BOUNDARIES = { ops: "OpsPageError", wholesale: "WholesalePageError", artisan: "ArtisanPageError" } as const;

describe("page error boundaries below the layouts", () => {
  for (const [surface, boundary] of Object.entries(BOUNDARIES)) {
    it(`every /${surface} page exports ${boundary} as its ErrorBoundary`, () => {
      const pages = readdirSync(routesDir).filter(
        (f) =>
          f !== `${surface}.tsx` &&
          f.startsWith(`${surface}.`) &&
          f.endsWith(".tsx") &&
          !f.endsWith(".test.tsx") &&
          /export default/.test(readFileSync(path.join(routesDir, f), "utf8")),
      );
      expect(pages.length).toBeGreaterThan(5);
      const missing = pages.filter(
        (f) => !new RegExp(`export \\{ ${boundary} as ErrorBoundary \\}`).test(readFileSync(path.join(routesDir, f), "utf8")),
      );
      expect(missing).toEqual([]);
    });
  }
});
