import { clearCollectionPageCache } from "./collection-page.server";
import { clearHomePageCache } from "./home-page.server";
import { clearProductPageCache } from "./product-page.server";

/**
 * Drops this process's cached catalog queries at once, after a staff edit, so the editor's next page
 * never races the purge. Every process (this one too) also drops exactly the affected entries and
 * pages when the edit commits: the catalog tables' triggers NOTIFY their purge keys
 * (docs/decisions/0015-cache-purge.md, app/lib/purge.server.ts).
 */
export function clearCatalogCaches() {
  clearProductPageCache();
  clearCollectionPageCache();
  clearHomePageCache();
}
