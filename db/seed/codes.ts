/** Identifiers shared by the demo seed and the test factories. Pure. */

/** "Contrast Sabi Pendant Necklace" → "contrast-sabi-pendant-necklace". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The EAN-13 check digit of a 12-digit body (GS1 mod-10, weights 1,3,1,3… from the left). */
export function ean13CheckDigit(body: string): number {
  if (!/^\d{12}$/.test(body)) throw new Error(`EAN-13 body must be 12 digits, got "${body}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/**
 * A full EAN-13 from a prefix and a serial: the 20–29 prefixes are GS1's "restricted circulation"
 * range, meant for a company's own numbering. The demo seed uses 20, test factories use 29.
 */
export function ean13(prefix: string, serial: number): string {
  const body = prefix + String(serial).padStart(12 - prefix.length, "0");
  if (body.length !== 12) throw new Error(`serial ${serial} does not fit after prefix ${prefix}`);
  return body + ean13CheckDigit(body);
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** Soko pays roughly KES 150 for a $28 piece and KES 1,200 for a $220 one; KES minor units, whole 10s of shillings. */
export function pieceRateForPrice(priceMinorUsd: number): number {
  const t = Math.min(1, Math.max(0, (priceMinorUsd - 2800) / (22000 - 2800)));
  const shillings = Math.round((150 + t * 1050) / 10) * 10;
  return shillings * 100;
}

/** Wholesale is half of retail, rounded to whole cents. */
export function wholesaleForPrice(priceMinor: number): number {
  return Math.round(priceMinor / 2);
}
