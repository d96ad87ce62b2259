import { useT } from "./use-t";

/**
 * Product and option names come from the catalog, in English, whatever the page's language: they are
 * data, so they keep their words but say what they are ("Aina: Natural Horn") and carry lang="en"
 * (a screen reader reads them as English).
 */
export function VariantName({ name }: { name: string }) {
  const t = useT();
  return (
    <>
      {t("offers.variant")} <span lang="en">{name}</span>
    </>
  );
}
