/**
 * Cache purging within one process, and the LISTEN that feeds it from every other.
 *
 * - While a request is answered, the code that loads what a page shows records purge keys
 *   (`recordPurgeKeys`); the HTTP edge collects them (`collectPurgeKeys`) into `Surrogate-Key`.
 * - Caches subscribe with `onPurge`; `listenForPurges` LISTENs on PURGE_CHANNEL and hands every
 *   NOTIFY's keys to them. After the listening connection is re-made, everything is purged: a
 *   notification sent while it was down is lost.
 * - A load that started before a purge and ends after it must not be kept (it may have read the old
 *   rows): `purgeSequence()` before loading, `purgedSince(keys, seq)` before storing.
 *
 * The state lives on globalThis: the HTTP edge (app/server.ts) and the Remix build each bundle their
 * own copy of this module, and both must share one request scope and one set of subscribers.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type postgres from "postgres";
import { PURGE_CHANNEL, parsePurgePayload } from "./purge-keys";

export type PurgeKeys = ReadonlySet<string> | "all";
type Subscriber = (keys: PurgeKeys) => void;

type State = {
  scope: AsyncLocalStorage<Set<string>>;
  subscribers: Set<Subscriber>;
  sequence: number;
  /** The sequence number of the last purge of each key, and of the last purge of everything. */
  lastPurged: Map<string, number>;
  lastPurgedAll: number;
};

const g = globalThis as unknown as { __sokoPurge?: State };
g.__sokoPurge ??= {
  scope: new AsyncLocalStorage<Set<string>>(),
  subscribers: new Set(),
  sequence: 0,
  lastPurged: new Map(),
  lastPurgedAll: 0,
};
const state: State = g.__sokoPurge;

/** Adds keys to the page being rendered now (no-op outside a request that collects them). */
export function recordPurgeKeys(keys: Iterable<string>) {
  const collected = state.scope.getStore();
  if (!collected) return;
  for (const key of keys) collected.add(key);
}

/** Runs `fn` with a fresh key collector; the keys recorded while it ran come back beside its result. */
export async function collectPurgeKeys<T>(fn: () => Promise<T>): Promise<{ result: T; keys: Set<string> }> {
  const keys = new Set<string>();
  const result = await state.scope.run(keys, fn);
  return { result, keys };
}

export function onPurge(subscriber: Subscriber): () => void {
  state.subscribers.add(subscriber);
  return () => state.subscribers.delete(subscriber);
}

/** Purges this process's caches now. */
export function purgeLocally(keys: PurgeKeys) {
  state.sequence += 1;
  if (keys === "all") state.lastPurgedAll = state.sequence;
  else for (const key of keys) state.lastPurged.set(key, state.sequence);
  for (const subscriber of state.subscribers) {
    try {
      subscriber(keys);
    } catch (error) {
      console.error("cache purge subscriber failed:", error);
    }
  }
}

export function purgeSequence(): number {
  return state.sequence;
}

/** Whether any of `keys` (or everything) was purged after `sequence` was read. */
export function purgedSince(keys: Iterable<string>, sequence: number): boolean {
  if (state.lastPurgedAll > sequence) return true;
  for (const key of keys) if ((state.lastPurged.get(key) ?? 0) > sequence) return true;
  return false;
}

/**
 * LISTENs on PURGE_CHANNEL on its own connection (postgres.js re-makes it and listens again after a
 * drop). Resolves once listening; the returned function stops.
 */
export async function listenForPurges(sql: postgres.Sql): Promise<() => Promise<void>> {
  let listens = 0;
  const { unlisten } = await sql.listen(
    PURGE_CHANNEL,
    (payload) => {
      const keys = parsePurgePayload(payload);
      if (keys.length) purgeLocally(new Set(keys));
    },
    () => {
      // The first listen starts with empty caches; a re-listen follows a gap with no notifications.
      listens += 1;
      if (listens > 1) purgeLocally("all");
    },
  );
  return unlisten;
}
