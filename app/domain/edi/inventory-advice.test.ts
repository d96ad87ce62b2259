import { describe, expect, it } from "vitest";
import type { DispatchArtisan } from "~/domain/production";
import { adviceDue, advice846Segments, sortIds, weeklyCapacity } from "./inventory-advice";

const artisan = (id: number, skills: Array<[number, number]>, available = true): DispatchArtisan => ({
  id,
  skills: skills.map(([skillId, weeklyCapacity]) => ({ skillId, weeklyCapacity, usedThisWeek: 0 })),
  qualityScore: 9000,
  recentIncome: 0,
  hubDistanceKm: 10,
  available,
});

describe("weeklyCapacity", () => {
  it("adds each available artisan's slowest needed skill; artisans missing a skill make none", () => {
    const artisans = [
      artisan(1, [
        [1, 10],
        [2, 4],
      ]),
      artisan(2, [[1, 20]]),
      artisan(
        3,
        [
          [1, 30],
          [2, 30],
        ],
        false,
      ),
    ];
    expect(weeklyCapacity(artisans, [1, 2])).toBe(4);
    expect(weeklyCapacity(artisans, [1])).toBe(30);
    expect(weeklyCapacity(artisans, [])).toBe(0);
  });
});

describe("adviceDue", () => {
  it("is due once the partner's clock passes its time, once a day", () => {
    expect(adviceDue({ localStamp: "2026-12-07 05:59", adviceAt: "06:00", lastAdviceOn: null })).toEqual({ due: false, day: "2026-12-07" });
    expect(adviceDue({ localStamp: "2026-12-07 06:00", adviceAt: "06:00", lastAdviceOn: "2026-12-06" }).due).toBe(true);
    expect(adviceDue({ localStamp: "2026-12-07 23:10", adviceAt: "06:00", lastAdviceOn: "2026-12-07" }).due).toBe(false);
  });
});

describe("advice846Segments", () => {
  it("writes BIA, per item LIN/PID/QTY/DTM (and the makeable week), and CTT", () => {
    const segs = advice846Segments(
      [
        {
          ids: [
            { qualifier: "VN", value: "EAR-1" },
            { qualifier: "UP", value: "012345678905" },
          ],
          title: "Brass*Leaf~Earrings",
          available: 16,
          makeable: null,
        },
        {
          ids: [{ qualifier: "IN", value: "88812" }],
          title: "Horn Bangle",
          available: 0,
          makeable: { quantity: 40, shipDate: "2026-12-20" },
        },
      ],
      { reference: "INV20261206", today: "2026-12-06", time: "1100" },
    );
    expect(segs.map((s) => [s.tag, ...s.elements])).toEqual([
      ["BIA", "00", "SI", "INV20261206", "20261206", "1100"],
      ["LIN", "", "UP", "012345678905", "VN", "EAR-1"],
      ["PID", "F", "", "", "", "Brass Leaf Earrings"],
      ["QTY", "33", "16", "EA"],
      ["DTM", "018", "20261206"],
      ["LIN", "", "IN", "88812"],
      ["PID", "F", "", "", "", "Horn Bangle"],
      ["QTY", "33", "0", "EA"],
      ["DTM", "018", "20261206"],
      ["QTY", "33", "40", "EA"],
      ["DTM", "018", "20261220"],
      ["CTT", "2"],
    ]);
  });
  it("orders ids UPC first, unknown qualifiers last", () => {
    expect(
      sortIds([
        { qualifier: "ZZ", value: "1" },
        { qualifier: "IN", value: "2" },
        { qualifier: "UP", value: "3" },
      ]).map((i) => i.qualifier),
    ).toEqual(["UP", "IN", "ZZ"]);
  });
});
