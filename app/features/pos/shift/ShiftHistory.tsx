import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { fmt } from "./format";
import { Signed } from "./Signed";

type ClosedShift = {
  id: number;
  closedAt: string | null;
  closedBy: string | null;
  openedBy: string;
  expectedCash: number | null;
  countedCash: number | null;
  variance: number | null;
  currency: string;
};

/** The closed shifts, each with its report and CSV; a way back to the open shift when another is shown. */
export function ShiftHistory({ history, backToOpen }: { history: ClosedShift[]; backToOpen: boolean }) {
  return (
    <section aria-labelledby="history-heading" className="pos-history">
      <h2 id="history-heading">Closed shifts</h2>
      {history.length === 0 ? (
        <p className="muted">No closed shifts yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Shift</th>
              <th scope="col">Closed</th>
              <th scope="col">Expected</th>
              <th scope="col">Counted</th>
              <th scope="col">Variance</th>
              <th scope="col">CSV</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>
                  <Link to={`/pos/shift?shift=${h.id}`}>Shift {h.id}</Link> <small className="muted">{h.closedBy ?? h.openedBy}</small>
                </td>
                <td>{h.closedAt ? fmt(h.closedAt) : ""}</td>
                <td>
                  <Money value={{ amount: h.expectedCash ?? 0, currency: h.currency }} />
                </td>
                <td>
                  <Money value={{ amount: h.countedCash ?? 0, currency: h.currency }} />
                </td>
                <td>
                  <Signed amount={h.variance ?? 0} currency={h.currency} />
                </td>
                <td>
                  <a href={`/pos/shift/csv?shift=${h.id}`} download>
                    CSV
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {backToOpen ? (
        <p>
          <Link to="/pos/shift">Back to the open shift</Link>
        </p>
      ) : null}
    </section>
  );
}
