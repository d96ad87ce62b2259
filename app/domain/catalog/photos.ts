/**
 * A product picture's own page, its enlarged view (`/products/:handle/photos/:n`, n from 1 in the
 * product's picture order): what the gallery's large picture links to, so zooming works without
 * JavaScript and the product page does not carry every picture a third time.
 */
export function productPhotoPath(handle: string, n: number): string {
  return `/products/${handle}/photos/${n}`;
}

/** The photo number in an address ("2" → 2), or null when it names no picture of `count`. */
export function photoNumber(param: string | undefined, count: number): number | null {
  if (!param || !/^[1-9][0-9]{0,2}$/.test(param)) return null;
  const n = Number(param);
  return n <= count ? n : null;
}
