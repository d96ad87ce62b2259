import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { useT } from "../use-t";

/** A new material: name, unit, how many on hand and when it counts as low ("add"). */
export function AddMaterialForm({
  errors: addErrors,
  values: addValues,
}: {
  errors: Record<string, string | undefined>;
  values: Record<string, string>;
}) {
  const t = useT();
  return (
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
      <SubmitButton intent="add" className="aa-button aa-button--quiet" busyLabel={t("stock.addButton")}>
        {t("stock.addButton")}
      </SubmitButton>
    </Form>
  );
}
