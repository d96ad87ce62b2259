import { useT } from "../use-t";
import { VariantName } from "../CatalogNames";

export type FinishedRow = { variantId: number; product: string; variant: string; location: string; onHand: number; reserved: number };

/** Finished pieces at the workshop: on hand and reserved, a row per variant and location. */
export function FinishedStock({ finished }: { finished: FinishedRow[] }) {
  const t = useT();
  return finished.length === 0 ? (
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
              <span lang="en">{row.product}</span>
              <br />
              <span className="aa-card__meta">
                <VariantName name={row.variant} />
              </span>
            </th>
            <td>{row.onHand}</td>
            <td>{row.reserved}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
