/**
 * Kenyan mobile numbers as people type them (0712 345 678, +254 712…, 254712…, 712345678) →
 * E.164 "+254712345678", the form stored on artisans.phone and used by SMS and M-Pesa. Pure.
 * Mobile prefixes are 7xx and 1xx (Safaricom's 011x, Airtel's 010x).
 */
export function normalizeKenyanPhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, "");
  const match = /^(?:\+?254|0)?([17]\d{8})$/.exec(compact);
  return match ? `+254${match[1]}` : null;
}

/** "+254712345678" → "0712 345 678", how Kenyans write their own number. */
export function displayKenyanPhone(e164: string): string {
  const match = /^\+254(\d{3})(\d{3})(\d{3})$/.exec(e164);
  return match ? `0${match[1]} ${match[2]} ${match[3]}` : e164;
}
