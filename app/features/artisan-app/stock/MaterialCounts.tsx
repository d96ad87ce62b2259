import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { useT } from "../use-t";
import { isLowStock } from "../workshop-rules";

export type MaterialRow = { id: number; name: string; unit: string; onHand: number; lowStockAt: number };

/** Every material's count and low-stock mark in one form ("counts"); low ones are flagged. `errors` by `material.<id>`. */
export function MaterialCounts({ materials, errors: countErrors }: { materials: MaterialRow[]; errors: Record<string, string> }) {
  const t = useT();
  return materials.length === 0 ? (
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
        <SubmitButton intent="counts" className="aa-button" busyLabel={t("stock.save")}>
          {t("stock.save")}
        </SubmitButton>
      </p>
    </Form>
  );
}
