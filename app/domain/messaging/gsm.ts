/**
 * SMS length rules, pure. A message in the GSM-7 alphabet fits 160 characters in one SMS (153 a part
 * when split); one character outside it (a curly quote, an emoji) turns the whole message into UCS-2
 * with 70 (67) a part, so a stray ’ can triple what an artisan's message costs. We therefore replace
 * typographic characters with their plain forms and keep our templates within one GSM-7 SMS.
 */

// The GSM 03.38 basic set (one septet each) and its extension table (escape + septet: two each).
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENDED = "^{}\\[~]|€\f";
const basic = new Set(GSM7_BASIC);
const extended = new Set(GSM7_EXTENDED);

export const SMS_SINGLE_GSM7 = 160;
export const SMS_PART_GSM7 = 153;
export const SMS_SINGLE_UCS2 = 70;
export const SMS_PART_UCS2 = 67;

const TYPOGRAPHIC: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, "-"],
  [/\u2026/g, "..."],
  [/\u00D7/g, "x"],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, " "],
  [/[\u200B-\u200D\uFEFF]/g, ""],
];

export function isGsm7Char(ch: string): boolean {
  return basic.has(ch) || extended.has(ch);
}

/**
 * Plain forms for typographic characters, accents outside GSM-7 dropped (ô → o), runs of spaces
 * collapsed and the ends trimmed. Characters with no GSM-7 form (emoji, other scripts) are kept: the
 * message then goes as UCS-2, which is still better than changing what someone wrote.
 */
export function toGsm7(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TYPOGRAPHIC) out = out.replace(pattern, replacement);
  out = [...out]
    .map((ch) => {
      if (isGsm7Char(ch)) return ch;
      const stripped = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      return stripped && [...stripped].every(isGsm7Char) ? stripped : ch;
    })
    .join("");
  return out
    .replace(/ {2,}/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

export type SmsLength = { encoding: "gsm7" | "ucs2"; units: number; segments: number };

/** How long a message is in its cheapest encoding, and how many SMS it takes. */
export function smsLength(text: string): SmsLength {
  const chars = [...text];
  if (chars.every(isGsm7Char)) {
    const units = chars.reduce((n, ch) => n + (extended.has(ch) ? 2 : 1), 0);
    return { encoding: "gsm7", units, segments: units <= SMS_SINGLE_GSM7 ? 1 : Math.ceil(units / SMS_PART_GSM7) };
  }
  // UCS-2 counts UTF-16 code units: an emoji is two.
  const units = text.length;
  return { encoding: "ucs2", units, segments: units <= SMS_SINGLE_UCS2 ? 1 : Math.ceil(units / SMS_PART_UCS2) };
}

export function fitsOneSms(text: string): boolean {
  return smsLength(text).segments === 1;
}

/**
 * Cuts `text` so it fits in `maxSegments` SMS, ending in "..." when something was cut. Never splits
 * a UTF-16 surrogate pair or a GSM-7 escape sequence.
 */
export function truncateSms(text: string, maxSegments = 1): string {
  if (smsLength(text).segments <= maxSegments) return text;
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  // The longest prefix that, with the ellipsis, still fits.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (smsLength(`${chars.slice(0, mid).join("").trimEnd()}...`).segments <= maxSegments) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join("").trimEnd()}...`;
}

/**
 * Builds a message around one variable part (a product title) and shortens only that part until the
 * whole fits in one SMS. Falls back to truncating the whole message when even an empty part is too long.
 */
export function fitSmsAround(build: (part: string) => string, part: string, maxSegments = 1): string {
  const full = toGsm7(build(part));
  if (smsLength(full).segments <= maxSegments) return full;
  const chars = [...toGsm7(part)];
  for (let n = chars.length - 1; n >= 1; n--) {
    const candidate = toGsm7(build(`${chars.slice(0, n).join("").trimEnd()}.`));
    if (smsLength(candidate).segments <= maxSegments) return candidate;
  }
  return truncateSms(toGsm7(build("")), maxSegments);
}
