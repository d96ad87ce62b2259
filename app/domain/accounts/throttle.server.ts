/**
 * The one throttle for every secret: staff, shopper and buyer passwords, the POS manager approval,
 * artisan PINs (app and USSD), password reset requests and SMS codes.
 *
 * An attempt is counted BEFORE the secret is checked, in one short transaction that locks each
 * counter's auth_throttles row (insert … on conflict do update takes the lock even for a new key):
 * N parallel requests are counted one after the other, so no more than the limit are ever checked.
 * A refused attempt is not counted, so waiting out the lock always works. Every app process shares
 * the rows. The rules are pure, in ./throttle-rules.ts.
 */
import { data } from "@remix-run/node";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { db, schema, type Executor, type Transaction } from "~/lib/db.server";
import {
  addressKey,
  afterSuccess,
  attempt,
  lockedUntil,
  release,
  retryAfterSeconds,
  settle,
  tryAgainIn,
  type ThrottleRule,
  type ThrottleState,
} from "./throttle-rules";

export { THROTTLES } from "./throttle-rules";

const { authThrottles } = schema;

/** One counter: a rule and the key it counts (an email, a phone, a client address). */
export type Counter = { rule: ThrottleRule; key: string };

/** The account counter, and the client address's when the server knows it (null in tests and for USSD). */
export function counters(account: Counter, address?: { rule: ThrottleRule; address: string | null | undefined }): Counter[] {
  return address?.address ? [account, { rule: address.rule, key: addressKey(address.address) }] : [account];
}

export type Gate =
  | { ok: true; counters: Counter[]; now: Date; failures: number; locksNow: boolean; lockedUntil: Date | null }
  | { ok: false; rule: ThrottleRule; lockedUntil: Date; now: Date };

/**
 * Counts one attempt against every counter, or refuses it (counting nothing) when any of them is
 * locked. `failures` and `lockedUntil` are the first counter's (the account's) after this attempt.
 */
export async function beginAttempt(list: Counter[], now = new Date()): Promise<Gate> {
  // Always the same order, so two requests locking the same two rows cannot deadlock.
  const sorted = [...list].sort((a, b) => (a.rule.scope === b.rule.scope ? cmp(a.key, b.key) : cmp(a.rule.scope, b.rule.scope)));
  return db.transaction(async (tx): Promise<Gate> => {
    const decisions = [];
    for (const counter of sorted) {
      const [row] = await tx
        .insert(authThrottles)
        .values({ scope: counter.rule.scope, key: counter.key, windowStartedAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [authThrottles.scope, authThrottles.key], set: { scope: sql`excluded.scope` } })
        .returning();
      decisions.push({ counter, decision: attempt(row, counter.rule, now) });
    }
    const refused = decisions.flatMap(({ counter, decision }) =>
      decision.allowed ? [] : [{ rule: counter.rule, lockedUntil: decision.lockedUntil }],
    );
    if (refused.length) {
      const longest = refused.reduce((a, b) => (b.lockedUntil > a.lockedUntil ? b : a));
      return { ok: false, ...longest, now };
    }
    for (const { counter, decision } of decisions) if (decision.allowed) await write(tx, counter, decision.state, now);
    const first = decisions.find((d) => d.counter === list[0])!.decision;
    if (!first.allowed) throw new Error("unreachable: refused attempts return above");
    return {
      ok: true,
      counters: list,
      now,
      failures: first.state.failures,
      locksNow: first.locksNow,
      lockedUntil: first.state.lockedUntil,
    };
  });
}

/** A right answer: clears the account's counter and takes back this attempt at the address's. */
export async function attemptSucceeded(gate: Extract<Gate, { ok: true }>, tx?: Transaction) {
  for (const counter of gate.counters) await update(counter, gate.now, (state) => afterSuccess(state, counter.rule, gate.now), tx);
}

/** The attempt asked nothing after all (no PIN set, an SMS not sent): takes it back everywhere. */
export async function attemptWithdrawn(gate: Extract<Gate, { ok: true }>) {
  for (const counter of gate.counters) await update(counter, gate.now, (state) => release(state, counter.rule, gate.now));
}

/** Forgets a key's counter (a new PIN set with an SMS code, a password reset). */
export async function clearCounter(executor: Executor, rule: ThrottleRule, key: string) {
  await executor.delete(authThrottles).where(and(eq(authThrottles.scope, rule.scope), eq(authThrottles.key, key)));
}

/** The counter as it stands (read only): for a screen that says "locked" before asking anything. */
export async function counterState(
  rule: ThrottleRule,
  key: string,
  now = new Date(),
): Promise<ThrottleState & { lockedUntil: Date | null; left: number }> {
  const [row] = await db
    .select()
    .from(authThrottles)
    .where(and(eq(authThrottles.scope, rule.scope), eq(authThrottles.key, key)));
  const state = settle(row ?? null, rule, now);
  return { ...state, lockedUntil: lockedUntil(state, now), left: Math.max(0, rule.maxFailures - state.failures) };
}

async function update(counter: Counter, now: Date, next: (state: ThrottleState) => ThrottleState | null, outer?: Transaction) {
  const where = and(eq(authThrottles.scope, counter.rule.scope), eq(authThrottles.key, counter.key));
  // Locked like the attempt itself, so a release never overwrites a count made meanwhile.
  const run = async (tx: Transaction) => {
    const [row] = await tx.select().from(authThrottles).where(where).for("update");
    if (!row) return;
    const state = next(row);
    if (state === null) await tx.delete(authThrottles).where(where);
    else await write(tx, counter, state, now);
  };
  await (outer ? run(outer) : db.transaction(run));
}

async function write(executor: Executor, counter: Counter, state: ThrottleState, now: Date) {
  await executor
    .update(authThrottles)
    .set({
      failures: state.failures,
      windowStartedAt: state.windowStartedAt,
      lockedUntil: state.lockedUntil,
      lockouts: state.lockouts,
      updatedAt: now,
    })
    .where(and(eq(authThrottles.scope, counter.rule.scope), eq(authThrottles.key, counter.key)));
}

function cmp(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Email + password forms (staff, shoppers, buyers): one refusal, one message.

export type SignInRefusal =
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; lockedUntil: Date; per: ThrottleRule["per"] };

/** The refusal of a sign-in whose gate said no. */
export function throttled(gate: Extract<Gate, { ok: false }>): Extract<SignInRefusal, { reason: "throttled" }> {
  return { ok: false, reason: "throttled", lockedUntil: gate.lockedUntil, per: gate.rule.per };
}

/** What a locked email + password form says: who is locked, and when to come back. */
export function throttledMessage(refusal: { lockedUntil: Date; per: ThrottleRule["per"] }, now = new Date()) {
  const who = refusal.per === "address" ? "from your network" : "for this email";
  return `Too many failed sign-in attempts ${who}. ${tryAgainIn(refusal.lockedUntil, now)}`;
}

/** The Retry-After header for a lock. */
export function retryAfter(until: Date, now = new Date()) {
  return { "Retry-After": String(retryAfterSeconds(until, now)) };
}

/**
 * A refused sign-in, as every email + password form answers it: 429 with when to come back (and a
 * Retry-After header) when throttled, else 401 and one generic message. The email is echoed back.
 */
export function refusedSignIn(refusal: SignInRefusal, email: string, wrongCredentials: string) {
  if (refusal.reason !== "throttled") {
    return data({ errors: {} as Record<string, string>, formError: wrongCredentials, email }, { status: 401 });
  }
  const now = new Date();
  return data(
    { errors: {} as Record<string, string>, formError: throttledMessage(refusal, now), email },
    { status: 429, headers: retryAfter(refusal.lockedUntil, now) },
  );
}

// ---------------------------------------------------------------------------------------------
// Housekeeping: a row untouched for two days says no more than no row (windows, locks and the
// escalation memory are all shorter), so it is deleted.

export const PRUNE_THROTTLES_TASK = "prune_auth_throttles" as const;
export const THROTTLE_CRONTAB = `30 3 * * * ${PRUNE_THROTTLES_TASK} ?jobKey=${PRUNE_THROTTLES_TASK}`;

export async function pruneThrottles(now = new Date()): Promise<number> {
  const gone = await db
    .delete(authThrottles)
    .where(lt(authThrottles.updatedAt, new Date(now.getTime() - 2 * 24 * 3600_000)))
    .returning({ scope: authThrottles.scope });
  return gone.length;
}

export const pruneThrottlesTask: Task = async () => {
  await pruneThrottles();
};
