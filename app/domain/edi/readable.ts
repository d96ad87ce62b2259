/** X12 made readable for ops: each segment named, each element we know labelled. Pure. */
import type { Segment } from "./model";

const NAMES: Record<string, string> = {
  ISA: "Interchange header",
  IEA: "Interchange trailer",
  GS: "Group header",
  GE: "Group trailer",
  ST: "Transaction set header",
  SE: "Transaction set trailer",
  BEG: "Purchase order",
  BCH: "PO change",
  BAK: "PO acknowledgement",
  BSN: "Ship notice",
  BIG: "Invoice",
  BIA: "Inventory advice",
  CUR: "Currency",
  REF: "Reference",
  PER: "Contact",
  FOB: "Shipping terms",
  ITD: "Payment terms",
  DTM: "Date",
  TD1: "Packaging and weight",
  TD5: "Carrier",
  TD4: "Special handling",
  N1: "Party",
  N2: "Party name",
  N3: "Address",
  N4: "City, state, postcode",
  N9: "Reference",
  MSG: "Message",
  PO1: "Line item",
  POC: "Line change",
  PID: "Description",
  PO4: "Pack",
  ACK: "Line acknowledgement",
  CTT: "Totals",
  AMT: "Amount",
  HL: "Hierarchy level",
  PRF: "PO reference",
  MAN: "Marks (carton label)",
  LIN: "Item",
  SN1: "Item shipped",
  QTY: "Quantity",
  IT1: "Invoice line",
  TDS: "Invoice total",
  SAC: "Charge or allowance",
  AK1: "Group acknowledged",
  AK2: "Set acknowledged",
  AK3: "Segment in error",
  AK4: "Element in error",
  AK5: "Set verdict",
  AK9: "Group verdict",
};

const ELEMENTS: Record<string, string[]> = {
  BEG: ["purpose", "type", "PO number", "release", "date"],
  BCH: ["purpose", "type", "PO number", "release", "change number", "PO date"],
  BAK: ["purpose", "acknowledgement", "PO number", "PO date", "", "", "", "our order", "date"],
  DTM: ["qualifier", "date"],
  N1: ["role", "name", "id qualifier", "id"],
  PO1: ["line", "quantity", "unit", "unit price", "", "id qualifier", "id", "id qualifier", "id", "id qualifier", "id"],
  POC: ["line", "change", "quantity", "quantity left", "unit", "unit price", "", "id qualifier", "id", "id qualifier", "id"],
  ACK: ["status", "quantity", "unit", "date qualifier", "date"],
  CTT: ["line count"],
  AK1: ["functional id", "group control"],
  AK2: ["set type", "set control"],
  AK3: ["segment", "position", "loop", "error code"],
  AK4: ["element", "reference", "error code", "bad value"],
  AK5: ["verdict", "error code"],
  AK9: ["verdict", "sets sent", "sets received", "sets accepted", "error code"],
  BSN: ["purpose", "shipment id", "date", "time"],
  HL: ["id", "parent", "level"],
  MAN: ["qualifier", "SSCC-18"],
  TD5: ["routing", "", "", "", "carrier"],
  BIG: ["date", "invoice number", "PO date", "PO number"],
  IT1: ["line", "quantity", "unit", "unit price", "", "id qualifier", "id"],
  TDS: ["total (cents)"],
  SN1: ["line", "quantity", "unit"],
  LIN: ["line", "id qualifier", "id", "id qualifier", "id"],
  PRF: ["PO number"],
};

export const segmentName = (tag: string) => NAMES[tag] ?? tag;

export type ReadableSegment = { tag: string; name: string; fields: Array<{ label: string; value: string }> };

export function readable(segments: Segment[]): ReadableSegment[] {
  return segments.map((s) => ({
    tag: s.tag,
    name: segmentName(s.tag),
    fields: s.elements
      .map((value, i) => ({
        label: `${s.tag}${String(i + 1).padStart(2, "0")}${ELEMENTS[s.tag]?.[i] ? ` ${ELEMENTS[s.tag][i]}` : ""}`,
        value,
      }))
      .filter((f) => f.value !== ""),
  }));
}

/** Splits raw X12 into segments for display (the ISA tells the delimiters). */
export function splitRaw(raw: string): Segment[] {
  const text = raw.replace(/^\uFEFF/, "").trimStart();
  if (!text.startsWith("ISA") || text.length < 106) return [];
  const el = text[3];
  const term = text[105];
  return text
    .split(term)
    .map((s) => s.replace(/^[\r\n]+/, "").trim())
    .filter(Boolean)
    .map((s) => {
      const [tag, ...elements] = s.split(el);
      return { tag, elements };
    });
}
