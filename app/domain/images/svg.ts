/** Small helpers for writing compact SVG by hand. Pure. */

/** Rounds to one decimal: coordinates stay short, and the output stays byte-for-byte stable. */
export function n(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** A closed path of a circle (paths can be reused where circles cannot, e.g. in clip paths). */
export function circlePath(cx: number, cy: number, r: number): string {
  return `M${n(cx - r)} ${n(cy)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0Z`;
}

/** Points evenly spaced (by parameter) along a cubic Bézier. */
export function pointsOnCubic(
  p0: [number, number],
  p1: [number, number],
  p2: [number, number],
  p3: [number, number],
  count: number,
  from = 0,
  to = 1,
): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? (from + to) / 2 : from + ((to - from) * i) / (count - 1);
    const u = 1 - t;
    const x = u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0];
    const y = u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1];
    points.push([x, y]);
  }
  return points;
}

/** Points around an ellipse, starting at `startDeg` (0° = right, clockwise in screen space). */
export function pointsOnEllipse(
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  count: number,
  startDeg = 0,
  sweepDeg = 360,
): [number, number][] {
  const points: [number, number][] = [];
  const full = Math.abs(sweepDeg) >= 360;
  for (let i = 0; i < count; i++) {
    const t = ((startDeg + (sweepDeg * i) / (full ? count : Math.max(1, count - 1))) * Math.PI) / 180;
    points.push([cx + rx * Math.cos(t), cy + ry * Math.sin(t)]);
  }
  return points;
}

/** A warm, readable set of bead colours. */
export const BEAD_COLOURS = ["#C8553D", "#E9B44C", "#2A7F62", "#1F4E79", "#F4EFE6", "#1B1B1B", "#D97B93", "#3FA7A0"] as const;
