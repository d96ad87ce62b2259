/**
 * How an order's pieces go into cartons, as the hub says it: for each line, the pieces in carton 1,
 * carton 2, … ("12, 12" — a blank or 0 for a carton without that line). Pure: cartons.server.ts
 * writes the cartons and their SSCCs.
 */

/** More cartons than this for one order is a typing slip, not a shipment we make. */
export const MAX_CARTONS = 60;

export type SplitLine = { orderLineId: number; sku: string; quantity: number; split: string };
export type PlannedCarton = { position: number; lines: Array<{ orderLineId: number; quantity: number }> };

/** "12, 12" → [12, 12]; "" → [quantity] (all in carton 1); anything else that is not whole numbers → null. */
export function readSplit(text: string, quantity: number): number[] | null {
  const trimmed = text.trim();
  if (!trimmed) return [quantity];
  const parts = trimmed.split(/[\s,;]+/);
  if (parts.some((p) => !/^\d{1,6}$/.test(p))) return null;
  return parts.map(Number);
}

/**
 * The cartons the splits describe, or the first problem: each line's pieces must add up to what it
 * ordered, and every carton up to the last one named must hold something.
 */
export function planCartons(lines: SplitLine[]): { ok: true; cartons: PlannedCarton[] } | { ok: false; message: string } {
  if (!lines.length) return { ok: false, message: "The order has no lines to pack." };
  const splits: number[][] = [];
  for (const line of lines) {
    const split = readSplit(line.split, line.quantity);
    if (!split) return { ok: false, message: `${line.sku}: write the pieces in each carton as whole numbers, e.g. 12, 12.` };
    const total = split.reduce((n, q) => n + q, 0);
    if (total !== line.quantity)
      return {
        ok: false,
        message: `${line.sku}: the cartons hold ${total} ${total === 1 ? "piece" : "pieces"}; the order has ${line.quantity}.`,
      };
    splits.push(split);
  }
  const count = Math.max(...splits.map((s) => s.length));
  if (count > MAX_CARTONS) return { ok: false, message: `At most ${MAX_CARTONS} cartons per order.` };
  const cartons: PlannedCarton[] = [];
  for (let c = 0; c < count; c += 1) {
    const inside = lines.map((line, i) => ({ orderLineId: line.orderLineId, quantity: splits[i][c] ?? 0 })).filter((l) => l.quantity > 0);
    if (!inside.length) return { ok: false, message: `Carton ${c + 1} would be empty. Leave it out, or put something in it.` };
    cartons.push({ position: c + 1, lines: inside });
  }
  return { ok: true, cartons };
}

/** A carton's split back as the form shows it: each line's pieces per carton, "12, 12". */
export function splitText(quantities: number[]): string {
  let end = quantities.length;
  while (end > 1 && !quantities[end - 1]) end -= 1;
  return quantities.slice(0, end).map(String).join(", ");
}
