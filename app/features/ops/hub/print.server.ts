/**
 * What the hub prints for an order it packs: a packing slip for the box (what is in it, who made
 * it, how it ships) and a 4 × 6 in shipping label (to, from, order number and method, big enough to
 * read across the room). Drawn with the shared PDF kit (~/lib/pdf.server), streamed.
 */
import type { DropShipBrand } from "~/domain/edi/index.server";
import type { PackingOrder } from "~/domain/hub/index.server";
import { ORDER_CHANNEL_WORDS } from "./labels";
import {
  addressBlock,
  COLORS,
  contentWidth,
  createPdf,
  letterhead,
  longDate,
  MARGIN,
  pdfResponse,
  pdfText,
  table,
  type Pdf,
} from "~/lib/pdf.server";

/** `brand`: a drop-ship order's retailer, whose name (not Soko's) the slip and label carry. */
export function packingSlipResponse(order: PackingOrder, brand: DropShipBrand | null = null): Response {
  if (brand) {
    const doc = createPdf({ title: `Packing slip ${brand.poNumber}`, subject: `Your ${brand.retailerName} order` });
    return pdfResponse(doc, (d) => drawDropShipSlip(d, order, brand), `packing-slip-${order.number}.pdf`);
  }
  const doc = createPdf({ title: `Packing slip ${order.number}`, subject: `What is in the box for ${order.number}` });
  return pdfResponse(doc, (d) => drawPackingSlip(d, order), `packing-slip-${order.number}.pdf`);
}

/** `returnAddress`: the hub's, from its location record (hubReturnAddress). */
export function shippingLabelResponse(order: PackingOrder, returnAddress: readonly string[], brand: DropShipBrand | null = null): Response {
  const doc = createPdf({ title: `Shipping label ${order.number}`, size: [288, 432], margin: 18 });
  return pdfResponse(doc, (d) => drawShippingLabel(d, order, returnAddress, brand), `label-${order.number}.pdf`);
}

/**
 * A drop-ship order's slip, in the retailer's name: its name at the top, its PO as the order number,
 * what is in the box, and its own words at the foot — no Soko wordmark, no prices, no makers' names.
 */
export function drawDropShipSlip(doc: Pdf, order: PackingOrder, brand: DropShipBrand) {
  const width = contentWidth(doc);
  doc
    .font("Helvetica-Bold")
    .fontSize(22)
    .fillColor(COLORS.ink)
    .text(pdfText(brand.retailerName), MARGIN, MARGIN, { width: width - 200 });
  doc
    .font("Helvetica-Bold")
    .fontSize(18)
    .text("Packing slip", MARGIN + width - 200, MARGIN, { width: 200, align: "right" });
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor(COLORS.soft)
    .text(pdfText(`Order ${brand.poNumber}`), MARGIN + width - 200, MARGIN + 26, { width: 200, align: "right" })
    .text(pdfText(`Shipped ${longDate(new Date())}`), MARGIN + width - 200, doc.y, { width: 200, align: "right" });
  const top = Math.max(doc.y, MARGIN + 60) + 16;
  doc
    .save()
    .moveTo(MARGIN, top - 8)
    .lineTo(MARGIN + width, top - 8)
    .lineWidth(0.75)
    .strokeColor(COLORS.line)
    .stroke()
    .restore();
  const units = order.lines.reduce((sum, l) => sum + l.quantity, 0);
  const left = addressBlock(
    doc,
    "Ship to",
    order.address.length ? order.address : ["No address on the order"],
    MARGIN,
    top,
    width / 2 - 10,
  );
  const right = addressBlock(doc, "In this box", [`${units} ${units === 1 ? "item" : "items"}`], MARGIN + width / 2, top, width / 2);
  doc.y = Math.max(left, right) + 18;
  doc.x = MARGIN;
  table(
    doc,
    [
      { label: "Item", width: 0.62 },
      { label: "Style", width: 0.2 },
      { label: "Qty", width: 0.18, align: "right" },
    ],
    order.lines.map((l) => [l.title, l.sku, String(l.quantity)]),
    { fontSize: 10 },
  );
  if (brand.slipText) {
    doc.moveDown(1.5);
    doc.font("Helvetica").fontSize(10).fillColor(COLORS.ink).text(pdfText(brand.slipText), MARGIN, doc.y, { width });
  }
}

export function drawPackingSlip(doc: Pdf, order: PackingOrder) {
  const units = order.lines.reduce((sum, l) => sum + l.quantity, 0);
  // The shopper opens this: the shop's retail address, not the wholesale one on invoices.
  letterhead(
    doc,
    "Packing slip",
    [
      ["Order", order.number],
      ["Placed", longDate(order.placedAt)],
      ["Shipping", order.shippingMethod ?? "Not chosen"],
      ["Channel", ORDER_CHANNEL_WORDS[order.channel] ?? order.channel],
    ],
    "retail",
  );
  const width = contentWidth(doc);
  const top = doc.y;
  const left = addressBlock(
    doc,
    "Ship to",
    order.address.length ? order.address : ["No address on the order"],
    MARGIN,
    top,
    width / 2 - 10,
  );
  const right = addressBlock(
    doc,
    "In this box",
    [
      `${units} ${units === 1 ? "piece" : "pieces"}, ${order.lines.length} ${order.lines.length === 1 ? "line" : "lines"}`,
      `Ships ${order.shippingMethod ?? "by the method on the order"}`,
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
      { label: "SKU", width: 0.2 },
      { label: "Item", width: 0.38 },
      { label: "Made by", width: 0.22 },
      { label: "Qty", width: 0.08, align: "right" },
      { label: "Packed", width: 0.12, align: "center" },
    ],
    order.lines.map((l) => [l.sku, l.title, l.makers.join(", ") || "From stock", String(l.quantity), "[   ]"]),
    { fontSize: 10 },
  );
  doc.moveDown(1);
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor(COLORS.soft)
    .text(
      pdfText(
        "Every piece was made by hand by an independent artisan in Kenya and checked at our Nairobi hub. Questions or something not right? Write to hello@soko.test with your order number.",
      ),
      MARGIN,
      doc.y,
      { width },
    );
}

export function drawShippingLabel(doc: Pdf, order: PackingOrder, returnAddress: readonly string[], brand: DropShipBrand | null = null) {
  const margin = 18;
  const width = doc.page.width - margin * 2;
  doc.font("Helvetica-Bold").fontSize(7).fillColor(COLORS.soft).text("FROM", margin, margin);
  doc.font("Helvetica").fontSize(8).fillColor(COLORS.ink);
  // A drop-ship parcel comes from the retailer (the hub's address for returns).
  const from = brand ? [brand.retailerName, ...returnAddress.slice(1, 4)] : returnAddress;
  for (const line of from) doc.text(pdfText(line), margin, doc.y, { width });
  const method = (order.shippingMethod ?? "Standard").toUpperCase();
  // The method in a box at the top right: an express parcel must not go out with the standard ones.
  doc
    .save()
    .rect(doc.page.width - margin - 110, margin, 110, 34)
    .lineWidth(order.express ? 3 : 1)
    .stroke(COLORS.ink)
    .restore();
  doc
    .font("Helvetica-Bold")
    .fontSize(order.express ? 16 : 12)
    .fillColor(COLORS.ink)
    .text(pdfText(method), doc.page.width - margin - 110, margin + (order.express ? 9 : 11), { width: 110, align: "center" });

  const top = 112;
  doc
    .save()
    .moveTo(margin, top - 10)
    .lineTo(doc.page.width - margin, top - 10)
    .lineWidth(1.5)
    .stroke(COLORS.ink)
    .restore();
  doc.font("Helvetica-Bold").fontSize(9).fillColor(COLORS.soft).text("SHIP TO", margin, top);
  doc.font("Helvetica-Bold").fontSize(16).fillColor(COLORS.ink);
  const lines = order.address.length ? order.address : ["No address on the order"];
  lines.forEach((line, i) => {
    if (i === 1) doc.font("Helvetica").fontSize(14);
    doc.text(pdfText(line), margin, doc.y + 2, { width });
  });

  const bottom = doc.page.height - margin - 70;
  doc
    .save()
    .moveTo(margin, bottom)
    .lineTo(doc.page.width - margin, bottom)
    .lineWidth(1.5)
    .stroke(COLORS.ink)
    .restore();
  doc
    .font("Helvetica-Bold")
    .fontSize(9)
    .fillColor(COLORS.soft)
    .text("ORDER", margin, bottom + 8);
  doc
    .font("Helvetica-Bold")
    .fontSize(26)
    .fillColor(COLORS.ink)
    .text(pdfText(order.number), margin, bottom + 20, { width });
  const units = order.lines.reduce((sum, l) => sum + l.quantity, 0);
  doc
    .font("Helvetica")
    .fontSize(8)
    .fillColor(COLORS.soft)
    .text(
      pdfText(
        brand
          ? `${units} ${units === 1 ? "item" : "items"} · PO ${brand.poNumber}`
          : `${units} ${units === 1 ? "piece" : "pieces"} · packed at the Nairobi hub`,
      ),
      margin,
      bottom + 52,
      { width },
    );
}
