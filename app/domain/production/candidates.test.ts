import { describe, expect, it } from "vitest";
import type { DispatchArtisan } from "./dispatch";
import { rankCandidates } from "./candidates";

const artisan = (
  id: number,
  over: Partial<DispatchArtisan> = {},
  skills: Array<[number, number, number]> = [
    [1, 14, 0],
    [2, 14, 0],
  ],
): DispatchArtisan => ({
  id,
  qualityScore: 9500,
  recentIncome: 0,
  hubDistanceKm: 10,
  available: true,
  skills: skills.map(([skillId, weeklyCapacity, usedThisWeek]) => ({ skillId, weeklyCapacity, usedThisWeek })),
  ...over,
});

const request = { quantity: 4, skillIds: [1, 2], dueDate: "2025-03-20", pieceRate: 30000, excludeArtisanIds: [] as number[] };

describe("rankCandidates", () => {
  it("follows the engine's order: quality band, then lower income, then distance", () => {
    const list = rankCandidates({
      today: "2025-03-01",
      request,
      artisans: [
        artisan(1, { qualityScore: 8000 }),
        artisan(2, { recentIncome: 50_000 }),
        artisan(3, { recentIncome: 10 }),
        artisan(4, { recentIncome: 10, hubDistanceKm: 2 }),
      ],
    });
    expect(list.map((c) => c.artisanId)).toEqual([4, 3, 2, 1]);
    expect(list.every((c) => c.inTime && c.quantity === 4)).toBe(true);
    expect(list[0].remainingCapacity).toBe(14);
  });

  it("only artisans holding every skill, never the excluded, unavailable or full ones", () => {
    const list = rankCandidates({
      today: "2025-03-01",
      request: { ...request, excludeArtisanIds: [2] },
      artisans: [
        artisan(1, {}, [[1, 14, 0]]),
        artisan(2),
        artisan(3, { available: false }),
        artisan(4, {}, [
          [1, 14, 14],
          [2, 14, 0],
        ]),
        artisan(5),
      ],
    });
    expect(list.map((c) => c.artisanId)).toEqual([5]);
  });

  it("for late work, lists who would finish after the due date, marked late", () => {
    const list = rankCandidates({ today: "2025-03-19", request, artisans: [artisan(1), artisan(2, { recentIncome: 5 })] });
    expect(list.map((c) => c.artisanId)).toEqual([1, 2]);
    expect(list.every((c) => !c.inTime && c.readyBy > request.dueDate)).toBe(true);
  });

  it("a request bigger than anyone's capacity lists the best part-takers, with the part each could take", () => {
    const list = rankCandidates({
      today: "2025-03-01",
      request: { ...request, quantity: 30 },
      artisans: [artisan(1), artisan(2, { recentIncome: 9 })],
    });
    expect(list.map((c) => [c.artisanId, c.quantity])).toEqual([
      [1, 14],
      [2, 14],
    ]);
  });

  it("nothing to rank without skills, and stops at the limit", () => {
    expect(rankCandidates({ today: "2025-03-01", request: { ...request, skillIds: [] }, artisans: [artisan(1)] })).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => artisan(i + 1));
    expect(rankCandidates({ today: "2025-03-01", request, artisans: many, limit: 7 })).toHaveLength(7);
  });
});
