import { clearCollectionPageCache } from "./collection-page.server";
import { clearHomePageCache } from "./home-page.server";
import { clearProductPageCache } from "./product-page.server";

/**
 * Drops this process's cached catalog pages. Call after a staff edit so the editor sees it at once;
 * other processes catch up within CATALOG_CACHE_SECONDS.
 */
export function clearCatalogCaches() {
  clearProductPageCache();
  clearCollectionPageCache();
  clearHomePageCache();
}
