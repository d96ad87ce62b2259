/**
 * The patched @shopify/hydrogen-react (app/patches, docs/decisions/0009) renders a server Image with
 * a width and height in pixels as its <img> alone, with the srcSet worked out once per loader, URL
 * and size. Its markup must be what the unpatched Image renders (the browser's build, which hydrates
 * the page), attribute for attribute, the first time and from the cache.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Image } from "@shopify/hydrogen-react";
import type { ComponentProps, ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Image as OurImage } from "~/components/commerce/Image";

const dist = path.resolve("node_modules/@shopify/hydrogen-react/dist");
type ImageProps = ComponentProps<typeof Image>;

const urlAsIs = ({ src }: { src?: string }) => src ?? "";
const cases: ImageProps[] = [
  { src: "/images/a.svg", alt: "A", width: 800, height: 800, loader: urlAsIs, srcSetOptions: { intervals: 1, startingWidth: 800, incrementSize: 800, placeholderWidth: 800 } },
  { src: "/images/b.svg", alt: "", width: 600, height: 400, loader: urlAsIs, loading: "eager", className: "portrait", style: { objectFit: "cover" } },
  { src: "https://cdn.shopify.com/s/files/ring.jpg", alt: "Ring", width: 120, height: 120 },
  { src: "https://cdn.shopify.com/s/files/ring.jpg", alt: "Ring", width: 240, height: 180, crop: "top", decoding: "sync" },
  // Not the server's fast path: a width that is not a number, an aspect ratio, Storefront data.
  { src: "https://cdn.shopify.com/s/files/ring.jpg", alt: "Ring", width: "100%", sizes: "50vw" },
  { src: "https://cdn.shopify.com/s/files/ring.jpg", alt: "Ring", width: 300, height: 300, aspectRatio: "4/3" },
  { data: { url: "https://cdn.shopify.com/s/files/ring.jpg", width: 800, height: 600, altText: "A ring" }, width: 400, height: 300 },
];

describe("the patched server Image", () => {
  it("is installed in the node builds", () => {
    for (const build of ["node-prod/Image.mjs", "node-prod/Image.js", "node-dev/Image.mjs", "node-dev/Image.js"])
      expect(readFileSync(path.join(dist, build), "utf8"), build).toContain("serverFixedImage(src, width, height, crop, loader, srcSetOptions)");
    // This file runs as the server does (no DOM), with the node build's Image.
    expect(typeof document).toBe("undefined");
    expect(String((Image as unknown as { render: () => void }).render)).toContain("serverFixedImage");
  });

  it("renders what the unpatched Image renders, the first time and from its cache", async () => {
    const browser = (await import(pathToFileURL(path.join(dist, "browser-prod/Image.mjs")).href)) as { Image: ComponentType<ImageProps> };
    expect(readFileSync(path.join(dist, "browser-prod/Image.mjs"), "utf8")).not.toContain("serverFixedImage");
    for (let round = 0; round < 2; round++)
      for (const props of cases) {
        const patched = renderToString(<Image {...props} />);
        expect(patched).toContain("<img");
        expect(patched, JSON.stringify(props)).toBe(renderToString(<browser.Image {...props} />));
      }
  });

  it("gives our wrapper's pictures a srcSet of the same URL at 1x, 2x and 3x", () => {
    const html = renderToString(<OurImage src="/images/products/kito-1.svg" alt="Kito ring" width={800} height={800} className="gallery__main" />);
    expect(html).toBe(
      '<img alt="Kito ring" decoding="async" height="800" loading="lazy" src="/images/products/kito-1.svg" srcSet="/images/products/kito-1.svg 1x, /images/products/kito-1.svg 2x, /images/products/kito-1.svg 3x" width="800" style="aspect-ratio:800/800" class="gallery__main"/>',
    );
  });
});
