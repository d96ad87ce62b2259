/**
 * The 856 advance ship notice and the 810 invoice, as segments between ST and SE (x12.server.ts
 * writes the envelopes and counts). Pure: asn.server.ts and invoice.server.ts gather what they say.
 *
 * 856 hierarchy (HL01 id, HL02 parent, HL03 level): one shipment (S) → the order (O) → each carton
 * (P, with its SSCC-18 in MAN*GM) → each item in the carton (I, LIN with the partner's item numbers
 * and SN1 with the quantity shipped). CTT01 counts the HL segments.
 */
import { carrierScac } from "~/domain/orders";
import type { Segment } from "./model";
import { currencySegments, decimalFromCents, type PoAddress, type ProductId } from "./po";

export type Party = { name: string; code?: string; address?: PoAddress };

export type ShipNoticeItem = { lineId: string; ids: ProductId[]; quantity: number; uom: string };
export type ShipNotice = {
  /** BSN02: our shipment's id. */
  shipmentId: string;
  /** ISO date and HHMM (UTC) the carrier took it. */
  shipDate: string;
  shipTime: string;
  carrier: string;
  trackingNumber: string;
  shipFrom: Party;
  shipTo: Party;
  poNumber: string;
  /** CCYYMMDD, as the 850 said. */
  poDate: string;
  /** Each carton with its SSCC-18, what is in it, and its gross weight in grams (cartonWeight). */
  cartons: Array<{ sscc: string; items: ShipNoticeItem[]; weightGrams: number }>;
};

/** An empty shipping carton with its fill, grams: added once per carton to its pieces' weights. */
export const CARTON_TARE_GRAMS = 300;

/** A carton's gross weight: the carton itself and each piece in it as packed (grams). */
export function cartonWeight(items: Array<{ quantity: number; weightGrams: number }>): number {
  return CARTON_TARE_GRAMS + items.reduce((n, i) => n + i.quantity * i.weightGrams, 0);
}

/** Grams as the TD1/TD107 kilograms X12 expects (a decimal, two places, never 0 for a real carton). */
export const kilograms = (grams: number) => (Math.ceil(grams / 10) / 100).toFixed(2);

const x12Date = (iso: string) => iso.replaceAll("-", "").slice(0, 8);
/** X12 text elements carry no delimiters; ours never hold them, a partner's name might. */
export const x12Text = (s: string, max = 60) =>
  s
    .replace(/[*~>^|:\r\n]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);

/** N1 (with the partner's code, qualifier 92, when it has one) and the address's N3/N4 when there is one. */
export function partySegments(qualifier: string, party: Party): Segment[] {
  const out: Segment[] = [
    { tag: "N1", elements: party.code ? [qualifier, x12Text(party.name), "92", party.code] : [qualifier, x12Text(party.name)] },
  ];
  const a = party.address;
  if (a) {
    out.push({ tag: "N3", elements: a.line2 ? [x12Text(a.line1, 55), x12Text(a.line2, 55)] : [x12Text(a.line1, 55)] });
    out.push({ tag: "N4", elements: [x12Text(a.city, 30), a.region ?? "", a.postalCode ?? "", a.country] });
  }
  return out;
}

/** LIN/IT1 product ids: qualifier, value pairs flattened. */
const idElements = (ids: ProductId[]) => ids.flatMap((id) => [id.qualifier, id.value]);

export function shipNoticeSegments(n: ShipNotice): Segment[] {
  const out: Segment[] = [{ tag: "BSN", elements: ["00", n.shipmentId, x12Date(n.shipDate), n.shipTime, "0001"] }];
  let hl = 0;
  const level = (parent: number | null, code: string) => {
    hl += 1;
    out.push({ tag: "HL", elements: [String(hl), parent === null ? "" : String(parent), code] });
    return hl;
  };
  const shipment = level(null, "S");
  const scac = carrierScac(n.carrier);
  out.push(
    // Packaging, lading quantity (cartons), then G(ross) weight and its unit, KG (TD106–TD108).
    {
      tag: "TD1",
      elements: ["CTN25", String(n.cartons.length), "", "", "", "G", kilograms(n.cartons.reduce((g, c) => g + c.weightGrams, 0)), "KG"],
    },
    { tag: "TD5", elements: ["O", scac ? "2" : "", scac, "U", x12Text(n.carrier, 35)] },
    { tag: "REF", elements: ["BM", n.trackingNumber] },
    { tag: "REF", elements: ["CN", n.trackingNumber] },
    { tag: "DTM", elements: ["011", x12Date(n.shipDate)] },
    ...partySegments("SF", n.shipFrom),
    ...partySegments("ST", n.shipTo),
  );
  const order = level(shipment, "O");
  out.push({ tag: "PRF", elements: [n.poNumber, "", "", n.poDate] });
  for (const carton of n.cartons) {
    const pack = level(order, "P");
    out.push(
      { tag: "TD1", elements: ["CTN25", "1", "", "", "", "G", kilograms(carton.weightGrams), "KG"] },
      { tag: "MAN", elements: ["GM", carton.sscc] },
    );
    for (const item of carton.items) {
      level(pack, "I");
      out.push(
        { tag: "LIN", elements: [item.lineId, ...idElements(item.ids)] },
        { tag: "SN1", elements: ["", String(item.quantity), item.uom] },
      );
    }
  }
  out.push({ tag: "CTT", elements: [String(hl)] });
  return out;
}

export type InvoiceLine = { lineId: string; ids: ProductId[]; quantity: number; uom: string; unitPrice: number };
export type Invoice810 = {
  invoiceNumber: string;
  /** ISO dates. */
  invoiceDate: string;
  shipDate: string;
  poNumber: string;
  /** CCYYMMDD, as the 850 said. */
  poDate: string;
  /** Net days (30, 60). */
  netDays: number;
  remitTo: Party;
  billTo: Party;
  shipTo: Party;
  lines: InvoiceLine[];
  /** The partner's agreed allowance on the goods (the order's discount): SAC*A, with its percent in basis points. */
  allowance?: { amount: number; bps: number };
  /** Freight the partner pays (the order's shipping): SAC*C. */
  freight?: number;
  /** The invoice's total in cents: TDS01 (two implied decimals) = the lines − the allowance + the freight. */
  total: number;
  /** The invoice's currency (the retailer's): a CUR segment after BIG when it is not USD. */
  currency?: string;
};

/** 250 basis points → "2.5" (SAC07, a percent). */
const percent = (bps: number) => String(bps / 100);

/** BIG, REF, N1 remit-to / bill-to / ship-to, ITD terms, DTM shipped, IT1 per line, TDS total, CTT. */
export function invoiceSegments(i: Invoice810): Segment[] {
  return [
    { tag: "BIG", elements: [x12Date(i.invoiceDate), i.invoiceNumber, i.poDate, i.poNumber] },
    ...currencySegments(i.currency),
    ...partySegments("RE", i.remitTo),
    ...partySegments("BT", i.billTo),
    ...partySegments("ST", i.shipTo),
    // 05: discount not applicable; 3: from the invoice date; ITD07 the net days.
    { tag: "ITD", elements: ["05", "3", "", "", "", "", String(i.netDays)] },
    { tag: "DTM", elements: ["011", x12Date(i.shipDate)] },
    ...i.lines.map(
      (l): Segment => ({
        tag: "IT1",
        elements: [l.lineId, String(l.quantity), l.uom, decimalFromCents(l.unitPrice), "", ...idElements(l.ids)],
      }),
    ),
    { tag: "TDS", elements: [String(i.total)] },
    // SAC01 A(llowance)/C(harge), SAC02 the X12 1300 code (C310 discount, D240 freight), SAC05 the
    // amount in cents (two implied decimals, as TDS); the allowance says its percent of the goods
    // (SAC06 3, SAC07); SAC12 02 off invoice, 06 charged to the customer; SAC15 the words.
    ...(i.allowance && i.allowance.amount > 0
      ? [
          {
            tag: "SAC",
            elements: [
              "A",
              "C310",
              "",
              "",
              String(i.allowance.amount),
              "3",
              percent(i.allowance.bps),
              "",
              "",
              "",
              "",
              "02",
              "",
              "",
              "Vendor allowance",
            ],
          },
        ]
      : []),
    ...(i.freight && i.freight > 0
      ? [{ tag: "SAC", elements: ["C", "D240", "", "", String(i.freight), "", "", "", "", "", "", "06", "", "", "Freight"] }]
      : []),
    { tag: "CTT", elements: [String(i.lines.length)] },
  ];
}

/**
 * A drop-ship PO: BEG02 DS, or a ship-to that is an address and no distribution centre code (a
 * consumer's door). It ships from the hub straight there, in the retailer's name.
 */
export const isDropShip = (po: { orderType: string; shipTo: { code?: string; address?: PoAddress } }) =>
  po.orderType === "DS" || (!po.shipTo.code && Boolean(po.shipTo.address));

/** Where EDI shipments leave from (N1*SF). */
export const SHIP_FROM: Party = {
  name: "Soko Nairobi Hub",
  address: { name: "Soko Nairobi Hub", line1: "Baba Dogo Road, Ruaraka", city: "Nairobi", postalCode: "00618", country: "KE" },
};

/** Who the retailer pays (N1*RE on the 810). */
export const REMIT_TO: Party = {
  name: "Soko Virtual Factory Inc.",
  address: {
    name: "Soko Virtual Factory Inc.",
    line1: "548 Market St",
    city: "San Francisco",
    region: "CA",
    postalCode: "94104",
    country: "US",
  },
};
