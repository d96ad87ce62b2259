/**
 * The 846 inventory advice, pure: per item the partner knows (its cross-reference), the pieces in
 * stock and free for it, and what the artisan network can make by when. Also when a partner's
 * scheduled advice is due.
 */
import type { DispatchArtisan } from "~/domain/production";
import type { Segment } from "./model";
import { x12FromIso, type ProductId } from "./po";

export type AdviceItem = {
  ids: ProductId[];
  title: string;
  /** Pieces on hand and not reserved at the locations that fill wholesale orders. */
  available: number;
  /** What the network can make, and the ISO day the hub could ship it (none when no artisan holds the skills). */
  makeable: { quantity: number; shipDate: string } | null;
};

/** The partner's ids first in the order retailers read them: UPC, their item number, then ours. */
const ORDER = ["UP", "EN", "IN", "BP", "VN", "SK"];
export const sortIds = (ids: ProductId[]) =>
  [...ids].sort(
    (a, b) => ((ORDER.indexOf(a.qualifier) + 99) % 99) - ((ORDER.indexOf(b.qualifier) + 99) % 99) || a.value.localeCompare(b.value),
  );

const text = (s: string) => s.replace(/[~*>^|\n\r]/g, " ").slice(0, 80);

/**
 * BIA (00 original, SI seller inventory, our reference, date, time); per item LIN with its ids, PID
 * with its name, QTY 33 (available for sale) with DTM 018 (available from) today, and — when the
 * artisans can make it — a second QTY 33 with the DTM 018 day that many could ship; CTT with the
 * number of LINs.
 */
export function advice846Segments(items: AdviceItem[], o: { reference: string; today: string; time: string }): Segment[] {
  const out: Segment[] = [{ tag: "BIA", elements: ["00", "SI", o.reference, x12FromIso(o.today), o.time] }];
  for (const item of items) {
    out.push({ tag: "LIN", elements: ["", ...sortIds(item.ids).flatMap((id) => [id.qualifier, id.value])] });
    out.push({ tag: "PID", elements: ["F", "", "", "", text(item.title)] });
    out.push({ tag: "QTY", elements: ["33", String(item.available), "EA"] });
    out.push({ tag: "DTM", elements: ["018", x12FromIso(o.today)] });
    if (item.makeable) {
      out.push({ tag: "QTY", elements: ["33", String(item.makeable.quantity), "EA"] });
      out.push({ tag: "DTM", elements: ["018", x12FromIso(item.makeable.shipDate)] });
    }
  }
  out.push({ tag: "CTT", elements: [String(items.length)] });
  return out;
}

/**
 * A week of the network's work on a product: each available artisan holding every skill it needs
 * makes the slowest of those skills' weekly capacity.
 */
export function weeklyCapacity(artisans: DispatchArtisan[], skillIds: number[]): number {
  if (!skillIds.length) return 0;
  let weekly = 0;
  for (const a of artisans) {
    if (!a.available) continue;
    let rate = Number.POSITIVE_INFINITY;
    for (const s of skillIds) rate = Math.min(rate, a.skills.find((k) => k.skillId === s)?.weeklyCapacity ?? 0);
    if (rate > 0 && Number.isFinite(rate)) weekly += rate;
  }
  return weekly;
}

/** Whether the day's scheduled 846 is due: the partner's clock has passed its time and none went today. */
export function adviceDue(o: { localStamp: string; adviceAt: string; lastAdviceOn: string | null }): { due: boolean; day: string } {
  const [day, time] = o.localStamp.split(" ");
  return { due: time >= o.adviceAt && o.lastAdviceOn !== day, day };
}
