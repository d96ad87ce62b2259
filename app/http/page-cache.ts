/**
 * A shared cache for catalog pages, the way a CDN in front of the app would keep them: only 200
 * responses that declare `s-maxage`, served stale while one re-render runs in the background. What
 * is kept is rendered without cookies; each visitor's own bits are put in per answer
 * (page-cache-front.ts, docs/decisions/0018-personal-bits-stitched.md).
 * Each page keeps the purge keys it was rendered with (its `Surrogate-Key`); `purge` drops every page
 * tagged with one of them at once, never served stale (docs/decisions/0015-cache-purge.md). Per
 * process and bounded; set PAGE_CACHE=false to turn it off.
 */
import { isPurgedBy, parsePurgePayload } from "~/lib/purge-keys";

export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  storedAt: number;
  maxAgeMs: number;
  staleMs: number;
  /** The CSP nonce the page's inline scripts were rendered with: every answer from this entry states it. */
  nonce?: string;
  /** Purge keys of what the page shows (its Surrogate-Key). */
  keys?: string[];
};

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly inFlight = new Map<string, Promise<CachedPage | null>>();
  /** Purges counted, and the count at the last purge of each key (a render they overtook is not kept). */
  private purges = 0;
  private lastPurgeOfAll = 0;
  private readonly lastPurge = new Map<string, number>();

  constructor(
    private readonly maxEntries = 5000,
    private readonly now: () => number = Date.now,
    private readonly jitter: () => number = Math.random,
  ) {}

  /**
   * `s-maxage` and `stale-while-revalidate` in ms, or null when the response must not be shared.
   * `Surrogate-Control` (addressed to a cache that is purged, like this one) overrides both.
   */
  static sharedLifetime(status: number, headers: Headers): { maxAgeMs: number; staleMs: number } | null {
    if (status !== 200 || headers.has("set-cookie")) return null;
    const cc = headers.get("cache-control") ?? "";
    if (!/\bpublic\b/.test(cc) || /\b(private|no-store)\b/.test(cc)) return null;
    const sMaxAge = /s-maxage=(\d+)/.exec(cc);
    if (!sMaxAge) return null;
    const swr = /stale-while-revalidate=(\d+)/.exec(cc);
    const surrogate = headers.get("surrogate-control") ?? "";
    const surrogateMaxAge = /(?:^|[\s,])max-age=(\d+)/.exec(surrogate);
    const surrogateSwr = /stale-while-revalidate=(\d+)/.exec(surrogate);
    return {
      maxAgeMs: Number(surrogateMaxAge?.[1] ?? sMaxAge[1]) * 1000,
      staleMs: Number(surrogateSwr?.[1] ?? swr?.[1] ?? 0) * 1000,
    };
  }

  /** The purge keys a response declares (`Surrogate-Key`). */
  static surrogateKeys(headers: Headers): string[] {
    return parsePurgePayload(headers.get("surrogate-key") ?? "");
  }

  /** Drops every page tagged with one of `keys` ("all": every page); renders in flight are not kept. */
  purge(keys: ReadonlySet<string> | "all") {
    this.purges += 1;
    // A request arriving now must not join a render that began before the change.
    this.inFlight.clear();
    if (keys === "all") {
      this.lastPurgeOfAll = this.purges;
      this.entries.clear();
      return;
    }
    for (const key of keys) this.lastPurge.set(key, this.purges);
    for (const [url, entry] of this.entries) if (isPurgedBy(entry.keys ?? [], keys)) this.entries.delete(url);
  }

  /** The page for `key` when it is fresh (no refresh due): what a hit can be answered with at once. */
  fresh(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    return entry && this.now() - entry.storedAt <= entry.maxAgeMs ? entry : undefined;
  }

  /**
   * The page for `key`: fresh from the cache, stale while `render` refreshes it, or rendered now
   * (one render per key at a time). Null when the response is not cacheable: render it normally.
   */
  async get(key: string, render: () => Promise<CachedPage | null>): Promise<{ page: CachedPage; hit: "HIT" | "STALE" | "MISS" } | null> {
    const entry = this.entries.get(key);
    const age = entry ? this.now() - entry.storedAt : Infinity;
    if (entry && age <= entry.maxAgeMs) return { page: entry, hit: "HIT" };
    if (entry && age <= entry.maxAgeMs + entry.staleMs) {
      void this.refresh(key, render);
      return { page: entry, hit: "STALE" };
    }
    const page = await this.refresh(key, render);
    return page ? { page, hit: "MISS" } : null;
  }

  private refresh(key: string, render: () => Promise<CachedPage | null>) {
    let pending = this.inFlight.get(key);
    if (!pending) {
      const purgesBefore = this.purges;
      pending = render()
        .then((page) => {
          if (page && !this.purgedSince(page.keys ?? [], purgesBefore)) this.store(key, page);
          else this.entries.delete(key);
          return page;
        })
        .catch(() => null)
        .finally(() => {
          if (this.inFlight.get(key) === pending) this.inFlight.delete(key);
        });
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** The render may have read rows a purge since then said changed: answer with it, but do not keep it. */
  private purgedSince(keys: string[], purges: number) {
    return this.lastPurgeOfAll > purges || keys.some((k) => (this.lastPurge.get(k) ?? 0) > purges);
  }

  private store(key: string, page: CachedPage) {
    this.entries.delete(key);
    // Pages cached together would all go stale together; spread their refreshes over ±20%.
    this.entries.set(key, { ...page, maxAgeMs: Math.round(page.maxAgeMs * (0.8 + 0.4 * this.jitter())) });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size() {
    return this.entries.size;
  }
}
