/**
 * The syntax checks that decide a 997 (docs/decisions/0017-x12-edi.md), pure: each transaction set
 * of a group is accepted or rejected on its own (AK5), with the segments (AK3) and elements (AK4) in
 * error and the X12 codes; the group is accepted, partly accepted or rejected (AK9) by its sets and its
 * own envelope. Business rules (is the item ours, is the ship-to known) are not here: a set that
 * passes these is acknowledged and then placed or held (receive.server.ts).
 */
import type { Group, Segment, TransactionSet } from "./model";

/** AK4: an element in error. `position` is 1-based within its segment. */
export type ElementError = { position: number; ref: string; code: ElementErrorCode; value?: string };
/** AK3: a segment in error. `position` counts from ST = 1. */
export type SegmentError = { tag: string; position: number; code: SegmentErrorCode; elements: ElementError[] };
export type SetVerdict = {
  type: string;
  control: string;
  accepted: boolean;
  /** AK502 (the first reason; more may follow in AK503–AK506). */
  codes: SetErrorCode[];
  segments: SegmentError[];
};
export type GroupVerdict = {
  functionalId: string;
  control: string;
  sets: SetVerdict[];
  /** AK901: A accepted, P partly, R rejected. */
  status: "A" | "P" | "R";
  codes: GroupErrorCode[];
};

/** AK502 (X12 718). */
export const SET_ERROR = {
  notSupported: "1",
  trailerMissing: "2",
  controlMismatch: "3",
  countMismatch: "4",
  segmentsInError: "5",
} as const;
export type SetErrorCode = (typeof SET_ERROR)[keyof typeof SET_ERROR];
/** AK304 (X12 720). */
export const SEGMENT_ERROR = { unrecognized: "1", unexpected: "2", mandatoryMissing: "3", elementErrors: "8" } as const;
export type SegmentErrorCode = (typeof SEGMENT_ERROR)[keyof typeof SEGMENT_ERROR];
/** AK403 (X12 723). */
export const ELEMENT_ERROR = {
  mandatoryMissing: "1",
  tooShort: "4",
  tooLong: "5",
  invalidCharacter: "6",
  invalidCode: "7",
  invalidDate: "8",
} as const;
export type ElementErrorCode = (typeof ELEMENT_ERROR)[keyof typeof ELEMENT_ERROR];
/** AK905 (X12 716). */
export const GROUP_ERROR = { notSupported: "1", trailerMissing: "3", controlMismatch: "4", countMismatch: "5" } as const;
export type GroupErrorCode = (typeof GROUP_ERROR)[keyof typeof GROUP_ERROR];

/** What we read of each element: required, its data element number, a check. */
type ElementRule = {
  ref: string;
  required?: boolean;
  min?: number;
  max?: number;
  kind?: "number" | "integer" | "date" | "code";
  codes?: string[];
};
type SegmentRule = { required?: boolean; elements: Record<number, ElementRule> };

const PO_NUMBER: ElementRule = { ref: "324", required: true, min: 1, max: 22 };
const DATE: ElementRule = { ref: "373", kind: "date" };

/** The segments of each set type we read, and their elements; other well-formed tags pass through. */
export const SET_RULES: Record<string, Record<string, SegmentRule>> = {
  "850": {
    BEG: {
      required: true,
      elements: {
        1: { ref: "353", required: true, kind: "code", codes: ["00", "05", "06", "07"] },
        2: { ref: "92", required: true, min: 2, max: 2 },
        3: PO_NUMBER,
        5: { ...DATE, required: true },
      },
    },
    DTM: { elements: { 1: { ref: "374", required: true, min: 3, max: 3 }, 2: DATE } },
    // CUR01 the entity (BY buyer, SE seller), CUR02 the ISO 4217 code the PO's prices are in.
    CUR: { elements: { 1: { ref: "98", required: true, min: 2, max: 3 }, 2: { ref: "100", required: true, min: 3, max: 3 } } },
    N1: { elements: { 1: { ref: "98", required: true, min: 2, max: 3 } } },
    PO1: {
      required: true,
      elements: {
        2: { ref: "330", required: true, kind: "number" },
        3: { ref: "355", required: true, min: 2, max: 2 },
        4: { ref: "212", kind: "number" },
        6: { ref: "235", required: true, min: 2, max: 2 },
        7: { ref: "234", required: true, min: 1, max: 48 },
      },
    },
    CTT: { elements: { 1: { ref: "354", required: true, kind: "integer" } } },
  },
  "997": {
    AK1: {
      required: true,
      elements: { 1: { ref: "479", required: true, min: 2, max: 2 }, 2: { ref: "28", required: true, kind: "integer" } },
    },
    AK9: { required: true, elements: { 1: { ref: "715", required: true, kind: "code", codes: ["A", "E", "P", "R"] } } },
  },
  "860": {
    BCH: {
      required: true,
      elements: {
        1: { ref: "353", required: true, kind: "code", codes: ["01", "04"] },
        2: { ref: "92", required: true, min: 2, max: 2 },
        3: PO_NUMBER,
        6: { ...DATE, required: true },
      },
    },
    DTM: { elements: { 1: { ref: "374", required: true, min: 3, max: 3 }, 2: DATE } },
    POC: {
      elements: {
        2: { ref: "670", required: true, kind: "code", codes: ["AI", "CA", "DI", "QD", "QI", "PC", "RQ"] },
        3: { ref: "380", kind: "number" },
      },
    },
  },
};

const TAG = /^[A-Z][A-Z0-9]{1,2}$/;

export function validDate(s: string): boolean {
  if (!/^\d{8}$/.test(s)) return false;
  const d = new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10).replaceAll("-", "") === s;
}

function checkElement(rule: ElementRule, value: string | undefined, position: number): ElementError | null {
  const v = value ?? "";
  if (v === "") return rule.required ? { position, ref: rule.ref, code: ELEMENT_ERROR.mandatoryMissing } : null;
  if (rule.min !== undefined && v.length < rule.min) return { position, ref: rule.ref, code: ELEMENT_ERROR.tooShort, value: v };
  if (rule.max !== undefined && v.length > rule.max) return { position, ref: rule.ref, code: ELEMENT_ERROR.tooLong, value: v };
  if (rule.kind === "number" && !/^-?\d+(\.\d+)?$/.test(v))
    return { position, ref: rule.ref, code: ELEMENT_ERROR.invalidCharacter, value: v };
  if (rule.kind === "integer" && !/^\d+$/.test(v)) return { position, ref: rule.ref, code: ELEMENT_ERROR.invalidCharacter, value: v };
  if (rule.kind === "date" && !validDate(v)) return { position, ref: rule.ref, code: ELEMENT_ERROR.invalidDate, value: v };
  if (rule.kind === "code" && rule.codes && !rule.codes.includes(v))
    return { position, ref: rule.ref, code: ELEMENT_ERROR.invalidCode, value: v };
  if (/[\x00-\x1f]/.test(v)) return { position, ref: rule.ref, code: ELEMENT_ERROR.invalidCharacter, value: v };
  return null;
}

/** One transaction set: its envelope, then every segment we read. */
export function validateSet(set: TransactionSet, supported: readonly string[]): SetVerdict {
  const type = set.st[0] ?? "";
  const control = set.st[1] ?? "";
  const codes: SetErrorCode[] = [];
  const segments: SegmentError[] = [];
  if (!supported.includes(type) || !SET_RULES[type]) return { type, control, accepted: false, codes: [SET_ERROR.notSupported], segments };
  if (!set.se) codes.push(SET_ERROR.trailerMissing);
  else {
    if (set.se[1] !== control) codes.push(SET_ERROR.controlMismatch);
    // SE01 counts ST and SE too.
    if (set.se[0] !== String(set.segments.length + 2)) codes.push(SET_ERROR.countMismatch);
  }
  const rules = SET_RULES[type];
  const seen = new Set<string>();
  set.segments.forEach((segment: Segment, i) => {
    const position = i + 2;
    seen.add(segment.tag);
    if (!TAG.test(segment.tag)) {
      segments.push({ tag: segment.tag.slice(0, 3), position, code: SEGMENT_ERROR.unrecognized, elements: [] });
      return;
    }
    if (["ST", "SE", "GS", "GE", "ISA", "IEA"].includes(segment.tag)) {
      segments.push({ tag: segment.tag, position, code: SEGMENT_ERROR.unexpected, elements: [] });
      return;
    }
    const rule = rules[segment.tag];
    if (!rule) return;
    const elements = Object.entries(rule.elements)
      .map(([pos, r]) => checkElement(r, segment.elements[Number(pos) - 1], Number(pos)))
      .filter((e): e is ElementError => e !== null);
    if (elements.length) segments.push({ tag: segment.tag, position, code: SEGMENT_ERROR.elementErrors, elements });
  });
  for (const [tag, rule] of Object.entries(rules))
    if (rule.required && !seen.has(tag))
      segments.push({ tag, position: set.segments.length + 2, code: SEGMENT_ERROR.mandatoryMissing, elements: [] });
  // CTT01 is the number of line items, when sent.
  if (type === "850") {
    const ctt = set.segments.findIndex((s) => s.tag === "CTT");
    const lines = set.segments.filter((s) => s.tag === "PO1").length;
    if (ctt >= 0 && /^\d+$/.test(set.segments[ctt].elements[0] ?? "") && Number(set.segments[ctt].elements[0]) !== lines)
      segments.push({
        tag: "CTT",
        position: ctt + 2,
        code: SEGMENT_ERROR.elementErrors,
        elements: [{ position: 1, ref: "354", code: ELEMENT_ERROR.invalidCode, value: set.segments[ctt].elements[0] }],
      });
  }
  if (segments.length) codes.push(SET_ERROR.segmentsInError);
  return { type, control, accepted: codes.length === 0, codes, segments };
}

/** A functional group: each set on its own, then the group's envelope. */
export function validateGroup(
  group: Group,
  supported: readonly string[],
  expectedFunctionalId: (type: string) => string | undefined,
): GroupVerdict {
  const functionalId = group.gs[0] ?? "";
  const control = group.gs[5] ?? "";
  const sets = group.sets.map((set) => {
    const verdict = validateSet(set, supported);
    // A set in a group of another kind (an 850 in a PC group) is not supported there.
    if (expectedFunctionalId(verdict.type) !== functionalId)
      return { ...verdict, accepted: false, codes: [SET_ERROR.notSupported], segments: [] };
    return verdict;
  });
  const codes: GroupErrorCode[] = [];
  if (!group.ge) codes.push(GROUP_ERROR.trailerMissing);
  else {
    if (group.ge[1] !== control) codes.push(GROUP_ERROR.controlMismatch);
    if (group.ge[0] !== String(group.sets.length)) codes.push(GROUP_ERROR.countMismatch);
  }
  const accepted = sets.filter((s) => s.accepted).length;
  // A broken group envelope rejects the group: its sets are not taken.
  const status = codes.length || accepted === 0 ? "R" : accepted === sets.length ? "A" : "P";
  return { functionalId, control, sets: codes.length ? sets.map((s) => ({ ...s, accepted: false })) : sets, status, codes };
}

/** The 997 for one group, as segments (between ST and SE). */
export function ack997Segments(v: GroupVerdict): Segment[] {
  const out: Segment[] = [{ tag: "AK1", elements: [v.functionalId, v.control] }];
  for (const set of v.sets) {
    out.push({ tag: "AK2", elements: [set.type, set.control] });
    for (const seg of set.segments) {
      out.push({ tag: "AK3", elements: [seg.tag, String(seg.position), "", seg.code] });
      for (const el of seg.elements)
        out.push({ tag: "AK4", elements: [String(el.position), el.ref, el.code, ...(el.value ? [el.value.slice(0, 99)] : [])] });
    }
    out.push({ tag: "AK5", elements: set.accepted ? ["A"] : ["R", ...set.codes.slice(0, 5)] });
  }
  const accepted = v.sets.filter((s) => s.accepted).length;
  out.push({ tag: "AK9", elements: [v.status, String(v.sets.length), String(v.sets.length), String(accepted), ...v.codes.slice(0, 5)] });
  return out;
}
