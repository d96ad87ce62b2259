/** The chart's numbers as a table, folded under the chart: for screen readers and for copying. */
export function ChartNumbers({
  title,
  columns,
  rows,
}: {
  title: string;
  columns: string[];
  rows: Array<{ label: string; cells: string[] }>;
}) {
  return (
    <details className="chart__data">
      <summary>{title}: the numbers</summary>
      <table className="table">
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={column} scope="col" className={i > 0 ? "ops-num" : undefined}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, j) => (
                <td key={columns[j + 1]} className="ops-num">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Whole numbers with thousands separators: what a chart shows when given no format of its own. */
export function defaultFormat(value: number) {
  return Math.round(value).toLocaleString("en-US");
}
