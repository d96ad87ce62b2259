import { describe, expect, it } from "vitest";
import { ack860Segments, changeAck, readChangeOrder, termsRefusals, type ChangeTermsInput } from "./change-order";

const seg = (line: string) => {
  const [tag, ...elements] = line.split("*");
  return { tag, elements };
};

describe("readChangeOrder", () => {
  it("reads the PO, its change number, a new window from the header and each POC", () => {
    const change = readChangeOrder(
      ["BCH*04*SA*PO-9**3*20261201", "DTM*010*20261220", "DTM*001*20270115", "POC*2*QI*9**EA*24.00*PE*IN*88812", "POC*4*DI"].map(seg),
    );
    expect(change).toEqual({
      purpose: "04",
      poNumber: "PO-9",
      sequence: "3",
      poDate: "20261201",
      shipNotBefore: "2026-12-20",
      shipNoLater: "2027-01-15",
      lines: [
        { lineId: "2", code: "QI", quantity: 9, uom: "EA", unitPrice: 2400, ids: [{ qualifier: "IN", value: "88812" }] },
        { lineId: "4", code: "DI", quantity: null, uom: "EA", unitPrice: null, ids: [] },
      ],
    });
  });
});

describe("changeAck", () => {
  const base = { rejected: false, deleted: false, requested: "2026-12-20", shipDate: "2026-12-20", poPrice: null, ourPrice: 2400 };
  it("says rejected, deleted, our price, a later date, or accepted", () => {
    expect(changeAck({ ...base, rejected: true })).toBe("IR");
    expect(changeAck({ ...base, deleted: true })).toBe("ID");
    expect(changeAck({ ...base, poPrice: 2000 })).toBe("IP");
    expect(changeAck({ ...base, shipDate: "2026-12-24" })).toBe("DR");
    expect(changeAck(base)).toBe("IA");
  });
});

describe("ack860Segments", () => {
  const change = readChangeOrder(["BCH*04*SA*PO-9**3*20261201"].map(seg));
  const line = { uom: "EA", unitPrice: 2400, ids: [{ qualifier: "IN", value: "88812" }] };
  it("answers each line with PO1, the reason when not as asked (REF*L1, at most 80 characters, no delimiters) and ACK", () => {
    const out = ack860Segments(
      change,
      [
        { ...line, lineId: "1", status: "IA", quantity: 10, shipDate: "2026-12-20" },
        { ...line, lineId: "2", status: "IR", quantity: 6, shipDate: null, reason: `No*way~${"x".repeat(100)}` },
      ],
      { today: "2026-12-06", orderNumber: "SK-1" },
    );
    expect(out.map((s) => [s.tag, ...s.elements])).toEqual([
      ["BAK", "04", "AC", "PO-9", "20261201", "", "", "", "SK-1", "20261206"],
      ["PO1", "1", "10", "EA", "24.00", "PE", "IN", "88812"],
      ["ACK", "IA", "10", "EA", "068", "20261220"],
      ["PO1", "2", "6", "EA", "24.00", "PE", "IN", "88812"],
      ["REF", "L1", "IR", `No way ${"x".repeat(73)}`],
      ["ACK", "IR", "6", "EA"],
      ["CTT", "2"],
    ]);
  });
  it("is AD when every line is as asked and RJ when nothing is", () => {
    const ok = ack860Segments(change, [{ ...line, lineId: "1", status: "ID", quantity: 0, shipDate: null }], {
      today: "2026-12-06",
      orderNumber: "SK-1",
    });
    expect(ok[0].elements[1]).toBe("AD");
    const no = ack860Segments(change, [], {
      today: "2026-12-06",
      orderNumber: "SK-1",
      window: { end: "2026-01-01" },
      windowRefused: "past",
    });
    expect(no[0].elements[1]).toBe("RJ");
  });
});

describe("termsRefusals", () => {
  // An order of $600: 10 × $30 on line 1, 10 × $30 on line 2; a $500 minimum; $1,000 of credit, $600 used.
  const base: ChangeTermsInput = {
    lines: [],
    untouched: 0,
    orderTotal: 60_000,
    totalOf: (subtotal) => subtotal,
    outstanding: 60_000,
    creditLimit: 100_000,
    minimum: { amount: 50_000, kind: "opening" },
    currency: "USD",
  };
  const line = (key: string, before: number, after: number) => ({ key, before, after, unitPrice: 3_000 });

  it("refuses nothing when the changed order keeps both the limit and the minimum", () => {
    expect(termsRefusals({ ...base, lines: [line("1", 10, 20), line("2", 10, 8)] }).size).toBe(0);
  });

  it("refuses every raising line, with the amount over, when the order would pass the credit limit; a cut beside it stays", () => {
    const refused = termsRefusals({ ...base, lines: [line("1", 10, 30), line("2", 10, 9)] });
    expect([...refused.keys()]).toEqual(["1"]);
    expect(refused.get("1")).toBe("Over your $1,000.00 credit limit by $170.00; the line stays as it was.");
  });

  it("refuses every cutting line when the order would fall under its minimum, naming where it would land", () => {
    const refused = termsRefusals({ ...base, lines: [line("1", 10, 2), line("2", 10, 9)] });
    expect([...refused.keys()]).toEqual(["1", "2"]);
    expect(refused.get("1")).toBe("Leaves the order $330.00, under the $500.00 opening minimum; unchanged.");
  });

  it("judges again what is left: a raise that only fit beside a cut is refused once the cut is", () => {
    // A $900 minimum and $880 of credit: the raise fits the limit only beside the cut.
    const refused = termsRefusals({
      ...base,
      minimum: { amount: 90_000, kind: "reorder" },
      creditLimit: 88_000,
      lines: [line("1", 10, 2), line("2", 10, 26)],
    });
    // With both: $840 (under the $900 minimum) → the cut is refused; then $1,080 is over the $880 limit → the raise too.
    expect([...refused.keys()].sort()).toEqual(["1", "2"]);
  });

  it("has no minimum for a drop-ship order, and lets a cut through even over the limit", () => {
    expect(termsRefusals({ ...base, minimum: null, lines: [line("1", 10, 1)] }).size).toBe(0);
    expect(termsRefusals({ ...base, untouched: 30_000, outstanding: 200_000, lines: [line("1", 10, 9)] }).size).toBe(0);
  });
});
