/**
 * A memo for catalog reads, purged by key (docs/decisions/0015-cache-purge.md). Each load returns
 * its value and the purge keys of what it read (`product:12`, `maker:7`, `catalog`…); a purge of
 * any of those keys, from this process or another (PostgreSQL NOTIFY), drops the entry. The expiry
 * is only a safety net. A hit or a miss records the entry's keys in the page's collector (`into`,
 * the loader's `context.purgeKeys`), so the page cache and `Surrogate-Key` know them too. Per process and disposable: nothing correct depends on it
 * (the cart and checkout always read stock fresh). Concurrent misses for one key share a single
 * load; failed loads, and loads overtaken by a purge of their keys, are not kept.
 */
import { isPurgedBy } from "~/lib/purge-keys";
import { onPurge, purgeSequence, purgedSince, recordPurgeKeys, type PurgeKeyCollector } from "~/lib/purge.server";

export type Tagged<V> = { value: V; keys: string[] };

export type TaggedCache<V> = {
  get(key: string, load: () => Promise<Tagged<V>>, into?: PurgeKeyCollector): Promise<V>;
  clear(): void;
  readonly size: number;
};

type Entry<V> = { expires: number; loaded: Promise<Tagged<V>>; keys: string[] | null };

export function createTaggedCache<V>({
  ttlMs,
  maxEntries = 2000,
  now = Date.now,
}: {
  ttlMs: () => number;
  maxEntries?: number;
  now?: () => number;
}): TaggedCache<V> {
  const entries = new Map<string, Entry<V>>();
  const answer = (loaded: Promise<Tagged<V>>, into: PurgeKeyCollector | undefined) =>
    loaded.then(({ value, keys }) => {
      recordPurgeKeys(into, keys);
      return value;
    });

  onPurge((purged) => {
    if (purged === "all") return entries.clear();
    // An entry still loading has no keys yet: it is checked against the purge when it lands.
    for (const [key, entry] of entries) if (entry.keys && isPurgedBy(entry.keys, purged)) entries.delete(key);
  });

  return {
    get(key, load, into) {
      const ttl = ttlMs();
      if (ttl <= 0) return answer(load(), into);
      const at = now();
      const hit = entries.get(key);
      if (hit && hit.expires > at) return answer(hit.loaded, into);
      if (hit) entries.delete(key);
      const sequence = purgeSequence();
      const loaded = load();
      const entry: Entry<V> = { expires: at + ttl, loaded, keys: null };
      entries.set(key, entry);
      loaded.then(
        ({ keys }) => {
          entry.keys = keys;
          if (purgedSince(keys, sequence) && entries.get(key) === entry) entries.delete(key);
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      // Map keeps insertion order: drop the oldest when full.
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return answer(loaded, into);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
