/**
 * The GS1-128 carton labels the hub prints for an EDI order (4 × 6 in, one page per carton): ship
 * from, ship to (the retailer's DC, or the consumer for drop-ship), carrier and tracking once known,
 * the retailer's PO, "carton n of m", and the SSCC-18 as a GS1-128 barcode with AI (00) and its
 * human-readable line beneath.
 */
import { desc, eq } from "drizzle-orm";
import { barcodePng, COLORS, createPdf, pdfResponse, pdfText, type Pdf } from "~/lib/pdf.server";
import { db, schema } from "~/lib/db.server";
import { cartonsOf, ediOrderOf } from "./cartons.server";
import { shipToParty } from "./asn.server";
import { SHIP_FROM, type Party } from "./ship-notice";
import { ssccHumanReadable } from "./sscc";

const { orders, shipments } = schema;

export type CartonLabel = {
  orderNumber: string;
  poNumber: string;
  shipFrom: Party;
  shipTo: Party;
  carrier: string | null;
  trackingNumber: string | null;
  sscc: string;
  position: number;
  of: number;
  units: number;
};

/** The order's labels, one per carton; null when it did not come by EDI or has no cartons yet. */
export async function cartonLabels(number: string): Promise<CartonLabel[] | null> {
  const [order] = await db.select().from(orders).where(eq(orders.number, number));
  if (!order) return null;
  const edi = await ediOrderOf(db, order.id);
  if (!edi) return null;
  const [boxes, [shipment]] = await Promise.all([
    cartonsOf(db, order.id),
    db.select().from(shipments).where(eq(shipments.orderId, order.id)).orderBy(desc(shipments.id)).limit(1),
  ]);
  if (!boxes.length) return null;
  const shipTo = shipToParty(edi);
  return boxes.map((b) => ({
    orderNumber: order.number,
    poNumber: edi.po.poNumber,
    // A drop-ship carton comes from the retailer (the hub's address for anything sent back).
    shipFrom: edi.dropShip ? { ...SHIP_FROM, name: edi.partner.name } : SHIP_FROM,
    shipTo,
    carrier: shipment?.carrier ?? null,
    trackingNumber: shipment?.trackingNumber ?? null,
    sscc: b.sscc,
    position: b.position,
    of: boxes.length,
    units: b.lines.reduce((n, l) => n + l.quantity, 0),
  }));
}

const partyLines = (p: Party) => {
  const a = p.address;
  if (!a) return [p.name, p.code ? `DC ${p.code}` : ""].filter(Boolean);
  return [p.name, a.line1, a.line2 ?? "", [a.city, a.region, a.postalCode].filter(Boolean).join(", "), a.country].filter(Boolean);
};

async function drawLabels(doc: Pdf, labels: CartonLabel[]) {
  const barcodes = await Promise.all(labels.map((l) => barcodePng("gs1-128", `(00)${l.sscc}`, { height: 22, scale: 3 })));
  const m = 14;
  labels.forEach((label, i) => {
    if (i > 0) doc.addPage();
    const width = doc.page.width - m * 2;
    const half = width / 2 - 4;
    const line = (y: number) =>
      doc
        .save()
        .moveTo(m, y)
        .lineTo(doc.page.width - m, y)
        .lineWidth(1)
        .stroke(COLORS.ink)
        .restore();
    doc.font("Helvetica-Bold").fontSize(7).fillColor(COLORS.ink).text("FROM", m, m);
    doc.font("Helvetica").fontSize(8);
    for (const l of partyLines(label.shipFrom)) doc.text(pdfText(l), m, doc.y, { width: half });
    doc
      .font("Helvetica-Bold")
      .fontSize(7)
      .text("TO", m + half + 8, m);
    doc.font("Helvetica-Bold").fontSize(10);
    for (const l of partyLines(label.shipTo)) doc.text(pdfText(l), m + half + 8, doc.y, { width: half });
    line(96);
    doc.font("Helvetica-Bold").fontSize(7).text("CARRIER", m, 102);
    doc
      .font("Helvetica")
      .fontSize(10)
      .text(pdfText(label.carrier ?? "—"), m, 112, { width: half });
    doc
      .font("Helvetica-Bold")
      .fontSize(7)
      .text("TRACKING / PRO", m + half + 8, 102);
    doc
      .font("Helvetica")
      .fontSize(10)
      .text(pdfText(label.trackingNumber ?? "—"), m + half + 8, 112, { width: half });
    line(134);
    doc.font("Helvetica-Bold").fontSize(7).text("PURCHASE ORDER", m, 140);
    doc.font("Helvetica-Bold").fontSize(18).text(pdfText(label.poNumber), m, 150, { width });
    doc
      .font("Helvetica")
      .fontSize(9)
      .text(pdfText(`Order ${label.orderNumber}`), m, 172, { width: half });
    doc
      .font("Helvetica-Bold")
      .fontSize(12)
      .text(`CARTON ${label.position} OF ${label.of}`, m + half + 8, 150, { width: half, align: "right" });
    doc
      .font("Helvetica")
      .fontSize(9)
      .text(`${label.units} ${label.units === 1 ? "piece" : "pieces"}`, m + half + 8, 168, { width: half, align: "right" });
    line(190);
    doc.font("Helvetica-Bold").fontSize(7).text("SSCC", m, 198);
    doc.image(barcodes[i], m + 6, 214, { width: width - 12, height: 150 });
    doc.font("Helvetica-Bold").fontSize(13).text(ssccHumanReadable(label.sscc), m, 372, { width, align: "center" });
  });
}

export function cartonLabelsResponse(labels: CartonLabel[]): Response {
  const doc = createPdf({ title: `Carton labels ${labels[0].orderNumber}`, size: [288, 432], margin: 14 });
  return pdfResponse(doc, (d) => drawLabels(d, labels), `cartons-${labels[0].orderNumber}.pdf`);
}
