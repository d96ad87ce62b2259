import { describe, expect, it } from "vitest";
import { planCartons, readSplit, splitText } from "./cartons";

const line = (orderLineId: number, quantity: number, split: string) => ({ orderLineId, sku: `SKU-${orderLineId}`, quantity, split });

describe("the hub's carton split", () => {
  it("reads '12, 12' as two cartons, a blank as all in carton 1, and refuses anything but whole numbers", () => {
    expect(readSplit("12, 12", 24)).toEqual([12, 12]);
    expect(readSplit(" 12 12;0 ", 24)).toEqual([12, 12, 0]);
    expect(readSplit("", 7)).toEqual([7]);
    expect(readSplit("12.5, 11.5", 24)).toBeNull();
    expect(readSplit("-1, 25", 24)).toBeNull();
  });

  it("plans cartons from each line's pieces per carton", () => {
    expect(planCartons([line(1, 24, "12, 12"), line(2, 6, "0, 6")])).toEqual({
      ok: true,
      cartons: [
        { position: 1, lines: [{ orderLineId: 1, quantity: 12 }] },
        {
          position: 2,
          lines: [
            { orderLineId: 1, quantity: 12 },
            { orderLineId: 2, quantity: 6 },
          ],
        },
      ],
    });
  });

  it("refuses pieces that do not add up, an empty carton in the middle, and too many cartons", () => {
    expect(planCartons([line(1, 24, "12, 10")])).toMatchObject({ ok: false, message: expect.stringContaining("hold 22 pieces") });
    expect(planCartons([line(1, 24, "12, 0, 12")])).toMatchObject({
      ok: false,
      message: expect.stringContaining("Carton 2 would be empty"),
    });
    expect(planCartons([line(1, 61, Array(61).fill("1").join(","))])).toMatchObject({
      ok: false,
      message: expect.stringContaining("At most 60"),
    });
    expect(planCartons([])).toMatchObject({ ok: false });
  });

  it("shows a saved split back without trailing empty cartons", () => {
    expect(splitText([12, 12])).toBe("12, 12");
    expect(splitText([0, 6, 0])).toBe("0, 6");
    expect(splitText([0])).toBe("0");
  });
});
