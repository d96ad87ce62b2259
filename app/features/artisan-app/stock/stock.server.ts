/** The stock page's intents: save every material's counts ("counts"), or add a material ("add"). */
import { data } from "@remix-run/node";
import { t } from "~/domain/artisans";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseWith } from "~/lib/validation";
import type { ArtisanActor } from "../auth.server";
import { newMaterialSchema, parseMaterialCounts } from "../workshop-rules";
import { addMaterial, updateMaterialCounts } from "../workshop.server";

export type StockActionData = { form: "counts" | "add"; errors: Record<string, string>; values?: Record<string, string> };

export async function stockIntent(request: Request, artisan: ArtisanActor, form: FormData) {
  const lang = artisan.language;
  const intent = form.get("intent");
  if (intent === "counts") {
    const parsed = parseMaterialCounts(form, lang);
    if (!parsed.ok) return data<StockActionData>({ form: "counts", errors: parsed.errors }, { status: 400 });
    await updateMaterialCounts(artisan.id, parsed.data);
    return redirectWithFlash(request, "/artisan/stock", { kind: "success", message: t(lang, "stock.saved") });
  }
  if (intent === "add") {
    const parsed = parseWith(newMaterialSchema(lang), form);
    if (!parsed.ok) return data<StockActionData>({ form: "add", errors: parsed.errors, values: parsed.values }, { status: 400 });
    if (!(await addMaterial(artisan.id, parsed.data))) {
      return data<StockActionData>(
        {
          form: "add",
          errors: { name: t(lang, "stock.duplicate") },
          values: Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v)])),
        },
        { status: 409 },
      );
    }
    return redirectWithFlash(request, "/artisan/stock", { kind: "success", message: t(lang, "stock.added") });
  }
  throw new Response("Unknown action", { status: 400 });
}
