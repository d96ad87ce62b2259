import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";

type RecentSale = { number: string; total: number; currency: string };

/** Find a sale by its receipt number (a plain GET the loader redirects), and this shift's sales. */
export function RecentSales({ recent }: { recent: RecentSale[] }) {
  return (
    <aside className="pos-recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Returns and recent sales</h2>
      <form method="get" className="pos-find">
        <label htmlFor="find-sale">Find a sale by receipt number</label>
        <div className="pos-scan__row">
          <input id="find-sale" name="sale" placeholder="SK-100123" autoComplete="off" />
          <button type="submit" className="button button--ghost">
            Open
          </button>
        </div>
      </form>
      {recent.length ? (
        <ul className="pos-recent__list">
          {recent.map((r) => (
            <li key={r.number}>
              <Link to={`/pos/sales/${r.number}`}>{r.number}</Link> <Money value={{ amount: r.total, currency: r.currency }} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No sales yet this shift.</p>
      )}
    </aside>
  );
}
