import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { PageData } from "./payouts.server";

/**
 * The sales accounts split by the currency the shoppers paid in: what is booked (USD, at each order's
 * rate) and the shoppers' own money beside it (docs/decisions/0022). Sales are shown as the
 * positive amounts taken; returns as the positive amounts given back.
 */
export function SalesByCurrency({ sales }: { sales: PageData["sales"] }) {
  return (
    <section aria-labelledby="sales-by-currency" className="payouts-section">
      <h2 id="sales-by-currency">Sales by the shopper's currency</h2>
      {sales.length === 0 ? (
        <p className="muted">No sales booked yet: a paid order's sale is booked a moment after it is placed.</p>
      ) : (
        <ScrollRegion className="ops-table-wrap" label="Sales by the shopper's currency">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Paid in</th>
                <th scope="col">Shoppers' money</th>
                <th scope="col">Booked</th>
                <th scope="col">Entries</th>
              </tr>
            </thead>
            <tbody>
              {sales.map((row) => {
                // Sales are credits (negative); returns and refunds debits: both shown as positive amounts.
                const sign = row.kind === "sales" ? -1 : 1;
                return (
                  <tr key={`${row.code}-${row.shopperCurrency}`}>
                    <th scope="row">
                      {row.name}
                      <br />
                      <code className="muted">{row.code}</code>
                    </th>
                    <td>{row.shopperCurrency}</td>
                    <td>
                      <Money value={{ amount: sign * row.shopperAmount, currency: row.shopperCurrency }} />
                    </td>
                    <td>
                      <Money value={{ amount: sign * row.booked, currency: row.currency }} />
                    </td>
                    <td>{row.entries}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
