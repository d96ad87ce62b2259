/**
 * Generated images behind the resource routes: look the subject up (so unknown names are a 404),
 * draw it, and keep recent drawings in memory. Responses are immutable, so a CDN or the browser
 * asks for each image once.
 */
import { eq } from "drizzle-orm";
import { db, schema } from "~/lib/db.server";
import { renderMakerPortrait } from "./maker-portrait";
import { finishLook } from "./materials";
import { renderProductArt } from "./product-art";
import { parseMakerPortraitName, parseProductImageName } from "./urls";

const MAX_CACHED = 2000;
const cache = new Map<string, string>();

function remember(key: string, svg: string) {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, svg);
  return svg;
}

/** The SVG for `/images/products/<handle>-<n>.svg`, or null when the name or product is unknown. */
export async function productImageSvg(name: string): Promise<string | null> {
  const parsed = parseProductImageName(name);
  if (!parsed) return null;
  const key = `p:${name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [product] = await db
    .select({ title: schema.products.title, category: schema.products.category, materials: schema.products.materials })
    .from(schema.products)
    .where(eq(schema.products.handle, parsed.handle))
    .limit(1);
  if (!product) return null;
  // A finish is drawn only if it is one we know how to draw (a bounded set, so the cache stays bounded).
  if (parsed.finish && !finishLook(parsed.finish)) return null;
  return remember(key, renderProductArt({ handle: parsed.handle, index: parsed.index, finish: parsed.finish, ...product }));
}

/** The SVG for `/images/makers/<handle>.svg`, or null when the name or artisan is unknown. */
export async function makerPortraitSvg(name: string): Promise<string | null> {
  const handle = parseMakerPortraitName(name);
  if (!handle) return null;
  const key = `m:${handle}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [artisan] = await db.select({ id: schema.artisans.id }).from(schema.artisans).where(eq(schema.artisans.handle, handle)).limit(1);
  if (!artisan) return null;
  return remember(key, renderMakerPortrait(handle));
}

export const IMAGE_HEADERS = {
  "Content-Type": "image/svg+xml; charset=utf-8",
  "Cache-Control": "public, max-age=31536000, immutable",
  "X-Content-Type-Options": "nosniff",
  // An SVG opened directly cannot run script or load anything.
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
} as const;

export function svgResponse(svg: string | null): Response {
  if (!svg) {
    return new Response("Image not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(svg, { status: 200, headers: IMAGE_HEADERS });
}
