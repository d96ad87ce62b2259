/**
 * Gift card codes, pure: 16 characters of Crockford's base 32 (no I, L, O or U, so nothing reads as
 * another character), shown in four groups of four ("K7Q2-9XMD-R4TB-HW3N"). Fifteen are random
 * (75 bits from the platform's CSPRNG) and the last is a Luhn mod 32 check character, so a typo
 * (one wrong character, two swapped neighbours) is caught before any lookup or throttle count.
 * Only a SHA-256 of the normalised code and its last four are stored (docs/decisions/0016).
 */

export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 16;
const RANDOM_LENGTH = CODE_LENGTH - 1;
const BASE = CODE_ALPHABET.length;

/** Luhn mod N over the alphabet: the character that makes the whole code check. */
export function checkCharacter(body: string): string {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let value = CODE_ALPHABET.indexOf(body[i]);
    if (value < 0) throw new Error(`Not a code character: ${body[i]}`);
    if (double) {
      value *= 2;
      value = Math.floor(value / BASE) + (value % BASE);
    }
    sum += value;
    double = !double;
  }
  return CODE_ALPHABET[(BASE - (sum % BASE)) % BASE];
}

/** A fresh code from `random` (crypto.getRandomValues by default): 15 random characters and the check. */
export function generateCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  // 32 divides 256, so a byte mod 32 is uniform: no bias to correct.
  const bytes = random(new Uint8Array(RANDOM_LENGTH));
  let body = "";
  for (const byte of bytes) body += CODE_ALPHABET[byte % BASE];
  return body + checkCharacter(body);
}

/** "K7Q2-9XMD-R4TB-HW3N": how a code is printed and emailed. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

export type ParsedCode = { ok: true; code: string } | { ok: false; message: string };

/**
 * What a person typed or a scanner sent → the normalised code, or why it cannot be one. Spaces,
 * dashes and case are ignored; O reads as 0 and I/L as 1 (Crockford), so a misread card still works.
 */
export function parseCode(input: string): ParsedCode {
  const code = input
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!code) return { ok: false, message: "Enter the gift card's code." };
  if (code.length !== CODE_LENGTH || [...code].some((c) => !CODE_ALPHABET.includes(c))) {
    return { ok: false, message: "A gift card code has 16 letters and digits, like K7Q2-9XMD-R4TB-HW3N." };
  }
  if (checkCharacter(code.slice(0, -1)) !== code.at(-1)) {
    return { ok: false, message: "That code has a typo: please check each character." };
  }
  return { ok: true, code };
}

/** The last four characters: what receipts, the account and /ops show of a card. */
export function lastFour(code: string): string {
  return code.slice(-4);
}

/** "····HW3N": the one way a card's code is shown masked (checkout, order page, receipts, balance page, ops). */
export function maskedCode(last4: string): string {
  return `····${last4}`;
}
