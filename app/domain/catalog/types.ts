import type { Money } from "~/lib/money";
import type { Availability } from "./availability";

export type ImageData = { url: string; alt: string; width: number; height: number };

/** A product page picture: `finish` is the variant finish it shows (null: every finish). */
export type ProductImageView = ImageData & { finish: string | null };

/** What a product tile needs: the first image and the lowest retail price. */
export type ProductCardData = {
  id: number;
  handle: string;
  title: string;
  category: string;
  image: ImageData | null;
  price: Money | null;
  /** Only when above `price` (a real markdown). */
  compareAtPrice?: Money | null;
};

export type MakerCardData = {
  handle: string;
  firstName: string;
  settlement: string;
  county: string;
  portraitUrl: string;
};

export type VariantView = {
  id: number;
  sku: string;
  title: string;
  options: Record<string, string>;
  price: Money;
  compareAtPrice: Money | null;
  availability: Availability;
};
