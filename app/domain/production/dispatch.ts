/**
 * The dispatch engine: plans which artisans make which production units.
 *
 * Pure and deterministic: no I/O, no clock, no randomness. The same input gives the same plan,
 * whatever the order of the artisans in it. The rules, and why they are shaped this way, are in
 * docs/decisions/0003-dispatch-scoring.md. In short:
 *
 * - only available artisans holding EVERY skill a product needs; one unit consumes one unit of
 *   weekly capacity of each of those skills, and an artisan's remaining weekly capacity
 *   (weeklyCapacity − usedThisWeek − what this plan already gave them) is never exceeded;
 * - an artisan works through their queue (usedThisWeek + this plan) at weeklyCapacity/7 units a
 *   day from tomorrow (or the day after an absence), then a pickup day: `readyBy` must be on or before the due date (and before a planned absence);
 * - requests are planned earliest due date first; for each, artisans rank by quality band (higher
 *   first), then income (recent + earned in this plan; lower first), then distance to the Nairobi hub,
 *   then id; the best-ranked artisan who can take the whole request gets it, otherwise it is split
 *   into the largest feasible chunks, best-ranked first;
 * - what nobody can make in time comes back in `late`, with a reason: every unit appears exactly
 *   once in `assignments` + `late`.
 */

export type DispatchArtisanSkill = {
  skillId: number;
  /** Units of this skill's work the artisan can finish in a week (artisan_skills.weekly_capacity). */
  weeklyCapacity: number;
  /** Units of this skill already committed this week and not yet made (offered, accepted, in progress). */
  usedThisWeek: number;
};

export type DispatchArtisan = {
  id: number;
  skills: DispatchArtisanSkill[];
  /** QC pass rate in basis points, 0..10000 (artisans.quality_score). */
  qualityScore: number;
  /** Earnings over the last 30 days, KES minor units. */
  recentIncome: number;
  /** Road distance to the Nairobi hub (artisans.hub_distance_km). */
  hubDistanceKm: number;
  /** Pass `available && active`: an unavailable artisan gets nothing. */
  available: boolean;
  /** Planned absence, YYYY-MM-DD inclusive (artisans.away_from / away_until). */
  awayFrom?: string | null;
  awayUntil?: string | null;
};

export type DispatchRequestInput = {
  id: number | string;
  /** Units still to plan (> 0). */
  quantity: number;
  /** Every skill the product needs (product_skills); an artisan must hold all of them. */
  skillIds: number[];
  /** YYYY-MM-DD: the units must be ready at the hub by this day. */
  dueDate: string;
  /** KES minor units an artisan earns a unit; counts towards fairness within the plan. */
  pieceRate?: number;
  /** Artisans who declined or let an offer for this work expire: never offered it again. */
  excludeArtisanIds?: number[];
};

export type DispatchInput = {
  /** YYYY-MM-DD, the day the plan is made (pass it in: this module never reads the clock). */
  today: string;
  requests: DispatchRequestInput[];
  artisans: DispatchArtisan[];
};

export type DispatchOptions = {
  /** Days from "made" to "at the hub" (collection and transport). Default 1. */
  pickupDays?: number;
  /** Quality scores within the same band of this many basis points count as equal. Default 500. */
  qualityBandBp?: number;
  /** When splitting, prefer chunks of at least this many units (smaller ones only fill what is left). Default 1. */
  minChunk?: number;
};

export type DispatchAssignment = {
  requestId: number | string;
  artisanId: number;
  quantity: number;
  /** YYYY-MM-DD the units are expected at the hub. */
  readyBy: string;
};

export type LateReason =
  /** No available artisan (outside the excluded ones) holds every skill the product needs. */
  | "no_skilled_artisan"
  /** Skilled artisans exist but have no weekly capacity left. */
  | "no_capacity"
  /** Skilled artisans with capacity exist but cannot have it ready by the due date. */
  | "due_date";

export type DispatchLate = { requestId: number | string; quantity: number; reason: LateReason };

export type DispatchPlan = { assignments: DispatchAssignment[]; late: DispatchLate[] };

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD → days since 1970-01-01 (UTC calendar days; no time zones involved). */
export function toDayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Not a calendar date: "${date}"`);
  }
  return ms / DAY_MS;
}

// Plans format the same few dozen days thousands of times.
const dayStrings = new Map<number, string>();

export function fromDayNumber(day: number): string {
  let text = dayStrings.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayStrings.size > 20_000) dayStrings.clear();
    dayStrings.set(day, text);
  }
  return text;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** When an offer made at `now` lapses; an expired offer goes to the next artisan. */
export function offerExpiry(now: Date, hours = 24): Date {
  if (!(hours > 0) || !Number.isFinite(hours)) throw new RangeError("Offer validity must be a positive number of hours");
  return new Date(now.getTime() + hours * 3_600_000);
}

export function isOfferExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}

// ---------------------------------------------------------------------------------------------
// The planner

type SkillSlot = { cap: number; load: number };

type Worker = {
  id: number;
  band: number;
  income: number;
  distance: number;
  /** First working day. */
  start: number;
  /** Work must be finished by this day (the day before a planned absence), or Infinity. */
  workUntil: number;
  skills: Map<number, SkillSlot>;
};

type Candidate = { w: Worker; max: number };

/** True when `a` ranks before `b`: quality band, then lower income, then closer, then lower id. */
function ranksBefore(a: Worker, b: Worker): boolean {
  if (a.band !== b.band) return a.band > b.band;
  if (a.income !== b.income) return a.income < b.income;
  if (a.distance !== b.distance) return a.distance < b.distance;
  return a.id < b.id;
}

function compareIds(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function assertCount(value: number, what: string, min: number) {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${what} must be an integer ≥ ${min}, got ${value}`);
}

function buildWorker(a: DispatchArtisan, today: number, bandBp: number): Worker | null {
  if (!a.available) return null;
  assertCount(a.id, "artisan id", Number.MIN_SAFE_INTEGER);
  for (const [value, what] of [
    [a.qualityScore, "qualityScore"],
    [a.recentIncome, "recentIncome"],
    [a.hubDistanceKm, "hubDistanceKm"],
  ] as const) {
    if (!Number.isFinite(value)) throw new RangeError(`${what} of artisan ${a.id} must be a finite number`);
  }
  // Offers go out today; work starts tomorrow.
  let start = today + 1;
  let workUntil = Infinity;
  if (a.awayUntil) {
    const until = toDayNumber(a.awayUntil);
    const from = a.awayFrom ? toDayNumber(a.awayFrom) : -Infinity;
    if (until >= today) {
      // Away now: work starts the day after they return. Leaving later: work must be done before.
      if (from <= today) start = until + 1;
      else workUntil = from;
    }
  }
  const skills = new Map<number, SkillSlot>();
  for (const s of a.skills) {
    assertCount(s.weeklyCapacity, "weeklyCapacity", 0);
    assertCount(s.usedThisWeek, "usedThisWeek", 0);
    if (s.weeklyCapacity > 0) skills.set(s.skillId, { cap: s.weeklyCapacity, load: s.usedThisWeek });
  }
  if (skills.size === 0) return null;
  return {
    id: a.id,
    band: Math.floor(Math.max(0, a.qualityScore) / bandBp),
    income: a.recentIncome,
    distance: a.hubDistanceKm,
    start,
    workUntil,
    skills,
  };
}

/** First index in `list` (kept in rank order) whose worker does not rank before `w`. */
function rankIndex(list: Worker[], w: Worker): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranksBefore(list[mid], w)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Plans every unit of every request: each unit ends up exactly once in `assignments` or `late`. */
export function planDispatch(input: DispatchInput, options: DispatchOptions = {}): DispatchPlan {
  const pickupDays = options.pickupDays ?? 1;
  const bandBp = options.qualityBandBp ?? 500;
  const minChunk = options.minChunk ?? 1;
  assertCount(pickupDays, "pickupDays", 0);
  assertCount(bandBp, "qualityBandBp", 1);
  assertCount(minChunk, "minChunk", 1);
  const today = toDayNumber(input.today);

  // Per skill, the artisans who still have capacity for it, kept in rank order: a request walks the
  // list from the top and usually stops at the first artisan, so 10,000 units stay fast. An assigned
  // artisan only moves down (their income grew), by binary search. `all` never changes: it answers
  // "does anyone hold these skills at all?" for the late reason.
  const live = new Map<number, Worker[]>();
  const all = new Map<number, Worker[]>();
  const seen = new Set<number>();
  for (const a of input.artisans) {
    if (seen.has(a.id)) throw new RangeError(`Artisan ${a.id} appears twice`);
    seen.add(a.id);
    const w = buildWorker(a, today, bandBp);
    if (!w) continue;
    for (const [skillId, slot] of w.skills) {
      let list = all.get(skillId);
      if (!list) {
        list = [];
        all.set(skillId, list);
        live.set(skillId, []);
      }
      list.push(w);
      if (slot.load < slot.cap) live.get(skillId)!.push(w);
    }
  }
  const rankOrder = (a: Worker, b: Worker) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0);
  for (const list of live.values()) list.sort(rankOrder);

  const requestIds = new Set<number | string>();
  const requests = input.requests.map((r, index) => {
    if (requestIds.has(r.id)) throw new RangeError(`Request ${r.id} appears twice`);
    requestIds.add(r.id);
    assertCount(r.quantity, `quantity of request ${r.id}`, 1);
    if (r.pieceRate !== undefined) assertCount(r.pieceRate, `pieceRate of request ${r.id}`, 0);
    return { r, index, due: toDayNumber(r.dueDate), skills: [...new Set(r.skillIds)] };
  });
  // Earliest due date first, so urgent work gets capacity before work that can wait.
  requests.sort((a, b) => a.due - b.due || compareIds(a.r.id, b.r.id) || a.index - b.index);

  const assignments: DispatchAssignment[] = [];
  const late: DispatchLate[] = [];
  const candidates: Candidate[] = [];
  // A walk that found nobody for (skills, due date) finds nobody again until some assignment changes
  // the state: remembering it keeps a flood of hopeless requests from re-walking every artisan.
  let version = 0;
  const hopeless = new Map<string, { version: number; reason: LateReason }>();

  // Gives `quantity` units to c's artisan: capacity, income, their place in the ranked lists, the assignment.
  const book = (c: Candidate, quantity: number, requestId: number | string, skills: number[], pieceRate: number) => {
    const w = c.w;
    // Take w out of its lists at its current rank, update, and put it back where it now belongs.
    for (const [s, slot] of w.skills) {
      if (slot.load >= slot.cap) continue;
      const list = live.get(s)!;
      list.splice(rankIndex(list, w), 1);
    }
    let workDays = 0;
    for (const s of skills) {
      const slot = w.skills.get(s)!;
      slot.load += quantity;
      const d = Math.ceil((slot.load * 7) / slot.cap);
      if (d > workDays) workDays = d;
    }
    w.income += quantity * pieceRate;
    for (const [s, slot] of w.skills) {
      if (slot.load >= slot.cap) continue;
      const list = live.get(s)!;
      list.splice(rankIndex(list, w), 0, w);
    }
    c.max -= quantity;
    version++;
    assignments.push({
      requestId,
      artisanId: w.id,
      quantity,
      // They finish at the end of day start + workDays − 1; then pickup.
      readyBy: fromDayNumber(w.start + workDays - 1 + pickupDays),
    });
  };

  for (const { r, due, skills } of requests) {
    let remaining = r.quantity;
    const pieceRate = r.pieceRate ?? 0;
    const excluded = r.excludeArtisanIds?.length ? new Set(r.excludeArtisanIds) : null;
    const memoKey = excluded ? null : `${due}:${skills.join(",")}`;
    const known = memoKey === null ? undefined : hopeless.get(memoKey);
    if (known && known.version === version) {
      late.push({ requestId: r.id, quantity: remaining, reason: known.reason });
      continue;
    }
    candidates.length = 0;
    let timeBound = false;

    // Walk the shortest live list among the needed skills (every list is in the same rank order).
    let pool: Worker[] | undefined;
    for (const s of skills) {
      const list = live.get(s);
      if (!list) {
        pool = undefined;
        break;
      }
      if (!pool || list.length < pool.length) pool = list;
    }

    // The best-ranked artisan who can take the whole request; failing that, every feasible one in rank order.
    let whole: Candidate | null = null;
    if (pool) {
      for (const w of pool) {
        if (excluded?.has(w.id)) continue;
        // Working days available: up to the due date less pickup, and before a planned absence.
        const days = Math.min(due - pickupDays + 1, w.workUntil) - w.start;
        let capFree = Infinity;
        let max = Infinity;
        let lacksSkill = false;
        for (const s of skills) {
          const slot = w.skills.get(s);
          if (!slot) {
            lacksSkill = true;
            break;
          }
          // In `days` days they get through floor(days·cap/7) units of their queue.
          const byTime = days > 0 ? Math.floor((days * slot.cap) / 7) : 0;
          capFree = Math.min(capFree, slot.cap - slot.load);
          max = Math.min(max, Math.min(slot.cap, byTime) - slot.load);
        }
        if (lacksSkill || capFree <= 0) continue;
        // Capacity left, but the deadline lets them use less of it.
        if (max < capFree) timeBound = true;
        if (max <= 0) continue;
        const c = { w, max };
        if (max >= remaining) {
          whole = c;
          break;
        }
        candidates.push(c);
      }
    }

    const assign = (c: Candidate, quantity: number) => {
      book(c, quantity, r.id, skills, pieceRate);
      remaining -= quantity;
    };
    if (whole) {
      assign(whole, remaining);
    } else {
      // Nobody can take it all: split into the largest feasible chunks, best-ranked first
      // (chunks under minChunk only fill what is left after that).
      for (const c of candidates) {
        if (remaining === 0) break;
        const take = Math.min(c.max, remaining);
        if (take >= minChunk || take === remaining) assign(c, take);
      }
      for (const c of candidates) {
        if (remaining === 0) break;
        if (c.max > 0) assign(c, Math.min(c.max, remaining));
      }
    }

    if (remaining > 0) {
      const reason = lateReason(skills, all, excluded, timeBound);
      late.push({ requestId: r.id, quantity: remaining, reason });
      if (memoKey !== null && remaining === r.quantity) hopeless.set(memoKey, { version, reason });
    }
  }

  return { assignments, late };
}

function lateReason(skills: number[], all: Map<number, Worker[]>, excluded: Set<number> | null, timeBound: boolean): LateReason {
  if (skills.length === 0) return "no_skilled_artisan";
  const lists = skills.map((s) => all.get(s));
  if (lists.some((l) => !l)) return "no_skilled_artisan";
  const shortest = lists.reduce((a, b) => (b!.length < a!.length ? b : a))!;
  const anySkilled = shortest.some((w) => !excluded?.has(w.id) && skills.every((s) => w.skills.has(s)));
  if (!anySkilled) return "no_skilled_artisan";
  return timeBound ? "due_date" : "no_capacity";
}

// ---------------------------------------------------------------------------------------------
// Helpers for the rest of the factory

/**
 * Re-offering after a decline or an expired offer: plans one request again without the artisans who
 * already passed on it. The caller passes usedThisWeek without the declined offer's units.
 */
export function nextArtisansFor(
  args: { today: string; request: DispatchRequestInput; artisans: DispatchArtisan[]; excluded: Iterable<number> },
  options?: DispatchOptions,
): DispatchPlan {
  const excludeArtisanIds = [...new Set([...(args.request.excludeArtisanIds ?? []), ...args.excluded])];
  return planDispatch({ today: args.today, requests: [{ ...args.request, excludeArtisanIds }], artisans: args.artisans }, options);
}

/**
 * The earliest day the hub could ship `quantity` units of a product needing `skillIds`, from the
 * artisans' actual capacity (a plan, not a constant). What fits in this week's remaining capacity is
 * planned exactly; any overflow is estimated at the skilled artisans' full weekly capacity from the
 * next week on. Null when nobody available holds the skills.
 */
export function earliestShipDate(
  args: {
    today: string;
    skillIds: number[];
    quantity: number;
    artisans: DispatchArtisan[];
    /** Days at the hub for QC and packing before it ships. Default 1. */
    hubDays?: number;
  },
  options: DispatchOptions = {},
): string | null {
  const hubDays = args.hubDays ?? 1;
  assertCount(hubDays, "hubDays", 0);
  const pickupDays = options.pickupDays ?? 1;
  const horizon = addDays(args.today, 3650);
  const plan = planDispatch(
    {
      today: args.today,
      requests: [{ id: "quote", quantity: args.quantity, skillIds: args.skillIds, dueDate: horizon }],
      artisans: args.artisans,
    },
    options,
  );
  let ready = -Infinity;
  for (const a of plan.assignments) ready = Math.max(ready, toDayNumber(a.readyBy));
  const overflow = plan.late.reduce((n, l) => n + l.quantity, 0);
  if (overflow > 0) {
    const skills = [...new Set(args.skillIds)];
    const today = toDayNumber(args.today);
    let weekly = 0;
    let start = Infinity;
    for (const a of args.artisans) {
      if (!a.available || skills.length === 0) continue;
      let rate = Infinity;
      for (const s of skills) {
        const slot = a.skills.find((k) => k.skillId === s);
        rate = Math.min(rate, slot ? slot.weeklyCapacity : 0);
      }
      if (!(rate > 0)) continue;
      weekly += rate;
      const back = a.awayUntil && toDayNumber(a.awayUntil) >= today ? toDayNumber(a.awayUntil) + 1 : today;
      // This week is days today+1 … today+7; the overflow starts the week after.
      start = Math.min(start, Math.max(back, today + 8));
    }
    if (weekly === 0) return null;
    ready = Math.max(ready, start + Math.ceil((overflow * 7) / weekly) - 1 + pickupDays);
  }
  return fromDayNumber(ready + hubDays);
}

// ---------------------------------------------------------------------------------------------
// A deterministic synthetic input, for the bench and the performance test

/** mulberry32: a tiny seeded PRNG, so synthetic data is the same on every machine. */
function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A realistic plan input of exactly `units` units over `artisans` artisans: mostly small web orders,
 * some wholesale quantities of 50–300, products needing one or two of `skills` skills.
 */
export function syntheticDispatchInput({
  units,
  artisans,
  seed = 1,
  skills = 8,
  today = "2025-03-03",
}: {
  units: number;
  artisans: number;
  seed?: number;
  skills?: number;
  today?: string;
}): DispatchInput {
  const rand = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const todayDay = toDayNumber(today);

  const people: DispatchArtisan[] = [];
  for (let id = 1; id <= artisans; id++) {
    const count = int(1, 3);
    const held = new Set<number>();
    while (held.size < Math.min(count, skills)) held.add(int(1, skills));
    const away = rand() < 0.05;
    people.push({
      id,
      skills: [...held].map((skillId) => {
        const weeklyCapacity = int(10, 60);
        return { skillId, weeklyCapacity, usedThisWeek: int(0, Math.floor(weeklyCapacity / 2)) };
      }),
      qualityScore: int(7000, 10000),
      recentIncome: int(0, 50_000) * 100,
      hubDistanceKm: int(2, 600),
      available: rand() > 0.03,
      awayFrom: away ? fromDayNumber(todayDay - int(0, 5)) : null,
      awayUntil: away ? fromDayNumber(todayDay + int(1, 14)) : null,
    });
  }

  const requests: DispatchRequestInput[] = [];
  let left = units;
  for (let id = 1; left > 0; id++) {
    const quantity = Math.min(left, rand() < 0.04 ? int(50, 300) : int(1, 12));
    left -= quantity;
    const first = int(1, skills);
    const skillIds = rand() < 0.3 && skills > 1 ? [first, (first % skills) + 1] : [first];
    requests.push({
      id,
      quantity,
      skillIds,
      dueDate: fromDayNumber(todayDay + int(2, 42)),
      pieceRate: int(2, 40) * 1000,
      excludeArtisanIds: rand() < 0.02 ? [int(1, artisans)] : undefined,
    });
  }
  return { today, requests, artisans: people };
}
