/** The packing list that travels with a shipped wholesale order: lines and quantities, PO, ship-to, carrier, tracking. */
import type { PackingListDocument } from "~/domain/wholesale/tracking.server";
import {
  addressBlock,
  COLORS,
  contentWidth,
  createPdf,
  ensureSpace,
  letterhead,
  longDate,
  MARGIN,
  pdfText,
  table,
  type Pdf,
} from "./document.server";

export function packingListPdf(list: PackingListDocument, options: { compress?: boolean } = {}) {
  return createPdf({
    title: `Packing list ${list.orderNumber}`,
    subject: `Packing list for PO ${list.poNumber}`,
    compress: options.compress,
  });
}

export function drawPackingList(doc: Pdf, list: PackingListDocument) {
  letterhead(doc, "Packing list", [
    ["Order", list.orderNumber],
    ["PO", list.poNumber],
    ["Shipped", longDate(list.shippedAt, list.locale)],
    ["Carrier", list.carrier],
    ["Tracking", list.trackingNumber],
  ]);
  const width = contentWidth(doc);
  const top = doc.y;
  const left = addressBlock(doc, "Ship to", list.shipTo, MARGIN, top, width / 2 - 10);
  const right = addressBlock(
    doc,
    "Shipment",
    [
      `${list.carrier}, tracking ${list.trackingNumber}`,
      `Order placed ${longDate(list.placedAt, list.locale)}`,
      `${list.units} ${list.units === 1 ? "unit" : "units"} in all`,
    ],
    MARGIN + width / 2,
    top,
    width / 2,
  );
  doc.y = Math.max(left, right) + 18;
  doc.x = MARGIN;
  table(
    doc,
    [
      { label: "SKU", width: 0.22 },
      { label: "Item", width: 0.5 },
      { label: "Qty shipped", width: 0.14, align: "right" },
      { label: "Checked", width: 0.14, align: "center" },
    ],
    list.lines.map((l) => [l.sku, l.title, String(l.quantity), "[   ]"]),
    { fontSize: 10 },
  );
  ensureSpace(doc, 60);
  doc.moveDown(1);
  doc
    .font("Helvetica-Bold")
    .fontSize(10)
    .fillColor(COLORS.ink)
    .text(pdfText(`Total units: ${list.units}`), MARGIN);
  doc.moveDown(0.5);
  doc
    .font("Helvetica")
    .fontSize(8)
    .fillColor(COLORS.soft)
    .text(
      pdfText(
        `Please count the cartons against this list on arrival and tell us of any difference within 7 days, quoting ${list.orderNumber} and PO ${list.poNumber}: wholesale@soko.test.`,
      ),
      MARGIN,
      doc.y,
      { width },
    );
}
