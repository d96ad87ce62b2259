/** Numbers and months in the impact report. */
import type { loadImpact } from "~/domain/impact/index.server";

export { monthName } from "../dashboard/format";

/** What the impact page shows: the report the impact domain computes from the ledger. */
export type ImpactReport = Awaited<ReturnType<typeof loadImpact>>;

/** 2.345 → "2.3×". */
export function formatRatio(ratio: number) {
  return `${ratio.toFixed(1)}×`;
}

/** A part of a whole as a whole percentage ("42 %"); "—" when the whole is 0. */
export function share(part: number, whole: number) {
  return whole ? `${Math.round((part / whole) * 100)} %` : "—";
}

/** "2026-11" → "Nov 26". */
export function shortMonth(key: string) {
  const [year, month] = key.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" });
}
