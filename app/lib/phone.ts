/**
 * Kenyan mobile numbers, the one parser: as artisans and staff type them, as Africa's Talking sends
 * them (SMS, USSD), and as M-Pesa wants them. Pure.
 *
 * The stored form is E.164, "+2547XXXXXXXX" or "+2541XXXXXXXX" (the newer 01xx ranges: Safaricom's
 * 011x, Airtel's 010x): artisans.phone, riders' phones, payout phones and every SMS recipient.
 * Accepted, with any spaces, dashes, dots or brackets: +254…, 00254… (the international prefix
 * dialled from Kenya), 254…, 0… (the trunk prefix) or the bare nine digits — always a 7 or a 1 first.
 */

/** A Kenyan mobile number in any of the accepted forms → "+254712345678"; null when it is not one. */
export function normalizeKenyanPhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, "");
  const match = /^(?:\+254|00254|254|0)?([17]\d{8})$/.exec(compact);
  return match ? `+254${match[1]}` : null;
}

/** Daraja's PartyB: the same number without the "+" ("254712345678"); null when it is not one. */
export function toMsisdn(input: string): string | null {
  return normalizeKenyanPhone(input)?.slice(1) ?? null;
}

/** "+254712345678" → "0712 345 678", how Kenyans write their own number; anything else as it is. */
export function displayKenyanPhone(e164: string): string {
  const match = /^\+254(\d{3})(\d{3})(\d{3})$/.exec(e164);
  return match ? `0${match[1]} ${match[2]} ${match[3]}` : e164;
}

/**
 * The digits of a number or part of one typed into a search box, after the country code or trunk 0,
 * so "0712 34", "+254 712-34", "254712 34" and "00254 71234" all search for "71234".
 */
export function nationalDigits(typed: string): string {
  const digits = typed.replace(/\D/g, "");
  for (const prefix of ["00254", "254", "0"]) if (digits.startsWith(prefix)) return digits.slice(prefix.length);
  return digits;
}

/**
 * A shopper's mobile number for a text receipt, as E.164 ("+14155550100"): "+" and 8 to 15 digits
 * (country code first, never 0), "00" for "+", or a 10-digit North American number as the flagship's
 * shoppers write it ("(415) 555-0100", "1 415 555 0100"). Kenyan numbers as normalizeKenyanPhone
 * reads them. Null when it cannot be a phone number.
 */
export function normalizeE164(input: string): string | null {
  const compact = input.trim().replace(/[\s\-().]/g, "");
  if (!compact) return null;
  const kenyan = /^(?:\+254|00254|254)/.test(compact) ? normalizeKenyanPhone(compact) : null;
  if (kenyan) return kenyan;
  const international = /^(?:\+|00)([1-9]\d{7,14})$/.exec(compact);
  if (international) return `+${international[1]}`;
  const northAmerican = /^1?([2-9]\d{2}[2-9]\d{6})$/.exec(compact);
  return northAmerican ? `+1${northAmerican[1]}` : null;
}
