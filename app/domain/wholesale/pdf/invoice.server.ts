/**
 * The invoice PDF: letterhead, bill-to and ship-to, the order's lines, totals, terms and due date,
 * and how to pay by bank transfer (quoting the invoice number).
 */
import type { InvoiceDocument } from "~/domain/wholesale/invoices.server";
import {
  addressBlock,
  COLORS,
  contentWidth,
  createPdf,
  ensureSpace,
  letterhead,
  longDate,
  MARGIN,
  money,
  pdfText,
  REMIT_TO,
  rule,
  table,
  type Pdf,
} from "./document.server";

const STATUS_WORDS = { open: "Open", overdue: "Overdue", paid: "Paid", void: "Void" } as const;

export function invoicePdf(invoice: InvoiceDocument, options: { compress?: boolean } = {}) {
  return createPdf({
    title: `Invoice ${invoice.number}`,
    subject: `Soko invoice ${invoice.number} for PO ${invoice.poNumber}`,
    compress: options.compress,
  });
}

export function drawInvoice(doc: Pdf, invoice: InvoiceDocument) {
  const m = (amount: number) => money(amount, invoice.currency);
  letterhead(doc, "Invoice", [
    ["Invoice", invoice.number],
    ["Issued", longDate(invoice.issuedAt, invoice.locale)],
    ["Due", longDate(invoice.dueDate, invoice.locale)],
    ["Terms", invoice.termsLabel],
    ["Status", STATUS_WORDS[invoice.status]],
  ]);

  const width = contentWidth(doc);
  const top = doc.y;
  const billTo = [
    invoice.billTo.name,
    ...invoice.billTo.lines,
    invoice.billTo.email,
    ...(invoice.billTo.taxId ? [`Tax ID ${invoice.billTo.taxId}`] : []),
  ];
  const left = addressBlock(doc, "Bill to", billTo, MARGIN, top, width / 3 - 10);
  const middle = addressBlock(doc, "Ship to", invoice.shipTo, MARGIN + width / 3, top, width / 3 - 10);
  const right = addressBlock(
    doc,
    "Order",
    [`Order ${invoice.orderNumber}`, `PO ${invoice.poNumber}`, `Placed ${longDate(invoice.placedAt, invoice.locale)}`],
    MARGIN + (2 * width) / 3,
    top,
    width / 3,
  );
  doc.y = Math.max(left, middle, right) + 18;
  doc.x = MARGIN;

  table(
    doc,
    [
      { label: "SKU", width: 0.18 },
      { label: "Item", width: 0.42 },
      { label: "Qty", width: 0.1, align: "right" },
      { label: "Unit price", width: 0.15, align: "right" },
      { label: "Amount", width: 0.15, align: "right" },
    ],
    invoice.lines.map((l) => [l.sku, l.title, String(l.quantity), m(l.unitPrice), m(l.total)]),
  );

  ensureSpace(doc, 130);
  const labelX = MARGIN + width * 0.55;
  const totalRow = (label: string, value: string, bold = false) => {
    const y = doc.y + 4;
    doc
      .font(bold ? "Helvetica-Bold" : "Helvetica")
      .fontSize(bold ? 11 : 10)
      .fillColor(COLORS.ink);
    doc.text(pdfText(label), labelX, y, { width: width * 0.25 });
    doc.text(pdfText(value), labelX + width * 0.25, y, { width: width * 0.2, align: "right" });
    doc.y = y + (bold ? 15 : 13);
  };
  doc.moveDown(0.5);
  totalRow("Subtotal", m(invoice.totals.subtotal));
  if (invoice.totals.discountTotal) totalRow("Discount", `-${m(invoice.totals.discountTotal)}`);
  if (invoice.totals.shippingTotal) totalRow("Shipping", m(invoice.totals.shippingTotal));
  if (invoice.totals.taxTotal) totalRow("Tax", m(invoice.totals.taxTotal));
  totalRow("Invoice total", m(invoice.amount), true);
  if (invoice.amountPaid) totalRow("Paid", `-${m(invoice.amountPaid)}`);
  totalRow(invoice.status === "paid" ? "Balance" : `Balance due ${longDate(invoice.dueDate, invoice.locale)}`, m(invoice.balance), true);

  doc.x = MARGIN;
  doc.moveDown(1.5);
  ensureSpace(doc, 120);
  rule(doc, doc.y);
  doc.moveDown(0.8);
  if (invoice.status === "paid") {
    doc
      .font("Helvetica-Bold")
      .fontSize(11)
      .fillColor(COLORS.clay)
      .text(pdfText(`Paid${invoice.paidAt ? ` on ${longDate(invoice.paidAt, invoice.locale)}` : ""}. Thank you.`), MARGIN);
    doc.moveDown(0.6);
  }
  doc.font("Helvetica-Bold").fontSize(10).fillColor(COLORS.ink).text("Pay by bank transfer", MARGIN);
  doc.font("Helvetica").fontSize(9).fillColor(COLORS.ink);
  for (const [label, value] of [
    ["Account name", REMIT_TO.accountName],
    ["Bank", REMIT_TO.bank],
    ["Routing (ABA)", REMIT_TO.routing],
    ["Account", REMIT_TO.account],
    ["SWIFT", REMIT_TO.swift],
    ["Reference", invoice.number],
  ] as const) {
    const y = doc.y + 2;
    doc.fillColor(COLORS.soft).text(label, MARGIN, y, { width: 100 });
    doc.fillColor(COLORS.ink).text(pdfText(value), MARGIN + 100, y, { width: width - 100 });
  }
  doc.moveDown(0.8);
  doc
    .fillColor(COLORS.soft)
    .fontSize(8)
    .text(
      pdfText(
        `${invoice.termsLabel}: payment is due by ${longDate(invoice.dueDate, invoice.locale)}. Please quote ${invoice.number} with your payment and send remittance advice to ${REMIT_TO.email}. Every order pays the artisans in Kenya who made it.`,
      ),
      MARGIN,
      doc.y,
      { width },
    );
}
