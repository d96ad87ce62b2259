import { useId } from "react";
import { axisTicks, labelRoom, scaleLinear } from "./scale";
import { ChartNumbers, defaultFormat } from "./ChartNumbers";

export type BarDatum = {
  label: string;
  value: number /** Printed beside the bar and in the table; formatValue(value) otherwise. */;
  valueText?: string;
};

type Props = {
  title: string;
  /** One sentence a screen reader hears: what the chart shows and its headline number. */
  description: string;
  rows: BarDatum[];
  /** The table's value column header ("Orders", "Requests", "KES"). */
  valueHeader: string;
  formatValue?: (value: number) => string;
  /** The axis labels, shorter than formatValue where numbers are long ("2.5M"); formatValue otherwise. */
  formatTick?: (value: number) => string;
};

const WIDTH = 640;
const LABEL = 170;
const VALUE_LEAST = 110;
const ROW = 28;
const TOP = 8;
const AXIS = 22;

/**
 * A horizontal bar chart drawn on the server as SVG: readable without JavaScript, labelled for
 * screen readers (title and desc), with the same numbers as a table underneath.
 */
export function BarChart({ title, description, rows, valueHeader, formatValue = defaultFormat, formatTick = formatValue }: Props) {
  const id = useId();
  const { max, ticks: allTicks } = axisTicks(Math.max(0, ...rows.map((r) => r.value)));
  // Small counts would print the same rounded label twice ("0 0 1 1 1"): keep one tick per label.
  const ticks = allTicks.filter((tick, k) => k === 0 || formatTick(tick) !== formatTick(allTicks[k - 1]));
  const text = (row: BarDatum) => row.valueText ?? formatValue(row.value);
  // Room right of the plot for the longest bar's value and half of the last axis label.
  const VALUE = Math.max(VALUE_LEAST, labelRoom(rows.map(text), 0), labelRoom(ticks.map(formatTick), 0) / 2 + 8);
  const plot = WIDTH - LABEL - VALUE;
  const height = TOP + rows.length * ROW + AXIS;
  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted">Nothing to show yet.</p>
      ) : (
        <>
          <svg
            className="chart__svg"
            viewBox={`0 0 ${WIDTH} ${height}`}
            role="img"
            aria-labelledby={`${id}-t ${id}-d`}
            preserveAspectRatio="xMinYMin meet"
          >
            <title id={`${id}-t`}>{title}</title>
            <desc id={`${id}-d`}>{description}</desc>
            {ticks.map((tick) => {
              const x = LABEL + scaleLinear(tick, max, plot);
              return (
                // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG <g> without tabindex is not focusable (Biome takes SVG elements for interactive ones)
                <g key={tick} className="chart__grid" aria-hidden="true">
                  <line x1={x} x2={x} y1={TOP} y2={height - AXIS} />
                  <text x={x} y={height - 6} textAnchor="middle">
                    {formatTick(tick)}
                  </text>
                </g>
              );
            })}
            {rows.map((row, i) => {
              const y = TOP + i * ROW;
              const width = scaleLinear(row.value, max, plot);
              return (
                <g key={row.label} className="chart__bar">
                  <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="chart__label">
                    {truncate(row.label, 22)}
                  </text>
                  <rect x={LABEL} y={y + 5} width={Math.max(width, row.value > 0 ? 2 : 0)} height={ROW - 10} rx={2} />
                  <text x={LABEL + width + 6} y={y + ROW / 2 + 4} className="chart__value">
                    {text(row)}
                  </text>
                </g>
              );
            })}
          </svg>
          <ChartNumbers
            title={title}
            columns={["Item", valueHeader]}
            rows={rows.map((row) => ({ label: row.label, cells: [text(row)] }))}
          />
        </>
      )}
    </figure>
  );
}

function truncate(text: string, length: number) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
