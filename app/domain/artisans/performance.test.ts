import { describe, expect, it } from "vitest";
import { lastMonths, summarizePerformance } from "./performance";

describe("artisan performance", () => {
  it("counts back across a year end", () => {
    expect(lastMonths("2025-02")).toEqual(["2025-02", "2025-01", "2024-12", "2024-11"]);
  });

  it("rates are percents of what was measured; nothing measured is null, not 0%", () => {
    const empty = summarizePerformance({ completed: 0, onTime: 0, unitsPassed: 0, unitsFailed: 0, earningsByMonth: {} }, "2025-03");
    expect(empty).toMatchObject({ onTimeRate: null, qcPassRate: null, earnedThisMonth: 0, earnedLastThreeMonths: 0 });
    const some = summarizePerformance(
      {
        completed: 8,
        onTime: 6,
        unitsPassed: 45,
        unitsFailed: 5,
        earningsByMonth: { "2025-03": 120000, "2025-02": 50000, "2024-12": 25000, "2024-11": 99999 },
      },
      "2025-03",
    );
    expect(some).toMatchObject({ onTimeRate: 75, qcPassRate: 90, earnedThisMonth: 120000, earnedLastThreeMonths: 75000, unitsChecked: 50 });
    expect(some.months.map((m) => m.month)).toEqual(["2025-03", "2025-02", "2025-01", "2024-12"]);
  });
});
