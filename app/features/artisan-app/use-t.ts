import { useRouteLoaderData } from "@remix-run/react";
import { translator, type Lang } from "~/domain/artisans";

/** The layout route's id: its loader decides the language for every /artisan page. */
export const ARTISAN_LAYOUT_ID = "routes/artisan";

type LayoutData = { lang: Lang };

/** The page language chosen by the /artisan layout (Swahili if the layout has no data). */
export function useArtisanLang(): Lang {
  return useRouteLoaderData<LayoutData>(ARTISAN_LAYOUT_ID)?.lang ?? "sw";
}

/** `const t = useT(); t("nav.offers")` — the translator for this page's language. */
export function useT() {
  return translator(useArtisanLang());
}
