import { describe, expect, it } from "vitest";
import type { Group, TransactionSet } from "./model";
import { ack997Segments, validDate, validateGroup, validateSet } from "./validate";

const seg = (s: string) => {
  const [tag, ...elements] = s.split("*");
  return { tag, elements };
};
const set = (body: string[], se?: string[] | null): TransactionSet => ({
  st: ["850", "0001"],
  se: se === undefined ? [String(body.length + 2), "0001"] : se,
  segments: body.map(seg),
});
const GOOD = ["BEG*00*SA*PO-1**20261206", "PO1*1*12*EA*24.00**UP*012345678905", "CTT*1"];
const fid = (t: string) => ({ "850": "PO", "860": "PC" })[t];

describe("validateSet", () => {
  it("accepts a well-formed 850", () => {
    expect(validateSet(set(GOOD), ["850"])).toMatchObject({ accepted: true, codes: [], segments: [] });
  });

  it("names each broken element with its position, data element number and X12 code", () => {
    const v = validateSet(set(["BEG*00*SA***20261340", "PO1*1*x*EA*24.00**UP*1", "CTT*1"]), ["850"]);
    expect(v.accepted).toBe(false);
    expect(v.codes).toEqual(["5"]);
    expect(v.segments).toEqual([
      {
        tag: "BEG",
        position: 2,
        code: "8",
        elements: [
          { position: 3, ref: "324", code: "1" },
          { position: 5, ref: "373", code: "8", value: "20261340" },
        ],
      },
      { tag: "PO1", position: 3, code: "8", elements: [{ position: 2, ref: "330", code: "6", value: "x" }] },
    ]);
  });

  it("rejects a wrong SE count (4), a mismatched SE02 (3), a missing SE (2), an unsupported set (1)", () => {
    expect(validateSet(set(GOOD, ["9", "0001"]), ["850"]).codes).toEqual(["4"]);
    expect(validateSet(set(GOOD, ["5", "0002"]), ["850"]).codes).toEqual(["3"]);
    expect(validateSet(set(GOOD, null), ["850"]).codes).toEqual(["2"]);
    expect(validateSet(set(GOOD), ["860"]).codes).toEqual(["1"]);
  });

  it("a missing BEG or PO1 is a mandatory segment missing (3); a CTT that miscounts the lines is an element error", () => {
    const v = validateSet(set(["CTT*2"]), ["850"]);
    expect(v.segments.map((s) => [s.tag, s.code])).toEqual([
      ["BEG", "3"],
      ["PO1", "3"],
      ["CTT", "8"],
    ]);
  });

  it("an envelope segment inside a set is unexpected (2); garbage is unrecognised (1)", () => {
    const v = validateSet(set(["BEG*00*SA*PO-1**20261206", "GS*PO*X", "po1 lower*1", "PO1*1*1*EA***UP*1"]), ["850"]);
    expect(v.segments.map((s) => [s.tag, s.position, s.code])).toEqual([
      ["GS", 3, "2"],
      ["po1", 4, "1"],
    ]);
  });
});

describe("validateGroup and the 997", () => {
  const group = (sets: TransactionSet[], ge: string[] | null = [String(sets.length), "7"]): Group => ({
    gs: ["PO", "A", "B", "20261206", "1200", "7", "X", "004010"],
    ge,
    sets,
  });

  it("a group with one good and one bad set is partly accepted (AK9 P)", () => {
    const v = validateGroup(group([set(GOOD), set(GOOD, ["1", "0001"])]), ["850"], fid);
    expect(v.status).toBe("P");
    expect(ack997Segments(v).map((s) => [s.tag, ...s.elements])).toEqual([
      ["AK1", "PO", "7"],
      ["AK2", "850", "0001"],
      ["AK5", "A"],
      ["AK2", "850", "0001"],
      ["AK5", "R", "4"],
      ["AK9", "P", "2", "2", "1"],
    ]);
  });

  it("a broken group envelope rejects the whole group: missing GE (3), GE02 ≠ GS06 (4), GE01 miscount (5)", () => {
    expect(validateGroup(group([set(GOOD)], null), ["850"], fid)).toMatchObject({ status: "R", codes: ["3"] });
    expect(validateGroup(group([set(GOOD)], ["1", "8"]), ["850"], fid)).toMatchObject({ status: "R", codes: ["4"] });
    expect(validateGroup(group([set(GOOD)], ["2", "7"]), ["850"], fid)).toMatchObject({
      status: "R",
      codes: ["5"],
      sets: [{ accepted: false }],
    });
  });

  it("an 850 inside a PC group is not supported there", () => {
    const g = { ...group([set(GOOD)]), gs: ["PC", "A", "B", "20261206", "1200", "7", "X", "004010"] };
    expect(validateGroup(g, ["850", "860"], fid).sets[0]).toMatchObject({ accepted: false, codes: ["1"] });
  });
});

it("validDate knows the calendar", () => {
  expect(validDate("20280229")).toBe(true);
  expect(validDate("20270229")).toBe(false);
  expect(validDate("2027-01-01")).toBe(false);
});
