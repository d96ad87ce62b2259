/**
 * Cache purging within one process, and the LISTEN that feeds it from every other.
 *
 * - While a request is answered, the code that loads what a page shows records purge keys
 *   (`recordPurgeKeys`) into the page's collector: the HTTP edge puts a fresh one in the load context
 *   (`context.purgeKeys`), the loaders of shareable pages hand it to the reads they make, and the
 *   keys go out as `Surrogate-Key`. Passed by hand, not kept in an AsyncLocalStorage: on Node 20 one
 *   of those turns on promise hooks for every promise of every request (~10% of a page's CPU).
 * - Caches subscribe with `onPurge`; `listenForPurges` LISTENs on PURGE_CHANNEL and hands every
 *   NOTIFY's keys to them. After the listening connection is re-made, everything is purged: a
 *   notification sent while it was down is lost.
 * - A load that started before a purge and ends after it must not be kept (it may have read the old
 *   rows): `purgeSequence()` before loading, `purgedSince(keys, seq)` before storing.
 *
 * The state lives on globalThis: the HTTP edge (app/server.ts) and the Remix build each bundle their
 * own copy of this module, and both must share one set of subscribers.
 */
import type postgres from "postgres";
import { PURGE_CHANNEL, parsePurgePayload } from "./purge-keys";

export type PurgeKeys = ReadonlySet<string> | "all";
type Subscriber = (keys: PurgeKeys) => void;

type State = {
  subscribers: Set<Subscriber>;
  sequence: number;
  /** The sequence number of the last purge of each key, and of the last purge of everything. */
  lastPurged: Map<string, number>;
  lastPurgedAll: number;
};

const g = globalThis as unknown as { __sokoPurge?: State };
g.__sokoPurge ??= {
  subscribers: new Set(),
  sequence: 0,
  lastPurged: new Map(),
  lastPurgedAll: 0,
};
const state: State = g.__sokoPurge;

/** The purge keys of the page being answered (`context.purgeKeys` in a loader). */
export type PurgeKeyCollector = Set<string>;

/** Adds keys to the page's collector (no-op without one: a read outside a page that collects them). */
export function recordPurgeKeys(into: PurgeKeyCollector | undefined, keys: Iterable<string>) {
  if (!into) return;
  for (const key of keys) into.add(key);
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
