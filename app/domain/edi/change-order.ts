/**
 * An 860 purchase order change read into what to change, and the 855 that answers it line by line.
 * Pure: changes.server.ts maps the item ids, applies the changes through the orders domain and hands
 * the outcomes back here.
 */
import { formatMoney } from "~/lib/money";
import type { Segment } from "./model";
import { decimalFromCents, centsFromDecimal, isoFromX12, x12FromIso, type ProductId } from "./po";

/** X12 670 change codes we act on. */
export type ChangeCode = "AI" | "CA" | "DI" | "QD" | "QI" | "PC" | "RQ";

export type PocLine = {
  /** POC01: the PO line (PO101 of the 850). */
  lineId: string;
  code: string;
  /** POC03: the line's quantity from now on (AI, CA, QD, QI, RQ). */
  quantity: number | null;
  uom: string;
  /** POC06 in cents, when sent. */
  unitPrice: number | null;
  ids: ProductId[];
};

export type ChangeOrder = {
  /** BCH01: 01 cancel, 04 change. */
  purpose: string;
  poNumber: string;
  /** BCH05: the partner's change sequence number (the same number twice is one change). */
  sequence: string;
  /** BCH06, CCYYMMDD. */
  poDate: string;
  /** A new ship window from the header's DTM (ISO dates), when sent. */
  shipNotBefore?: string;
  shipNoLater?: string;
  lines: PocLine[];
};

export function readChangeOrder(segments: Segment[]): ChangeOrder {
  const bch = segments.find((s) => s.tag === "BCH")?.elements ?? [];
  const out: ChangeOrder = { purpose: bch[0] ?? "", poNumber: bch[2] ?? "", sequence: bch[4] ?? "", poDate: bch[5] ?? "", lines: [] };
  let inLines = false;
  for (const s of segments) {
    const e = s.elements;
    if (s.tag === "POC") {
      inLines = true;
      const ids: ProductId[] = [];
      for (let i = 7; i + 1 < e.length; i += 2) if (e[i] && e[i + 1]) ids.push({ qualifier: e[i], value: e[i + 1] });
      out.lines.push({
        lineId: e[0] || String(out.lines.length + 1),
        code: e[1] ?? "",
        quantity: e[2] ? Number(e[2]) : null,
        uom: e[4] || "EA",
        unitPrice: e[5] ? centsFromDecimal(e[5]) : null,
        ids,
      });
    } else if (s.tag === "DTM" && !inLines && e[1]) {
      if (e[0] === "010" || e[0] === "037") out.shipNotBefore = isoFromX12(e[1]);
      if (e[0] === "038" || (e[0] === "001" && !out.shipNoLater)) out.shipNoLater = isoFromX12(e[1]);
    }
  }
  return out;
}

/** X12 668 for a line of a change: accepted, deleted, date or price changed by us, rejected. */
export type ChangeAck = "IA" | "ID" | "DR" | "IP" | "IR";

export type ChangeOutcome = {
  lineId: string;
  status: ChangeAck;
  /** The line's quantity now (0 once deleted; as before when rejected). */
  quantity: number;
  uom: string;
  /** Our price for the line, in cents (null when the item is not ours). */
  unitPrice: number | null;
  ids: ProductId[];
  /** ISO date the line ships (null when rejected or deleted). */
  shipDate: string | null;
  /** Why a line was rejected or changed, for the partner (REF*L1) and for ops. */
  reason?: string;
};

/** Each line's code: rejected, deleted as asked, or accepted — changed when we ship later or price it our way. */
export function changeAck(o: {
  rejected: boolean;
  deleted: boolean;
  requested?: string;
  shipDate: string | null;
  poPrice: number | null;
  ourPrice: number | null;
}): ChangeAck {
  if (o.rejected) return "IR";
  if (o.deleted) return "ID";
  if (o.poPrice !== null && o.ourPrice !== null && o.poPrice !== o.ourPrice) return "IP";
  if (o.requested && o.shipDate && o.shipDate > o.requested) return "DR";
  return "IA";
}

/** REF03 is at most 80 characters. */
const note = (s: string) => s.replace(/[~*>^|\n\r]/g, " ").slice(0, 80);

/**
 * The 855 segments answering an 860 (BAK01 04): BAK (AD every line as asked, RJ none, AC otherwise),
 * the new ship window when one was asked for, then per changed line its PO1 (the quantity it has
 * now), a REF*L1 with the reason when rejected or changed, and its ACK (with the 068 ship date); CTT.
 */
export function ack860Segments(
  change: ChangeOrder,
  outcomes: ChangeOutcome[],
  o: { today: string; orderNumber: string; window?: { start?: string; end?: string }; windowRefused?: string },
): Segment[] {
  const asked = outcomes.every((x) => x.status === "IA" || x.status === "ID") && !o.windowRefused;
  const anyTaken = outcomes.some((x) => x.status !== "IR") || (Boolean(o.window) && !o.windowRefused);
  const bak = !anyTaken ? "RJ" : asked ? "AD" : "AC";
  const out: Segment[] = [
    { tag: "BAK", elements: ["04", bak, change.poNumber, change.poDate, "", "", "", o.orderNumber, x12FromIso(o.today)] },
  ];
  if (o.windowRefused) out.push({ tag: "REF", elements: ["L1", "DATES", note(o.windowRefused)] });
  else if (o.window?.start) out.push({ tag: "DTM", elements: ["010", x12FromIso(o.window.start)] });
  if (!o.windowRefused && o.window?.end) out.push({ tag: "DTM", elements: ["001", x12FromIso(o.window.end)] });
  for (const x of outcomes) {
    const ids = x.ids.flatMap((id) => [id.qualifier, id.value]);
    out.push({
      tag: "PO1",
      elements: [
        x.lineId,
        String(x.quantity),
        x.uom,
        x.unitPrice !== null ? decimalFromCents(x.unitPrice) : "",
        x.unitPrice !== null ? "PE" : "",
        ...ids,
      ],
    });
    if (x.reason && x.status !== "IA" && x.status !== "ID") out.push({ tag: "REF", elements: ["L1", x.status, note(x.reason)] });
    out.push({
      tag: "ACK",
      elements:
        x.status === "IR" || x.status === "ID" || !x.shipDate
          ? [x.status, String(x.quantity), x.uom]
          : [x.status, String(x.quantity), x.uom, "068", x12FromIso(x.shipDate)],
    });
  }
  out.push({ tag: "CTT", elements: [String(outcomes.length)] });
  return out;
}

/** One quantity change of an 860 as planned: the line's quantity before and after, at our price (cents). */
export type PlannedQuantity = { key: string; before: number; after: number; unitPrice: number };

export type ChangeTermsInput = {
  lines: PlannedQuantity[];
  /** The goods on the order that the change leaves alone (cents). */
  untouched: number;
  /** The order's total now, and the total a subtotal makes with the partner's allowance and freight. */
  orderTotal: number;
  totalOf: (subtotal: number) => number;
  /** What the retailer owes on terms now (this order included) and its limit. */
  outstanding: number;
  creditLimit: number;
  /** The order minimum the order was placed under, or null (drop-ship). */
  minimum: { amount: number; kind: "opening" | "reorder" } | null;
  currency: string;
};

/**
 * Which quantity changes of an 860 the retailer's terms refuse, with the reason for each (the 855's
 * IR and REF*L1). Raising lines are refused together when the order as changed would take the
 * retailer past its credit limit; lowering lines together when it would fall under the order's
 * minimum; then the rest is judged again (what is left alone may break the other rule), so what is
 * applied always keeps both. Nothing of a refused line is applied: it stays as it was.
 */
export function termsRefusals(t: ChangeTermsInput): Map<string, string> {
  const refused = new Map<string, string>();
  const money = (amount: number) => formatMoney({ amount, currency: t.currency });
  const subtotal = () => t.untouched + t.lines.reduce((n, l) => n + (refused.has(l.key) ? l.before : l.after) * l.unitPrice, 0);
  for (let pass = 0; pass < 3; pass += 1) {
    const before = refused.size;
    const sub = subtotal();
    const over = t.outstanding + (t.totalOf(sub) - t.orderTotal) - t.creditLimit;
    const raising = t.lines.filter((l) => !refused.has(l.key) && l.after > l.before);
    if (over > 0 && raising.length && t.totalOf(sub) > t.orderTotal)
      for (const l of raising)
        refused.set(l.key, `Over your ${money(t.creditLimit)} credit limit by ${money(over)}; the line stays as it was.`);
    const lowering = t.lines.filter((l) => !refused.has(l.key) && l.after < l.before);
    const now = subtotal();
    // An order emptied altogether is the order rules' to refuse (the last line: cancel the PO instead).
    if (t.minimum && now > 0 && now < t.minimum.amount && lowering.length)
      for (const l of lowering)
        refused.set(l.key, `Leaves the order ${money(now)}, under the ${money(t.minimum.amount)} ${t.minimum.kind} minimum; unchanged.`);
    if (refused.size === before) break;
  }
  return refused;
}
