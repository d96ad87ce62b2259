/**
 * The one file that touches node-x12 (docs/decisions/0017-x12-edi.md): text → a plain interchange
 * (every envelope segment as read, trailers null when missing, so validate.ts can judge them), and a
 * plain outbound interchange → text, the library counting SE01, GE01 and IEA01 as it writes.
 */
import x12 from "node-x12";
import type { Interchange, OutboundInterchange, Segment } from "./model";

const { X12Parser, X12Interchange } = x12;

type X12Seg = { tag: string; elements: Array<{ value: string }> } | undefined | null;
const values = (s: X12Seg) => (s ? s.elements.map((e) => e.value ?? "") : null);

export type ReadResult = { ok: true; interchange: Interchange } | { ok: false; message: string };

/**
 * Reads one interchange. The ISA is fixed-width (106 characters): its 4th character is the element
 * delimiter, its 105th the sub-element delimiter and its 106th the segment terminator. Anything that
 * is not one interchange (no ISA, a short ISA, two interchanges) is refused whole: there is nobody to
 * address a 997 to.
 */
export function readInterchange(raw: string): ReadResult {
  const text = raw.replace(/^\uFEFF/, "").trimStart();
  if (!text.startsWith("ISA")) return { ok: false, message: "The file does not start with an ISA segment." };
  const elementDelimiter = text[3];
  const isaFields = text.slice(0, 105).split(elementDelimiter);
  if (text.length < 106 || isaFields.length !== 17)
    return { ok: false, message: "The ISA segment is not the 106 characters X12 fixes (16 elements)." };
  const subElementDelimiter = text[104];
  const segmentTerminator = text[105];
  if (/[A-Za-z0-9 ]/.test(elementDelimiter + subElementDelimiter + segmentTerminator))
    return { ok: false, message: "The ISA declares a letter, digit or space as a delimiter." };
  const isaCount = text.split(`${segmentTerminator}`).filter((s) => s.trim().startsWith(`ISA${elementDelimiter}`)).length;
  if (isaCount !== 1) return { ok: false, message: `The file holds ${isaCount} interchanges; send one per file.` };
  let parsed: InstanceType<typeof X12Interchange>;
  try {
    const result = new X12Parser(false).parse(text, { elementDelimiter, segmentTerminator, subElementDelimiter });
    if (!(result instanceof X12Interchange)) return { ok: false, message: "The file holds more than one interchange." };
    parsed = result;
  } catch (error) {
    return { ok: false, message: `The interchange could not be read: ${(error as Error).message}` };
  }
  // The ISA as sent (the library reads ISA13 as a number and would drop its zeros).
  const isa = isaFields.slice(1);
  return {
    ok: true,
    interchange: {
      isa,
      iea: values(parsed.trailer),
      delimiters: { element: elementDelimiter, segment: segmentTerminator, subElement: subElementDelimiter },
      groups: parsed.functionalGroups.map((g) => ({
        gs: values(g.header) ?? [],
        ge: values(g.trailer),
        sets: g.transactions.map((t) => ({
          st: values(t.header) ?? [],
          se: values(t.trailer),
          segments: t.segments.map((s): Segment => ({ tag: s.tag, elements: s.elements.map((e) => e.value ?? "") })),
        })),
      })),
    },
  };
}

/** ISA06/ISA08 are 15 characters, space padded; ISA13 nine digits. */
const pad = (s: string, n: number) => s.slice(0, n).padEnd(n, " ");
const control9 = (n: number) => String(n).padStart(9, "0");

/** Writes one outbound interchange: one group, its sets numbered from the control number. */
export function writeInterchange(doc: OutboundInterchange): string {
  const { delimiters: d } = doc;
  const ix = new X12Interchange({ segmentTerminator: d.segment, elementDelimiter: d.element, subElementDelimiter: d.subElement });
  const yymmdd = doc.date.slice(2, 8);
  ix.setHeader([
    "00",
    pad("", 10),
    "00",
    pad("", 10),
    pad(doc.sender.qualifier, 2),
    pad(doc.sender.id, 15),
    pad(doc.receiver.qualifier, 2),
    pad(doc.receiver.id, 15),
    yymmdd,
    doc.time,
    "U",
    "00401",
    control9(doc.controlNumber),
    "0",
    doc.usage,
    d.subElement,
  ]);
  const group = ix.addFunctionalGroup();
  group.setHeader([doc.functionalId, doc.sender.gsId, doc.receiver.gsId, doc.date, doc.time, String(doc.controlNumber), "X", "004010"]);
  doc.sets.forEach((set, i) => {
    const t = group.addTransaction();
    t.setHeader([set.type, String(i + 1).padStart(4, "0")]);
    for (const s of set.segments) t.addSegment(s.tag, s.elements);
  });
  return ix.toString({
    segmentTerminator: d.segment,
    elementDelimiter: d.element,
    subElementDelimiter: d.subElement,
    format: true,
    endOfLine: "\n",
  });
}
