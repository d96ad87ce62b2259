/**
 * An 850 purchase order read into what we order by, and the 855 that answers it. Pure: the caller
 * maps item ids and ship-to codes and prices the lines.
 */
import type { Segment } from "./model";

export type ProductId = { qualifier: string; value: string };
export type PoLine = {
  /** PO101, or the line's position when the partner leaves it empty. */
  lineId: string;
  quantity: number;
  uom: string;
  /** PO104 in minor units (cents), when sent. */
  unitPrice: number | null;
  ids: ProductId[];
  /** The PO1 as received, echoed in the 855. */
  segment: Segment;
};
export type PoAddress = {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
};
export type PurchaseOrder = {
  purpose: string;
  /** BEG02: SA stand-alone, DS drop-ship, … */
  orderType: string;
  poNumber: string;
  /** CCYYMMDD */
  poDate: string;
  /** ISO dates. */
  shipNotBefore?: string;
  shipNoLater?: string;
  shipTo: { code?: string; address?: PoAddress };
  lines: PoLine[];
  /** CUR02, upper case, when the PO names the currency its prices are in (none: the partner's own). */
  currency?: string;
};

/**
 * The CUR segment that names the currency of a document's amounts (CUR01 SE: the selling party's),
 * sent only when it is not US dollars: US partners expect none (docs/decisions/0025).
 */
export function currencySegments(currency: string | undefined): Segment[] {
  return currency && currency !== "USD" ? [{ tag: "CUR", elements: ["SE", currency] }] : [];
}

export const isoFromX12 = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
export const x12FromIso = (d: string) => d.replaceAll("-", "").slice(0, 8);

/** "45.00" → 4500; "45" → 4500; "45.5" → 4550; more than two decimals are rounded half up. */
export function centsFromDecimal(s: string): number | null {
  const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(s.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const whole = Number(m[2] || "0");
  const frac = (m[3] ?? "").padEnd(3, "0");
  const cents = whole * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return m[1] ? -cents : cents;
}

export const decimalFromCents = (cents: number) => `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;

/** The PO out of a set that passed validate.ts (so BEG, PO1 quantities and dates are well formed). */
export function readPurchaseOrder(segments: Segment[]): PurchaseOrder {
  const beg = segments.find((s) => s.tag === "BEG")?.elements ?? [];
  const po: PurchaseOrder = {
    purpose: beg[0] ?? "",
    orderType: beg[1] ?? "",
    poNumber: beg[2] ?? "",
    poDate: beg[4] ?? "",
    shipTo: {},
    lines: [],
  };
  let inShipTo = false;
  let address: Partial<PoAddress> = {};
  for (const s of segments) {
    const e = s.elements;
    if (s.tag === "CUR" && e[1]) {
      po.currency = e[1].toUpperCase();
    } else if (s.tag === "DTM" && e[1]) {
      // 010 requested ship, 037 ship not before; 038 ship no later, 001 cancel after.
      if (e[0] === "010" || e[0] === "037") po.shipNotBefore = isoFromX12(e[1]);
      if (e[0] === "038" || (e[0] === "001" && !po.shipNoLater)) po.shipNoLater = isoFromX12(e[1]);
    } else if (s.tag === "N1") {
      inShipTo = e[0] === "ST";
      if (inShipTo) {
        if (e[2] && e[3]) po.shipTo.code = e[3];
        address = { name: e[1] ?? "" };
      }
    } else if (s.tag === "N3" && inShipTo) {
      address.line1 = e[0];
      if (e[1]) address.line2 = e[1];
    } else if (s.tag === "N4" && inShipTo) {
      address.city = e[0];
      address.region = e[1] || undefined;
      address.postalCode = e[2] || undefined;
      address.country = e[3] || "US";
    } else if (s.tag === "PO1") {
      inShipTo = false;
      const ids: ProductId[] = [];
      for (let i = 5; i + 1 < e.length; i += 2) if (e[i] && e[i + 1]) ids.push({ qualifier: e[i], value: e[i + 1] });
      po.lines.push({
        lineId: e[0] || String(po.lines.length + 1),
        quantity: Number(e[1]),
        uom: e[2] ?? "EA",
        unitPrice: e[3] ? centsFromDecimal(e[3]) : null,
        ids,
        segment: s,
      });
    }
    if (inShipTo && address.line1 && address.city) po.shipTo.address = address as PoAddress;
  }
  return po;
}

/** X12 668: what became of one line. */
export type LineAck = "IA" | "IR" | "DR" | "IQ" | "IP";
export type LineOutcome = {
  line: PoLine;
  status: LineAck;
  quantity: number;
  unitPrice: number | null;
  shipDate: string | null;
  reason?: string;
};

/** Each line's X12 status: rejected, or accepted with the date and price we can keep. */
export function lineStatus(o: {
  rejected: boolean;
  requested?: string;
  shipDate: string | null;
  poPrice: number | null;
  ourPrice: number;
}): LineAck {
  if (o.rejected) return "IR";
  if (o.poPrice !== null && o.poPrice !== o.ourPrice) return "IP";
  if (o.requested && o.shipDate && o.shipDate > o.requested) return "DR";
  return "IA";
}

/** The 855's segments (between ST and SE): BAK, each line with its ACK, CTT. */
export function ack855Segments(
  po: PurchaseOrder,
  outcomes: LineOutcome[],
  o: { today: string; orderNumber?: string; rejected?: boolean; currency?: string },
): Segment[] {
  const changed = outcomes.some((x) => x.status !== "IA");
  const bak = o.rejected ? "RJ" : changed ? "AC" : "AD";
  const out: Segment[] = [
    { tag: "BAK", elements: ["00", bak, po.poNumber, po.poDate, "", "", "", o.orderNumber ?? "", x12FromIso(o.today)] },
    // The prices the 855 states (IP lines) are in the retailer's currency.
    ...currencySegments(o.currency),
  ];
  for (const x of outcomes) {
    const e = [...x.line.segment.elements];
    if (x.status === "IP" && x.unitPrice !== null) e[3] = decimalFromCents(x.unitPrice);
    out.push({ tag: "PO1", elements: e });
    const status = o.rejected ? "IR" : x.status;
    out.push({
      tag: "ACK",
      // 068: current schedule ship date (none when no artisan can promise one yet).
      elements:
        status === "IR" || !x.shipDate
          ? [status, String(x.quantity), x.line.uom]
          : [status, String(x.quantity), x.line.uom, "068", x12FromIso(x.shipDate)],
    });
  }
  out.push({ tag: "CTT", elements: [String(outcomes.length)] });
  return out;
}
