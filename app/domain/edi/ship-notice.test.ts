import { describe, expect, it } from "vitest";
import { CARTON_TARE_GRAMS, cartonWeight, invoiceSegments, kilograms, type Invoice810 } from "./ship-notice";

describe("carton weights (856 TD1)", () => {
  it("adds the carton's own weight to its pieces' and writes kilograms with two places, rounded up", () => {
    expect(cartonWeight([])).toBe(CARTON_TARE_GRAMS);
    expect(
      cartonWeight([
        { quantity: 12, weightGrams: 35 },
        { quantity: 6, weightGrams: 120 },
      ]),
    ).toBe(300 + 420 + 720);
    expect(kilograms(1440)).toBe("1.44");
    expect(kilograms(301)).toBe("0.31");
    expect(kilograms(12_000)).toBe("12.00");
  });
});

describe("the 810's allowances and charges", () => {
  const invoice: Invoice810 = {
    invoiceNumber: "INV-10001",
    invoiceDate: "2026-12-06",
    shipDate: "2026-12-06",
    poNumber: "PO-1",
    poDate: "20261201",
    netDays: 30,
    remitTo: { name: "Soko" },
    billTo: { name: "Store" },
    shipTo: { name: "DC", code: "0588" },
    lines: [{ lineId: "1", ids: [{ qualifier: "UP", value: "012345678905" }], quantity: 10, uom: "EA", unitPrice: 2_400 }],
    allowance: { amount: 600, bps: 250 },
    freight: 4_500,
    total: 24_000 - 600 + 4_500,
  };
  const tags = (segments: ReturnType<typeof invoiceSegments>) => segments.map((s) => s.tag);

  it("puts an SAC for the allowance (A, C310, its percent) and one for freight (C, D240) after TDS, before CTT", () => {
    const segments = invoiceSegments(invoice);
    expect(tags(segments).slice(-4)).toEqual(["TDS", "SAC", "SAC", "CTT"]);
    const sac = segments.filter((s) => s.tag === "SAC").map((s) => s.elements);
    expect(sac[0].slice(0, 7)).toEqual(["A", "C310", "", "", "600", "3", "2.5"]);
    expect(sac[1].slice(0, 5)).toEqual(["C", "D240", "", "", "4500"]);
    expect(segments.find((s) => s.tag === "TDS")!.elements).toEqual(["27900"]);
  });

  it("writes no SAC when there is neither", () => {
    expect(tags(invoiceSegments({ ...invoice, allowance: { amount: 0, bps: 0 }, freight: 0, total: 24_000 }))).not.toContain("SAC");
  });
});
