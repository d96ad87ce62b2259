/**
 * Pure helpers for the console's small server-rendered SVG charts: a "nice" axis maximum with
 * round ticks, and coordinates. No I/O, no DOM, so they are unit-tested beside this file.
 */

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value` (0 stays 0 → an axis of 1). */
export function niceCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * power + Number.EPSILON * power) return step * power;
  }
  return 10 * power;
}

/** An axis from 0 to a nice maximum, with `count` evenly spaced ticks after 0 (max included). */
export function axisTicks(max: number, count = 4): { max: number; ticks: number[] } {
  const top = niceCeiling(max);
  const ticks = Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
  return { max: top, ticks };
}

/** Maps a value on [0, max] to a pixel length on [0, size], clamped. */
export function scaleLinear(value: number, max: number, size: number): number {
  if (max <= 0 || !Number.isFinite(value)) return 0;
  return Math.max(0, Math.min(size, (value / max) * size));
}

/** An SVG path through the points, with a gap wherever a value is missing (null). */
export function linePath(points: Array<{ x: number; y: number } | null>): string {
  let path = "";
  let drawing = false;
  for (const point of points) {
    if (!point) {
      drawing = false;
      continue;
    }
    path += `${drawing ? "L" : "M"}${round(point.x)},${round(point.y)}`;
    drawing = true;
  }
  return path;
}

/** Which of `count` x labels to print so that at most `room` show, always the first and last. */
export function labelStride(count: number, room: number): number {
  if (count <= room || room < 2) return 1;
  return Math.ceil((count - 1) / (room - 1));
}

/** A short axis label: 950, 9,500, 95K, 2.5M (the exact numbers are in the table under the chart). */
export function compactNumber(value: number): string {
  if (Math.abs(value) < 10_000) return Math.round(value).toLocaleString("en-US");
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/** An axis label for an amount in minor units of KES: whole shillings, compact ("2.5M"). */
export function shillingsTick(minor: number): string {
  return compactNumber(minor / 100);
}

/**
 * Room in SVG units for a column of labels at the charts' 12 px text: a generous 7.2 units per
 * character plus a gap, never less than `least`. Labels measured this way are not cut at the edge.
 */
export function labelRoom(labels: string[], least: number): number {
  const longest = Math.max(0, ...labels.map((label) => label.length));
  return Math.max(least, Math.ceil(longest * 7.2) + 12);
}

/**
 * The x labels to print of `count`: every stride-th from the first, and always the last, which
 * takes the place of the stride label before it when the two would be closer than a stride.
 */
export function labelIndexes(count: number, room: number): number[] {
  if (count <= 0) return [];
  const stride = labelStride(count, room);
  const picked: number[] = [];
  for (let i = 0; i < count; i += stride) picked.push(i);
  const last = count - 1;
  if (picked[picked.length - 1] !== last) {
    if (picked.length > 1) picked.pop();
    picked.push(last);
  }
  return picked;
}

function round(n: number) {
  return Math.round(n * 10) / 10;
}
