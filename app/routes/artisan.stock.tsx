import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireArtisan } from "~/features/artisan-app/auth.server";
import { AddMaterialForm } from "~/features/artisan-app/stock/AddMaterialForm";
import { FinishedStock } from "~/features/artisan-app/stock/FinishedStock";
import { MaterialCounts } from "~/features/artisan-app/stock/MaterialCounts";
import { stockIntent } from "~/features/artisan-app/stock/stock.server";
import { useT } from "~/features/artisan-app/use-t";
import { listMaterials, listWorkshopStock } from "~/features/artisan-app/workshop.server";
import { withFlash } from "~/lib/flash.server";
import { answerRefusals } from "~/lib/refusal.server";
import { readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the layout, in her language with her tabs (see ArtisanPageError).
export { ArtisanPageError as ErrorBoundary } from "~/features/artisan-app/PageError";

export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Soko · Bidhaa / Stock" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const artisan = await requireArtisan(request);
  const [finished, materials] = await Promise.all([listWorkshopStock(artisan.id), listMaterials(artisan.id)]);
  return withFlash(request, { finished, materials });
}

/** Save the material counts, or add a material. */
export async function action({ request }: ActionFunctionArgs) {
  return answerRefusals(async () => {
    const artisan = await requireArtisan(request);
    return stockIntent(request, artisan, await readForm(request));
  });
}

export default function Stock() {
  const { finished, materials, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const countErrors = actionData?.form === "counts" ? actionData.errors : {};
  const addErrors: Record<string, string | undefined> = actionData?.form === "add" ? actionData.errors : {};
  const addValues = actionData?.form === "add" ? (actionData.values ?? {}) : {};
  return (
    <section className="aa-page">
      <h1>{t("stock.title")}</h1>
      <FlashNotice flash={flash} look="aa-notice" />

      <h2>{t("stock.finished")}</h2>
      <FinishedStock finished={finished} />

      <h2>{t("stock.materials")}</h2>
      <MaterialCounts materials={materials} errors={countErrors} />

      <h2>{t("stock.add")}</h2>
      <AddMaterialForm errors={addErrors} values={addValues} />
    </section>
  );
}
