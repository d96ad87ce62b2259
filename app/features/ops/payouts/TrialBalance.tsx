import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { PageData } from "./payouts.server";

/** The ledger's accounts as debits and credits, and whether they sum to zero. */
export function TrialBalance({ books }: { books: PageData["books"] }) {
  const balanced = Object.values(books.totals).every((total) => total === 0);
  return (
    <section aria-labelledby="books" className="payouts-section">
      <h2 id="books">Trial balance</h2>
      <p>
        {balanced ? (
          <span className="badge badge--ok">Balanced: every account together sums to zero</span>
        ) : (
          <span className="badge badge--bad">Out of balance — tell engineering</span>
        )}
      </p>
      <ScrollRegion className="ops-table-wrap payouts-books" label="Trial balance">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Debit</th>
              <th scope="col">Credit</th>
            </tr>
          </thead>
          <tbody>
            {books.accounts.map((a) => (
              <tr key={`${a.label}-${a.currency}`}>
                <th scope="row">
                  {a.name}
                  {a.kind === "artisan_payable" ? <span className="muted"> ({a.accounts} artisans)</span> : null}
                  <br />
                  <code className="muted">{a.label}</code>
                </th>
                <td>{a.balance > 0 ? <Money value={{ amount: a.balance, currency: a.currency }} /> : ""}</td>
                <td>{a.balance < 0 ? <Money value={{ amount: -a.balance, currency: a.currency }} /> : ""}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {Object.entries(books.totals).map(([currency, total]) => (
              <tr key={currency}>
                <th scope="row">Sum ({currency})</th>
                <td colSpan={2}>
                  <Money value={{ amount: total, currency }} />
                </td>
              </tr>
            ))}
          </tfoot>
        </table>
      </ScrollRegion>
    </section>
  );
}
