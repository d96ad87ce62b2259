/**
 * /wholesale/line-sheet.pdf: the live catalog at the buyer's own prices (tier, negotiated overrides,
 * volume breaks), grouped by category, with the retailer's name and each product's picture (its
 * generated art, or its uploaded photo); buyers only; and the size of the PDF for the demo catalog
 * and ten times it.
 */
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { eq, sql } from "drizzle-orm";
import jpeg from "jpeg-js";
import { beforeAll, describe, expect, it } from "vitest";
import { createProduct, createRetailer } from "#db/seed/factories";
import { loader as lineSheetLoader } from "~/routes/wholesale.line-sheet[.]pdf";
import { db, schema } from "~/lib/db.server";
import { bodyOf, buyerCookie, get, pdfText, settle } from "./wholesale-invoice-support";

let preferredCookie: string;
let standardCookie: string;
let hoopsVariant: number;

/** The images a PDF embeds: each XObject's size, filter and bytes. */
function pdfImages(pdf: Buffer) {
  const raw = pdf.toString("latin1");
  const images: Array<{ width: number; height: number; filter: string; bytes: Buffer }> = [];
  for (const match of raw.matchAll(/<<([\s\S]*?)>>\s*stream\r?\n/g)) {
    if (!/\/Subtype \/Image/.test(match[1])) continue;
    const start = match.index + match[0].length;
    images.push({
      width: Number(/\/Width (\d+)/.exec(match[1])?.[1]),
      height: Number(/\/Height (\d+)/.exec(match[1])?.[1]),
      filter: /\/Filter \/(\w+)/.exec(match[1])?.[1] ?? "",
      bytes: pdf.subarray(start, raw.indexOf("endstream", start)),
    });
  }
  return images;
}

/** The average colour of a JPEG's pixels in a square around (x, y), as [r, g, b]. */
function colourAt(bytes: Buffer, x: number, y: number, radius = 4) {
  const { data, width } = jpeg.decode(bytes, { useTArray: true });
  const sum = [0, 0, 0];
  let n = 0;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const i = ((y + dy) * width + (x + dx)) * 4;
      sum[0] += data[i];
      sum[1] += data[i + 1];
      sum[2] += data[i + 2];
      n += 1;
    }
  }
  return sum.map((v) => Math.round(v / n));
}

/** The share of a JPEG's pixels that differ from `colour` by more than 80 (summed over r, g, b). */
function shareUnlike(bytes: Buffer, colour: number[]) {
  const { data } = jpeg.decode(bytes, { useTArray: true });
  let unlike = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - colour[0]) + Math.abs(data[i + 1] - colour[1]) + Math.abs(data[i + 2] - colour[2]) > 80) unlike += 1;
  }
  return unlike / (data.length / 4);
}

beforeAll(async () => {
  process.env.UPLOAD_DIR = await mkdtemp(path.join(tmpdir(), "soko-line-sheet-uploads-"));
  await db.insert(schema.priceTiers).values([
    { code: "standard", name: "Standard", percentOfRetail: 5000 },
    { code: "preferred", name: "Preferred", percentOfRetail: 4500 },
  ]);
  const hoops = await createProduct(db, {
    title: "Maasai Brass Hoops",
    category: "earrings",
    materials: ["brass"],
    status: "active",
    variants: [
      { sku: "EAR-BRS-HOOP-S", title: "Small", price: 4800, minQty: 6, casePack: 6, leadTimeDays: 21 },
      { sku: "EAR-BRS-HOOP-L", title: "Large", price: 5600, minQty: 6, casePack: 6, leadTimeDays: 21 },
    ],
  });
  await createProduct(db, {
    title: "Horn Pendant",
    category: "necklaces",
    materials: ["horn"],
    status: "active",
    variants: [{ sku: "NCK-HRN-PND", title: "One size", price: 7200, minQty: 4, casePack: 2, leadTimeDays: 28 }],
  });
  await createProduct(db, {
    title: "Secret Draft Ring",
    category: "rings",
    status: "draft",
    variants: [{ sku: "RNG-DRAFT", price: 3000 }],
  });
  hoopsVariant = hoops.variants[0].id;
  const preferred = await createRetailer(db, { name: "Juniper & Gold", tier: "preferred", buyer: { email: "maya@juniper.test" } });
  const standard = await createRetailer(db, { name: "Plain Boutique", tier: "standard", buyer: { email: "sam@plain.test" } });
  // Juniper negotiated the small hoops at $19.00; a volume break takes 10% off from 48 units.
  await db.insert(schema.retailerPrices).values({ retailerId: preferred.retailer.id, variantId: hoopsVariant, price: 1900 });
  await db.insert(schema.volumeBreaks).values({ variantId: hoopsVariant, minQty: 48, percentOff: 1000 });
  preferredCookie = await buyerCookie(preferred.buyer!.id);
  standardCookie = await buyerCookie(standard.buyer!.id);
});

async function sheet(cookie?: string) {
  return (await settle(lineSheetLoader({ request: get("/wholesale/line-sheet.pdf", cookie), params: {}, context: {} }))) as Response;
}

describe("/wholesale/line-sheet.pdf", () => {
  it("is a PDF of the active catalog by category with this retailer's prices, MSRP, minimum, case pack and lead time", async () => {
    const response = await sheet(preferredCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(/soko-line-sheet-\d{4}-\d{2}-\d{2}\.pdf/);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const pdf = await bodyOf(response);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Prepared for Juniper & Gold (Preferred prices)");
    // Earrings come before necklaces; drafts are not on the sheet.
    expect(text.indexOf("Earrings")).toBeLessThan(text.indexOf("Necklaces"));
    expect(text).not.toContain("RNG-DRAFT");
    expect(text).not.toContain("Secret Draft Ring");
    // Small hoops at the negotiated $19.00 with the volume break noted; large at 45% of $56.00.
    expect(text).toMatch(/EAR-BRS-HOOP-S Small \$19\.00\* \$48\.00 6 6 21 days/);
    expect(text).toContain("Volume pricing: $17.10 from 48 units");
    expect(text).toMatch(/EAR-BRS-HOOP-L Large \$25\.20 \$56\.00 6 6 21 days/);
    expect(text).toMatch(/NCK-HRN-PND One size \$32\.40 \$72\.00 4 2 28 days/);
    // Each product's picture, not a swatch with its initials: a JPEG of its generated art, twice
    // the drawn size, with the piece in the middle standing out from the backdrop at the corner.
    expect(text).not.toMatch(/\bMB\b|\bHP\b/);
    const images = pdfImages(pdf);
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image).toMatchObject({ width: 120, height: 120, filter: "DCTDecode" });
      const corner = colourAt(image.bytes, 6, 6);
      // The warm neutral backdrop of the art…
      expect(corner[0]).toBeGreaterThan(200);
      expect(corner[0]).toBeGreaterThanOrEqual(corner[2]);
      // …and a piece drawn on it: a good share of the pixels far from the backdrop's colour.
      expect(shareUnlike(image.bytes, corner)).toBeGreaterThan(0.03);
    }
  });

  it("shows an uploaded photo instead of the generated art, cropped to a square", async () => {
    // A 200×100 photo: a red square on the left, a blue one on the right; the crop keeps the middle.
    const png = new Resvg(
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="100" height="100" fill="#d01010"/><rect x="100" width="100" height="100" fill="#1010d0"/></svg>',
    )
      .render()
      .asPng();
    const key = `products/${randomUUID()}.png`;
    await mkdir(path.join(process.env.UPLOAD_DIR!, "products"), { recursive: true });
    await writeFile(path.join(process.env.UPLOAD_DIR!, key), png);
    await createProduct(db, {
      title: "Zawadi Photo Cuff",
      category: "rings",
      materials: ["brass"],
      status: "active",
      images: [{ url: `/uploads/${key}`, width: 200, height: 100 }],
      variants: [{ sku: "RNG-PHOTO", title: "One size", price: 4000 }],
    });
    const pdf = await bodyOf(await sheet(standardCookie));
    const images = pdfImages(pdf);
    expect(images).toHaveLength(3);
    // Rings come last: the photo is the third picture, red on its left and blue on its right.
    const photo = images[2].bytes;
    const [r1, , b1] = colourAt(photo, 20, 60);
    const [r2, , b2] = colourAt(photo, 100, 60);
    expect(r1).toBeGreaterThan(150);
    expect(b1).toBeLessThan(80);
    expect(b2).toBeGreaterThan(150);
    expect(r2).toBeLessThan(80);
    await db.delete(schema.products).where(eq(schema.products.title, "Zawadi Photo Cuff"));
  });

  it("prices the same catalog at another retailer's tier, and never shows one retailer's negotiated price to another", async () => {
    const text = pdfText(await bodyOf(await sheet(standardCookie)));
    expect(text).toContain("Prepared for Plain Boutique (Standard prices)");
    expect(text).toMatch(/EAR-BRS-HOOP-S Small \$24\.00\* \$48\.00/);
    expect(text).not.toContain("$19.00");
    expect(text).not.toContain("Juniper");
  });

  it("is for signed-in buyers only", async () => {
    const response = await sheet();
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/wholesale/login?redirectTo=%2Fwholesale%2Fline-sheet.pdf");
  });

  it("stays a reasonable size for the demo catalog (64 products) and for ten times it (640), streamed page by page", async () => {
    const sizes: Record<number, number> = {};
    for (const target of [64, 640]) {
      const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from products where status = 'active'`);
      const missing = target - n;
      if (missing > 0) {
        // In bulk, like the demo seed: two variants each, across the four categories.
        await db.execute(sql`
          with p as (
            insert into products (handle, title, category, materials, status)
            select 'bulk-' || g, 'Bulk Piece ' || g, (array['earrings','necklaces','bracelets','rings'])[1 + g % 4], array[(array['brass','horn','bone','recycled glass','beads'])[1 + g % 5]], 'active'
            from generate_series(${n}::int, ${n + missing - 1}::int) g returning id, handle)
          insert into variants (product_id, sku, barcode, title, price, wholesale_price, piece_rate, position)
          select p.id, upper(p.handle) || '-' || v, p.handle || '-' || v, case v when 1 then 'Small' else 'Large' end, 3000 + v * 500, 1500 + v * 250, 40000, v
          from p cross join generate_series(1, 2) v`);
      }
      const response = await sheet(preferredCookie);
      const reader = response.body!.getReader();
      let chunks = 0;
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks += 1;
        bytes += value.byteLength;
      }
      sizes[target] = bytes;
      // Streamed: many chunks, not one buffer at the end.
      expect(chunks).toBeGreaterThan(target === 64 ? 5 : 50);
    }
    // Compressed text and a JPEG of a few kB a product.
    expect(sizes[64]).toBeLessThan(500_000);
    expect(sizes[640]).toBeLessThan(5_000_000);
    expect(sizes[640]).toBeGreaterThan(sizes[64] * 5);
    const [{ count }] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(schema.products)
      .where(eq(schema.products.status, "active"));
    expect(count).toBe(640);
    // 640 pictures drawn for the first time: give a loaded machine the time.
  }, 180_000);
});
