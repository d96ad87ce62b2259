/**
 * SSCC-18, the number on every carton we ship with an advance ship notice (GS1 General
 * Specifications §2.2.1): extension digit, GS1 company prefix, serial reference, check digit — 18
 * digits, printed as a GS1-128 barcode behind application identifier (00). Pure.
 */

/** The extension digit we use: 0 (the company decides; it only widens the serial range). */
export const SSCC_EXTENSION = "0";

/**
 * The GS1 mod-10 check digit of a run of digits (GTIN, SSCC, GLN alike): from the right, weights 3,
 * 1, 3, 1…; the check digit brings the sum up to a multiple of ten.
 */
export function gs1CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error("A GS1 check digit is computed over digits only.");
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a GS1 key (GTIN-8/12/13/14, SSCC-18) carries the right check digit. */
export const hasValidCheckDigit = (key: string) => /^\d{2,}$/.test(key) && gs1CheckDigit(key.slice(0, -1)) === Number(key.at(-1));

/** A GS1 company prefix is 6 to 12 digits (7 to 10 for most issued today). */
export const isCompanyPrefix = (prefix: string) => /^\d{6,12}$/.test(prefix);

/**
 * The SSCC of serial `serial` under `companyPrefix`: the serial reference fills the 16 digits left
 * after the extension digit and the prefix, zero padded. A serial too big for the room the prefix
 * leaves is refused (it would need a new prefix, not a silent wrap onto a used number).
 */
export function sscc(companyPrefix: string, serial: number, extension = SSCC_EXTENSION): string {
  if (!isCompanyPrefix(companyPrefix)) throw new Error(`GS1 company prefix ${companyPrefix} is not 6 to 12 digits.`);
  if (!/^\d$/.test(extension)) throw new Error("The SSCC extension digit is one digit.");
  const room = 16 - companyPrefix.length;
  if (!Number.isSafeInteger(serial) || serial < 0 || String(serial).length > room)
    throw new Error(`Serial ${serial} does not fit the ${room} digits prefix ${companyPrefix} leaves.`);
  const body = `${extension}${companyPrefix}${String(serial).padStart(room, "0")}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/** "(00) 0 0614141 000000001 2"-style grouping is for people; labels print "(00) 006141410000000012". */
export const ssccHumanReadable = (code: string) => `(00) ${code}`;
