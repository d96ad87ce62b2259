import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { fmt } from "./format";

type TenderRow = { id: number; createdAt: string; orderNumber: string; kind: string; returnId: number | null; amount: number };

/** Every payment and refund of the shift, folded away under its count. */
export function ShiftTenders({ tenders, currency }: { tenders: TenderRow[]; currency: string }) {
  return (
    <details className="pos-tenders">
      <summary>Every payment and refund this shift ({tenders.length})</summary>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Sale</th>
            <th scope="col">Tender</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {tenders.map((t) => (
            <tr key={t.id}>
              <td>{fmt(t.createdAt)}</td>
              <td>
                <Link to={`/pos/sales/${t.orderNumber}`}>{t.orderNumber}</Link>
              </td>
              <td>
                {t.kind}
                {t.returnId !== null ? " refund" : ""}
              </td>
              <td>
                <Money value={{ amount: t.amount, currency }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
