/** Pure pieces of the product page: which variant to show first, how to name it, and its SEO. */
import { absoluteUrl, excerpt, productJsonLd, serializeJsonLd, type JsonLdRating, type Seo } from "./seo";
import type { ImageData, VariantView } from "./types";

/** `?variant=<id>` when it names one of the product's variants; else the first in stock; else the first. */
export function initialVariantId(variants: Pick<VariantView, "id" | "availability">[], requested: string | null): number | null {
  if (variants.length === 0) return null;
  if (requested && /^\d{1,10}$/.test(requested)) {
    const id = Number(requested);
    if (variants.some((v) => v.id === id)) return id;
  }
  return (variants.find((v) => v.availability.inStock) ?? variants[0]).id;
}

/** "Brass / Medium"; the variant title when it has no options; nothing for a lone default variant. */
export function variantLabel(variant: Pick<VariantView, "title" | "options">): string {
  const values = Object.values(variant.options ?? {}).filter((v) => typeof v === "string" && v.trim() !== "");
  if (values.length) return values.join(" / ");
  return variant.title;
}

export const CATEGORY_TITLES: Record<string, string> = {
  earrings: "Earrings",
  necklaces: "Necklaces",
  bracelets: "Bracelets",
  rings: "Rings",
};

export function productSeo(
  product: {
    handle: string;
    title: string;
    story: string;
    category: string;
    materials: string[];
    images: ImageData[];
    variants: VariantView[];
  },
  publicUrl: string,
  rating?: JsonLdRating | null,
  /** A market's URL prefix ("/en-gb"): its page is its own canonical (docs/decisions/0021). */
  marketPrefix = "",
): { seo: Seo; jsonLd: string } {
  const url = absoluteUrl(publicUrl, `${marketPrefix}/products/${product.handle}`);
  const description = excerpt(product.story) || `${product.title}: handmade ${product.category} by an artisan in Kenya.`;
  const images = product.images.map((image) => absoluteUrl(publicUrl, image.url));
  const seo: Seo = { title: `${product.title} | Soko`, description, url, image: images[0] ?? null, type: "product" };
  const ld = productJsonLd({
    name: product.title,
    description,
    url,
    images,
    category: CATEGORY_TITLES[product.category] ?? product.category,
    materials: product.materials,
    offers: product.variants.map((variant) => ({
      sku: variant.sku,
      price: variant.price,
      availability: variant.availability.schemaOrg,
      url: `${url}?variant=${variant.id}`,
    })),
    rating,
  });
  return { seo, jsonLd: serializeJsonLd(ld) };
}
