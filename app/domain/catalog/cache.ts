/**
 * A small time-boxed memo for catalog reads. The catalog changes rarely and is read constantly, so a few
 * seconds of staleness buys most page views with no query at all. It is per process and disposable:
 * nothing correct depends on it (the cart and checkout always read stock fresh). Concurrent misses for
 * one key share a single load, and failed loads are not kept.
 */
export type TtlCache<V> = {
  get(key: string, load: () => Promise<V>): Promise<V>;
  clear(): void;
  readonly size: number;
};

export function createTtlCache<V>({
  ttlMs,
  maxEntries = 2000,
  now = Date.now,
}: {
  ttlMs: () => number;
  maxEntries?: number;
  now?: () => number;
}): TtlCache<V> {
  const entries = new Map<string, { expires: number; value: Promise<V> }>();
  return {
    get(key, load) {
      const ttl = ttlMs();
      if (ttl <= 0) return load();
      const at = now();
      const hit = entries.get(key);
      if (hit && hit.expires > at) return hit.value;
      if (hit) entries.delete(key);
      const value = load();
      entries.set(key, { expires: at + ttl, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      // Map keeps insertion order: drop the oldest when full.
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
