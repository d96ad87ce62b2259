import { describe, expect, it } from "vitest";
import { ack860Segments, changeAck, readChangeOrder } from "./change-order";

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
