/**
 * Who could take a production request over, in the dispatch engine's own order (docs/decisions/0003):
 * the engine is asked again and again, each time without the artisans it already named, so the list
 * follows its ranking exactly. First those who can have it ready by the due date, then, for work that
 * is already late, those with capacity who would finish later. Pure.
 */
import { addDays, planDispatch, type DispatchArtisan } from "./dispatch";

export type CandidateRequest = { quantity: number; skillIds: number[]; dueDate: string; pieceRate: number; excludeArtisanIds: number[] };

export type Candidate = {
  artisanId: number;
  /** Units of the request the engine would give them now (all of it, or the part they have capacity for). */
  quantity: number;
  /** YYYY-MM-DD the engine expects the units at the hub. */
  readyBy: string;
  /** Ready by the due date. */
  inTime: boolean;
  /** Units of weekly capacity left for this product's skills (the smallest over the skills it needs). */
  remainingCapacity: number;
};

/** How far past the due date to look for artisans who would be late but can do the work. */
const LATE_HORIZON_DAYS = 60;

export function rankCandidates(input: {
  today: string;
  request: CandidateRequest;
  artisans: DispatchArtisan[];
  limit?: number;
}): Candidate[] {
  const limit = input.limit ?? 10;
  const { request } = input;
  if (!request.skillIds.length || request.quantity < 1) return [];
  const byId = new Map(input.artisans.map((a) => [a.id, a]));
  const named = new Set<number>(request.excludeArtisanIds);
  const out: Candidate[] = [];

  const walk = (dueDate: string, inTime: boolean) => {
    while (out.length < limit) {
      const plan = planDispatch({
        today: input.today,
        artisans: input.artisans,
        requests: [
          {
            id: 0,
            quantity: request.quantity,
            skillIds: request.skillIds,
            dueDate,
            pieceRate: request.pieceRate,
            excludeArtisanIds: [...named],
          },
        ],
      });
      if (!plan.assignments.length) return;
      for (const a of plan.assignments) {
        if (out.length >= limit) break;
        named.add(a.artisanId);
        const artisan = byId.get(a.artisanId)!;
        const remainingCapacity = Math.min(
          ...request.skillIds.map((id) => {
            const skill = artisan.skills.find((s) => s.skillId === id);
            return skill ? skill.weeklyCapacity - skill.usedThisWeek : 0;
          }),
        );
        out.push({
          artisanId: a.artisanId,
          quantity: a.quantity,
          readyBy: a.readyBy,
          inTime: inTime && a.readyBy <= request.dueDate,
          remainingCapacity,
        });
      }
    }
  };

  walk(request.dueDate, true);
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers
  const horizon = addDays(request.dueDate > input.today ? request.dueDate : input.today, LATE_HORIZON_DAYS);
  walk(horizon, false);
  return out;
}
