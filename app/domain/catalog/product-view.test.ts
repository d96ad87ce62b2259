import { describe, expect, it } from "vitest";
import { availabilityFor } from "./availability";
import { initialVariantId, productSeo, variantLabel } from "./product-view";
import type { VariantView } from "./types";

const variant = (id: number, available: number, extra: Partial<VariantView> = {}): VariantView => ({
  id,
  sku: `SKU-${id}`,
  title: `Variant ${id}`,
  options: {},
  price: { amount: 4800 + id, currency: "USD" },
  compareAtPrice: null,
  availability: availabilityFor({ available, shipDays: available > 0 ? 2 : null, leadTimeDays: 14 }),
  ...extra,
});

describe("initialVariantId", () => {
  const variants = [variant(10, 0), variant(11, 3), variant(12, 5)];
  it("honours ?variant= when it is one of the product's variants", () => {
    expect(initialVariantId(variants, "12")).toBe(12);
    expect(initialVariantId(variants, "10")).toBe(10);
  });
  it("ignores foreign or malformed ids and picks the first in stock", () => {
    expect(initialVariantId(variants, "999")).toBe(11);
    expect(initialVariantId(variants, "abc")).toBe(11);
    expect(initialVariantId(variants, null)).toBe(11);
  });
  it("falls back to the first variant when none is in stock, and null when there are none", () => {
    expect(initialVariantId([variant(1, 0), variant(2, 0)], null)).toBe(1);
    expect(initialVariantId([], "1")).toBeNull();
  });
});

describe("variantLabel", () => {
  it("joins option values, or uses the title", () => {
    expect(variantLabel({ title: "x", options: { finish: "Brass", size: "Medium" } })).toBe("Brass / Medium");
    expect(variantLabel({ title: "Default", options: {} })).toBe("Default");
  });
});

describe("productSeo", () => {
  const product = {
    handle: "horn-hoops",
    title: "Horn Hoops",
    story: "Carved from <ethically> sourced horn </script> in Kibera.",
    category: "earrings",
    materials: ["horn"],
    images: [{ url: "/images/products/horn-hoops-1.svg", alt: "Horn Hoops", width: 800, height: 800 }],
    variants: [variant(1, 2), variant(2, 0)],
  };
  it("gives absolute canonical and image URLs and a product og:type", () => {
    const { seo } = productSeo(product, "https://soko.test");
    expect(seo).toMatchObject({
      title: "Horn Hoops | Soko",
      url: "https://soko.test/products/horn-hoops",
      image: "https://soko.test/images/products/horn-hoops-1.svg",
      type: "product",
    });
  });
  it("builds escaped JSON-LD with one offer per variant", () => {
    const { jsonLd } = productSeo(product, "https://soko.test");
    expect(jsonLd).not.toContain("</script>");
    const ld = JSON.parse(jsonLd);
    expect(ld.description).toContain("</script>");
    expect(ld.offers.map((o: { availability: string; price: string; url: string }) => [o.availability, o.price, o.url])).toEqual([
      ["https://schema.org/InStock", "48.01", "https://soko.test/products/horn-hoops?variant=1"],
      ["https://schema.org/BackOrder", "48.02", "https://soko.test/products/horn-hoops?variant=2"],
    ]);
  });
});
