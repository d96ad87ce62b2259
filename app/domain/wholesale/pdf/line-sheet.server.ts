/**
 * The line sheet: the live catalog with this retailer's wholesale prices, grouped by category.
 * Each product is shown by its first image: pdfkit cannot draw the SVG art, so the images domain
 * hands over a small JPEG of it (or of an uploaded photo), drawn once per product and process.
 * Pages are streamed as they are drawn.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Retailer } from "#db/schema";
import { productThumbnailJpeg } from "~/domain/images/index.server";
import { db, schema } from "~/lib/db.server";
import { loadPriceList } from "~/domain/wholesale/catalog.server";
import { priceSteps, quoteWholesale, retailPrice, type PriceList } from "~/domain/wholesale/pricing";
import { COLORS, contentWidth, createPdf, longDate, MARGIN, money, pdfText, rule, type Pdf } from "./document.server";

const { products, variants, priceTiers, productImages } = schema;

export type LineSheetVariant = {
  sku: string;
  title: string;
  currency: string;
  msrp: number;
  wholesale: number;
  steps: Array<{ minQty: number; unit: number }>;
  minQty: number;
  casePack: number;
  leadTimeDays: number;
};
export type LineSheetProduct = {
  title: string;
  handle: string;
  category: string;
  materials: string[];
  /** The product's first image (generated art or an upload); null when it has none. */
  imageUrl: string | null;
  variants: LineSheetVariant[];
};
export type LineSheet = {
  retailerName: string;
  tierName: string | null;
  date: Date;
  categories: Array<{ category: string; products: LineSheetProduct[] }>;
  productCount: number;
};

/** The retailer's price list (the catalog's own loader) and its tier's name for the heading. */
async function priceListFor(
  retailer: Pick<Retailer, "id" | "tier" | "currency" | "country">,
): Promise<PriceList & { tierName: string | null }> {
  const [list, [tier]] = await Promise.all([
    loadPriceList(db, retailer),
    db.select({ name: priceTiers.name }).from(priceTiers).where(eq(priceTiers.code, retailer.tier)),
  ]);
  return { ...list, tierName: tier?.name ?? null };
}

/** A product's first image, by position. */
const firstImageUrl = sql<string | null>`(
  select ${productImages.url} from ${productImages}
  where ${productImages.productId} = ${products.id}
  order by ${productImages.position}, ${productImages.id} limit 1)`;

const CATEGORY_ORDER = ["earrings", "necklaces", "bracelets", "rings"];

/** Every active product and variant, priced for this retailer, grouped by category. */
export async function lineSheetData(
  retailer: Pick<Retailer, "id" | "tier" | "name" | "currency" | "country">,
  now = new Date(),
): Promise<LineSheet> {
  const [list, rows] = await Promise.all([
    priceListFor(retailer),
    db
      .select({
        productId: products.id,
        title: products.title,
        handle: products.handle,
        category: products.category,
        materials: products.materials,
        imageUrl: firstImageUrl,
        variantId: variants.id,
        sku: variants.sku,
        variantTitle: variants.title,
        currency: variants.currency,
        price: variants.price,
        wholesalePrice: variants.wholesalePrice,
        minQty: variants.minQty,
        casePack: variants.casePack,
        leadTimeDays: variants.leadTimeDays,
      })
      .from(products)
      .innerJoin(variants, eq(variants.productId, products.id))
      .where(eq(products.status, "active"))
      .orderBy(
        sql`array_position(${sql.raw(`array['${CATEGORY_ORDER.join("','")}']`)}::text[], ${products.category}::text)`,
        asc(products.title),
        asc(products.id),
        asc(variants.position),
        asc(variants.id),
      ),
  ]);
  const categories: LineSheet["categories"] = [];
  const byProduct = new Map<number, LineSheetProduct>();
  for (const row of rows) {
    let product = byProduct.get(row.productId);
    if (!product) {
      product = {
        title: row.title,
        handle: row.handle,
        category: row.category,
        materials: row.materials,
        imageUrl: row.imageUrl,
        variants: [],
      };
      byProduct.set(row.productId, product);
      let group = categories[categories.length - 1];
      if (!group || group.category !== row.category) {
        group = { category: row.category, products: [] };
        categories.push(group);
      }
      group.products.push(product);
    }
    const priced = { id: row.variantId, price: row.price, wholesalePrice: row.wholesalePrice };
    product.variants.push({
      sku: row.sku,
      title: row.variantTitle,
      currency: list.currency,
      msrp: retailPrice(priced, list),
      wholesale: quoteWholesale(priced, list, 1).unit,
      steps: priceSteps(priced, list).map((s) => ({ minQty: s.minQty, unit: s.unit })),
      minQty: row.minQty,
      casePack: row.casePack,
      leadTimeDays: row.leadTimeDays,
    });
  }
  return { retailerName: retailer.name, tierName: list.tierName, date: now, categories, productCount: byProduct.size };
}

export function lineSheetPdf(sheet: LineSheet, options: { compress?: boolean } = {}) {
  return createPdf({
    title: `Soko line sheet for ${sheet.retailerName}`,
    subject: `Wholesale line sheet, ${longDate(sheet.date)}`,
    compress: options.compress,
  });
}

const SWATCH: Record<string, { fill: string; text: string }> = {
  brass: { fill: "#C99A38", text: "#2b1d05" },
  horn: { fill: "#3A281D", text: "#f5ece2" },
  bone: { fill: "#E8DCC4", text: "#3a2f22" },
  "recycled glass": { fill: "#4F9A94", text: "#ffffff" },
  beads: { fill: "#B8452E", text: "#ffffff" },
};

const COLUMNS = [
  { label: "SKU", width: 0.19 },
  { label: "Variant", width: 0.21 },
  { label: "Wholesale", width: 0.16, align: "right" as const },
  { label: "MSRP", width: 0.11, align: "right" as const },
  { label: "Min", width: 0.08, align: "right" as const },
  { label: "Case", width: 0.08, align: "right" as const },
  { label: "Lead time", width: 0.17, align: "right" as const },
];
/** The product's picture on the page, in points; drawn from a JPEG of twice as many pixels. */
const IMAGE_SIZE = 56;
const IMAGE_PIXELS = 120;
const INDENT = IMAGE_SIZE + 12;

/** The product's first image as a small JPEG; null (its material's swatch instead) if it cannot be drawn. */
async function thumbnailOf(product: LineSheetProduct): Promise<Buffer | null> {
  try {
    return await productThumbnailJpeg(product, IMAGE_PIXELS);
  } catch {
    return null;
  }
}

/** Draws the sheet; yields to the event loop every few products so finished pages stream out. */
export async function drawLineSheet(doc: Pdf, sheet: LineSheet) {
  const width = contentWidth(doc);
  const header = (continued: string | null) => {
    doc.font("Helvetica-Bold").fontSize(16).fillColor(COLORS.ink).text("SOKO  Wholesale line sheet", MARGIN, MARGIN);
    doc
      .font("Helvetica")
      .fontSize(9)
      .fillColor(COLORS.soft)
      .text(
        pdfText(
          `Prepared for ${sheet.retailerName}${sheet.tierName ? ` (${sheet.tierName} prices)` : ""} on ${longDate(sheet.date)}. Prices in USD, per unit, before volume breaks.`,
        ),
        MARGIN,
        MARGIN + 20,
        { width },
      );
    rule(doc, MARGIN + 36);
    doc.y = MARGIN + 44;
    if (continued) categoryHeading(continued, true);
  };
  const categoryHeading = (category: string, continued = false) => {
    doc
      .font("Helvetica-Bold")
      .fontSize(13)
      .fillColor(COLORS.clay)
      .text(pdfText(`${capitalise(category)}${continued ? " (continued)" : ""}`), MARGIN, doc.y);
    doc.moveDown(0.3);
  };
  header(null);
  if (!sheet.categories.length) {
    doc.font("Helvetica").fontSize(11).fillColor(COLORS.ink).text("No products are available right now.", MARGIN, doc.y);
    return;
  }
  let drawn = 0;
  for (const group of sheet.categories) {
    if (doc.y + 90 > doc.page.height - MARGIN) {
      doc.addPage();
      header(null);
    }
    categoryHeading(group.category);
    for (const product of group.products) {
      const rowHeight = 14;
      const needed = Math.max(IMAGE_SIZE + 6, 16 + (product.variants.length + 1) * rowHeight) + 10;
      if (doc.y + needed > doc.page.height - MARGIN) {
        doc.addPage();
        header(group.category);
      }
      drawProduct(doc, product, await thumbnailOf(product), width, rowHeight);
      drawn += 1;
      if (drawn % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    doc.moveDown(0.6);
  }
}

function drawProduct(doc: Pdf, product: LineSheetProduct, image: Buffer | null, width: number, rowHeight: number) {
  const top = doc.y + 4;
  if (image) {
    doc.save().roundedRect(MARGIN, top, IMAGE_SIZE, IMAGE_SIZE, 4).clip();
    doc.image(image, MARGIN, top, { width: IMAGE_SIZE, height: IMAGE_SIZE });
    doc.restore();
    doc.save().roundedRect(MARGIN, top, IMAGE_SIZE, IMAGE_SIZE, 4).lineWidth(0.5).strokeColor(COLORS.line).stroke().restore();
  } else {
    const look = SWATCH[product.materials[0] ?? ""] ?? { fill: COLORS.line, text: COLORS.ink };
    doc.save().roundedRect(MARGIN, top, IMAGE_SIZE, IMAGE_SIZE, 4).fill(look.fill).restore();
    doc
      .font("Helvetica-Bold")
      .fontSize(15)
      .fillColor(look.text)
      .text(initials(product.title), MARGIN, top + 20, { width: IMAGE_SIZE, align: "center", lineBreak: false });
  }

  const x = MARGIN + INDENT;
  const tableWidth = width - INDENT;
  doc
    .font("Helvetica-Bold")
    .fontSize(10)
    .fillColor(COLORS.ink)
    .text(pdfText(product.title), x, top, { width: tableWidth * 0.7, lineBreak: false });
  if (product.materials.length) {
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor(COLORS.soft)
      .text(pdfText(product.materials.join(", ")), x + tableWidth * 0.7, top + 1, {
        width: tableWidth * 0.3,
        align: "right",
        lineBreak: false,
      });
  }
  let y = top + 15;
  let cx = x;
  doc.font("Helvetica-Bold").fontSize(7).fillColor(COLORS.soft);
  for (const c of COLUMNS) {
    doc.text(c.label.toUpperCase(), cx, y, { width: c.width * tableWidth - 4, align: c.align ?? "left", lineBreak: false });
    cx += c.width * tableWidth;
  }
  y += 10;
  doc.font("Helvetica").fontSize(8.5).fillColor(COLORS.ink);
  for (const v of product.variants) {
    const cells = [
      v.sku,
      v.title,
      money(v.wholesale, v.currency) + (v.steps.length ? "*" : ""),
      money(v.msrp, v.currency),
      String(v.minQty),
      String(v.casePack),
      `${v.leadTimeDays} days`,
    ];
    cx = x;
    COLUMNS.forEach((c, i) => {
      doc.text(pdfText(cells[i]), cx, y, { width: c.width * tableWidth - 4, align: c.align ?? "left", lineBreak: false, ellipsis: true });
      cx += c.width * tableWidth;
    });
    y += rowHeight - 2;
  }
  const steps = product.variants.find((v) => v.steps.length)?.steps;
  if (steps) {
    doc
      .font("Helvetica")
      .fontSize(7)
      .fillColor(COLORS.soft)
      .text(
        pdfText(
          `* Volume pricing: ${steps.map((s) => `${money(s.unit, product.variants[0].currency)} from ${s.minQty} units`).join("; ")}`,
        ),
        x,
        y,
        { width: tableWidth, lineBreak: false, ellipsis: true },
      );
    y += 10;
  }
  doc.y = Math.max(y, top + IMAGE_SIZE) + 6;
  rule(doc, doc.y);
  doc.y += 2;
  doc.x = MARGIN;
}

function initials(title: string): string {
  const words = title.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w));
  return pdfText(((words[0]?.[0] ?? "") + (words[1]?.[0] ?? "")).toUpperCase() || "S");
}

function capitalise(word: string) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
