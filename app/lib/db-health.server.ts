/**
 * Whether this process can reach PostgreSQL right now, as its own queries found it.
 *
 * A query that fails because the database is out of reach (`isDatabaseUnavailable`) is reported here
 * (`noteDatabaseFailure`: Remix's handleError, the HTTP edge); the database is then "away" until a
 * probe (`select 1` through the app's own pool, every half second, each given a second) answers. While
 * it is away the HTTP edge answers 503 at once instead of letting each request queue for a
 * connection. The state lives on globalThis: the HTTP edge (app/server.ts) and the Remix build each
 * bundle their own copy of this module, and both must see one answer.
 */
import { FAILURE_WINDOW_MS, isDatabaseUnavailable } from "./db-health";

type State = {
  away: boolean;
  /** When a failure was last reported (ms, performance.now()). */
  lastFailure: number;
  since: number;
  probing: boolean;
  probe: (() => Promise<unknown>) | null;
  /** Called each time the database is reachable again after being away. */
  onBack: Set<() => void>;
};

const g = globalThis as unknown as { __sokoDbHealth?: State };
g.__sokoDbHealth ??= { away: false, lastFailure: Number.NEGATIVE_INFINITY, since: 0, probing: false, probe: null, onBack: new Set() };
const state: State = g.__sokoDbHealth;

const PROBE_EVERY_MS = 500;
const PROBE_TIMEOUT_MS = 1_000;

/** Sets how the database is probed (app/server.ts: `select 1` through the pool). */
export function watchDatabase(probe: () => Promise<unknown>) {
  state.probe = probe;
}

/** Runs `callback` each time the database answers again after it was away; the returned function stops. */
export function onDatabaseBack(callback: () => void): () => void {
  state.onBack.add(callback);
  return () => state.onBack.delete(callback);
}

export function databaseAway(): boolean {
  return state.away;
}

/** Whether an answer that failed just now is put down to the database (away, or a connection lost moments ago). */
export function failedForDatabase(): boolean {
  return state.away || performance.now() - state.lastFailure < FAILURE_WINDOW_MS;
}

/** Reports an error; true when it says the database is out of reach (then probing starts). */
export function noteDatabaseFailure(error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  state.lastFailure = performance.now();
  // Without a probe (no HTTP edge in this process) nothing could say it is back: only the moment is kept.
  if (!state.away && state.probe) {
    state.away = true;
    state.since = Date.now();
    console.error(`The database is out of reach (${summary(error)}): answering 503 until it is back.`);
  }
  void probeUntilBack();
  return true;
}

async function probeUntilBack() {
  if (state.probing || !state.probe) return;
  state.probing = true;
  try {
    while (state.away) {
      const answered = await Promise.race([
        state.probe().then(
          () => true,
          () => false,
        ),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref()),
      ]);
      if (answered) {
        state.away = false;
        console.error(`The database answers again after ${((Date.now() - state.since) / 1000).toFixed(1)} s.`);
        for (const callback of state.onBack) {
          try {
            callback();
          } catch (error) {
            console.error("database-back callback failed:", error);
          }
        }
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS).unref());
    }
  } finally {
    state.probing = false;
  }
}

function summary(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string") return `${code}${typeof message === "string" ? `: ${message}` : ""}`;
    current = (current as { cause?: unknown }).cause;
  }
  return String(error);
}
