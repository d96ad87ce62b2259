import { useId } from "react";
import { axisTicks, labelIndexes, labelRoom, linePath, scaleLinear } from "./scale";
import { ChartNumbers, defaultFormat } from "./ChartNumbers";

export type LineSeries = { name: string; values: Array<number | null> };

type Props = {
  title: string;
  description: string;
  /** One label per x position ("Nov 2026", "14"). */
  xLabels: string[];
  /** Up to three series; the second and third are dashed/dotted so they differ without colour. */
  series: LineSeries[];
  /** The table's first column header ("Month", "Day of month"). */
  xHeader: string;
  formatValue?: (value: number) => string;
  /** The y axis's labels, shorter than formatValue where numbers are long ("2.5M"); formatValue otherwise. */
  formatTick?: (value: number) => string;
};

const WIDTH = 640;
const HEIGHT = 260;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 30;

/** A line chart drawn on the server as SVG, with title/desc for screen readers and a data table. */
export function LineChart({ title, description, xLabels, series, xHeader, formatValue = defaultFormat, formatTick = formatValue }: Props) {
  const id = useId();
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const { max, ticks: allTicks } = axisTicks(Math.max(0, ...values));
  // Small counts would print the same rounded label twice ("0 0 1 1 1"): keep one tick per label.
  const ticks = allTicks.filter((tick, k) => k === 0 || formatTick(tick) !== formatTick(allTicks[k - 1]));
  // The y labels' column is as wide as its longest label, so "10,000,000" is never cut to ",0,000,000".
  const LEFT = labelRoom(ticks.map(formatTick), 40);
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (xLabels.length <= 1 ? plotW / 2 : (i / (xLabels.length - 1)) * plotW);
  const y = (v: number) => TOP + plotH - scaleLinear(v, max, plotH);
  const shown = new Set(labelIndexes(xLabels.length, 8));
  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      {values.length === 0 ? (
        <p className="muted">Nothing to show yet.</p>
      ) : (
        <>
          <svg
            className="chart__svg"
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            role="img"
            aria-labelledby={`${id}-t ${id}-d`}
            preserveAspectRatio="xMinYMin meet"
          >
            <title id={`${id}-t`}>{title}</title>
            <desc id={`${id}-d`}>{description}</desc>
            {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG <g> without tabindex is not focusable (Biome takes SVG elements for interactive ones) */}
            <g className="chart__grid" aria-hidden="true">
              {ticks.map((tick) => (
                <g key={tick}>
                  <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} />
                  <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end">
                    {formatTick(tick)}
                  </text>
                </g>
              ))}
              {xLabels.map((label, i) =>
                shown.has(i) ? (
                  // The last label ends at the plot's edge rather than centring past it ("Nov 2(").
                  <text key={label} x={x(i)} y={HEIGHT - 8} textAnchor={i > 0 && i === xLabels.length - 1 ? "end" : "middle"}>
                    {label}
                  </text>
                ) : null,
              )}
            </g>
            {series.map((s, index) => (
              <g key={s.name} className={`chart__series chart__series--${index}`}>
                <path d={linePath(s.values.map((v, i) => (v === null ? null : { x: x(i), y: y(v) })))} />
                {s.values.map((v, i) => (v === null ? null : <circle key={xLabels[i]} cx={x(i)} cy={y(v)} r={2.5} />))}
              </g>
            ))}
          </svg>
          {series.length > 1 ? (
            <ul className="chart__legend">
              {series.map((s, index) => (
                <li key={s.name}>
                  <span className={`chart__swatch chart__swatch--${index}`} aria-hidden="true" />
                  {s.name}
                </li>
              ))}
            </ul>
          ) : null}
          <ChartNumbers
            title={title}
            columns={[xHeader, ...series.map((s) => s.name)]}
            rows={xLabels.map((label, i) => ({
              label,
              cells: series.map((s) => (s.values[i] === null || s.values[i] === undefined ? "—" : formatValue(s.values[i]!))),
            }))}
          />
        </>
      )}
    </figure>
  );
}
