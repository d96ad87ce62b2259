import { describe, expect, it } from "vitest";
import { absoluteUrl, excerpt, productJsonLd, seoMeta, serializeJsonLd } from "./seo";

describe("absoluteUrl", () => {
  it("joins paths to the public origin", () => {
    expect(absoluteUrl("https://soko.test/", "/products/a")).toBe("https://soko.test/products/a");
    expect(absoluteUrl("https://soko.test", "images/x.svg")).toBe("https://soko.test/images/x.svg");
  });
  it("keeps absolute URLs", () => {
    expect(absoluteUrl("https://soko.test", "https://cdn.test/x.svg")).toBe("https://cdn.test/x.svg");
  });
});

describe("excerpt", () => {
  it("keeps short text and flattens whitespace", () => {
    expect(excerpt("Hand  made\nin Kenya.")).toBe("Hand made in Kenya.");
  });
  it("cuts long text at a word boundary with an ellipsis", () => {
    const text = "Brass hoops hammered by hand in Kibera from reclaimed metal, polished to a warm glow. ".repeat(4);
    const short = excerpt(text, 60);
    expect(short.length).toBeLessThanOrEqual(60);
    expect(short.endsWith("…")).toBe(true);
    expect(text.startsWith(short.slice(0, -1))).toBe(true);
  });
});

describe("seoMeta", () => {
  const seo = {
    title: "Horn hoops | Soko",
    description: "Hoops.",
    url: "https://soko.test/products/horn-hoops",
    image: "https://soko.test/i.svg",
    type: "product" as const,
  };
  it("has title, description, canonical and Open Graph tags", () => {
    const meta = seoMeta(seo);
    expect(meta).toContainEqual({ title: "Horn hoops | Soko" });
    expect(meta).toContainEqual({ name: "description", content: "Hoops." });
    expect(meta).toContainEqual({ tagName: "link", rel: "canonical", href: seo.url });
    expect(meta).toContainEqual({ property: "og:type", content: "product" });
    expect(meta).toContainEqual({ property: "og:url", content: seo.url });
    expect(meta).toContainEqual({ property: "og:image", content: seo.image });
  });
  it("falls back to the site name without data (error pages)", () => {
    expect(seoMeta(undefined)).toEqual([{ title: "Soko" }]);
  });
});

describe("productJsonLd", () => {
  it("describes a Product with decimal-string offers and the brand", () => {
    const ld = productJsonLd({
      name: "Horn hoops",
      description: "Hoops.",
      url: "https://soko.test/products/horn-hoops",
      images: ["https://soko.test/a.svg"],
      category: "earrings",
      materials: ["horn", "brass"],
      offers: [
        {
          sku: "HH-1",
          price: { amount: 8500, currency: "USD" },
          availability: "https://schema.org/InStock",
          url: "https://soko.test/products/horn-hoops?variant=1",
        },
        {
          sku: "HH-2",
          price: { amount: 9000, currency: "USD" },
          availability: "https://schema.org/BackOrder",
          url: "https://soko.test/products/horn-hoops?variant=2",
        },
      ],
    });
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Product",
      sku: "HH-1",
      brand: { "@type": "Brand", name: "Soko" },
      material: "horn, brass",
    });
    expect(ld.offers).toEqual([
      expect.objectContaining({
        "@type": "Offer",
        sku: "HH-1",
        price: "85.00",
        priceCurrency: "USD",
        availability: "https://schema.org/InStock",
      }),
      expect.objectContaining({ sku: "HH-2", price: "90.00", availability: "https://schema.org/BackOrder" }),
    ]);
  });
});

describe("serializeJsonLd", () => {
  it("cannot close the script element, and parses back to the same value", () => {
    const value = { name: "</script><script>alert(1)</script> & <!--", line: "a\u2028b" };
    const out = serializeJsonLd(value);
    expect(out).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});
