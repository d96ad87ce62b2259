import type { ReactNode } from "react";
import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";

export type PriceChange = { variantId: number; sku: string; from: number; to: number };

/** A price list's preview: each price that would change, now → after (the retail markets' and wholesale's lists). */
export function PriceChanges<Row extends PriceChange>({
  rows,
  currency,
  caption,
  product,
}: {
  rows: Row[];
  currency: string;
  caption: string;
  /** The product cell of a row. */
  product: (row: Row) => ReactNode;
}) {
  const money = (amount: number) => <Money value={{ amount, currency }} />;
  return (
    <ScrollRegion className="ops-table-wrap bulk-preview" label="Prices that change">
      <table className="table">
        <caption className="muted">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">SKU</th>
            <th scope="col" className="num">
              Now
            </th>
            <th scope="col" className="num">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.variantId}>
              <td>{product(row)}</td>
              <td>
                <code>{row.sku}</code>
              </td>
              <td className="num">{money(row.from)}</td>
              <td className="num">
                <strong>{money(row.to)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
