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

function round(n: number) {
  return Math.round(n * 10) / 10;
}
