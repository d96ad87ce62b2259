import { Money } from "~/components/commerce/Money";
import type { ShiftReport } from "~/domain/pos";
import { Signed } from "./Signed";

export function ReportTable({ report }: { report: ShiftReport }) {
  const m = (amount: number) => <Money value={{ amount, currency: report.currency }} />;
  return (
    <table className="table pos-report" data-testid="shift-report">
      <tbody>
        <tr>
          <th scope="row">Opening float</th>
          <td>{m(report.openingFloat)}</td>
        </tr>
        <tr>
          <th scope="row">Cash sales</th>
          <td>{m(report.cashSales)}</td>
        </tr>
        <tr>
          <th scope="row">Card sales</th>
          <td>{m(report.cardSales)}</td>
        </tr>
        <tr>
          <th scope="row">Cash refunds</th>
          <td>{m(report.cashRefunds)}</td>
        </tr>
        <tr>
          <th scope="row">Card refunds</th>
          <td>{m(report.cardRefunds)}</td>
        </tr>
        <tr>
          <th scope="row">Sales / returns</th>
          <td>
            {report.salesCount} / {report.returnsCount}
          </td>
        </tr>
        <tr>
          <th scope="row">Expected cash in drawer</th>
          <td data-testid="expected-cash">{m(report.expectedCash)}</td>
        </tr>
        {report.countedCash !== null ? (
          <tr>
            <th scope="row">Counted cash</th>
            <td>{m(report.countedCash)}</td>
          </tr>
        ) : null}
        {report.variance !== null ? (
          <tr>
            <th scope="row">Variance</th>
            <td data-testid="variance">
              <Signed amount={report.variance} currency={report.currency} />
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
