import type { MetaDescriptor } from "@remix-run/react";
import { MARKETS, marketFromPath } from "~/domain/markets";
import { toMoneyV2, type Money } from "~/lib/money";

/** What every storefront page tells search engines and link previews. URLs are absolute. */
export type Seo = {
  title: string;
  description: string;
  url: string;
  image: string | null;
  type: "website" | "product";
};

export const SITE_NAME = "Soko";
export const BRAND = "Soko";

/** `path` on the public origin; already-absolute URLs are returned unchanged. */
export function absoluteUrl(publicUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${publicUrl.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}

/** A plain-text summary of at most `max` characters, cut at a word boundary. */
export function excerpt(text: string, max = 155): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return "/";
  }
};

export function seoMeta(seo: Seo | undefined | null): MetaDescriptor[] {
  if (!seo) return [{ title: SITE_NAME }];
  const meta: MetaDescriptor[] = [
    { title: seo.title },
    { name: "description", content: seo.description },
    { tagName: "link", rel: "canonical", href: seo.url },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:type", content: seo.type },
    { property: "og:title", content: seo.title },
    { property: "og:description", content: seo.description },
    { property: "og:url", content: seo.url },
    // The page's market's English, from its address (the same as <html lang>): en_GB on /en-gb/….
    { property: "og:locale", content: MARKETS[marketFromPath(pathOf(seo.url)).market].ogLocale },
    { name: "twitter:card", content: seo.image ? "summary_large_image" : "summary" },
  ];
  if (seo.image) meta.push({ property: "og:image", content: seo.image });
  return meta;
}

export type JsonLdOffer = { sku: string; price: Money; availability: string; url: string };

/** Buyers' reviews as structured data: the aggregate of every approved review, and the ones on the page. */
export type JsonLdRating = {
  average: number;
  count: number;
  reviews: Array<{ author: string; rating: number; title: string; body: string; datePublished: string }>;
};

export function productJsonLd(input: {
  name: string;
  description: string;
  url: string;
  images: string[];
  category: string;
  materials: string[];
  offers: JsonLdOffer[];
  rating?: JsonLdRating | null;
}) {
  // Search engines refuse an AggregateRating without reviews: none is better than reviewCount 0.
  const rating = input.rating && input.rating.count > 0 ? input.rating : null;
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: input.name,
    description: input.description,
    url: input.url,
    image: input.images,
    category: input.category,
    material: input.materials.join(", ") || undefined,
    sku: input.offers[0]?.sku,
    brand: { "@type": "Brand", name: BRAND },
    offers: input.offers.map((offer) => {
      const { amount, currencyCode } = toMoneyV2(offer.price);
      return {
        "@type": "Offer",
        sku: offer.sku,
        url: offer.url,
        price: amount,
        priceCurrency: currencyCode,
        availability: offer.availability,
        itemCondition: "https://schema.org/NewCondition",
        seller: { "@type": "Organization", name: BRAND },
      };
    }),
    aggregateRating: rating
      ? { "@type": "AggregateRating", ratingValue: rating.average, reviewCount: rating.count, bestRating: 5, worstRating: 1 }
      : undefined,
    review: rating?.reviews.length
      ? rating.reviews.map((review) => ({
          "@type": "Review",
          author: { "@type": "Person", name: review.author },
          datePublished: review.datePublished.slice(0, 10),
          name: review.title,
          reviewBody: review.body,
          reviewRating: { "@type": "Rating", ratingValue: review.rating, bestRating: 5, worstRating: 1 },
        }))
      : undefined,
  };
}

/**
 * JSON for an inline <script type="application/ld+json">: `<`, `>` and `&` are escaped so text from the
 * catalog (a story containing "</script>") cannot end the script element; the JSON value is unchanged.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
