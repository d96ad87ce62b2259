import { describe, expect, it } from "vitest";
import {
  addDays,
  earliestShipDate,
  fromDayNumber,
  isOfferExpired,
  nextArtisansFor,
  offerExpiry,
  planDispatch,
  syntheticDispatchInput,
  toDayNumber,
  type DispatchArtisan,
  type DispatchInput,
  type DispatchPlan,
  type DispatchRequestInput,
} from "./dispatch";

const TODAY = "2025-03-03";
const BEAD = 1;
const BRASS = 2;
const HORN = 3;

function artisan(id: number, over: Partial<DispatchArtisan> & { caps?: Record<number, number | [number, number]> } = {}): DispatchArtisan {
  const { caps = { [BEAD]: 70 }, ...rest } = over;
  return {
    id,
    skills: Object.entries(caps).map(([skillId, cap]) => ({
      skillId: Number(skillId),
      weeklyCapacity: Array.isArray(cap) ? cap[0] : cap,
      usedThisWeek: Array.isArray(cap) ? cap[1] : 0,
    })),
    qualityScore: 9000,
    recentIncome: 0,
    hubDistanceKm: 100,
    available: true,
    ...rest,
  };
}

function request(id: number | string, over: Partial<DispatchRequestInput> = {}): DispatchRequestInput {
  return { id, quantity: 1, skillIds: [BEAD], dueDate: addDays(TODAY, 21), pieceRate: 10_000, ...over };
}

function plan(requests: DispatchRequestInput[], artisans: DispatchArtisan[], today = TODAY) {
  return planDispatch({ today, requests, artisans });
}

function unitsByArtisan(p: DispatchPlan) {
  const m = new Map<number, number>();
  for (const a of p.assignments) m.set(a.artisanId, (m.get(a.artisanId) ?? 0) + a.quantity);
  return m;
}

describe("planDispatch: skills", () => {
  it("only assigns artisans holding the product's skill", () => {
    const p = plan([request("r1", { quantity: 5, skillIds: [BRASS] })], [artisan(1), artisan(2, { caps: { [BRASS]: 20 } })]);
    expect(p.assignments).toEqual([{ requestId: "r1", artisanId: 2, quantity: 5, readyBy: expect.any(String) }]);
    expect(p.late).toEqual([]);
  });

  it("a multi-skill product needs an artisan with every skill, and uses capacity of each", () => {
    const both = artisan(3, { caps: { [BEAD]: 10, [BRASS]: [10, 6] }, qualityScore: 8000 });
    const p = plan(
      [request("r1", { quantity: 4, skillIds: [BEAD, BRASS] }), request("r2", { quantity: 10, skillIds: [BEAD] })],
      [artisan(1, { caps: { [BEAD]: 50 }, qualityScore: 9900 }), artisan(2, { caps: { [BRASS]: 50 }, qualityScore: 9900 }), both],
    );
    expect(p.assignments.filter((a) => a.requestId === "r1")).toEqual([
      { requestId: "r1", artisanId: 3, quantity: 4, readyBy: expect.any(String) },
    ]);
    // Alone, artisan 3 has 4 brass left and 10 bead: the product uses both, so plain bead work gets 6.
    const alone = plan([request("r1", { quantity: 5, skillIds: [BEAD, BRASS] }), request("r2", { quantity: 7, skillIds: [BEAD] })], [both]);
    expect(alone.assignments.map((a) => [a.requestId, a.quantity])).toEqual([
      ["r1", 4],
      ["r2", 6],
    ]);
    expect(alone.late).toEqual([
      { requestId: "r1", quantity: 1, reason: "no_capacity" },
      { requestId: "r2", quantity: 1, reason: "no_capacity" },
    ]);
  });

  it("flags work nobody is skilled for as late, with the reason", () => {
    const p = plan(
      [
        request("r1", { quantity: 3, skillIds: [HORN] }),
        request("r2", { quantity: 2, skillIds: [BEAD, HORN] }),
        request("r3", { skillIds: [] }),
      ],
      [artisan(1), artisan(2, { caps: { [HORN]: 10 } })],
    );
    expect(p.assignments.map((a) => a.requestId)).toEqual(["r1"]);
    expect(p.late).toEqual([
      { requestId: "r2", quantity: 2, reason: "no_skilled_artisan" },
      { requestId: "r3", quantity: 1, reason: "no_skilled_artisan" },
    ]);
  });
});

describe("planDispatch: capacity", () => {
  it("never gives an artisan more than their remaining weekly capacity", () => {
    const p = plan(
      [request("r1", { quantity: 8 }), request("r2", { quantity: 8 })],
      [artisan(1, { caps: { [BEAD]: [10, 4] } }), artisan(2, { caps: { [BEAD]: 5 }, qualityScore: 5000 })],
    );
    // Artisan 1 has 6 left, artisan 2 has 5: 11 of the 16 units can be planned.
    expect(unitsByArtisan(p)).toEqual(
      new Map([
        [1, 6],
        [2, 5],
      ]),
    );
    expect(p.late).toEqual([{ requestId: "r2", quantity: 5, reason: "no_capacity" }]);
  });

  it("skips artisans whose week is already full", () => {
    const p = plan(
      [request("r1", { quantity: 2 })],
      [artisan(1, { caps: { [BEAD]: [10, 10] } }), artisan(2, { caps: { [BEAD]: [10, 12] } })],
    );
    expect(p.assignments).toEqual([]);
    expect(p.late).toEqual([{ requestId: "r1", quantity: 2, reason: "no_capacity" }]);
  });
});

describe("planDispatch: due dates", () => {
  it("works from tomorrow at weeklyCapacity/7 a day, plus a pickup day", () => {
    // 7 a week = 1 a day: 7 units are made 03-04 … 03-10 and reach the hub on 03-11.
    const p = plan([request("r1", { quantity: 7, dueDate: "2025-03-11" })], [artisan(1, { caps: { [BEAD]: 7 } })]);
    expect(p.assignments).toEqual([{ requestId: "r1", artisanId: 1, quantity: 7, readyBy: "2025-03-11" }]);
  });

  it("counts work already queued this week before the new work", () => {
    const p = plan([request("r1", { quantity: 2, dueDate: "2025-03-11" })], [artisan(1, { caps: { [BEAD]: [14, 10] } })]);
    // Queue of 12 at 2 a day = 6 days (03-04 … 03-09), at the hub 03-10.
    expect(p.assignments).toEqual([{ requestId: "r1", artisanId: 1, quantity: 2, readyBy: "2025-03-10" }]);
  });

  it("plans what can be ready by the due date and flags the rest late", () => {
    const p = plan([request("r1", { quantity: 7, dueDate: "2025-03-10" })], [artisan(1, { caps: { [BEAD]: 7 } })]);
    expect(p.assignments).toEqual([{ requestId: "r1", artisanId: 1, quantity: 6, readyBy: "2025-03-10" }]);
    expect(p.late).toEqual([{ requestId: "r1", quantity: 1, reason: "due_date" }]);
  });

  it("flags a request due too soon (or already past) as late", () => {
    const p = plan(
      [request("soon", { quantity: 1, dueDate: "2025-03-04" }), request("past", { quantity: 3, dueDate: "2025-02-28" })],
      [artisan(1, { caps: { [BEAD]: 70 } })],
    );
    expect(p.assignments).toEqual([]);
    expect(p.late).toEqual([
      { requestId: "past", quantity: 3, reason: "due_date" },
      { requestId: "soon", quantity: 1, reason: "due_date" },
    ]);
  });

  it("reports every one of a flood of hopeless requests, with its own reason", () => {
    const past = Array.from({ length: 300 }, (_, i) => request(`p${i}`, { quantity: 2, dueDate: "2025-03-01" }));
    const full = Array.from({ length: 300 }, (_, i) => request(`f${String(i).padStart(3, "0")}`, { quantity: 3, dueDate: "2025-03-25" }));
    const p = plan([...past, ...full, request("fits", { quantity: 5, dueDate: "2025-03-20" })], [artisan(1, { caps: { [BEAD]: 10 } })]);
    expect(p.assignments.map((a) => [a.requestId, a.quantity])).toEqual([
      ["fits", 5],
      ["f000", 3],
      ["f001", 2],
    ]);
    expect(p.late).toHaveLength(599);
    expect(p.late.filter((l) => l.reason === "due_date").map((l) => l.quantity)).toEqual(Array(300).fill(2));
    expect(p.late.filter((l) => l.reason === "no_capacity").map((l) => [l.requestId, l.quantity])).toEqual([
      ["f001", 1],
      ...Array.from({ length: 298 }, (_, i) => [`f${String(i + 2).padStart(3, "0")}`, 3]),
    ]);
  });

  it("gives capacity to the earliest due date first, whatever the input order", () => {
    const p = plan(
      [request("later", { quantity: 5, dueDate: "2025-03-20" }), request("urgent", { quantity: 5, dueDate: "2025-03-10" })],
      [artisan(1, { caps: { [BEAD]: 7 } })],
    );
    expect(p.assignments.map((a) => [a.requestId, a.quantity])).toEqual([
      ["urgent", 5],
      ["later", 2],
    ]);
    expect(p.late).toEqual([{ requestId: "later", quantity: 3, reason: "no_capacity" }]);
  });

  it("every readyBy is on or before its request's due date", () => {
    const input = syntheticDispatchInput({ units: 2_000, artisans: 300, seed: 7 });
    const due = new Map(input.requests.map((r) => [r.id, r.dueDate]));
    const p = planDispatch(input);
    expect(p.assignments.length).toBeGreaterThan(100);
    for (const a of p.assignments) expect(a.readyBy <= due.get(a.requestId)!).toBe(true);
  });
});

describe("planDispatch: ranking", () => {
  it("prefers a higher QC pass rate, even over lower income or a shorter trip", () => {
    const p = plan(
      [request("r1", { quantity: 3 })],
      [
        artisan(1, { qualityScore: 8500, recentIncome: 0, hubDistanceKm: 5 }),
        artisan(2, { qualityScore: 9800, recentIncome: 900_000, hubDistanceKm: 400 }),
      ],
    );
    expect(p.assignments.map((a) => a.artisanId)).toEqual([2]);
  });

  it("treats pass rates within the same band as equal, so fairness decides", () => {
    const input: DispatchInput = {
      today: TODAY,
      requests: [request("r1")],
      artisans: [artisan(1, { qualityScore: 9700, recentIncome: 50_000 }), artisan(2, { qualityScore: 9550, recentIncome: 10_000 })],
    };
    expect(planDispatch(input).assignments[0].artisanId).toBe(2);
    // A narrower band makes the 1.5-point difference count again.
    expect(planDispatch(input, { qualityBandBp: 100 }).assignments[0].artisanId).toBe(1);
  });

  it("fairness: with equal quality, lower recent income wins", () => {
    const p = plan(
      [request("r1", { quantity: 4 })],
      [artisan(1, { recentIncome: 500_000 }), artisan(2, { recentIncome: 120_000 }), artisan(3, { recentIncome: 300_000 })],
    );
    expect(p.assignments.map((a) => a.artisanId)).toEqual([2]);
  });

  it("fairness: income earned within the plan counts, so many small requests spread out", () => {
    const requests = Array.from({ length: 10 }, (_, i) => request(i + 1, { quantity: 2, pieceRate: 15_000 }));
    const artisans = [1, 2, 3, 4, 5].map((id) => artisan(id, { caps: { [BEAD]: 100 } }));
    const p = plan(requests, artisans);
    expect(unitsByArtisan(p)).toEqual(
      new Map([
        [1, 4],
        [2, 4],
        [3, 4],
        [4, 4],
        [5, 4],
      ]),
    );
  });

  it("a closer artisan breaks a tie; the lower id breaks the last tie", () => {
    const p = plan(
      [request("r1")],
      [artisan(1, { hubDistanceKm: 300 }), artisan(2, { hubDistanceKm: 40 }), artisan(3, { hubDistanceKm: 250 })],
    );
    expect(p.assignments[0].artisanId).toBe(2);
    const tie = plan([request("r1")], [artisan(9, { hubDistanceKm: 40 }), artisan(4, { hubDistanceKm: 40 })]);
    expect(tie.assignments[0].artisanId).toBe(4);
  });
});

describe("planDispatch: splitting", () => {
  it("splits a large quantity into the largest feasible chunks, best-ranked first", () => {
    const p = plan(
      [request("wholesale", { quantity: 100 })],
      [
        artisan(1, { caps: { [BEAD]: 40 }, qualityScore: 9900 }),
        artisan(2, { caps: { [BEAD]: 45 }, qualityScore: 9400 }),
        artisan(3, { caps: { [BEAD]: 30 }, qualityScore: 9000 }),
        artisan(4, { caps: { [BEAD]: 60 }, qualityScore: 7000 }),
      ],
    );
    expect(p.assignments.map((a) => [a.artisanId, a.quantity])).toEqual([
      [1, 40],
      [2, 45],
      [3, 15],
    ]);
    expect(p.late).toEqual([]);
  });

  it("does not split when one artisan can take the whole request", () => {
    const p = plan(
      [request("r1", { quantity: 50 })],
      [artisan(1, { caps: { [BEAD]: 40 }, qualityScore: 9900 }), artisan(2, { caps: { [BEAD]: [60, 10] }, qualityScore: 9000 })],
    );
    // Artisan 2 has exactly 50 left: the whole request goes to them rather than 40 + 10.
    expect(p.assignments.map((a) => [a.artisanId, a.quantity])).toEqual([[2, 50]]);
  });

  it("flags only the units that do not fit, when even a split is not enough", () => {
    const p = plan([request("r1", { quantity: 100 })], [artisan(1, { caps: { [BEAD]: 40 } }), artisan(2, { caps: { [BEAD]: 30 } })]);
    expect(p.assignments.reduce((n, a) => n + a.quantity, 0)).toBe(70);
    expect(p.late).toEqual([{ requestId: "r1", quantity: 30, reason: "no_capacity" }]);
  });

  it("prefers chunks of at least minChunk, and uses smaller ones only to fill what is left", () => {
    const artisans = [
      artisan(1, { caps: { [BEAD]: [20, 17] }, qualityScore: 9900 }), // 3 left
      artisan(2, { caps: { [BEAD]: 12 }, qualityScore: 9400 }),
      artisan(3, { caps: { [BEAD]: 10 }, qualityScore: 9000 }),
    ];
    const chunked = planDispatch({ today: TODAY, requests: [request("r1", { quantity: 20 })], artisans }, { minChunk: 5 });
    expect(chunked.assignments.map((a) => [a.artisanId, a.quantity])).toEqual([
      [2, 12],
      [3, 8],
    ]);
    const filled = planDispatch({ today: TODAY, requests: [request("r1", { quantity: 24 })], artisans }, { minChunk: 5 });
    expect(filled.assignments.map((a) => [a.artisanId, a.quantity])).toEqual([
      [2, 12],
      [3, 10],
      [1, 2],
    ]);
  });
});

describe("planDispatch: who can be offered work", () => {
  it("skips artisans excluded after declining or letting an offer expire", () => {
    const artisans = [artisan(1, { qualityScore: 9900 }), artisan(2, { qualityScore: 9000 }), artisan(3, { qualityScore: 8000 })];
    const p = plan([request("r1", { excludeArtisanIds: [1] }), request("r2")], artisans);
    expect(p.assignments.map((a) => [a.requestId, a.artisanId])).toEqual([
      ["r1", 2],
      ["r2", 1],
    ]);
    const none = plan([request("r1", { quantity: 2, excludeArtisanIds: [1, 2, 3] })], artisans);
    expect(none.late).toEqual([{ requestId: "r1", quantity: 2, reason: "no_skilled_artisan" }]);
  });

  it("nextArtisansFor re-offers to the next artisan after a decline or expiry", () => {
    const artisans = [artisan(1, { qualityScore: 9900 }), artisan(2, { qualityScore: 9000 }), artisan(3, { qualityScore: 8000 })];
    const r = request("r1", { quantity: 2, excludeArtisanIds: [1] });
    expect(nextArtisansFor({ today: TODAY, request: r, artisans, excluded: [] }).assignments[0].artisanId).toBe(2);
    expect(nextArtisansFor({ today: TODAY, request: r, artisans, excluded: [2] }).assignments[0].artisanId).toBe(3);
    expect(nextArtisansFor({ today: TODAY, request: r, artisans, excluded: [2, 3] }).late).toEqual([
      { requestId: "r1", quantity: 2, reason: "no_skilled_artisan" },
    ]);
  });

  it("gives nothing to unavailable artisans", () => {
    const p = plan([request("r1", { quantity: 3 })], [artisan(1, { available: false, qualityScore: 9900 }), artisan(2)]);
    expect(p.assignments.map((a) => a.artisanId)).toEqual([2]);
    const nobody = plan([request("r1")], [artisan(1, { available: false })]);
    expect(nobody.late).toEqual([{ requestId: "r1", quantity: 1, reason: "no_skilled_artisan" }]);
  });

  it("an artisan away now starts the day after coming back", () => {
    const away = artisan(1, { caps: { [BEAD]: 7 }, qualityScore: 9900, awayFrom: "2025-03-01", awayUntil: "2025-03-09" });
    const p = plan([request("r1", { quantity: 2, dueDate: "2025-03-20" })], [away, artisan(2, { qualityScore: 8000 })]);
    // Works 03-10 and 03-11, at the hub 03-12.
    expect(p.assignments).toEqual([{ requestId: "r1", artisanId: 1, quantity: 2, readyBy: "2025-03-12" }]);
    const tooSoon = plan([request("r1", { quantity: 2, dueDate: "2025-03-08" })], [away, artisan(2, { qualityScore: 8000 })]);
    expect(tooSoon.assignments.map((a) => a.artisanId)).toEqual([2]);
  });

  it("an artisan leaving soon only gets what they can finish before they go", () => {
    const leaving = artisan(1, { caps: { [BEAD]: 7 }, qualityScore: 9900, awayFrom: "2025-03-07", awayUntil: "2025-03-20" });
    const p = plan(
      [request("r1", { quantity: 5, dueDate: "2025-03-28" })],
      [leaving, artisan(2, { caps: { [BEAD]: 2 }, qualityScore: 8000 })],
    );
    // 03-04, 03-05, 03-06 before leaving: 3 units; the rest goes to the next artisan.
    expect(p.assignments.map((a) => [a.artisanId, a.quantity, a.readyBy])).toEqual([
      [1, 3, "2025-03-07"],
      [2, 2, expect.any(String)],
    ]);
  });

  it("an absence that is over changes nothing", () => {
    const back = artisan(1, { caps: { [BEAD]: 7 }, awayFrom: "2025-02-01", awayUntil: "2025-03-02" });
    expect(plan([request("r1", { dueDate: "2025-03-05" })], [back]).assignments[0].readyBy).toBe("2025-03-05");
  });
});

describe("planDispatch: determinism and edges", () => {
  it("gives the same plan for the same input, whatever the artisans' order", () => {
    const input = syntheticDispatchInput({ units: 1_500, artisans: 200, seed: 3 });
    const a = planDispatch(input);
    const b = planDispatch(structuredClone(input));
    const reversed = planDispatch({ ...input, artisans: [...input.artisans].reverse() });
    expect(b).toEqual(a);
    expect(reversed).toEqual(a);
    expect(a.assignments.length).toBeGreaterThan(0);
  });

  it("does not modify its input", () => {
    const input = syntheticDispatchInput({ units: 300, artisans: 40, seed: 5 });
    const copy = structuredClone(input);
    planDispatch(input);
    expect(input).toEqual(copy);
  });

  it("plans nothing for empty inputs", () => {
    expect(plan([], [])).toEqual({ assignments: [], late: [] });
    expect(plan([], [artisan(1)])).toEqual({ assignments: [], late: [] });
    expect(plan([request("r1", { quantity: 4 })], [])).toEqual({
      assignments: [],
      late: [{ requestId: "r1", quantity: 4, reason: "no_skilled_artisan" }],
    });
  });

  it("rejects malformed input with a RangeError", () => {
    expect(() => plan([request("r1", { quantity: 0 })], [artisan(1)])).toThrow(RangeError);
    expect(() => plan([request("r1", { quantity: 1.5 })], [artisan(1)])).toThrow(RangeError);
    expect(() => plan([request("r1", { dueDate: "2025-02-30" })], [artisan(1)])).toThrow(RangeError);
    expect(() => plan([request("r1")], [artisan(1)], "3 March")).toThrow(RangeError);
    expect(() => plan([request("r1")], [artisan(1), artisan(1)])).toThrow(RangeError);
    expect(() => plan([request("r1"), request("r1")], [artisan(1)])).toThrow(RangeError);
    expect(() => plan([request("r1")], [artisan(1, { caps: { [BEAD]: [10, -1] } })])).toThrow(RangeError);
  });
});

describe("offers", () => {
  it("expire after 24 hours by default", () => {
    const now = new Date("2025-03-03T09:00:00Z");
    expect(offerExpiry(now).toISOString()).toBe("2025-03-04T09:00:00.000Z");
    expect(offerExpiry(now, 6).toISOString()).toBe("2025-03-03T15:00:00.000Z");
    expect(() => offerExpiry(now, 0)).toThrow(RangeError);
    const expires = offerExpiry(now);
    expect(isOfferExpired(expires, new Date("2025-03-04T08:59:59Z"))).toBe(false);
    expect(isOfferExpired(expires, new Date("2025-03-04T09:00:00Z"))).toBe(true);
  });
});

describe("earliestShipDate", () => {
  const skilled = [artisan(1, { caps: { [BEAD]: 14 } })];

  it("is the plan's last ready day plus a day at the hub", () => {
    // 14 a week = 2 a day: 14 units 03-04 … 03-10, at the hub 03-11, shipped 03-12.
    expect(earliestShipDate({ today: TODAY, skillIds: [BEAD], quantity: 14, artisans: skilled })).toBe("2025-03-12");
    expect(earliestShipDate({ today: TODAY, skillIds: [BEAD], quantity: 2, artisans: skilled })).toBe("2025-03-06");
    expect(earliestShipDate({ today: TODAY, skillIds: [BEAD], quantity: 2, artisans: skilled, hubDays: 3 })).toBe("2025-03-08");
  });

  it("depends on how busy the skilled artisans are", () => {
    const busy = [artisan(1, { caps: { [BEAD]: [14, 10] } })];
    expect(earliestShipDate({ today: TODAY, skillIds: [BEAD], quantity: 2, artisans: busy })).toBe("2025-03-11");
  });

  it("estimates beyond this week's capacity at the artisans' weekly rate", () => {
    // 14 this week (ready 03-11); the other 14 from 03-11 at 2 a day → made by 03-17, hub 03-18, shipped 03-19.
    expect(earliestShipDate({ today: TODAY, skillIds: [BEAD], quantity: 28, artisans: skilled })).toBe("2025-03-19");
    const more = [...skilled, artisan(2, { caps: { [BEAD]: 14 } })];
    expect(earliestShipDate({ today: TODAY, skillIds: [BEAD], quantity: 28, artisans: more })).toBe("2025-03-12");
  });

  it("is null when nobody can make the product", () => {
    expect(earliestShipDate({ today: TODAY, skillIds: [HORN], quantity: 1, artisans: skilled })).toBeNull();
    expect(earliestShipDate({ today: TODAY, skillIds: [BEAD], quantity: 1, artisans: [] })).toBeNull();
  });
});

describe("dates", () => {
  it("round-trips calendar days in UTC", () => {
    expect(fromDayNumber(toDayNumber("2024-02-29"))).toBe("2024-02-29");
    expect(addDays("2024-12-30", 3)).toBe("2025-01-02");
  });
});

describe("syntheticDispatchInput", () => {
  it("builds exactly the units and artisans asked for, the same for the same seed", () => {
    const a = syntheticDispatchInput({ units: 10_000, artisans: 1_300, seed: 42 });
    expect(a.artisans).toHaveLength(1_300);
    expect(a.requests.reduce((n, r) => n + r.quantity, 0)).toBe(10_000);
    expect(syntheticDispatchInput({ units: 10_000, artisans: 1_300, seed: 42 })).toEqual(a);
    expect(syntheticDispatchInput({ units: 10_000, artisans: 1_300, seed: 43 })).not.toEqual(a);
  });

  it("plans 10,000 units over 1,300 artisans (time logged; the bench holds the budget)", () => {
    const input = syntheticDispatchInput({ units: 10_000, artisans: 1_300, seed: 1 });
    const started = performance.now();
    const p = planDispatch(input);
    const ms = performance.now() - started;
    const planned = p.assignments.reduce((n, a) => n + a.quantity, 0) + p.late.reduce((n, l) => n + l.quantity, 0);
    console.log(`dispatch: ${input.requests.length} requests, 10,000 units, 1,300 artisans planned in ${ms.toFixed(1)} ms`);
    expect(planned).toBe(10_000);
  });
});
