import { describe, expect, it } from "vitest";
import { axisTicks, compactNumber, labelIndexes, labelRoom, labelStride, linePath, niceCeiling, scaleLinear, shillingsTick } from "./scale";

describe("chart scales", () => {
  it("rounds an axis maximum up to 1, 2, 2.5 or 5 × 10ⁿ", () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(-4)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(11)).toBe(20);
    expect(niceCeiling(21)).toBe(25);
    expect(niceCeiling(26)).toBe(50);
    expect(niceCeiling(1_234_567)).toBe(2_000_000);
    expect(niceCeiling(0.3)).toBe(0.5);
  });

  it("gives evenly spaced ticks from zero to the nice maximum", () => {
    expect(axisTicks(73)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(axisTicks(0, 2)).toEqual({ max: 1, ticks: [0, 0.5, 1] });
  });

  it("scales and clamps", () => {
    expect(scaleLinear(50, 100, 300)).toBe(150);
    expect(scaleLinear(200, 100, 300)).toBe(300);
    expect(scaleLinear(-5, 100, 300)).toBe(0);
    expect(scaleLinear(5, 0, 300)).toBe(0);
  });

  it("draws a path with gaps where values are missing", () => {
    expect(linePath([{ x: 0, y: 10 }, { x: 5, y: 2.04 }, null, { x: 20, y: 1 }, { x: 30, y: 0 }])).toBe("M0,10L5,2M20,1L30,0");
    expect(linePath([])).toBe("");
  });

  it("thins x labels so they fit", () => {
    expect(labelStride(12, 12)).toBe(1);
    expect(labelStride(31, 8)).toBe(5);
    expect(labelStride(30, 1)).toBe(1);
  });
});

describe("axis labels", () => {
  it("shortens long numbers so the axis has room for them", () => {
    expect(compactNumber(950)).toBe("950");
    expect(compactNumber(9_500)).toBe("9,500");
    expect(compactNumber(95_000)).toBe("95K");
    expect(compactNumber(2_500_000)).toBe("2.5M");
    expect(shillingsTick(1_000_000_000)).toBe("10M");
  });

  it("prints the last x label in place of a stride label too close to it", () => {
    expect(labelIndexes(12, 8)).toEqual([0, 2, 4, 6, 8, 11]);
    expect(labelIndexes(13, 8)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(labelIndexes(5, 8)).toEqual([0, 1, 2, 3, 4]);
    expect(labelIndexes(1, 8)).toEqual([0]);
  });

  it("gives a label column room for its longest label", () => {
    expect(labelRoom(["0", "5"], 40)).toBe(40);
    expect(labelRoom(["0", "10,000,000"], 40)).toBeGreaterThanOrEqual(10 * 7 + 6);
  });
});
