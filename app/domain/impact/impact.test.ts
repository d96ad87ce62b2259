import { describe, expect, it } from "vitest";
import {
  baselineRatios,
  completeMonthsBefore,
  countySummary,
  median,
  monthlySummary,
  type ImpactArtisan,
  type MonthlyCredit,
} from "./impact";

const MONTHS = completeMonthsBefore(2026, 11, 12);

describe("impact", () => {
  it("takes the 12 complete months before this one", () => {
    expect(MONTHS).toHaveLength(12);
    expect(MONTHS[0]).toBe("2025-11");
    expect(MONTHS[11]).toBe("2026-10");
    expect(completeMonthsBefore(2026, 1, 2)).toEqual(["2025-11", "2025-12"]);
  });

  it("computes a median", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  const artisans: ImpactArtisan[] = [
    { id: 1, county: "Nairobi", baseline: 100_000 },
    { id: 2, county: "Nairobi", baseline: 200_000 },
    { id: 3, county: "Kisumu", baseline: 50_000 },
    { id: 4, county: "Kisumu", baseline: 0 },
    { id: 5, county: "Kilifi", baseline: 80_000 },
  ];
  const credit = (artisanId: number, month: string, amount: number): MonthlyCredit => ({ artisanId, month, amount });
  const credits: MonthlyCredit[] = [
    // 1: four months, last three 400k, 400k, 100k → mean 300k / 100k = 3×
    credit(1, "2026-07", 999_000),
    credit(1, "2026-08", 400_000),
    credit(1, "2026-09", 400_000),
    credit(1, "2026-10", 100_000),
    // 2: earned in June, August, September; October idle: recent = (400k + 800k + 0) / 3 = 400k / 200k = 2×
    credit(2, "2026-06", 100_000),
    credit(2, "2026-08", 400_000),
    credit(2, "2026-09", 800_000),
    // 3: three months, recent (250k+250k+250k)/3 / 50k = 5×
    credit(3, "2026-08", 250_000),
    credit(3, "2026-09", 250_000),
    credit(3, "2026-10", 250_000),
    // 4: no baseline recorded
    credit(4, "2026-08", 10_000),
    credit(4, "2026-09", 10_000),
    credit(4, "2026-10", 10_000),
    // 5: only two months: too short
    credit(5, "2026-09", 90_000),
    credit(5, "2026-10", 90_000),
    // outside the window: the current month and long ago are ignored
    credit(5, "2026-11", 5_000_000),
    credit(5, "2024-01", 5_000_000),
  ];

  it("measures recent earnings against the baseline: median, sample, thresholds, exclusions", () => {
    const result = baselineRatios(credits, artisans, MONTHS);
    expect(result.ratios.map((r) => [r.artisanId, Number(r.ratio.toFixed(3))])).toEqual([
      [1, 3],
      [2, 2],
      [3, 5],
    ]);
    expect(result.sample).toBe(3);
    expect(result.median).toBe(3);
    expect(result.atLeast).toEqual({ x1: 3, x2: 3, x4: 1 });
    expect(result.excluded).toEqual({ noBaseline: 1, shortHistory: 1 });
    expect(result.buckets.map((b) => b.count)).toEqual([0, 0, 2, 1]);
  });

  it("sums months, counting the artisans who earned anything", () => {
    const summary = monthlySummary(credits, MONTHS);
    const october = summary.find((m) => m.month === "2026-10")!;
    expect(october).toEqual({ month: "2026-10", total: 100_000 + 250_000 + 10_000 + 90_000, activeArtisans: 4, perActive: 112_500 });
    expect(summary.find((m) => m.month === "2025-12")).toEqual({ month: "2025-12", total: 0, activeArtisans: 0, perActive: null });
  });

  it("summarises by county, biggest earners first", () => {
    const counties = countySummary(credits, artisans, MONTHS);
    expect(counties.map((c) => c.county)).toEqual(["Nairobi", "Kisumu", "Kilifi"]);
    expect(counties[0]).toMatchObject({
      artisans: 2,
      activeArtisans: 2,
      total: 1_899_000 + 1_300_000,
      perActiveMonth: Math.round(3_199_000 / 7),
      medianRatio: 2.5,
      sample: 2,
    });
    expect(counties[2]).toMatchObject({ artisans: 1, activeArtisans: 1, total: 180_000, medianRatio: null, sample: 0 });
  });
});
