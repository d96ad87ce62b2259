/**
 * What every PDF we print shares (wholesale invoices, line sheets, packing lists; the hub's packing
 * slips and shipping labels): the Soko letterhead, a paginating table, money and dates, and the
 * plumbing from pdfkit to a streamed HTTP response. pdfkit draws with its built-in Helvetica
 * (WinAnsi), so text is kept to Latin-1 plus the few WinAnsi extras (en dash, bullet, ×).
 */
import bwipjs from "bwip-js/node";
import PDFDocument from "pdfkit";
import { BRAND_ADDRESSES, type BrandAddress } from "~/lib/brand";
import { formatMoney } from "~/lib/money";

export type Pdf = PDFKit.PDFDocument;
export type PdfOptions = {
  title: string;
  subject?: string;
  compress?: boolean;
  /** US Letter unless given: a paper name ("A6") or [width, height] in points (a 4 × 6 in label is [288, 432]). */
  size?: string | [number, number];
  margin?: number;
};

export const COLORS = { ink: "#1f1a17", soft: "#5b524b", line: "#e2d8ca", clay: "#8f4020", paper: "#fbf8f3" } as const;
export const MARGIN = 48;

/** Demo bank details; production reads them from operations' settings before go-live. */
export const REMIT_TO = {
  accountName: "Soko Virtual Factory Inc.",
  bank: "Example Community Bank, San Francisco, CA",
  routing: "121000000",
  account: "0004 5521 8890",
  swift: "EXCBUS66",
  email: "finance@soko.test",
} as const;

export function createPdf(options: PdfOptions): Pdf {
  return new PDFDocument({
    size: options.size ?? "LETTER",
    margin: options.margin ?? MARGIN,
    compress: options.compress ?? true,
    info: {
      Title: pdfText(options.title),
      Author: "Soko Virtual Factory",
      Subject: pdfText(options.subject ?? options.title),
      Creator: "Soko",
    },
  });
}

/** Characters Helvetica's WinAnsi encoding cannot show become near equivalents. */
export function pdfText(text: string): string {
  return text
    .replace(/[\u2212\u2010\u2011]/g, "-")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\u00A0|\u202F/g, " ")
    .replace(/[^\u0000-\u00FF\u2013\u2014\u2022\u2026\u20AC]/g, "?");
}

/**
 * A barcode as a PNG for `doc.image` (bwip-js: every symbology, and GS1's own checks — a GS1-128
 * whose SSCC or GTIN has a wrong check digit throws instead of printing a label no scanner agrees
 * with). `text` in bwip-js's form: GS1 AIs in brackets, "(00)006141410000000012".
 */
export async function barcodePng(symbology: "gs1-128" | "code128", text: string, options: { height?: number; scale?: number } = {}) {
  return bwipjs.toBuffer({ bcid: symbology, text, scale: options.scale ?? 3, height: options.height ?? 25, includetext: false });
}

export const money = (amount: number, currency: string) => pdfText(formatMoney({ amount, currency }));

/** A day written out in `locale` (US English unless the reader's is known: a UK retailer's invoice, "16 March 2026"). */
export function longDate(value: Date | string, locale = "en-US"): string {
  const date = typeof value === "string" ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
  return date.toLocaleDateString(locale, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

export function contentWidth(doc: Pdf) {
  return doc.page.width - MARGIN * 2;
}

/**
 * The Soko wordmark and address at the top left, the document's name and number at the top right.
 * `from`: which of the brand's addresses (~/lib/brand): wholesale for retailers' documents (the
 * default), retail for what goes to a shopper.
 */
export function letterhead(doc: Pdf, heading: string, details: Array<[string, string]>, from: BrandAddress = "wholesale") {
  const address = BRAND_ADDRESSES[from];
  const top = MARGIN;
  doc.save().rect(MARGIN, top, 34, 34).fill(COLORS.clay).restore();
  doc
    .fillColor("#ffffff")
    .font("Helvetica-Bold")
    .fontSize(20)
    .text("S", MARGIN, top + 7, { width: 34, align: "center" });
  doc
    .fillColor(COLORS.ink)
    .font("Helvetica-Bold")
    .fontSize(18)
    .text("SOKO", MARGIN + 44, top + 2);
  doc
    .font("Helvetica")
    .fontSize(8)
    .fillColor(COLORS.soft)
    .text("Handmade in Kenya by independent artisans", MARGIN + 44, top + 22);
  doc.fontSize(8).fillColor(COLORS.soft);
  address.forEach((line, i) => {
    doc.text(pdfText(line), MARGIN, top + 44 + i * 10);
  });

  const right = doc.page.width - MARGIN - 220;
  doc.fillColor(COLORS.ink).font("Helvetica-Bold").fontSize(20).text(pdfText(heading), right, top, { width: 220, align: "right" });
  doc.font("Helvetica").fontSize(9);
  details.forEach(([label, value], i) => {
    const y = top + 28 + i * 13;
    doc.fillColor(COLORS.soft).text(pdfText(label), right, y, { width: 100 });
    doc.fillColor(COLORS.ink).text(pdfText(value), right + 100, y, { width: 120, align: "right" });
  });
  const bottom = Math.max(top + 44 + address.length * 10, top + 28 + details.length * 13) + 14;
  rule(doc, bottom);
  doc.y = bottom + 14;
  doc.x = MARGIN;
}

export function rule(doc: Pdf, y: number, color: string = COLORS.line) {
  doc
    .save()
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.75)
    .strokeColor(color)
    .stroke()
    .restore();
}

/** A labelled block of lines (Bill to, Ship to) at x, starting at y; returns its bottom. */
export function addressBlock(doc: Pdf, label: string, lines: string[], x: number, y: number, width: number): number {
  doc.font("Helvetica-Bold").fontSize(8).fillColor(COLORS.soft).text(pdfText(label.toUpperCase()), x, y, { width, characterSpacing: 0.5 });
  doc.font("Helvetica").fontSize(10).fillColor(COLORS.ink);
  let bottom = y + 12;
  for (const line of lines) {
    doc.text(pdfText(line), x, bottom, { width });
    bottom = doc.y;
  }
  return bottom;
}

export type Column = { label: string; width: number; align?: "left" | "right" | "center" };

/**
 * Rows under a header that repeats on each new page. Widths are fractions of the content width.
 * `bottomReserve` keeps room below the last row (for totals).
 */
export function table(doc: Pdf, columns: Column[], rows: string[][], options: { fontSize?: number } = {}) {
  const size = options.fontSize ?? 9;
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const header = () => {
    const y = doc.y;
    doc
      .save()
      .rect(MARGIN, y - 3, total, size + 9)
      .fill(COLORS.paper)
      .restore();
    let x = MARGIN;
    doc
      .font("Helvetica-Bold")
      .fontSize(size - 1)
      .fillColor(COLORS.soft);
    columns.forEach((c, i) => {
      doc.text(pdfText(c.label.toUpperCase()), x + 3, y, { width: widths[i] - 6, align: c.align ?? "left", lineBreak: false });
      x += widths[i];
    });
    doc.y = y + size + 10;
  };
  header();
  doc.font("Helvetica").fontSize(size).fillColor(COLORS.ink);
  for (const row of rows) {
    const height = Math.max(...row.map((cell, i) => doc.heightOfString(pdfText(cell), { width: widths[i] - 6 }))) + 6;
    if (doc.y + height > doc.page.height - MARGIN - 20) {
      doc.addPage();
      header();
      doc.font("Helvetica").fontSize(size).fillColor(COLORS.ink);
    }
    const y = doc.y;
    let x = MARGIN;
    row.forEach((cell, i) => {
      doc.text(pdfText(cell), x + 3, y + 3, { width: widths[i] - 6, align: columns[i].align ?? "left" });
      x += widths[i];
    });
    doc.y = y + height;
    rule(doc, doc.y);
  }
  doc.x = MARGIN;
}

/** Makes room for `height` points, starting a new page when the current one is too full. */
export function ensureSpace(doc: Pdf, height: number) {
  if (doc.y + height > doc.page.height - MARGIN) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

/**
 * pdfkit's stream as a web stream. `build` may be async (it yields so pages go out as they are drawn).
 * A reader that goes away (the buyer closed the tab) cancels the stream while pdfkit still draws:
 * what it writes after that is dropped, since enqueueing into a closed stream throws from pdfkit's
 * event handler, where nothing catches it and the process would die.
 */
export function pdfStream(doc: Pdf, build: (doc: Pdf) => void | Promise<void>): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = (end: () => void) => {
        if (!open) return;
        open = false;
        end();
      };
      doc.on("data", (chunk: Buffer) => {
        if (open) controller.enqueue(new Uint8Array(chunk));
      });
      doc.on("end", () => finish(() => controller.close()));
      doc.on("error", (error: unknown) => finish(() => controller.error(error)));
      Promise.resolve()
        .then(() => build(doc))
        .then(() => doc.end())
        .catch((error: unknown) => finish(() => controller.error(error)));
    },
    cancel() {
      open = false;
    },
  });
}

/** A streamed PDF response, private to whoever is signed in (no shared cache keeps it). */
export function pdfResponse(doc: Pdf, build: (doc: Pdf) => void | Promise<void>, filename: string): Response {
  return new Response(pdfStream(doc, build), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The whole PDF in memory (tests, attachments). */
export async function pdfBuffer(doc: Pdf, build: (doc: Pdf) => void | Promise<void>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = pdfStream(doc, build).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
