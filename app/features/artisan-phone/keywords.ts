/**
 * Keywords an artisan can text to Soko, in Swahili or English. Pure.
 *   SALIO / BALANCE            → the balance
 *   KUBALI PR-50012 / ACCEPT … → accept that offer ("pr 50012", "PR50012" and "50012" work too)
 */
import type { Language } from "~/domain/messaging";

export type InboundCommand =
  | { kind: "balance"; language: Language }
  | { kind: "accept"; language: Language; requestNumber: string }
  | { kind: "unknown" };

const BALANCE: Record<string, Language> = { SALIO: "sw", BALANCE: "en" };
const ACCEPT: Record<string, Language> = { KUBALI: "sw", ACCEPT: "en" };

export function parseInboundSms(text: string): InboundCommand {
  const words = text
    .normalize("NFKC")
    .trim()
    .toUpperCase()
    .replace(/[.,!?:;]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const [keyword, ...rest] = words;
  if (!keyword) return { kind: "unknown" };
  if (keyword in BALANCE && rest.length === 0) return { kind: "balance", language: BALANCE[keyword] };
  if (keyword in ACCEPT) {
    // "PR-50012", "PR50012", "PR 50012" or "50012": one request number, nothing else.
    const argument = rest.length === 1 ? rest[0] : rest.length === 2 && rest[0] === "PR" ? `PR${rest[1]}` : "";
    const match = /^(?:PR-?)?(\d{1,9})$/.exec(argument);
    if (match) return { kind: "accept", language: ACCEPT[keyword], requestNumber: `PR-${match[1]}` };
  }
  return { kind: "unknown" };
}
