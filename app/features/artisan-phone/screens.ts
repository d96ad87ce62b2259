/**
 * USSD screen layout and input parsing, pure. Africa's Talking joins every answer of a session with
 * "*" in `text`, so "1234*1*2" is: PIN 1234, then option 1, then option 2.
 */
import { toGsm7 } from "~/domain/messaging";

/** What one USSD screen can show (Safaricom's limit; longer bodies are cut by the network). */
export const USSD_MAX_CHARS = 182;
/** Longer `text` than this is not a conversation anyone typed. */
export const USSD_MAX_INPUT = 160;
/** Lists show this many items. */
export const USSD_LIST_SIZE = 5;

export type UssdReply = { kind: "CON" | "END"; body: string };

export const con = (body: string): UssdReply => ({ kind: "CON", body: fitScreen(body) });
export const end = (body: string): UssdReply => ({ kind: "END", body: fitScreen(body) });

/** The wire form: "CON …" or "END …". */
export function renderReply(reply: UssdReply): string {
  return `${reply.kind} ${reply.body}`;
}

/** The answers typed so far; the opening request (empty text) has none. */
export function parseInputs(text: string): string[] {
  return text === "" ? [] : text.split("*").map((s) => s.trim());
}

/** A menu choice: "1" → 1. Anything but a few digits is not a choice. */
export function parseChoice(input: string): number | null {
  return /^\d{1,2}$/.test(input) ? Number(input) : null;
}

/** Plain characters only and never longer than a screen. */
export function fitScreen(body: string, max = USSD_MAX_CHARS): string {
  const plain = toGsm7(body);
  return plain.length <= max ? plain : `${plain.slice(0, max - 3).trimEnd()}...`;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "";
  return `${text.slice(0, max - 1).trimEnd()}.`;
}

export type ListItem = { number: string; quantity: number; title: string; tail: string };

/**
 * A numbered list that fits one screen: "1. PR-50012 6x Horn Studs KES 350/pc, due 12 Dec" when
 * everything fits, otherwise the details move to the item's own screen and titles are shortened
 * just enough ("1. PR-50012 6x Horn Stu.").
 */
export function listScreen(header: string, items: ListItem[], footer: string, max = USSD_MAX_CHARS): string {
  const assemble = (lines: string[]) => [header, ...lines, footer].filter(Boolean).join("\n");
  const full = assemble(items.map((item, i) => `${i + 1}. ${item.number} ${item.quantity}x ${toGsm7(item.title)} ${item.tail}`));
  if (full.length <= max) return full;
  const longest = Math.max(0, ...items.map((item) => toGsm7(item.title).length));
  for (let titleMax = longest; titleMax >= 0; titleMax--) {
    const compact = assemble(
      items.map((item, i) => `${i + 1}. ${item.number} ${item.quantity}x ${clip(toGsm7(item.title), titleMax)}`.trimEnd()),
    );
    if (compact.length <= max) return compact;
  }
  return assemble(items.map((item, i) => `${i + 1}. ${item.number}`));
}

/** A detail screen whose first line carries a title that is shortened before anything else is cut. */
export function detailScreen(build: (title: string) => string, title: string, max = USSD_MAX_CHARS): string {
  const plainTitle = toGsm7(title);
  for (let n = plainTitle.length; n >= 0; n--) {
    const body = toGsm7(build(n === plainTitle.length ? plainTitle : clip(plainTitle, n)));
    if (body.length <= max) return body;
  }
  return toGsm7(build(""));
}
