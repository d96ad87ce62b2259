import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireArtisan } from "~/features/artisan-app/auth.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { t } from "~/domain/artisans";
import { useT } from "~/features/artisan-app/use-t";
import { isLowStock, newMaterialSchema, parseMaterialCounts } from "~/features/artisan-app/workshop-rules";
import { addMaterial, listMaterials, listWorkshopStock, updateMaterialCounts } from "~/features/artisan-app/workshop.server";
import { parseWith, readForm } from "~/lib/validation";
import { answerRefusals } from "~/lib/refusal.server";

export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Soko · Bidhaa / Stock" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const artisan = await requireArtisan(request);
  const [finished, materials] = await Promise.all([listWorkshopStock(artisan.id), listMaterials(artisan.id)]);
  return withFlash(request, { finished, materials });
}

type ActionData = { form: "counts" | "add"; errors: Record<string, string>; values?: Record<string, string> };

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  const artisan = await requireArtisan(request);
  const lang = artisan.language;
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "counts") {
    const parsed = parseMaterialCounts(form, lang);
    if (!parsed.ok) return data<ActionData>({ form: "counts", errors: parsed.errors }, { status: 400 });
    await updateMaterialCounts(artisan.id, parsed.data);
    return redirectWithFlash(request, "/artisan/stock", { kind: "success", message: t(lang, "stock.saved") });
  }
  if (intent === "add") {
    const parsed = parseWith(newMaterialSchema(lang), form);
    if (!parsed.ok) return data<ActionData>({ form: "add", errors: parsed.errors, values: parsed.values }, { status: 400 });
    if (!(await addMaterial(artisan.id, parsed.data))) {
      return data<ActionData>(
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
      {flash ? (
        <p className={`aa-notice aa-notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}

      <h2>{t("stock.finished")}</h2>
      {finished.length === 0 ? (
        <p className="aa-empty">{t("stock.finishedEmpty")}</p>
      ) : (
        <table className="aa-table">
          <thead>
            <tr>
              <th scope="col">{t("stock.name")}</th>
              <th scope="col">{t("stock.onHand")}</th>
              <th scope="col">{t("stock.reserved")}</th>
            </tr>
          </thead>
          <tbody>
            {finished.map((row) => (
              <tr key={`${row.variantId}-${row.location}`}>
                <th scope="row">
                  {row.product}
                  <br />
                  <span className="aa-card__meta">{row.variant}</span>
                </th>
                <td>{row.onHand}</td>
                <td>{row.reserved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("stock.materials")}</h2>
      {materials.length === 0 ? (
        <p className="aa-empty">{t("stock.materialsEmpty")}</p>
      ) : (
        <Form method="post">
          <ul className="aa-list">
            {materials.map((m) => {
              const low = isLowStock(m);
              const error = countErrors[`material.${m.id}`];
              return (
                <li key={m.id} className={`aa-card${low ? " aa-low" : ""}`} id={`material-${m.id}`}>
                  <input type="hidden" name="id" value={m.id} />
                  <h3 className="aa-card__title">
                    {m.name} <span className="aa-card__meta">({m.unit})</span>{" "}
                    {low ? <span className="aa-badge aa-badge--warn">{t("stock.low")}</span> : null}
                  </h3>
                  <div className="aa-row">
                    <div>
                      <label className="aa-label" htmlFor={`onHand-${m.id}`}>
                        {t("stock.onHand")}
                      </label>
                      <input
                        id={`onHand-${m.id}`}
                        name={`onHand.${m.id}`}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        defaultValue={m.onHand}
                        required
                        aria-invalid={error ? true : undefined}
                      />
                    </div>
                    <div>
                      <label className="aa-label" htmlFor={`low-${m.id}`}>
                        {t("stock.lowAt")}
                      </label>
                      <input
                        id={`low-${m.id}`}
                        name={`lowStockAt.${m.id}`}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        defaultValue={m.lowStockAt}
                        required
                        aria-invalid={error ? true : undefined}
                      />
                    </div>
                  </div>
                  {error ? (
                    <p className="aa-error" role="alert">
                      {error}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <p>
            <button type="submit" name="intent" value="counts" className="aa-button">
              {t("stock.save")}
            </button>
          </p>
        </Form>
      )}

      <h2>{t("stock.add")}</h2>
      <Form method="post" noValidate>
        <div className="aa-field">
          <label htmlFor="material-name">{t("stock.name")}</label>
          <input
            id="material-name"
            name="name"
            type="text"
            maxLength={60}
            required
            defaultValue={addValues.name ?? ""}
            aria-invalid={addErrors.name ? true : undefined}
            aria-describedby={addErrors.name ? "material-name-error" : undefined}
          />
          {addErrors.name ? (
            <p className="aa-error" id="material-name-error">
              {addErrors.name}
            </p>
          ) : null}
        </div>
        <div className="aa-field">
          <label htmlFor="material-unit">{t("stock.unit")}</label>
          <input id="material-unit" name="unit" type="text" maxLength={20} defaultValue={addValues.unit ?? ""} />
        </div>
        <div className="aa-row">
          <div className="aa-field">
            <label htmlFor="material-onhand">{t("stock.onHand")}</label>
            <input
              id="material-onhand"
              name="onHand"
              type="number"
              inputMode="numeric"
              min={0}
              required
              defaultValue={addValues.onHand ?? "0"}
              aria-invalid={addErrors.onHand ? true : undefined}
            />
          </div>
          <div className="aa-field">
            <label htmlFor="material-low">{t("stock.lowAt")}</label>
            <input
              id="material-low"
              name="lowStockAt"
              type="number"
              inputMode="numeric"
              min={0}
              required
              defaultValue={addValues.lowStockAt ?? "0"}
              aria-invalid={addErrors.lowStockAt ? true : undefined}
            />
          </div>
        </div>
        {addErrors.onHand || addErrors.lowStockAt ? (
          <p className="aa-error" role="alert">
            {addErrors.onHand ?? addErrors.lowStockAt}
          </p>
        ) : null}
        <button type="submit" name="intent" value="add" className="aa-button aa-button--quiet">
          {t("stock.addButton")}
        </button>
      </Form>
    </section>
  );
}
