/**
 * Kenyan mobile numbers as artisans type them and as Africa's Talking sends them, pure.
 * Stored form is E.164: +2547XXXXXXXX or +2541XXXXXXXX (the newer 01xx prefixes).
 */
export function normalizeKenyanPhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, "");
  let national: string | undefined;
  if (/^\+254\d{9}$/.test(compact)) national = compact.slice(4);
  else if (/^00254\d{9}$/.test(compact)) national = compact.slice(5);
  else if (/^254\d{9}$/.test(compact)) national = compact.slice(3);
  else if (/^0\d{9}$/.test(compact)) national = compact.slice(1);
  else if (/^[17]\d{8}$/.test(compact)) national = compact;
  if (!national || !/^[17]/.test(national)) return null;
  return `+254${national}`;
}
