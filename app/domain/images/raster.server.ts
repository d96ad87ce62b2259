/**
 * Small raster copies of product images for documents that cannot draw SVG (the line sheet PDF:
 * pdfkit embeds only JPEG and PNG). The generated art is drawn by resvg at the size asked for and
 * encoded as a JPEG (a few kB each, where a PNG of the same soft gradients is five times bigger);
 * an uploaded photo is scaled and cropped to a square the same way. Results are kept in memory,
 * so a line sheet costs the drawing once per product and process.
 */
import { Resvg } from "@resvg/resvg-js";
import jpeg from "jpeg-js";
import { renderProductArt } from "./product-art";
import { keyOfUrl, uploadStore, type UploadStore } from "./store.server";

export type ThumbnailSubject = {
  handle: string;
  title: string;
  category: string;
  materials: readonly string[];
  /** The product's first image: a generated /images/… URL or an upload; null or generated → the art. */
  imageUrl?: string | null;
};

const JPEG_QUALITY = 82;
const MAX_CACHED = 2000;
const cache = new Map<string, Buffer>();

/** Draws an SVG to a `size`×`size` JPEG (the SVG is square, or cropped to one by its own viewBox). */
export function svgToJpeg(svg: string, size: number): Buffer {
  const rendered = new Resvg(svg, { fitTo: { mode: "width", value: size }, background: "#ffffff" }).render();
  return Buffer.from(jpeg.encode({ data: rendered.pixels, width: rendered.width, height: rendered.height }, JPEG_QUALITY).data);
}

/** An uploaded photo wrapped in a square SVG: scaled to cover it and centred, like the storefront's crop. */
function photoSvg(body: Uint8Array, contentType: string, size: number): string {
  const href = `data:${contentType};base64,${Buffer.from(body).toString("base64")}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}"><image width="${size}" height="${size}" preserveAspectRatio="xMidYMid slice" xlink:href="${href}"/></svg>`;
}

async function uploadedJpeg(url: string, size: number, store: UploadStore): Promise<Buffer | null> {
  const key = keyOfUrl(url);
  if (!key) return null;
  try {
    const file = await store.get(key);
    // resvg reads JPEG and PNG; it would leave a WebP out and draw a blank square.
    if (!file || !/^image\/(jpeg|png)$/.test(file.contentType)) return null;
    return svgToJpeg(photoSvg(file.body, file.contentType, size), size);
  } catch {
    return null;
  }
}

/**
 * A square JPEG of the product's first image at `size` pixels: its uploaded photo when it has one
 * that can be read, else its generated art (index 1, the hero shot the storefront shows first).
 */
export async function productThumbnailJpeg(
  subject: ThumbnailSubject,
  size: number,
  store: () => UploadStore = uploadStore,
): Promise<Buffer> {
  const uploaded = subject.imageUrl ? keyOfUrl(subject.imageUrl) : null;
  const cacheKey = uploaded
    ? `u:${uploaded}:${size}`
    : `a:${subject.handle}|${subject.title}|${subject.category}|${subject.materials.join(",")}:${size}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const photo = uploaded && subject.imageUrl ? await uploadedJpeg(subject.imageUrl, size, store()) : null;
  const out = photo ?? svgToJpeg(renderProductArt({ ...subject, index: 1 }), size);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, out);
  return out;
}
