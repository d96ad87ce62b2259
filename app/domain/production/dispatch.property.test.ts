import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  planDispatch,
  toDayNumber,
  type DispatchArtisan,
  type DispatchInput,
  type DispatchOptions,
  type DispatchPlan,
} from "./dispatch";

const TODAY = "2025-03-03";
const SKILLS = [1, 2, 3, 4];

const artisanArb = (id: number) =>
  fc
    .record({
      skills: fc.uniqueArray(
        fc.record({
          skillId: fc.constantFrom(...SKILLS),
          weeklyCapacity: fc.integer({ min: 0, max: 40 }),
          usedThisWeek: fc.integer({ min: 0, max: 45 }),
        }),
        { selector: (s) => s.skillId, maxLength: 4 },
      ),
      qualityScore: fc.integer({ min: 0, max: 10_000 }),
      recentIncome: fc.integer({ min: 0, max: 200_000 }),
      hubDistanceKm: fc.integer({ min: 0, max: 600 }),
      away: fc.option(fc.tuple(fc.integer({ min: -10, max: 20 }), fc.integer({ min: 0, max: 15 })), { freq: 4 }),
      // One artisan in ten is unavailable.
      unavailable: fc.integer({ min: 0, max: 9 }),
    })
    .map(
      ({ away, unavailable, ...rest }): DispatchArtisan => ({
        id,
        ...rest,
        available: unavailable > 0,
        awayFrom: away ? addDays(TODAY, away[0]) : null,
        awayUntil: away ? addDays(TODAY, away[0] + away[1]) : null,
      }),
    );

const inputArb: fc.Arbitrary<DispatchInput> = fc
  .integer({ min: 0, max: 12 })
  .chain((artisanCount) =>
    fc.record({
      artisans: fc.tuple(...Array.from({ length: artisanCount }, (_, i) => artisanArb(i + 1))),
      requests: fc.array(
        fc.record({
          quantity: fc.integer({ min: 1, max: 120 }),
          skillIds: fc.array(fc.constantFrom(...SKILLS), { maxLength: 3 }),
          dueIn: fc.integer({ min: -3, max: 35 }),
          pieceRate: fc.integer({ min: 0, max: 50_000 }),
          excludeArtisanIds: fc.array(fc.integer({ min: 1, max: Math.max(1, artisanCount) }), { maxLength: 3 }),
        }),
        { maxLength: 12 },
      ),
    }),
  )
  .map(({ artisans, requests }) => ({
    today: TODAY,
    artisans,
    requests: requests.map(({ dueIn, ...r }, i) => ({ id: `R${i}`, dueDate: addDays(TODAY, dueIn), ...r })),
  }));

const optionsArb: fc.Arbitrary<DispatchOptions> = fc.record({
  pickupDays: fc.integer({ min: 0, max: 3 }),
  qualityBandBp: fc.integer({ min: 1, max: 2_000 }),
  minChunk: fc.integer({ min: 1, max: 12 }),
});

const sum = (xs: Array<{ quantity: number }>) => xs.reduce((n, x) => n + x.quantity, 0);

function checkInvariants(input: DispatchInput, plan: DispatchPlan, pickupDays: number) {
  const artisans = new Map(input.artisans.map((a) => [a.id, a]));
  const requests = new Map(input.requests.map((r) => [r.id, r]));

  // Every unit planned exactly once: assignments + late = quantity, per request.
  for (const r of input.requests) {
    const assigned = plan.assignments.filter((a) => a.requestId === r.id);
    const late = plan.late.filter((l) => l.requestId === r.id);
    expect(late.length).toBeLessThanOrEqual(1);
    expect(sum(assigned) + sum(late)).toBe(r.quantity);
    // One chunk per artisan per request.
    expect(new Set(assigned.map((a) => a.artisanId)).size).toBe(assigned.length);
    if (late[0]?.reason === "no_skilled_artisan") expect(assigned).toEqual([]);
  }
  for (const x of [...plan.assignments, ...plan.late]) {
    expect(requests.has(x.requestId)).toBe(true);
    expect(Number.isInteger(x.quantity) && x.quantity > 0).toBe(true);
  }

  const load = new Map<string, number>();
  for (const a of plan.assignments) {
    const r = requests.get(a.requestId)!;
    const who = artisans.get(a.artisanId)!;
    // Only available, skilled, not-excluded artisans.
    expect(who.available).toBe(true);
    expect(r.excludeArtisanIds ?? []).not.toContain(who.id);
    for (const s of new Set(r.skillIds)) {
      const skill = who.skills.find((k) => k.skillId === s);
      expect(skill && skill.weeklyCapacity > 0).toBe(true);
      const key = `${who.id}:${s}`;
      load.set(key, (load.get(key) ?? 0) + a.quantity);
    }
    // Ready in time, and not before the artisan could have started.
    expect(a.readyBy <= r.dueDate).toBe(true);
    const start =
      who.awayUntil && who.awayUntil >= TODAY && (!who.awayFrom || who.awayFrom <= TODAY) ? addDays(who.awayUntil, 1) : addDays(TODAY, 1);
    expect(a.readyBy >= addDays(start, pickupDays)).toBe(true);
  }
  // Capacity never exceeded.
  for (const [key, planned] of load) {
    const [id, skillId] = key.split(":").map(Number);
    const skill = artisans.get(id)!.skills.find((k) => k.skillId === skillId)!;
    expect(skill.usedThisWeek + planned).toBeLessThanOrEqual(skill.weeklyCapacity);
  }
}

describe("planDispatch properties", () => {
  it("plans every unit exactly once, within capacity, skills, exclusions and due dates", () => {
    fc.assert(
      fc.property(inputArb, optionsArb, (input, options) => {
        checkInvariants(input, planDispatch(input, options), options.pickupDays ?? 1);
      }),
      { numRuns: 400 },
    );
  });

  it("is deterministic: same plan for a copy and for any order of artisans and requests", () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 1000 }), (input, rotation) => {
        const plan = planDispatch(input);
        const rotate = <T>(xs: T[]) => (xs.length ? [...xs.slice(rotation % xs.length), ...xs.slice(0, rotation % xs.length)] : xs);
        expect(planDispatch(structuredClone(input))).toEqual(plan);
        expect(planDispatch({ ...input, artisans: rotate(input.artisans).reverse(), requests: rotate(input.requests) })).toEqual(plan);
      }),
      { numRuns: 200 },
    );
  });

  it("leaves no feasible capacity unused: a lone request gets min(quantity, what skilled artisans can make in time)", () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 2 }), (input, pickupDays) => {
        fc.pre(input.requests.length > 0);
        const request = input.requests[0];
        const plan = planDispatch({ ...input, requests: [request] }, { pickupDays });
        // An independent reckoning of each artisan's room for this request.
        const today = toDayNumber(TODAY);
        const due = toDayNumber(request.dueDate);
        const skills = [...new Set(request.skillIds)];
        let room = 0;
        for (const a of input.artisans) {
          if (!a.available || skills.length === 0 || request.excludeArtisanIds?.includes(a.id)) continue;
          let start = today + 1;
          let until = Infinity;
          if (a.awayUntil && toDayNumber(a.awayUntil) >= today) {
            if (!a.awayFrom || toDayNumber(a.awayFrom) <= today) start = toDayNumber(a.awayUntil) + 1;
            else until = toDayNumber(a.awayFrom);
          }
          const days = Math.min(due - pickupDays + 1, until) - start;
          let own = Infinity;
          for (const s of skills) {
            const k = a.skills.find((x) => x.skillId === s);
            if (!k || k.weeklyCapacity === 0) own = 0;
            else own = Math.min(own, Math.min(k.weeklyCapacity, Math.floor((Math.max(0, days) * k.weeklyCapacity) / 7)) - k.usedThisWeek);
          }
          room += Math.max(0, own);
        }
        expect(sum(plan.assignments)).toBe(Math.min(request.quantity, room));
      }),
      { numRuns: 400 },
    );
  });
});
