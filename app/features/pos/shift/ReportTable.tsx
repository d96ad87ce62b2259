import { Money } from "~/components/commerce/Money";
import type { ShiftReport } from "~/domain/pos";
import { Signed } from "./Signed";

/** The shift's report: each tender (cash, card, gift card) with its count and amount, then the drawer. */
export function ReportTable({ report }: { report: ShiftReport }) {
  const m = (amount: number) => <Money value={{ amount, currency: report.currency }} />;
  const tenderRows: Array<{ label: string; testId: string; count: number; amount: number }> = [
    { label: "Cash sales", testId: "cash-sales", count: report.cashSalesCount, amount: report.cashSales },
    { label: "Card sales", testId: "card-sales", count: report.cardSalesCount, amount: report.cardSales },
    { label: "Gift card sales", testId: "gift-card-sales", count: report.giftCardSalesCount, amount: report.giftCardSales },
    { label: "Cash refunds", testId: "cash-refunds", count: report.cashRefundsCount, amount: report.cashRefunds },
    { label: "Card refunds", testId: "card-refunds", count: report.cardRefundsCount, amount: report.cardRefunds },
    { label: "Gift card refunds", testId: "gift-card-refunds", count: report.giftCardRefundsCount, amount: report.giftCardRefunds },
    // Reports frozen before exchanges were counted apart have none of these: nothing to show.
    ...(report.cashDifferencesCount
      ? [
          {
            label: "Exchange differences in cash",
            testId: "cash-differences",
            count: report.cashDifferencesCount,
            amount: report.cashDifferences,
          },
        ]
      : []),
    ...(report.cardDifferencesCount
      ? [
          {
            label: "Exchange differences by card",
            testId: "card-differences",
            count: report.cardDifferencesCount,
            amount: report.cardDifferences,
          },
        ]
      : []),
  ];
  return (
    <table className="table pos-report" data-testid="shift-report">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Line</span>
          </th>
          <th scope="col" className="num">
            Count
          </th>
          <th scope="col" className="num">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Opening float</th>
          <td />
          <td className="num">{m(report.openingFloat)}</td>
        </tr>
        {tenderRows.map((row) => (
          <tr key={row.testId} data-testid={row.testId}>
            <th scope="row">{row.label}</th>
            <td className="num">{row.count}</td>
            <td className="num">{m(row.amount)}</td>
          </tr>
        ))}
        <tr data-testid="sales-returns-exchanges">
          <th scope="row">Sales / returns / exchanges</th>
          <td className="num">
            {report.salesCount} / {report.returnsCount} / {report.exchangesCount ?? 0}
          </td>
          <td />
        </tr>
        <tr>
          <th scope="row">Expected cash in drawer</th>
          <td />
          <td className="num" data-testid="expected-cash">
            {m(report.expectedCash)}
          </td>
        </tr>
        {report.countedCash !== null ? (
          <tr>
            <th scope="row">Counted cash</th>
            <td />
            <td className="num">{m(report.countedCash)}</td>
          </tr>
        ) : null}
        {report.variance !== null ? (
          <tr>
            <th scope="row">Variance</th>
            <td />
            <td className="num" data-testid="variance">
              <Signed amount={report.variance} currency={report.currency} />
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
