import { describe, expect, it } from "vitest";
import { ack855Segments, centsFromDecimal, decimalFromCents, lineStatus, readPurchaseOrder } from "./po";

const segs = (lines: string[]) =>
  lines.map((l) => {
    const [tag, ...elements] = l.split("*");
    return { tag, elements };
  });

describe("prices", () => {
  it("reads X12 decimals into cents without floating point", () => {
    expect(centsFromDecimal("45.00")).toBe(4500);
    expect(centsFromDecimal("45")).toBe(4500);
    expect(centsFromDecimal("45.5")).toBe(4550);
    expect(centsFromDecimal(".99")).toBe(99);
    expect(centsFromDecimal("0.125")).toBe(13);
    expect(centsFromDecimal("12.3.4")).toBeNull();
    expect(centsFromDecimal("")).toBeNull();
    expect(decimalFromCents(2400)).toBe("24.00");
    expect(decimalFromCents(5)).toBe("0.05");
  });
});

describe("readPurchaseOrder", () => {
  it("reads the PO, its dates, ship-to (code or address) and lines with every id pair", () => {
    const po = readPurchaseOrder(
      segs([
        "BEG*00*DS*PO-77**20261206",
        "DTM*010*20261210",
        "DTM*001*20270110",
        "N1*BT*Grand Store*92*HQ",
        "N1*ST*Jane Doe",
        "N3*12 Elm St*Apt 4",
        "N4*Austin*TX*78701*US",
        "PO1**2*EA*19.5**UP*012345678905*VN*SKU-1",
        "PO1*7*1*EA",
      ]),
    );
    expect(po).toMatchObject({
      purpose: "00",
      orderType: "DS",
      poNumber: "PO-77",
      shipNotBefore: "2026-12-10",
      shipNoLater: "2027-01-10",
      shipTo: {
        address: { name: "Jane Doe", line1: "12 Elm St", line2: "Apt 4", city: "Austin", region: "TX", postalCode: "78701", country: "US" },
      },
    });
    expect(po.shipTo.code).toBeUndefined();
    expect(po.lines.map((l) => [l.lineId, l.quantity, l.unitPrice, l.ids])).toEqual([
      [
        "1",
        2,
        1950,
        [
          { qualifier: "UP", value: "012345678905" },
          { qualifier: "VN", value: "SKU-1" },
        ],
      ],
      ["7", 1, null, []],
    ]);
  });
});

describe("the 855", () => {
  it("a line is rejected, price-changed, rescheduled or accepted, in that order of precedence", () => {
    expect(lineStatus({ rejected: true, shipDate: "2026-12-01", poPrice: 1, ourPrice: 2 })).toBe("IR");
    expect(lineStatus({ rejected: false, shipDate: "2026-12-01", poPrice: 2500, ourPrice: 2400 })).toBe("IP");
    expect(lineStatus({ rejected: false, requested: "2026-12-01", shipDate: "2026-12-20", poPrice: 2400, ourPrice: 2400 })).toBe("DR");
    expect(lineStatus({ rejected: false, requested: "2026-12-20", shipDate: "2026-12-01", poPrice: null, ourPrice: 2400 })).toBe("IA");
  });

  it("echoes each PO1 (with our price when it changed) and an ACK with the ship date", () => {
    const po = readPurchaseOrder(segs(["BEG*00*SA*PO-9**20261206", "PO1*1*5*EA*30.00**UP*1", "PO1*2*3*EA***IN*2"]));
    const out = ack855Segments(
      po,
      [
        { line: po.lines[0], status: "IP", quantity: 5, unitPrice: 2400, shipDate: "2026-12-07" },
        { line: po.lines[1], status: "IA", quantity: 3, unitPrice: 2400, shipDate: null },
      ],
      { today: "2026-12-06", orderNumber: "SK-1" },
    );
    expect(out.map((s) => [s.tag, ...s.elements])).toEqual([
      ["BAK", "00", "AC", "PO-9", "20261206", "", "", "", "SK-1", "20261206"],
      ["PO1", "1", "5", "EA", "24.00", "", "UP", "1"],
      ["ACK", "IP", "5", "EA", "068", "20261207"],
      ["PO1", "2", "3", "EA", "", "", "IN", "2"],
      ["ACK", "IA", "3", "EA"],
      ["CTT", "2"],
    ]);
  });
});
